package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.draft.ModelDrafter;
import io.docswarm.agents.draft.TextModel;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.Roles;
import io.docswarm.agents.trace.TraceEvent;
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
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Fans each job out into its parts and drafts them. The reshuffle between the two steps lets a runner spread
 * one job's parts across workers instead of drafting them where the job was planned. A part element carries
 * only its task and the job's spec and Skills; the job's sources and data reach the drafters once, as a side
 * input keyed by job id, so the work of moving a job's materials does not grow with its number of parts.
 */
public final class DraftParts
        extends PTransform<PCollection<Elements.PreparedJob>, PCollection<KV<String, Elements.TimedPart>>> {

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
    public PCollection<KV<String, Elements.TimedPart>> expand(PCollection<Elements.PreparedJob> jobs) {
        // Each job's sources and data travel once, as a side input keyed by job id, not once per part.
        PCollectionView<Map<String, JobMaterials>> materials = jobs
                .apply("KeyMaterials", ParDo.of(new KeyMaterialsFn()))
                .apply("MaterialsByJob", View.asMap());
        return jobs
                .apply("FanOutParts", ParDo.of(new FanOutFn()))
                .apply("SpreadParts", Reshuffle.viaRandomKey())
                .apply("DraftPart", ParDo.of(new DraftFn(routing, model)).withSideInput(MATERIALS, materials));
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
                            OutputReceiver<KV<String, Elements.TimedPart>> out) {
            long start = System.nanoTime();
            PartTask task = work.task();
            Skill skill = work.job().skills().get(task.deliverableIndex());
            Drafter drafter = drafters.get(routing.drafterFor(Roles.of(task)));
            PartDrafting.Outcome outcome = new PartDrafting(drafter, Clock.systemUTC())
                    .draft(task, materials.get(task.jobId()), skill);
            DraftedPart part = outcome.part();
            long tokens = part.tokens();
            PipelineMetrics.PARTS_DRAFTED.inc();
            PipelineMetrics.MODEL_TOKENS.inc(tokens);
            long millis = PrepareJobs.millisSince(start);
            PipelineMetrics.DRAFT_MILLIS.update(millis);
            String subject = work.job().parsed().spec().deliverables().get(task.deliverableIndex()).fileName()
                    + " part " + task.partIndex() + " \"" + task.heading() + "\"";
            TraceEvent trace = new TraceEvent(0, drafter.name(), Roles.of(task), subject,
                    Digests.short12(work.job().parsed().specHash() + "|" + task), Roles.groundedTools(task),
                    tokens,
                    millis, part.warnings().isEmpty() ? "ok" : String.join("; ", part.warnings()));
            out.output(KV.of(task.jobId(), new Elements.TimedPart(part, millis, trace)));
        }
    }
}
