package io.docswarm.pipeline;

import io.docswarm.pipeline.report.RunReport;
import io.docswarm.pipeline.transforms.Drafters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * One bounded pass over a bucket's pending specs, as {@code run}, {@code watch} and {@code schedule} all do it:
 * build the pipeline for the chosen runner, run it to completion, then write the run report.
 *
 * @param bucket      the bucket folder
 * @param out         the output folder
 * @param runner      {@code direct} or {@code flink}
 * @param flinkMaster {@code [local]} or {@code host:port}
 * @param parallelism workers
 * @param drafter     the drafter's name
 */
public record BatchRun(Path bucket, Path out, String runner, String flinkMaster, int parallelism, String drafter) {

    public BatchRun {
        if (!Files.isDirectory(bucket)) {
            throw new IllegalArgumentException("bucket " + bucket + " is not a folder");
        }
        if (!Files.isDirectory(bucket.resolve("jobs"))) {
            throw new IllegalArgumentException("bucket " + bucket + " has no jobs/ folder (specs go there)");
        }
        if (!"direct".equals(runner) && !"flink".equals(runner)) {
            throw new IllegalArgumentException("runner must be direct or flink, was " + runner);
        }
        Drafters.byName(drafter);
    }

    /** Runs the pass; {@code progress} sees the counts while the run goes on (DirectRunner) and at its end. */
    public RunSummary execute(Consumer<RunSummary> progress) {
        DocswarmOptions options = PipelineOptionsFactory.as(DocswarmOptions.class);
        options.setBucket(bucket.toString());
        options.setOut(out.toString());
        options.setDrafter(drafter);
        if ("flink".equals(runner)) {
            Runners.flink(options, flinkMaster, parallelism);
        } else {
            Runners.direct(options, parallelism);
        }
        PipelineResult result = DocswarmPipeline.create(options).run();
        PipelineResult.State state;
        do {
            state = result.waitUntilFinish(Duration.millis(500));
            progress.accept(RunSummary.of(result));
        } while (state == null || !state.isTerminal());
        if (state != PipelineResult.State.DONE) {
            throw new IllegalStateException("the " + runner + " run ended in state " + state);
        }
        RunSummary summary = RunSummary.of(result);
        try {
            RunReport.write(out, "Docswarm run report");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report in " + out, e);
        }
        return summary;
    }
}
