package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.spec.ParsedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
class ValidateSpecsTest {

    @TempDir
    Path bucket;

    private String spec(String file, String id) throws Exception {
        Path path = Files.createDirectories(bucket.resolve("jobs")).resolve(file);
        Files.writeString(path, """
                {"id": "%s", "title": "T", "brief": "B", "deliverables": [{"format": "pdf"}],
                 "sources": [{"text": "Inline text for the job.", "title": "note"}]}""".formatted(id));
        return path.toString();
    }

    @Test
    void validSpecsPassAndBadOnesAreRejectedWithTheirReason(TestPipeline pipeline) throws Exception {
        String good = spec("a.json", "alpha");
        Path bad = bucket.resolve("jobs/b.json");
        Files.writeString(bad, "{\"id\": \"beta\", \"titel\": \"typo\"}");
        PCollectionTuple result = pipeline
                .apply(Create.of(List.of(good, bad.toString())))
                .apply(new ValidateSpecs(bucket.toString()));
        PAssert.that(result.get(ValidateSpecs.VALID)).satisfies(specs -> {
            List<String> ids = new ArrayList<>();
            specs.forEach(s -> ids.add(s.spec().id()));
            assertEquals(List.of("alpha"), ids);
            return null;
        });
        PAssert.that(result.get(Failures.TAG)).satisfies(failures -> {
            FailureReport failure = failures.iterator().next();
            assertEquals("jobs/b.json", failure.specFile());
            assertEquals("validate", failure.stage());
            assertTrue(failure.errors().stream().anyMatch(p -> p.path().equals("$.titel")
                    && p.found().contains("unknown field")), failure.toString());
            assertTrue(failure.errors().stream().anyMatch(p -> p.path().equals("$.title")), failure.toString());
            return null;
        });
        pipeline.run().waitUntilFinish();
    }

    @Test
    void aDuplicateIdIsRejectedAndTheFirstFileKeepsIt(TestPipeline pipeline) throws Exception {
        String first = spec("a.json", "same");
        String second = spec("z.json", "same");
        PCollectionTuple result = pipeline
                .apply(Create.of(List.of(second, first)))
                .apply(new ValidateSpecs(bucket.toString()));
        PAssert.that(result.get(ValidateSpecs.VALID)).satisfies(specs -> {
            ParsedSpec only = specs.iterator().next();
            assertEquals("jobs/a.json", only.specFile());
            return null;
        });
        PAssert.that(result.get(Failures.TAG)).satisfies(failures -> {
            FailureReport failure = failures.iterator().next();
            assertEquals("jobs/z.json", failure.specFile());
            assertTrue(failure.reason().contains("already used by jobs/a.json"), failure.reason());
            return null;
        });
        pipeline.run().waitUntilFinish();
    }
}
