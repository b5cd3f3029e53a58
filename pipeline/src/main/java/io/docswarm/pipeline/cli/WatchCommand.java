package io.docswarm.pipeline.cli;

import io.docswarm.pipeline.ops.Durations;
import io.docswarm.pipeline.ops.Watcher;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code docswarm watch BUCKET}: keeps running and processes specs as they land in {@code BUCKET/jobs/}. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Keep running; process specs as they land in BUCKET/jobs/ (Ctrl-C to stop).")
final class WatchCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Option(names = "--poll", defaultValue = "10s",
            description = "How often to look for new or changed specs, 1s to 1h (default: ${DEFAULT-VALUE}).")
    String poll;

    @Override
    public Integer call() {
        Duration interval = Durations.bounded(Durations.parse(poll), Duration.ofSeconds(1), Duration.ofHours(1),
                "--poll");
        new Watcher(options.batchRun(), interval, summary -> System.out.println("docswarm watch: " + summary))
                .watch(() -> false);
        return 0;
    }
}
