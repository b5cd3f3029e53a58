package io.docswarm.pipeline.transforms;

import io.docswarm.pipeline.storage.Storage;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.report.ProcessPage;
import io.docswarm.agents.plan.PlanDocument;
import io.docswarm.agents.trace.TraceEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Joins each job with its rendered files and writes {@code OUT/<job-id>/manifest.json} (atomically), listing
 * the files that were rendered. When every deliverable was rendered it removes a dead-letter report left by an
 * earlier failed run of the same spec and emits the job's id on {@link #WRITTEN}. When any deliverable failed
 * to render, the job goes to {@link Failures#TAG} (stage {@code render}, naming each failed deliverable and why);
 * the files that did render stay delivered and listed. A job whose outputs cannot be written fails the same way
 * (stage {@code manifest}), never the run.
 */
public final class WriteManifests extends PTransform<PCollectionTuple, PCollectionTuple> {

    /** Ids of the jobs whose every deliverable was written. */
    public static final TupleTag<String> WRITTEN = new TupleTag<>() {
    };

    public static final TupleTag<KV<String, Elements.ConsolidatedJob>> JOBS = new TupleTag<>() {
    };
    public static final TupleTag<KV<String, Elements.RenderedFile>> FILES = new TupleTag<>() {
    };
    private static final TupleTag<Elements.ConsolidatedJob> JOB = new TupleTag<>() {
    };
    private static final TupleTag<Elements.RenderedFile> FILE = new TupleTag<>() {
    };

    private final String out;

    public WriteManifests(String out) {
        this.out = out;
    }

    @Override
    public PCollectionTuple expand(PCollectionTuple input) {
        return KeyedPCollectionTuple.of(JOB, input.get(JOBS)).and(FILE, input.get(FILES))
                .apply("JoinJobWithFiles", CoGroupByKey.create())
                .apply("WriteManifest", ParDo.of(new ManifestFn(out))
                        .withOutputTags(WRITTEN, TupleTagList.of(Failures.TAG)));
    }

    /**
     * The dead letter of a job some of whose deliverables failed to render, or empty when all rendered: the
     * reason names each failed deliverable and what the renderer said, then what was delivered.
     */
    static java.util.Optional<FailureReport> renderFailure(io.docswarm.pipeline.spec.ParsedSpec parsed,
                                                          List<Elements.RenderedFile> rendered) {
        var deliverables = parsed.spec().deliverables();
        List<String> reasons = new ArrayList<>();
        List<FailureReport.Problem> problems = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Elements.RenderedFile file : rendered) {
            seen.add(file.index());
            if (!file.failed()) {
                delivered.add(file.entry().name());
                continue;
            }
            String name = file.index() < deliverables.size() ? deliverables.get(file.index()).fileName()
                    : "deliverable " + file.index();
            String why = file.warnings().isEmpty() ? "rendering failed" : String.join("; ", file.warnings());
            reasons.add(why);
            problems.add(new FailureReport.Problem("$.deliverables[" + file.index() + "]", "deliverables",
                    "a rendered " + name, why));
        }
        for (int i = 0; i < deliverables.size(); i++) {
            if (!seen.contains(i)) {
                String name = deliverables.get(i).fileName();
                reasons.add(name + ": not rendered");
                problems.add(new FailureReport.Problem("$.deliverables[" + i + "]", "deliverables",
                        "a rendered " + name, "no rendered file"));
            }
        }
        if (reasons.isEmpty()) {
            return java.util.Optional.empty();
        }
        String reason = parsed.specFile() + ": " + reasons.size() + " of " + deliverables.size()
                + " deliverable(s) failed to render: " + String.join("; ", reasons)
                + (delivered.isEmpty() ? "" : " (delivered: " + String.join(", ", delivered) + ")");
        return java.util.Optional.of(new FailureReport(parsed.specFile(), "render", reason, problems));
    }

    static final class ManifestFn extends DoFn<KV<String, CoGbkResult>, String> {
        private final String out;

        ManifestFn(String out) {
            this.out = out;
        }

        @ProcessElement
        public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver receiver) {
            Elements.ConsolidatedJob job = joined.getValue().getOnly(JOB);
            List<Elements.RenderedFile> rendered = new ArrayList<>();
            joined.getValue().getAll(FILE).forEach(rendered::add);
            rendered.sort(Comparator.comparingInt(Elements.RenderedFile::index));
            List<Manifest.FileEntry> files = new ArrayList<>();
            List<String> warnings = new ArrayList<>(job.warnings());
            long renderMillis = 0;
            long previewMillis = 0;
            for (Elements.RenderedFile file : rendered) {
                if (file.entry() != null) {
                    files.add(file.entry());
                }
                warnings.addAll(file.warnings());
                renderMillis += file.millis();
                previewMillis += file.previewMillis();
            }
            Map<String, Long> timings = new LinkedHashMap<>(job.job().timingsMs());
            timings.put("draft", job.draftMillis());
            timings.put("consolidate", job.consolidateMs());
            timings.put("render", renderMillis);
            timings.put("preview", previewMillis);
            var parsed = job.job().parsed();
            long tokens = job.trace().stream().mapToLong(TraceEvent::tokens).sum();
            Manifest manifest = new Manifest(parsed.spec().id(), parsed.specFile(), parsed.specHash(), job.drafter(),
                    files, timings, warnings, tokens);
            List<TraceEvent> trace = new ArrayList<>(job.trace());
            for (Elements.RenderedFile file : rendered) {
                String name = file.entry() == null ? "deliverable " + file.index() : file.entry().name();
                trace.add(new TraceEvent(trace.size(), "renderer", "renderer", name,
                        file.entry() == null ? "" : file.entry().sha256().substring(0, 12), List.of("render", "preview"),
                        0, file.millis() + file.previewMillis(),
                        file.warnings().isEmpty() ? "ok" : String.join("; ", file.warnings())));
            }
            java.util.Optional<FailureReport> failure = renderFailure(parsed, rendered);
            try {
                String jobDir = Storage.child(out, parsed.spec().id());
                Storage.write(Storage.child(jobDir, "trace.jsonl"), OutputJson.jsonLines(trace));
                Storage.write(Storage.child(jobDir, "plan.json"),
                        PlanDocument.toJson(job.job().plan()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Storage.write(Storage.child(jobDir, "process.html"), ProcessPage.render(parsed.spec().id(),
                        job.job().plan(), trace, warnings).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Storage.write(Storage.child(out, parsed.spec().id(), "manifest.json"), OutputJson.bytes(manifest));
                if (failure.isEmpty()) {
                    Storage.delete(Storage.child(out, "_failed", FailureReport.fileNameFor(parsed.specFile())));
                }
            } catch (IOException | RuntimeException e) {
                PipelineMetrics.JOBS_FAILED.inc();
                receiver.get(Failures.TAG).output(new FailureReport(parsed.specFile(), "manifest",
                        parsed.specFile() + ": cannot write the outputs of " + parsed.spec().id() + ": "
                        + Failures.reason(e), List.of()));
                return;
            }
            if (failure.isPresent()) {
                // Partly delivered: the rendered files stay (and are listed in the manifest); the job is failed
                // and dead-lettered, and the next run does it again.
                PipelineMetrics.JOBS_FAILED.inc();
                receiver.get(Failures.TAG).output(failure.get());
            } else {
                PipelineMetrics.JOBS_DELIVERED.inc();
                receiver.get(WRITTEN).output(parsed.spec().id());
            }
        }
    }
}
