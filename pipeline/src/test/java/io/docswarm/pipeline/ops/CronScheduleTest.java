package io.docswarm.pipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.TestBuckets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronScheduleTest {

    @TempDir
    Path temp;

    private BatchRun run() throws Exception {
        Path bucket = TestBuckets.copyOfSamples(temp.resolve("bucket"));
        for (String spec : List.of("market-research-report.json", "quarterly-business-review.json",
                "budget-workbook.json")) {
            Files.delete(bucket.resolve("jobs").resolve(spec));
        }
        return new BatchRun(bucket, temp.resolve("out"), "direct", "[local]", 2, "grounded");
    }

    private static List<String> log(BatchRun run) throws Exception {
        Path log = Path.of(run.out()).resolve(CronSchedule.LOG_FILE);
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void runsAtEachTickOneAfterAnother() throws Exception {
        BatchRun run = run();
        new CronSchedule(run, "*/2 * * * * *", Clock.systemUTC()).runUntil(() -> {
            try {
                return log(run).size() >= 2;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        List<String> lines = log(run);
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).contains("1 delivered"), lines.get(0));
        assertTrue(lines.get(1).contains("0 delivered") && lines.get(1).contains("1 up to date"), lines.get(1));
        assertTrue(Files.exists(Path.of(run.out()).resolve("atlas-status-brief/atlas-status-brief.pdf")));
    }

    @Test
    void catchesUpOnceAfterDowntime() throws Exception {
        BatchRun run = run();
        Files.createDirectories(Path.of(run.out()));
        Files.writeString(Path.of(run.out()).resolve(CronSchedule.STATE_FILE),
                Instant.now().minusSeconds(3 * 3600).toString());
        // Hourly: the ticks missed while down are caught up by one pass at start.
        new CronSchedule(run, "0 * * * *", Clock.systemUTC()).runUntil(() -> {
            try {
                return !log(run).isEmpty();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        List<String> lines = log(run);
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().contains("catch-up after downtime"), lines.getFirst());
    }

    @Test
    void neverTwoSchedulersOnOneOutput() throws Exception {
        BatchRun run = run();
        Files.createDirectories(Path.of(run.out()));
        try (FileChannel channel = FileChannel.open(Path.of(run.out()).resolve(CronSchedule.LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new CronSchedule(run, "* * * * *", Clock.systemUTC()).runUntil(() -> true));
            assertTrue(e.getMessage().contains("another scheduler"), e.getMessage());
        }
    }

    @Test
    void badExpressionsAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CronSchedule.parse("every hour"));
        assertTrue(e.getMessage().contains("every hour"), e.getMessage());
    }
}
