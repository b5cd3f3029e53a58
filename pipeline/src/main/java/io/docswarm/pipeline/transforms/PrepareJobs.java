package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputException;
import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.inputs.SourceLoader;
import io.docswarm.agents.job.DataRef;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.job.SourceRef;
import io.docswarm.agents.plan.JobPlan;
import io.docswarm.agents.plan.PlanDocument;
import io.docswarm.agents.plan.Planner;
import io.docswarm.agents.plan.SwarmBudget;
import io.docswarm.pipeline.spec.SpecPaths;
import io.docswarm.pipeline.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Loads each pending job's sources and data, then plans its parts. A source that cannot be read, or any other
 * exception while loading or planning, fails that job (stage {@code prepare}); the rest of the batch goes on.
 */
public final class PrepareJobs extends PTransform<PCollection<Elements.PendingJob>, PCollectionTuple> {

    public static final TupleTag<Elements.PreparedJob> PREPARED = new TupleTag<>() {
    };

    private final String bucket;
    private final SwarmBudget budget;

    public PrepareJobs(String bucket) {
        this(bucket, SwarmBudget.DEFAULT);
    }

    /** @param budget each job's swarm budget, shared out between its parts at planning */
    public PrepareJobs(String bucket, SwarmBudget budget) {
        this.bucket = bucket;
        this.budget = budget;
    }

    @Override
    public PCollectionTuple expand(PCollection<Elements.PendingJob> jobs) {
        return jobs.apply("LoadInputsAndPlan", ParDo.of(new PrepareFn(bucket, budget))
                .withOutputTags(PREPARED, TupleTagList.of(Failures.TAG)));
    }

    static final class PrepareFn extends DoFn<Elements.PendingJob, Elements.PreparedJob> {
        private final String bucket;
        private final SwarmBudget budget;
        private transient SpecPaths paths;

        PrepareFn(String bucket, SwarmBudget budget) {
            this.bucket = bucket;
            this.budget = budget;
        }

        @Setup
        public void setup() {
            paths = SpecPaths.forBucket(bucket);
        }

        @ProcessElement
        public void process(@Element Elements.PendingJob job, MultiOutputReceiver out) {
            JobSpec spec = job.parsed().spec();
            Map<String, Long> timings = new LinkedHashMap<>();
            try {
                long start = System.nanoTime();
                List<SourceDocument> sources = new ArrayList<>();
                for (int i = 0; i < spec.sources().size(); i++) {
                    SourceRef source = spec.sources().get(i);
                    String title = source.inline() ? source.title() : paths.relative(source.path());
                    try {
                        sources.add(SourceLoader.load(source, title, title, Storage::open));
                    } catch (InputException e) {
                        throw new SpecInputException("$.sources[" + i + "]", e);
                    }
                }
                List<DataTable> data = new ArrayList<>();
                for (int i = 0; i < spec.data().size(); i++) {
                    DataRef ref = spec.data().get(i);
                    try {
                        data.add(DataLoader.load(ref, paths.relative(ref.path()), Storage::open));
                    } catch (InputException e) {
                        throw new SpecInputException("$.data[" + i + "]", e);
                    }
                }
                timings.put("prepare", millisSince(start));
                start = System.nanoTime();
                JobPlan plan = Planner.plan(spec, job.skills()::get, data.size(), budget,
                        System.currentTimeMillis());
                timings.put("plan", millisSince(start));
                if (!PlanDocument.isValid(PlanDocument.toJson(plan))) {
                    throw new IllegalStateException(spec.id() + ": the plan does not match plan.schema.json: "
                            + PlanDocument.toJson(plan));
                }
                out.get(PREPARED).output(new Elements.PreparedJob(job.parsed(), job.skills(),
                        new JobMaterials(spec, sources, data), plan, timings));
            } catch (SpecInputException e) {
                PipelineMetrics.JOBS_FAILED.inc();
                out.get(Failures.TAG).output(e.report(job.parsed().specFile()));
            } catch (RuntimeException e) {
                // InputException and any other failure of one job's loading or planning: that job fails.
                PipelineMetrics.JOBS_FAILED.inc();
                out.get(Failures.TAG).output(Failures.of(job.parsed().specFile(), "prepare", e));
            }
        }
    }

    /** An input that cannot be loaded, with the JSON path of the spec field that names it. */
    static final class SpecInputException extends RuntimeException {
        private final String path;
        private final InputException input;

        SpecInputException(String entry, InputException input) {
            super(entry + "." + input.specField() + ": " + input.getMessage(), input);
            this.path = entry + "." + input.specField();
            this.input = input;
        }

        io.docswarm.pipeline.output.FailureReport report(String specFile) {
            return new io.docswarm.pipeline.output.FailureReport(specFile, "prepare", specFile + ": " + getMessage(),
                    List.of(new io.docswarm.pipeline.output.FailureReport.Problem(path, input.specField(),
                            input.expected(), input.getMessage())));
        }
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
