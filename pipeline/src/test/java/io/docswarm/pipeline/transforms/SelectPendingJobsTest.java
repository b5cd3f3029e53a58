package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.spec.BucketPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class SelectPendingJobsTest {

    @TempDir
    Path bucket;

    @Test
    void aSkillOfTheWrongKindIsRefusedAtItsField(TestPipeline pipeline) throws Exception {
        Path spec = Files.createDirectories(bucket.resolve("jobs")).resolve("mismatch.json");
        Files.writeString(spec, """
                {"id": "mismatch", "title": "T", "brief": "B",
                 "deliverables": [{"format": "pdf"}, {"format": "docx", "skill": "deck"}],
                 "sources": [{"text": "Inline text for the job."}]}""");
        ParsedSpec parsed = new JobSpecReader(new BucketPaths(bucket)).read(spec);
        PCollectionTuple result = pipeline.apply(Create.of(List.of(parsed)))
                .apply(new SelectPendingJobs(bucket.toString(), bucket.resolve("out").toString(), "grounded"));
        String root = bucket.toString();
        PAssert.that(result.get(SelectPendingJobs.PENDING)).empty();
        PAssert.that(result.get(Failures.TAG)).satisfies(failures -> {
            FailureReport failure = failures.iterator().next();
            assertEquals("jobs/mismatch.json", failure.specFile());
            assertEquals("validate", failure.stage());
            assertEquals("jobs/mismatch.json: $.deliverables[1].skill: skill 'deck' is a deck (pptx) skill, "
                    + "not usable for docx", failure.reason());
            FailureReport.Problem problem = failure.errors().getFirst();
            assertEquals("$.deliverables[1].skill", problem.path());
            assertEquals("skill", problem.field());
            assertFalse(failure.reason().contains(root));
            return null;
        });
        pipeline.run().waitUntilFinish();
    }
}
