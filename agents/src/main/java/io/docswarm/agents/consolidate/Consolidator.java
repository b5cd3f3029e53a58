package io.docswarm.agents.consolidate;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The supervisor's last step: puts a deliverable's drafted parts back in plan order and assembles one
 * document model from them.
 */
public final class Consolidator {

    private Consolidator() {
    }

    /**
     * @param spec             the job
     * @param deliverableIndex which deliverable
     * @param parts            that deliverable's parts, in any order
     * @param created          the timestamp written into the file (fixed per spec so output is reproducible)
     */
    public static Document consolidate(JobSpec spec, int deliverableIndex, List<DraftedPart> parts, Instant created) {
        List<DraftedPart> ordered = parts.stream()
                .filter(p -> p.deliverableIndex() == deliverableIndex)
                .sorted(Comparator.comparingInt(DraftedPart::partIndex)).toList();
        List<Section> sections = new ArrayList<>();
        List<Slide> slides = new ArrayList<>();
        List<Sheet> sheets = new ArrayList<>();
        for (DraftedPart part : ordered) {
            sections.addAll(part.sections());
            slides.addAll(part.slides());
            sheets.addAll(part.sheets());
        }
        String subtitle = spec.audience().isBlank() ? "" : "Prepared for " + spec.audience();
        return new Document(new Document.DocumentMetadata(spec.title(), subtitle, "Docswarm",
                spec.constraints().language(), created), sections, slides, sheets);
    }
}
