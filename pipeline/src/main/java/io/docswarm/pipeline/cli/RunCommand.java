package io.docswarm.pipeline.cli;

import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.RunSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code docswarm run BUCKET}: one bounded pass over the specs in {@code BUCKET/jobs/}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Process every job spec in BUCKET/jobs/ once and write the deliverables to OUT.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        BatchRun run = options.batchRun();
        RunSummary summary;
        try (ConsoleProgress progress = ConsoleProgress.start("docswarm run")) {
            summary = run.execute(progress::update);
        }
        System.out.println("docswarm: " + summary + "; outputs in " + run.out() + " (report: index.html)");
        if (!summary.allSucceeded()) {
            System.out.println("docswarm: see " + run.out() + "/_failed for the reasons");
            return DocswarmCli.EXIT_SOME_FAILED;
        }
        return 0;
    }
}
