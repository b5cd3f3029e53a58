package io.docswarm.pipeline.cli;

import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.Runners;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that runs the pipeline shares (run, watch, schedule). */
final class RunOptions {

    enum Runner { direct, flink }

    @Parameters(index = "0", paramLabel = "BUCKET", description = "Bucket folder (holds jobs/, skills/ and the inputs).")
    Path bucket;

    @Option(names = "--out", paramLabel = "OUT", defaultValue = "out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--runner", defaultValue = "direct",
            description = "Beam runner: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Runner runner;

    @Option(names = "--flink-master", defaultValue = Runners.FLINK_LOCAL,
            description = "Flink JobManager host:port, or [local] for an embedded mini-cluster "
                    + "(default: ${DEFAULT-VALUE}).")
    String flinkMaster;

    @Option(names = "--parallelism", description = "Parallel workers (default: the number of processors).")
    Integer parallelism;

    @Option(names = "--drafter", defaultValue = "grounded",
            description = "Who writes the content (default: ${DEFAULT-VALUE}).")
    String drafter;

    BatchRun batchRun() {
        int workers = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        return new BatchRun(bucket, out, runner.name(), flinkMaster, workers, drafter);
    }
}
