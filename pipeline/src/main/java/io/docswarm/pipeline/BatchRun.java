package io.docswarm.pipeline;

import io.docswarm.agents.plan.SwarmBudget;
import io.docswarm.pipeline.report.RunReport;
import io.docswarm.pipeline.skills.ObjectStoreInbox;
import io.docswarm.pipeline.skills.SkillInbox;
import io.docswarm.skills.importer.SkillImporter;
import io.docswarm.pipeline.storage.S3Settings;
import io.docswarm.pipeline.storage.Storage;
import io.docswarm.pipeline.transforms.Drafters;
import io.docswarm.pipeline.transforms.RoleRouting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * One bounded pass over a bucket's pending specs, as {@code run}, {@code watch} and {@code schedule} all do it:
 * build the pipeline for the chosen runner, run it to completion, then write the run report.
 *
 * @param bucket      the bucket: a local folder or an object-store URI ({@code s3://bucket/prefix})
 * @param out         the output root, local or object store
 * @param runner      {@code direct} or {@code flink}
 * @param flinkMaster {@code [local]} or {@code host:port}
 * @param parallelism workers
 * @param drafter     the drafter's name
 * @param s3          how to reach S3-compatible stores
 * @param models      what the model drafters use (GGUF file, OpenAI-compatible endpoint)
 * @param budget      every job's swarm budget
 * @param routes      per-role drafters, e.g. {@code writer=engine}; empty for none
 */
public record BatchRun(String bucket, String out, String runner, String flinkMaster, int parallelism, String drafter,
                       S3Settings s3, Drafters.ModelSettings models, SwarmBudget budget, String routes) {

    public BatchRun {
        bucket = Storage.root(bucket);
        out = Storage.root(out);
        if (Storage.isLocal(bucket) && !Files.isDirectory(Path.of(bucket))) {
            throw new IllegalArgumentException("bucket " + bucket + " is not a folder");
        }
        if (Storage.isLocal(bucket) && !Files.isDirectory(Path.of(bucket, "jobs"))) {
            throw new IllegalArgumentException("bucket " + bucket + " has no jobs/ folder (specs go there)");
        }
        if (!"direct".equals(runner) && !"flink".equals(runner)) {
            throw new IllegalArgumentException("runner must be direct or flink, was " + runner);
        }
        models = models == null ? Drafters.ModelSettings.NONE : models;
        Drafters.validate(drafter, models);
        s3 = s3 == null ? S3Settings.DEFAULT : s3;
        budget = budget == null ? SwarmBudget.DEFAULT : budget;
        routes = routes == null ? "" : routes;
    }

    /** A run with the default swarm budget. */
    public BatchRun(String bucket, String out, String runner, String flinkMaster, int parallelism, String drafter,
                    S3Settings s3, Drafters.ModelSettings models) {
        this(bucket, out, runner, flinkMaster, parallelism, drafter, s3, models, SwarmBudget.DEFAULT, "");
    }

    /** A local run with default object-store settings. */
    public BatchRun(Path bucket, Path out, String runner, String flinkMaster, int parallelism, String drafter) {
        this(bucket.toString(), out.toString(), runner, flinkMaster, parallelism, drafter, S3Settings.DEFAULT,
                Drafters.ModelSettings.NONE);
    }

    /** A run with default settings for the engine drafter (none). */
    public BatchRun(String bucket, String out, String runner, String flinkMaster, int parallelism, String drafter,
                    S3Settings s3) {
        this(bucket, out, runner, flinkMaster, parallelism, drafter, s3, Drafters.ModelSettings.NONE);
    }

    /** This run with drafters routed per role ({@code writer=engine,...}). */
    public BatchRun withRoutes(String roleRoutes) {
        RoleRouting routing = RoleRouting.parse(drafter, roleRoutes);
        routing.drafters().forEach(name -> Drafters.validate(name, models));
        return new BatchRun(bucket, out, runner, flinkMaster, parallelism, drafter, s3, models, budget, roleRoutes);
    }

    /** This run with another swarm budget for every job. */
    public BatchRun withBudget(SwarmBudget jobBudget) {
        return new BatchRun(bucket, out, runner, flinkMaster, parallelism, drafter, s3, models, jobBudget, routes);
    }

    /** The options of a run; also registers the filesystems they configure for this process. */
    public DocswarmOptions options() {
        DocswarmOptions options = PipelineOptionsFactory.as(DocswarmOptions.class);
        options.setBucket(bucket);
        options.setOut(out);
        options.setDrafter(drafter);
        options.setRoutes(routes);
        if (models.ggufModel() != null) {
            options.setModel(java.nio.file.Path.of(models.ggufModel()).toAbsolutePath().toString());
        }
        options.setOpenAiBaseUrl(models.openAiBaseUrl());
        options.setOpenAiModel(models.openAiModel());
        options.setMaxAgents(budget.maxAgents());
        options.setMaxSteps(budget.maxSteps());
        options.setMaxJobTokens(budget.maxTokens());
        options.setMaxJobMinutes(budget.maxWallMillis() / 60_000);
        s3.applyTo(options.as(S3Options.class));
        if ("flink".equals(runner)) {
            Runners.flink(options, flinkMaster, parallelism);
        } else {
            Runners.direct(options, parallelism);
        }
        FileSystems.setDefaultPipelineOptions(options);
        return options;
    }

    /** Runs the pass; {@code progress} sees the counts while the run goes on (DirectRunner) and at its end. */
    public RunSummary execute(Consumer<RunSummary> progress) {
        List<SkillInbox.Outcome> inbox = importSkillsInbox();
        PipelineResult result = DocswarmPipeline.create(options()).run();
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
            RunReport.write(out, "Docswarm run report", inbox);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report in " + out, e);
        }
        return summary;
    }

    /**
     * Samples dropped into {@code skills-inbox/} become Skills before any job is planned, so jobs of this very
     * pass can use them, from local and object-store buckets alike.
     */
    private List<SkillInbox.Outcome> importSkillsInbox() {
        List<SkillInbox.Outcome> outcomes = Storage.isLocal(bucket)
                ? new SkillInbox(new SkillImporter()).importAll(Path.of(bucket))
                : new ObjectStoreInbox(new SkillImporter()).importAll(bucket);
        for (SkillInbox.Outcome outcome : outcomes) {
            System.out.println("docswarm: skills-inbox: " + outcome);
        }
        return outcomes;
    }

}
