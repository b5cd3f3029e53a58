package io.docswarm.pipeline.ops;

import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.docswarm.pipeline.storage.Storage;
import org.apache.beam.sdk.io.fs.MatchResult;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps processing a bucket as specs land: polls {@code jobs/} at a bounded interval and runs a bounded pass
 * whenever the set of specs (names, sizes, modification times) changed. Finished jobs are never redone, also
 * after a restart, because each pass skips jobs whose manifests are up to date.
 */
public final class Watcher {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

    private final BatchRun run;
    private final Duration poll;
    private final Consumer<RunSummary> onPass;

    public Watcher(BatchRun run, Duration poll, Consumer<RunSummary> onPass) {
        this.run = run;
        this.poll = poll;
        this.onPass = onPass;
    }

    /** Watches until {@code stop} says so (checked between polls) or the thread is interrupted. */
    public void watch(BooleanSupplier stop) {
        Map<String, String> seen = null;
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            Map<String, String> current = snapshot(run.bucket());
            if (!current.equals(seen)) {
                LOG.info("watch: {} spec(s) in {}/jobs; running a pass", current.size(), run.bucket());
                RunSummary summary = run.execute(s -> { });
                LOG.info("watch: {}", summary);
                onPass.accept(summary);
                seen = current;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Spec name → size and modification time; any change (new, edited, removed spec) triggers a pass. */
    static Map<String, String> snapshot(String bucket) {
        Map<String, String> specs = new TreeMap<>();
        try {
            for (MatchResult.Metadata file : Storage.match(Storage.child(bucket, "jobs", "*.json"))) {
                specs.put(file.resourceId().toString(), file.sizeBytes() + "@" + file.lastModifiedMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + bucket + "/jobs", e);
        }
        return specs;
    }
}
