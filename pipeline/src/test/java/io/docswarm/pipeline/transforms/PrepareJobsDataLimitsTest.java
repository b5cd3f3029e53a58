package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docswarm.agents.inputs.DataLimits;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.spec.BucketPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.skills.SkillLibrary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file over a size limit fails its own job with the spec field's JSON path and the file as the bucket names
 * it; the other jobs of the batch are prepared as usual.
 */
@ExtendWith(TestPipelineExtension.class)
class PrepareJobsDataLimitsTest {

    @TempDir
    Path bucket;

    private void csv(String name, String header, String row, long rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(Files.createDirectories(bucket.resolve("data"))
                .resolve(name))) {
            out.write(header);
            for (long r = 0; r < rows; r++) {
                out.write(row);
            }
        }
    }

    private Elements.PendingJob job(String id, String data) throws Exception {
        Path spec = Files.createDirectories(bucket.resolve("jobs")).resolve(id + ".json");
        Files.writeString(spec, """
                {"id": "%s", "title": "T", "brief": "B", "deliverables": [{"format": "docx"}],
                 "data": [%s]}""".formatted(id, data));
        return new Elements.PendingJob(new JobSpecReader(new BucketPaths(bucket)).read(spec),
                List.of(SkillLibrary.builtInsOnly().resolve("report")));
    }

    @Test
    void oversizedDataFilesFailTheirJobsAndTheRestOfTheBatchGoesOn(TestPipeline pipeline) throws Exception {
        csv("sales.csv", "Region,Revenue\n", "North,10\n", 3);
        // 50,000,050 bytes: just over the 50 MB a data file may have.
        csv("big.csv", "Region,Note\n", "North," + "x".repeat(993) + "\n", DataLimits.MAX_FILE_BYTES / 1000 + 1);
        // 1,000,001 rows below the header, in 6 MB.
        csv("tall.csv", "Region,Revenue\n", "N,12\n", DataLimits.MAX_ROWS + 1);
        List<Elements.PendingJob> jobs = new ArrayList<>();
        jobs.add(job("ok", "{\"path\": \"../data/sales.csv\"}"));
        jobs.add(job("big", "{\"path\": \"../data/big.csv\"}"));
        jobs.add(job("tall", "{\"path\": \"../data/sales.csv\"}, {\"path\": \"../data/tall.csv\"}"));
        PCollectionTuple result = pipeline.apply(Create.of(jobs)).apply(new PrepareJobs(bucket.toString()));

        PAssert.that(result.get(PrepareJobs.PREPARED)).satisfies(prepared -> {
            List<String> ids = new ArrayList<>();
            prepared.forEach(job -> ids.add(job.parsed().spec().id()));
            assertEquals(List.of("ok"), ids);
            return null;
        });
        PAssert.that(result.get(Failures.TAG)).satisfies(failures -> {
            Map<String, FailureReport> bySpec = new TreeMap<>();
            failures.forEach(f -> bySpec.put(f.specFile(), f));
            assertEquals(List.of("jobs/big.json", "jobs/tall.json"), List.copyOf(bySpec.keySet()));
            FailureReport big = bySpec.get("jobs/big.json");
            assertEquals("prepare", big.stage());
            assertEquals("jobs/big.json: $.data[0].path: data/big.csv is larger than 50 MB, the most a data file may "
                    + "have", big.reason());
            assertEquals(new FailureReport.Problem("$.data[0].path", "path", "a data file of at most 50 MB",
                    "data/big.csv is larger than 50 MB, the most a data file may have"), big.errors().getFirst());
            FailureReport tall = bySpec.get("jobs/tall.json");
            assertEquals("jobs/tall.json: $.data[1].path: data/tall.csv has more than 1,000,000 rows below its "
                    + "header, the most a data file may have", tall.reason());
            assertEquals("a data file of at most 1,000,000 rows", tall.errors().getFirst().expected());
            return null;
        });
        pipeline.run().waitUntilFinish();
    }
}
