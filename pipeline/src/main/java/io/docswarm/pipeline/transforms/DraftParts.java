package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.ModelDrafter;
import io.docswarm.agents.draft.TextModel;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.Roles;
import io.docswarm.agents.trace.TraceEvent;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.time.Clock;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Fans each job out into its parts and drafts them. The reshuffle between the two steps lets a runner spread
 * one job's parts across workers instead of drafting them where the job was planned.
 */
public final class DraftParts
        extends PTransform<PCollection<Elements.PreparedJob>, PCollection<KV<String, Elements.TimedPart>>> {

    private final String drafter;
    private final Drafters.ModelSettings model;

    /**
     * @param drafter the drafter's name
     * @param model   what the model drafters use (a GGUF file, or an OpenAI-compatible endpoint)
     */
    public DraftParts(String drafter, Drafters.ModelSettings model) {
        this.drafter = drafter;
        this.model = model;
    }

    @Override
    public PCollection<KV<String, Elements.TimedPart>> expand(PCollection<Elements.PreparedJob> jobs) {
        return jobs
                .apply("FanOutParts", ParDo.of(new FanOutFn()))
                .apply("SpreadParts", Reshuffle.viaRandomKey())
                .apply("DraftPart", ParDo.of(new DraftFn(drafter, model)));
    }

    static final class FanOutFn extends DoFn<Elements.PreparedJob, Elements.PartWork> {
        @ProcessElement
        public void process(@Element Elements.PreparedJob job, OutputReceiver<Elements.PartWork> out) {
            for (PartTask task : job.plan().parts()) {
                out.output(new Elements.PartWork(job, task));
            }
        }
    }

    static final class DraftFn extends DoFn<Elements.PartWork, KV<String, Elements.TimedPart>> {
        private final String drafterName;
        private final Drafters.ModelSettings model;
        private transient Drafter drafter;
        private transient TextModel textModel;

        DraftFn(String drafterName, Drafters.ModelSettings model) {
            this.drafterName = drafterName;
            this.model = model;
        }

        @Setup
        public void setup() throws IOException {
            // One model per worker instance; an engine's weights are memory-mapped, so instances share pages.
            textModel = Drafters.textModel(drafterName, model);
            drafter = textModel == null ? Drafters.byName(drafterName) : new ModelDrafter(textModel);
        }

        @Teardown
        public void teardown() {
            if (textModel != null) {
                textModel.close();
            }
        }

        @ProcessElement
        public void process(@Element Elements.PartWork work, OutputReceiver<KV<String, Elements.TimedPart>> out) {
            long start = System.nanoTime();
            PartTask task = work.task();
            Skill skill = work.job().skills().get(task.deliverableIndex());
            PartDrafting.Outcome outcome = new PartDrafting(drafter, Clock.systemUTC())
                    .draft(task, work.job().materials(), skill);
            DraftedPart part = outcome.part();
            long tokens = part.tokens();
            PipelineMetrics.PARTS_DRAFTED.inc();
            long millis = PrepareJobs.millisSince(start);
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
