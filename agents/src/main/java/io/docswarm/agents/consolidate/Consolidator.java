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
        return consolidate(spec, deliverableIndex, parts, created, java.util.Set.of());
    }

    /**
     * Like {@link #consolidate(JobSpec, int, List, Instant)}; the parts in {@code summaryParts} are executive
     * summaries, which the supervisor completes last, once every other section is written: a "What follows" list
     * with each later section's opening statement, cited, so the summary reflects the document as delivered.
     */
    public static Document consolidate(JobSpec spec, int deliverableIndex, List<DraftedPart> parts, Instant created,
                                       java.util.Set<Integer> summaryParts) {
        List<DraftedPart> ordered = parts.stream()
                .filter(p -> p.deliverableIndex() == deliverableIndex)
                .sorted(Comparator.comparingInt(DraftedPart::partIndex)).toList();
        List<Section> sections = new ArrayList<>();
        List<Slide> slides = new ArrayList<>();
        List<Sheet> sheets = new ArrayList<>();
        java.util.Map<Integer, Integer> summaryAt = new java.util.HashMap<>();
        for (DraftedPart part : ordered) {
            if (summaryParts.contains(part.partIndex()) && !part.sections().isEmpty()) {
                summaryAt.put(sections.size(), part.partIndex());
            }
            sections.addAll(part.sections());
            slides.addAll(part.slides());
            sheets.addAll(part.sheets());
        }
        for (int at : summaryAt.keySet()) {
            sections.set(at, Supervisor.completeSummary(sections.get(at), sections.subList(at + 1, sections.size())));
        }
        sections = new ArrayList<>(Supervisor.resolveCrossReferences(sections));
        String subtitle = spec.audience().isBlank() ? "" : "Prepared for " + spec.audience();
        return new Document(new Document.DocumentMetadata(spec.title(), subtitle, "Docswarm",
                spec.constraints().language(), created), sections, slides, sheets);
    }
}
