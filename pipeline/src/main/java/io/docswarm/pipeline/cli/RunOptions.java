package io.docswarm.pipeline.cli;

import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.Runners;
import io.docswarm.agents.plan.SwarmBudget;
import io.docswarm.pipeline.storage.S3Settings;
import io.docswarm.pipeline.transforms.Drafters;
import java.net.URI;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that runs the pipeline shares (run, watch, schedule). */
final class RunOptions {

    enum Runner { direct, flink }

    @Parameters(index = "0", paramLabel = "BUCKET",
            description = "Bucket: a folder or an object-store URI such as s3://bucket/prefix (holds jobs/, skills/ "
                    + "and the inputs).")
    String bucket;

    @Option(names = "--out", paramLabel = "OUT", defaultValue = "out",
            description = "Output folder or object-store URI (default: ${DEFAULT-VALUE}).")
    String out;

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
            description = "Who writes the content: grounded (no model), engine (needs --model) or openai "
                    + "(default: ${DEFAULT-VALUE}).")
    String drafter;

    @Option(names = "--model", paramLabel = "FILE.gguf",
            description = "The GGUF model the engine drafter loads (with --drafter engine).")
    String model;

    @Option(names = "--openai-base-url", paramLabel = "URL", defaultValue = "${env:OPENAI_BASE_URL}",
            description = "The openai drafter's OpenAI-compatible endpoint (default: $OPENAI_BASE_URL); the key "
                    + "comes from $OPENAI_API_KEY.")
    String openAiBaseUrl;

    @Option(names = "--openai-model", defaultValue = "${env:OPENAI_MODEL}",
            description = "The model the openai drafter asks for (default: $OPENAI_MODEL).")
    String openAiModel;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "Endpoint of an S3-compatible store (MinIO, Ceph, S3Proxy...); default: AWS.")
    URI s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region (default: ${DEFAULT-VALUE}).")
    String s3Region;

    @Option(names = "--s3-path-style", description = "Address buckets by path (most self-hosted stores need it).")
    boolean s3PathStyle;

    @Option(names = "--route", paramLabel = "ROLE=DRAFTER", split = ",",
            description = "Route a role (writer, analyst, designer) to another drafter, e.g. writer=engine.")
    java.util.List<String> routes = new java.util.ArrayList<>();

    @Option(names = "--max-agents", defaultValue = "300", description = "Most sub-agents per job (default: ${DEFAULT-VALUE}).")
    int maxAgents;

    @Option(names = "--max-steps", defaultValue = "4000", description = "Most steps per job (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--max-job-tokens", defaultValue = "0", description = "Most model tokens per job (0: no limit).")
    long maxJobTokens;

    @Option(names = "--max-job-minutes", defaultValue = "0", description = "Most minutes per job (0: no limit).")
    long maxJobMinutes;

    /** Refuses option values that make no sense, naming the option, before anything runs. */
    void check() {
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, found " + parallelism);
        }
        if (maxAgents < 1) {
            throw new IllegalArgumentException("--max-agents must be at least 1, found " + maxAgents);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be at least 1, found " + maxSteps);
        }
        if (maxJobTokens < 0) {
            throw new IllegalArgumentException("--max-job-tokens must be 0 (no limit) or more, found " + maxJobTokens);
        }
        if (maxJobMinutes < 0) {
            throw new IllegalArgumentException("--max-job-minutes must be 0 (no limit) or more, found "
                    + maxJobMinutes);
        }
    }

    BatchRun batchRun() {
        check();
        int workers = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        return new BatchRun(bucket, out, runner.name(), flinkMaster, workers, drafter,
                new S3Settings(s3Endpoint, s3Region, s3PathStyle),
                new Drafters.ModelSettings(model, openAiBaseUrl, openAiModel))
                .withBudget(new SwarmBudget(maxAgents, maxSteps, maxJobTokens, maxJobMinutes * 60_000))
                .withRoutes(String.join(",", routes));
    }
}
