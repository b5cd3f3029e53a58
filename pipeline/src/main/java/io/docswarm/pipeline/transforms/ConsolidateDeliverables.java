package io.docswarm.pipeline.transforms;

import io.docswarm.agents.consolidate.Consolidator;
import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.design.Designer;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.trace.TraceEvent;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.renderers.model.Document;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Joins each job with its drafted parts and assembles one document model per deliverable, in plan order.
 * Also emits the job-level facts (drafter, timings, warnings) that the manifest needs.
 *
 * <p>A job with a part that could not be drafted ({@link #FAILED_PARTS}), or whose consolidation throws, goes to
 * {@link Failures#TAG} as a single report (stage {@code draft} or {@code consolidate}) with none of its documents:
 * nothing of it is rendered, and the rest of the batch goes on.
 */
public final class ConsolidateDeliverables extends PTransform<PCollectionTuple, PCollectionTuple> {

    public static final TupleTag<KV<String, Elements.PreparedJob>> JOBS = new TupleTag<>() {
    };
    public static final TupleTag<KV<String, Elements.TimedPart>> PARTS = new TupleTag<>() {
    };
    /** Parts that could not be drafted, by job id ({@link DraftParts#FAILED}). */
    public static final TupleTag<KV<String, FailureReport>> FAILED_PARTS = new TupleTag<>() {
    };
    public static final TupleTag<Elements.DeliverableDraft> DRAFTS = new TupleTag<>() {
    };
    public static final TupleTag<KV<String, Elements.ConsolidatedJob>> CONSOLIDATED = new TupleTag<>() {
    };

    private static final TupleTag<Elements.PreparedJob> JOB = new TupleTag<>() {
    };
    private static final TupleTag<Elements.TimedPart> PART = new TupleTag<>() {
    };
    private static final TupleTag<FailureReport> FAILED_PART = new TupleTag<>() {
    };

    private final String drafterIdentity;

    /** @param drafterIdentity what the manifest records as the drafter (the drafter and any role routes) */
    public ConsolidateDeliverables(String drafterIdentity) {
        this.drafterIdentity = drafterIdentity;
    }

    @Override
    public PCollectionTuple expand(PCollectionTuple input) {
        return KeyedPCollectionTuple.of(JOB, input.get(JOBS)).and(PART, input.get(PARTS))
                .and(FAILED_PART, input.get(FAILED_PARTS))
                .apply("JoinJobWithParts", CoGroupByKey.create())
                .apply("AssembleDocuments", ParDo.of(new AssembleFn(drafterIdentity))
                        .withOutputTags(DRAFTS, TupleTagList.of(CONSOLIDATED).and(Failures.TAG)));
    }

    static final class AssembleFn extends DoFn<KV<String, CoGbkResult>, Elements.DeliverableDraft> {
        private final String drafterIdentity;

        AssembleFn(String drafterIdentity) {
            this.drafterIdentity = drafterIdentity;
        }

        @ProcessElement
        public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
            Elements.PreparedJob job = joined.getValue().getOnly(JOB);
            List<String> partFailures = new ArrayList<>();
            joined.getValue().getAll(FAILED_PART).forEach(failure -> partFailures.add(failure.reason()));
            if (!partFailures.isEmpty()) {
                partFailures.sort(null);
                PipelineMetrics.JOBS_FAILED.inc();
                out.get(Failures.TAG).output(new FailureReport(job.parsed().specFile(), "draft",
                        String.join("; ", partFailures), List.of()));
                return;
            }
            Assembled assembled;
            try {
                assembled = assemble(job, joined.getValue().getAll(PART));
            } catch (RuntimeException e) {
                PipelineMetrics.JOBS_FAILED.inc();
                out.get(Failures.TAG).output(new FailureReport(job.parsed().specFile(), "consolidate",
                        job.parsed().specFile() + ": consolidation failed: " + Failures.reason(e), List.of()));
                return;
            }
            // Only a job whose every document was assembled is passed on, so no deliverable of a failed job
            // is rendered.
            assembled.drafts().forEach(out.get(DRAFTS)::output);
            out.get(CONSOLIDATED).output(KV.of(job.jobId(), assembled.job()));
        }

        private record Assembled(List<Elements.DeliverableDraft> drafts, Elements.ConsolidatedJob job) {
        }

        private Assembled assemble(Elements.PreparedJob job, Iterable<Elements.TimedPart> drafted) {
            List<Elements.DeliverableDraft> drafts = new ArrayList<>();
            long start = System.nanoTime();
            List<DraftedPart> parts = new ArrayList<>();
            List<Elements.TimedPart> timedParts = new ArrayList<>();
            long draftMillis = 0;
            List<String> warnings = new ArrayList<>(job.plan().warnings());
            String drafter = drafterIdentity;
            for (Elements.TimedPart timed : drafted) {
                parts.add(timed.part());
                timedParts.add(timed);
                draftMillis += timed.millis();
            }
            parts.sort(java.util.Comparator.comparingInt(DraftedPart::deliverableIndex)
                    .thenComparingInt(DraftedPart::partIndex));
            parts.forEach(p -> warnings.addAll(p.warnings()));
            JobSpec spec = job.parsed().spec();
            List<TraceEvent> designs = new ArrayList<>();
            for (int d = 0; d < spec.deliverables().size(); d++) {
                final int deliverable = d;
                java.util.Set<Integer> summaries = job.plan().parts().stream()
                        .filter(p -> p.deliverableIndex() == deliverable && "summary".equals(p.purpose())
                                && p.kind() == io.docswarm.agents.plan.PartKind.SECTION)
                        .map(io.docswarm.agents.plan.PartTask::partIndex).collect(java.util.stream.Collectors.toSet());
                Document document = Consolidator.consolidate(spec, d, parts, job.parsed().specTime(), summaries);
                if (!document.slides().isEmpty()) {
                    // The designer fits each slide to the Skill's own layout slots before rendering.
                    long designStart = System.nanoTime();
                    Designer.Design design = Designer.design(document.slides(), job.skills().get(d));
                    document = new Document(document.metadata(), document.sections(), design.slides(),
                            document.sheets());
                    design.decisions().forEach(decision -> warnings.add(spec.deliverables().get(deliverable)
                            .fileName() + ": " + decision));
                    designs.add(new TraceEvent(0, "designer", "designer", spec.deliverables().get(deliverable)
                            .fileName() + ": " + design.slides().size() + " slides", Digests.short12(
                            job.parsed().specHash() + "|design|" + d), List.of("skill-layouts", "slot-budgets"), 0,
                            PrepareJobs.millisSince(designStart), design.decisions().isEmpty() ? "ok"
                            : String.join("; ", design.decisions())));
                }
                drafts.add(new Elements.DeliverableDraft(spec.id(), d, spec.deliverables().get(d),
                        job.skills().get(d), document));
            }
            long consolidateMillis = PrepareJobs.millisSince(start);
            // The trace in plan order: planning, each part as drafted, then consolidation.
            List<TraceEvent> trace = new ArrayList<>();
            trace.add(new TraceEvent(0, "planner", "planner", spec.id() + ": " + job.plan().parts().size() + " parts",
                    Digests.short12(job.parsed().specHash()), List.of("skill-outline", "budgets"), 0,
                    job.timingsMs().getOrDefault("plan", 0L),
                    job.plan().warnings().isEmpty() ? "ok" : String.join("; ", job.plan().warnings())));
            timedParts.sort(java.util.Comparator.comparingInt((Elements.TimedPart t) -> t.part().deliverableIndex())
                    .thenComparingInt(t -> t.part().partIndex()));
            timedParts.forEach(t -> trace.add(t.trace().withStep(trace.size())));
            designs.forEach(t -> trace.add(t.withStep(trace.size())));
            trace.add(new TraceEvent(trace.size(), "supervisor", "supervisor", spec.deliverables().size()
                    + " document model(s) from " + parts.size() + " parts", Digests.short12(job.parsed().specHash()),
                    List.of("consolidate"), 0, consolidateMillis, "ok"));
            return new Assembled(drafts, new Elements.ConsolidatedJob(job, drafter, draftMillis,
                    consolidateMillis, warnings, trace));
        }
    }
}
