package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.spec.BucketPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.skills.SkillLibrary;
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

/** A source or data file that cannot be loaded fails its job with the spec field's JSON path, not a raw error. */
@ExtendWith(TestPipelineExtension.class)
class PrepareJobsInputsTest {

    @TempDir
    Path bucket;

    @Test
    void anUnreadableSourceNamesItsFieldAndBucketPath(TestPipeline pipeline) throws Exception {
        Files.createDirectories(bucket.resolve("sources"));
        Files.writeString(bucket.resolve("sources/notes.md"), "Some notes about the quarter.\n");
        Files.write(bucket.resolve("sources/binary.pdf"), new byte[] {'%', 'P', 'D', 'F', 0, 1, 2});
        Path spec = Files.createDirectories(bucket.resolve("jobs")).resolve("broken.json");
        Files.writeString(spec, """
                {"id": "broken", "title": "T", "brief": "B", "deliverables": [{"format": "docx"}],
                 "sources": [{"path": "../sources/notes.md"}, {"path": "../sources/binary.pdf"}]}""");
        ParsedSpec parsed = new JobSpecReader(new BucketPaths(bucket)).read(spec);
        PCollectionTuple result = pipeline
                .apply(Create.of(List.of(new Elements.PendingJob(parsed,
                        List.of(SkillLibrary.builtInsOnly().resolve("report"))))))
                .apply(new PrepareJobs(bucket.toString()));
        String root = bucket.toRealPath().toString();
        PAssert.that(result.get(PrepareJobs.PREPARED)).empty();
        PAssert.that(result.get(Failures.TAG)).satisfies(failures -> {
            FailureReport failure = failures.iterator().next();
            assertEquals("prepare", failure.stage());
            assertEquals(true, failure.reason().startsWith("jobs/broken.json: $.sources[1].path: sources/binary.pdf "
                    + "cannot be read as a PDF"), failure.reason());
            assertFalse(failure.reason().contains(root), failure.reason());
            FailureReport.Problem problem = failure.errors().getFirst();
            assertEquals("$.sources[1].path", problem.path());
            assertEquals("path", problem.field());
            assertEquals("a readable PDF file", problem.expected());
            return null;
        });
        pipeline.run().waitUntilFinish();
    }
}
