package io.docswarm.pipeline;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;

/** Configures the runner a run uses: the embedded DirectRunner, or Flink (embedded mini-cluster or remote). */
public final class Runners {

    /** Flink's name for "start an embedded mini-cluster in this JVM". */
    public static final String FLINK_LOCAL = "[local]";

    private Runners() {
    }

    public static void direct(DocswarmOptions options, int parallelism) {
        options.setRunner(DirectRunner.class);
        options.as(DirectOptions.class).setTargetParallelism(Math.max(1, parallelism));
    }

    /**
     * @param flinkMaster {@code [local]} for an embedded mini-cluster, or {@code host:port} of a JobManager
     */
    public static void flink(DocswarmOptions options, String flinkMaster, int parallelism) {
        FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
        flink.setRunner(FlinkRunner.class);
        flink.setFlinkMaster(flinkMaster);
        flink.setParallelism(Math.max(1, parallelism));
        flink.setAttachedMode(true);
    }
}
