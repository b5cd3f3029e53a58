package io.docswarm.pipeline.cli;

import io.docswarm.pipeline.DocswarmOptions;
import io.docswarm.pipeline.DocswarmPipeline;
import io.docswarm.pipeline.RunSummary;
import io.docswarm.pipeline.Runners;
import io.docswarm.pipeline.transforms.Drafters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docswarm run BUCKET}: one bounded pass over the specs in {@code BUCKET/jobs/}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Process every job spec in BUCKET/jobs/ once and write the deliverables to OUT.")
final class RunCommand implements Callable<Integer> {

    enum Runner { direct, flink }

    @Parameters(paramLabel = "BUCKET", description = "Bucket folder (holds jobs/, skills/ and the inputs).")
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

    @Override
    public Integer call() {
        if (!Files.isDirectory(bucket)) {
            throw new IllegalArgumentException("bucket " + bucket + " is not a folder");
        }
        if (!Files.isDirectory(bucket.resolve("jobs"))) {
            throw new IllegalArgumentException("bucket " + bucket + " has no jobs/ folder (specs go there)");
        }
        Drafters.byName(drafter);
        // Samples dropped into skills-inbox/ become Skills before any job is planned, so jobs can use them now.
        for (var outcome : new io.docswarm.pipeline.skills.SkillInbox(new io.docswarm.skills.importer.SkillImporter())
                .importAll(bucket)) {
            System.out.println("docswarm: skills-inbox: " + outcome);
        }
        DocswarmOptions options = PipelineOptionsFactory.as(DocswarmOptions.class);
        options.setBucket(bucket.toString());
        options.setOut(out.toString());
        options.setDrafter(drafter);
        int workers = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (runner == Runner.flink) {
            Runners.flink(options, flinkMaster, workers);
        } else {
            Runners.direct(options, workers);
        }
        PipelineResult result = DocswarmPipeline.create(options).run();
        PipelineResult.State state = result.waitUntilFinish();
        if (state != PipelineResult.State.DONE) {
            throw new IllegalStateException("the " + runner + " run ended in state " + state);
        }
        RunSummary summary = RunSummary.of(result);
        System.out.println("docswarm: " + summary + "; outputs in " + out.toAbsolutePath().normalize());
        if (!summary.allSucceeded()) {
            System.out.println("docswarm: see " + out.resolve("_failed") + " for the reasons");
            return DocswarmCli.EXIT_SOME_FAILED;
        }
        return 0;
    }
}
