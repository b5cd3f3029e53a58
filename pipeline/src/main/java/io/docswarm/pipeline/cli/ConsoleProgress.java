package io.docswarm.pipeline.cli;

import io.docswarm.pipeline.RunSummary;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar of jobs finished out of specs found, with the current counts as its message. Quiet
 * when the output is not a terminal (CI logs, pipes, cron), where a redrawn bar would only add noise.
 */
final class ConsoleProgress implements AutoCloseable {

    private final ProgressBar bar;

    private ConsoleProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static ConsoleProgress start(String task) {
        if (System.console() == null || !System.console().isTerminal()) {
            return new ConsoleProgress(null);
        }
        return new ConsoleProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(0)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" jobs", 1).continuousUpdate().build());
    }

    void update(RunSummary summary) {
        if (bar == null) {
            return;
        }
        long finished = summary.delivered() + summary.upToDate() + summary.specsRejected() + summary.jobsFailed();
        bar.maxHint(Math.max(summary.specsFound(), finished));
        bar.stepTo(finished);
        bar.setExtraMessage(summary.files() + " file(s) rendered");
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
