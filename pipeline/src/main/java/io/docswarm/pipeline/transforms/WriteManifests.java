package io.docswarm.pipeline.transforms;

import io.docswarm.pipeline.storage.Storage;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.report.ProcessPage;
import io.docswarm.agents.plan.PlanDocument;
import io.docswarm.agents.trace.TraceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Joins each job with its rendered files and writes {@code OUT/<job-id>/manifest.json} (atomically); on success
 * it removes a dead-letter report left by an earlier failed run of the same spec. Emits each job's id.
 */
public final class WriteManifests extends PTransform<PCollectionTuple, PCollection<String>> {

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
    public PCollection<String> expand(PCollectionTuple input) {
        return KeyedPCollectionTuple.of(JOB, input.get(JOBS)).and(FILE, input.get(FILES))
                .apply("JoinJobWithFiles", CoGroupByKey.create())
                .apply("WriteManifest", ParDo.of(new ManifestFn(out)));
    }

    static final class ManifestFn extends DoFn<KV<String, CoGbkResult>, String> {
        private final String out;

        ManifestFn(String out) {
            this.out = out;
        }

        @ProcessElement
        public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<String> receiver) {
            Elements.ConsolidatedJob job = joined.getValue().getOnly(JOB);
            List<Elements.RenderedFile> rendered = new ArrayList<>();
            joined.getValue().getAll(FILE).forEach(rendered::add);
            rendered.sort(Comparator.comparingInt(Elements.RenderedFile::index));
            List<Manifest.FileEntry> files = new ArrayList<>();
            List<String> warnings = new ArrayList<>(job.warnings());
            long renderMillis = 0;
            for (Elements.RenderedFile file : rendered) {
                if (file.entry() != null) {
                    files.add(file.entry());
                }
                warnings.addAll(file.warnings());
                renderMillis += file.millis();
            }
            Map<String, Long> timings = new LinkedHashMap<>(job.job().timingsMs());
            timings.put("draft", job.draftMillis());
            timings.put("consolidate", job.consolidateMs());
            timings.put("render", renderMillis);
            var parsed = job.job().parsed();
            long tokens = job.trace().stream().mapToLong(TraceEvent::tokens).sum();
            Manifest manifest = new Manifest(parsed.spec().id(), parsed.specFile(), parsed.specHash(), job.drafter(),
                    files, timings, warnings, tokens);
            List<TraceEvent> trace = new ArrayList<>(job.trace());
            for (Elements.RenderedFile file : rendered) {
                String name = file.entry() == null ? "deliverable " + file.index() : file.entry().name();
                trace.add(new TraceEvent(trace.size(), "renderer", "renderer", name,
                        file.entry() == null ? "" : file.entry().sha256().substring(0, 12), List.of("render", "preview"),
                        0, file.millis(), file.warnings().isEmpty() ? "ok" : String.join("; ", file.warnings())));
            }
            try {
                String jobDir = Storage.child(out, parsed.spec().id());
                Storage.write(Storage.child(jobDir, "trace.jsonl"), OutputJson.jsonLines(trace));
                Storage.write(Storage.child(jobDir, "plan.json"),
                        PlanDocument.toJson(job.job().plan()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Storage.write(Storage.child(jobDir, "process.html"), ProcessPage.render(parsed.spec().id(),
                        job.job().plan(), trace, warnings).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Storage.write(Storage.child(out, parsed.spec().id(), "manifest.json"), OutputJson.bytes(manifest));
                if (files.size() == parsed.spec().deliverables().size()) {
                    Storage.delete(Storage.child(out, "_failed", FailureReport.fileNameFor(parsed.specFile())));
                    PipelineMetrics.JOBS_DELIVERED.inc();
                } else {
                    PipelineMetrics.JOBS_FAILED.inc();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the manifest of " + parsed.spec().id(), e);
            }
            receiver.output(parsed.spec().id());
        }
    }
}
