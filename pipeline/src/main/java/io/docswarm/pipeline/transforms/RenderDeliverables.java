package io.docswarm.pipeline.transforms;

import io.docswarm.pipeline.output.AtomicFiles;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.Renderers;
import io.docswarm.renderers.preview.Previews;
import java.io.IOException;
import io.docswarm.pipeline.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Renders each deliverable straight into a temporary file beside its target and renames it into place
 * ({@code OUT/<job-id>/<name>.<ext>}), then writes its preview. A renderer failure is recorded (a file with no
 * manifest entry) and never ends the run; the job's other deliverables still land, and {@link WriteManifests}
 * dead-letters the job.
 */
public final class RenderDeliverables
        extends PTransform<PCollection<Elements.DeliverableDraft>, PCollection<KV<String, Elements.RenderedFile>>> {

    private final String out;

    public RenderDeliverables(String out) {
        this.out = out;
    }

    @Override
    public PCollection<KV<String, Elements.RenderedFile>> expand(PCollection<Elements.DeliverableDraft> drafts) {
        return drafts.apply("RenderAndWrite", ParDo.of(new RenderFn(out)));
    }

    static final class RenderFn extends DoFn<Elements.DeliverableDraft, KV<String, Elements.RenderedFile>> {

        /**
         * Writes {@code <file>.png} beside the deliverable (unchanged previews are not rewritten); a preview that
         * cannot be made is a warning, never a failed deliverable.
         */
        private static java.util.Optional<String> writePreview(String target, Elements.DeliverableDraft draft) {
            try {
                byte[] png = Previews.png(draft.deliverable().format(), Storage.readAllBytes(target),
                        draft.document(), draft.skill());
                Storage.write(target + ".png", png);
                return java.util.Optional.empty();
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.of(draft.deliverable().fileName() + ": no preview: " + e.getMessage());
            }
        }

        /**
         * A warning when a PDF has more pages, or a deck more slides, than the job's {@code length} asks for: the
         * planner sizes sections from a words-per-page estimate, which tables and charts can overrun, and a budget
         * the reader set should not be missed silently. A Word file's pages are Word's own layout, not counted here.
         */
        static java.util.Optional<String> overLength(io.docswarm.agents.job.Deliverable deliverable, int units) {
            String unit = switch (deliverable.format()) {
                case PDF -> "pages";
                case PPTX -> "slides";
                default -> null;
            };
            if (unit == null || deliverable.length() <= 0 || units <= deliverable.length()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(deliverable.fileName() + ": " + units + " " + unit + ", more than the "
                    + deliverable.length() + " the job asks for");
        }

        private final String out;

        RenderFn(String out) {
            this.out = out;
        }

        @ProcessElement
        public void process(@Element Elements.DeliverableDraft draft,
                            OutputReceiver<KV<String, Elements.RenderedFile>> receiver) {
            long start = System.nanoTime();
            String target = Storage.child(out, draft.jobId(), draft.deliverable().fileName());
            RenderResult[] result = new RenderResult[1];
            Elements.RenderedFile rendered;
            try {
                AtomicFiles.Written written = Storage.write(target, stream -> result[0] =
                        Renderers.forFormat(draft.deliverable().format()).render(draft.document(), draft.skill(),
                                stream));
                long millis = PrepareJobs.millisSince(start);
                PipelineMetrics.FILES_RENDERED.inc();
                PipelineMetrics.RENDER_MILLIS.update(millis);
                List<String> warnings = new ArrayList<>();
                result[0].warnings().forEach(w -> warnings.add(draft.deliverable().fileName() + ": " + w));
                overLength(draft.deliverable(), result[0].units()).ifPresent(warnings::add);
                // The preview is timed on its own: it re-reads and rasterizes the file, which can take as long
                // as rendering it.
                long previewStart = System.nanoTime();
                writePreview(target, draft).ifPresent(warnings::add);
                long previewMillis = PrepareJobs.millisSince(previewStart);
                rendered = new Elements.RenderedFile(draft.index(), new Manifest.FileEntry(
                        draft.deliverable().fileName(), draft.deliverable().format().extension(), written.size(),
                        written.sha256(), draft.skill().reference(), result[0].units(),
                        Digests.skill(draft.skill())), warnings, millis, previewMillis);
            } catch (IOException | RuntimeException e) {
                rendered = new Elements.RenderedFile(draft.index(), null,
                        List.of(draft.deliverable().fileName() + ": rendering failed: " + e),
                        PrepareJobs.millisSince(start));
            }
            receiver.output(KV.of(draft.jobId(), rendered));
        }
    }
}
