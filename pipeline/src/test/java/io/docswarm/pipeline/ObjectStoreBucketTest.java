package io.docswarm.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.Deliverable;
import io.docswarm.pipeline.ops.CronSchedule;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.pipeline.spec.SpecPaths;
import io.docswarm.pipeline.storage.S3Settings;
import io.docswarm.pipeline.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bucket on a real S3-compatible server: specs, sources and data are uploaded, a scheduled run on Flink's
 * embedded mini-cluster delivers every deliverable back to the server, and a second pass renders nothing.
 */
class ObjectStoreBucketTest {

    @TempDir
    Path temp;

    @Test
    void aScheduledFlinkRunDeliversUploadedSpecsBackToTheStore() throws Exception {
        try (S3TestServer server = new S3TestServer(temp)) {
            server.createBucket("docswarm");
            S3Settings s3 = new S3Settings(server.endpoint(), "us-east-1", true);
            String bucket = "s3://docswarm/teams/sales";
            String out = "s3://docswarm/deliverables";
            BatchRun flink = new BatchRun(bucket, out, "flink", "[local]", 2, "grounded", s3);
            flink.options();
            upload(TestBuckets.samples(), bucket);
            Files.writeString(temp.resolve("bad.json"), "{\"id\": \"bad\", \"title\": 1}");
            // A template author drops a sample (and a broken file) into the bucket's skills inbox.
            io.docswarm.pipeline.skills.SkillInboxTest.docx(temp.resolve("house.docx"), "We write in the present tense.");
            Storage.write(bucket + "/skills-inbox/house.docx", Files.readAllBytes(temp.resolve("house.docx")));
            Storage.write(bucket + "/skills-inbox/junk.pptx", "junk".getBytes());
            Storage.write(bucket + "/jobs/zz-bad.json", Files.readAllBytes(temp.resolve("bad.json")));

            Path state = temp.resolve("schedule-state");
            new CronSchedule(flink, "*/2 * * * * *", Clock.systemUTC(), state).runUntil(() -> {
                try {
                    return Files.exists(state.resolve("schedule.log"))
                            && !Files.readAllLines(state.resolve("schedule.log")).isEmpty();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            List<ParsedSpec> samples = samplesOn(bucket);
            for (ParsedSpec sample : samples) {
                Manifest manifest = OutputJson.readManifest(out + "/" + sample.spec().id() + "/manifest.json")
                        .orElseThrow(() -> new AssertionError("no manifest for " + sample.spec().id()));
                assertEquals(sample.specHash(), manifest.specHash());
                for (Deliverable deliverable : sample.spec().deliverables()) {
                    String file = out + "/" + sample.spec().id() + "/" + deliverable.fileName();
                    Manifest.FileEntry entry = manifest.files().stream()
                            .filter(f -> f.name().equals(deliverable.fileName())).findFirst().orElseThrow();
                    assertEquals(entry.sha256(), Storage.sha256(file), "deliverable read back intact: " + file);
                }
            }
            assertTrue(Storage.exists(out + "/_failed/jobs_zz-bad.json.error.json"), "dead letter on the store");
            assertTrue(Storage.exists(out + "/index.html"), "run report on the store");
            assertTrue(Storage.exists(bucket + "/skills/house/v1/skill.json"), "the inbox sample became a Skill");
            assertTrue(Storage.exists(bucket + "/skills-inbox/imported/house.docx"));
            assertTrue(Storage.exists(bucket + "/skills-inbox/rejected/junk.pptx.reason.txt"));
            assertTrue(!Storage.exists(bucket + "/skills-inbox/house.docx"), "nothing is imported twice");
            assertTrue(new String(Storage.readAllBytes(out + "/index.html")).contains("new Skill house@1"));

            RunSummary again = new BatchRun(bucket, out, "direct", "[local]", 2, "grounded", s3).execute(s -> { });
            assertEquals(samples.size(), again.upToDate(), again::toString);
            assertEquals(0, again.files(), "nothing rendered twice");
        }
    }

    private static void upload(Path localBucket, String bucket) throws Exception {
        try (Stream<Path> files = Files.walk(localBucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = localBucket.relativize(file).toString().replace('\\', '/');
                Storage.write(bucket + "/" + relative, Files.readAllBytes(file));
            }
        }
    }

    private static List<ParsedSpec> samplesOn(String bucket) throws Exception {
        JobSpecReader reader = new JobSpecReader(SpecPaths.forBucket(bucket));
        try (Stream<Path> specs = Files.list(TestBuckets.samples().resolve("jobs"))) {
            List<ParsedSpec> parsed = new java.util.ArrayList<>();
            for (Path spec : specs.sorted().toList()) {
                parsed.add(reader.read(bucket + "/jobs/" + spec.getFileName()));
            }
            return parsed;
        }
    }
}
