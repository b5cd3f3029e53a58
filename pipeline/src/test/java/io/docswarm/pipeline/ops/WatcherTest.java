package io.docswarm.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.RunSummary;
import io.docswarm.pipeline.TestBuckets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatcherTest {

    @TempDir
    Path temp;

    @Test
    void picksUpASpecDroppedWhileRunningAndARestartRedoesNothing() throws Exception {
        Path bucket = TestBuckets.copyOfSamples(temp.resolve("bucket"));
        Path parked = Files.createDirectories(temp.resolve("parked"));
        // Start with one spec; the market report is dropped in while the watcher runs.
        for (String spec : List.of("market-research-report.json", "quarterly-business-review.json",
                "budget-workbook.json")) {
            Files.move(bucket.resolve("jobs").resolve(spec), parked.resolve(spec));
        }
        Path out = temp.resolve("out");
        BatchRun run = new BatchRun(bucket, out, "direct", "[local]", 2, "grounded");
        List<RunSummary> passes = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> new Watcher(run, Duration.ofMillis(300), passes::add).watch(stop::get));
        watcher.start();
        try {
            waitFor(() -> Files.exists(out.resolve("atlas-status-brief/manifest.json")));
            Files.copy(parked.resolve("market-research-report.json"),
                    bucket.resolve("jobs/market-research-report.json"), StandardCopyOption.COPY_ATTRIBUTES);
            waitFor(() -> Files.exists(out.resolve("nordic-storage-market/manifest.json")));
        } finally {
            stop.set(true);
            watcher.join(120_000);
        }
        assertTrue(passes.size() >= 2, "a pass at start and one after the drop: " + passes);
        RunSummary second = passes.get(1);
        assertEquals(1, second.delivered(), "only the new spec is delivered: " + second);
        assertEquals(1, second.upToDate(), "the finished job is not redone: " + second);

        List<RunSummary> afterRestart = new CopyOnWriteArrayList<>();
        new Watcher(run, Duration.ofMillis(10), afterRestart::add).watch(() -> !afterRestart.isEmpty());
        assertEquals(0, afterRestart.getFirst().files(), "a restarted watcher renders nothing: " + afterRestart);
        assertEquals(2, afterRestart.getFirst().upToDate());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for the watcher");
            Thread.sleep(100);
        }
    }

    @Test
    void pollDurationsAreParsedAndBounded() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("PT90S"));
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertTrue(bad.getMessage().contains("soon"));
        IllegalArgumentException tooShort = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Durations.bounded(Duration.ofMillis(5), Duration.ofSeconds(1),
                        Duration.ofHours(1), "--poll"));
        assertTrue(tooShort.getMessage().contains("--poll"));
    }
}
