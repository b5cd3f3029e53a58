package io.docswarm.pipeline.cli;

import io.docswarm.pipeline.ops.CronSchedule;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code docswarm schedule BUCKET --cron EXPR}: a bounded run at each tick, never two at once. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Run a bounded pass over BUCKET at each tick of a cron expression (Ctrl-C to stop).")
final class ScheduleCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(names = "--cron", required = true, paramLabel = "EXPR",
            description = "Cron expression: 5 fields (minute hour day month weekday), or 6 with seconds first.")
    String cron;

    @Override
    public Integer call() {
        new CronSchedule(options.batchRun(), cron, Clock.systemDefaultZone()).runUntil(() -> false);
        return 0;
    }
}
