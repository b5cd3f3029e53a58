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
    private final long started = System.nanoTime();

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
        String stage = summary.files() > 0 ? "rendering" : summary.delivered() + summary.upToDate() > 0
                ? "finishing" : "drafting";
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        bar.setExtraMessage(stage + ", " + summary.files() + " file(s)"
                + (summary.tokens() > 0 ? String.format(", %.1f tok/s", summary.tokens() / seconds) : ""));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
