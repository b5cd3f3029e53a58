package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.draft.ModelDrafter;
import io.docswarm.agents.draft.TextModel;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.Roles;
import io.docswarm.agents.trace.TraceEvent;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Fans each job out into its parts and drafts them. The reshuffle between the two steps lets a runner spread
 * one job's parts across workers instead of drafting them where the job was planned. A part element carries
 * only its task and the job's spec and Skills; the job's sources and data reach the drafters once, as a side
 * input keyed by job id, so the work of moving a job's materials does not grow with its number of parts.
 *
 * <p>Drafted parts go to {@link #PARTS}, keyed by job id. A part whose drafting throws goes to {@link #FAILED},
 * keyed by job id too, and the run goes on: {@link ConsolidateDeliverables} turns a job with any failed part into
 * one dead letter instead of an incomplete document.
 */
public final class DraftParts extends PTransform<PCollection<Elements.PreparedJob>, PCollectionTuple> {

    public static final TupleTag<KV<String, Elements.TimedPart>> PARTS = new TupleTag<>() {
    };
    /** A part that could not be drafted: its job's id and why (stage {@code draft}). */
    public static final TupleTag<KV<String, FailureReport>> FAILED = new TupleTag<>() {
    };

    private final RoleRouting routing;
    private final Drafters.ModelSettings model;

    /**
     * @param routing which drafter serves each role
     * @param model   what the model drafters use (a GGUF file, or an OpenAI-compatible endpoint)
     */
    public DraftParts(RoleRouting routing, Drafters.ModelSettings model) {
        this.routing = routing;
        this.model = model;
    }

    /** A single drafter for every role. */
    public DraftParts(String drafter, Drafters.ModelSettings model) {
        this(RoleRouting.parse(drafter, ""), model);
    }

    @Override
    public PCollectionTuple expand(PCollection<Elements.PreparedJob> jobs) {
        // Each job's sources and data travel once, as a side input keyed by job id, not once per part.
        PCollectionView<Map<String, JobMaterials>> materials = jobs
                .apply("KeyMaterials", ParDo.of(new KeyMaterialsFn()))
                .apply("MaterialsByJob", View.asMap());
        return jobs
                .apply("FanOutParts", ParDo.of(new FanOutFn()))
                .apply("SpreadParts", Reshuffle.viaRandomKey())
                .apply("DraftPart", ParDo.of(new DraftFn(routing, model)).withSideInput(MATERIALS, materials)
                        .withOutputTags(PARTS, TupleTagList.of(FAILED)));
    }

    /** The side input's tag: job id → the job's materials. */
    static final String MATERIALS = "materials";

    static final class KeyMaterialsFn extends DoFn<Elements.PreparedJob, KV<String, JobMaterials>> {
        @ProcessElement
        public void process(@Element Elements.PreparedJob job, OutputReceiver<KV<String, JobMaterials>> out) {
            out.output(KV.of(job.jobId(), job.materials()));
        }
    }

    /** One element per part, each with the job's spec and Skills only (see {@link Elements.PartWork}). */
    static final class FanOutFn extends DoFn<Elements.PreparedJob, Elements.PartWork> {
        @ProcessElement
        public void process(@Element Elements.PreparedJob job, OutputReceiver<Elements.PartWork> out) {
            Elements.PartJob partJob = Elements.PartJob.of(job);
            for (PartTask task : job.plan().parts()) {
                out.output(new Elements.PartWork(partJob, task));
            }
        }
    }

    static final class DraftFn extends DoFn<Elements.PartWork, KV<String, Elements.TimedPart>> {
        private final RoleRouting routing;
        private final Drafters.ModelSettings model;
        private transient java.util.Map<String, Drafter> drafters;
        private transient java.util.List<TextModel> textModels;

        DraftFn(RoleRouting routing, Drafters.ModelSettings model) {
            this.routing = routing;
            this.model = model;
        }

        @Setup
        public void setup() throws IOException {
            // One model per drafter and worker instance; an engine's weights are memory-mapped, so instances
            // share pages.
            drafters = new java.util.HashMap<>();
            textModels = new java.util.ArrayList<>();
            for (String name : routing.drafters()) {
                TextModel textModel = Drafters.textModel(name, model);
                if (textModel != null) {
                    textModels.add(textModel);
                }
                drafters.put(name, textModel == null ? Drafters.byName(name) : new ModelDrafter(textModel));
            }
        }

        @Teardown
        public void teardown() {
            if (textModels != null) {
                textModels.forEach(TextModel::close);
            }
        }

        @ProcessElement
        public void process(@Element Elements.PartWork work, @SideInput(MATERIALS) Map<String, JobMaterials> materials,
                            MultiOutputReceiver out) {
            PartTask task = work.task();
            try {
                out.get(PARTS).output(KV.of(task.jobId(), draft(work, materials.get(task.jobId()))));
            } catch (RuntimeException e) {
                // One part's failure fails its job (in ConsolidateDeliverables), never the run.
                String reason = work.job().parsed().specFile() + ": drafting " + subject(work) + " failed: "
                        + Failures.reason(e);
                out.get(FAILED).output(KV.of(task.jobId(), new FailureReport(work.job().parsed().specFile(),
                        "draft", reason, java.util.List.of())));
            }
        }

        static String subject(Elements.PartWork work) {
            PartTask task = work.task();
            var deliverables = work.job().parsed().spec().deliverables();
            String file = task.deliverableIndex() >= 0 && task.deliverableIndex() < deliverables.size()
                    ? deliverables.get(task.deliverableIndex()).fileName() : "deliverable " + task.deliverableIndex();
            return file + " part " + task.partIndex() + " \"" + task.heading() + "\"";
        }

        private Elements.TimedPart draft(Elements.PartWork work, JobMaterials materials) {
            long start = System.nanoTime();
            PartTask task = work.task();
            Skill skill = work.job().skills().get(task.deliverableIndex());
            Drafter drafter = drafters.get(routing.drafterFor(Roles.of(task)));
            PartDrafting.Outcome outcome = new PartDrafting(drafter, Clock.systemUTC())
                    .draft(task, materials, skill);
            DraftedPart part = outcome.part();
            long tokens = part.tokens();
            PipelineMetrics.PARTS_DRAFTED.inc();
            PipelineMetrics.MODEL_TOKENS.inc(tokens);
            long millis = PrepareJobs.millisSince(start);
            PipelineMetrics.DRAFT_MILLIS.update(millis);
            TraceEvent trace = new TraceEvent(0, drafter.name(), Roles.of(task), subject(work),
                    Digests.short12(work.job().parsed().specHash() + "|" + task), Roles.groundedTools(task),
                    tokens,
                    millis, part.warnings().isEmpty() ? "ok" : String.join("; ", part.warnings()));
            return new Elements.TimedPart(part, millis, trace);
        }
    }
}
