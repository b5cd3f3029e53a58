package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.Roles;
import io.docswarm.agents.trace.TraceEvent;
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

    public DraftParts(String drafter) {
        this.drafter = drafter;
    }

    @Override
    public PCollection<KV<String, Elements.TimedPart>> expand(PCollection<Elements.PreparedJob> jobs) {
        return jobs
                .apply("FanOutParts", ParDo.of(new FanOutFn()))
                .apply("SpreadParts", Reshuffle.viaRandomKey())
                .apply("DraftPart", ParDo.of(new DraftFn(drafter)));
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
        private transient Drafter drafter;

        DraftFn(String drafterName) {
            this.drafterName = drafterName;
        }

        @Setup
        public void setup() {
            drafter = Drafters.byName(drafterName);
        }

        @ProcessElement
        public void process(@Element Elements.PartWork work, OutputReceiver<KV<String, Elements.TimedPart>> out) {
            long start = System.nanoTime();
            PartTask task = work.task();
            DraftedPart part = drafter.draft(task, work.job().materials(),
                    work.job().skills().get(task.deliverableIndex()));
            PipelineMetrics.PARTS_DRAFTED.inc();
            long millis = PrepareJobs.millisSince(start);
            String subject = work.job().parsed().spec().deliverables().get(task.deliverableIndex()).fileName()
                    + " part " + task.partIndex() + " \"" + task.heading() + "\"";
            TraceEvent trace = new TraceEvent(0, drafter.name(), Roles.of(task), subject,
                    Digests.short12(work.job().parsed().specHash() + "|" + task), Roles.groundedTools(task), 0,
                    millis, part.warnings().isEmpty() ? "ok" : String.join("; ", part.warnings()));
            out.output(KV.of(task.jobId(), new Elements.TimedPart(part, millis, trace)));
        }
    }
}
