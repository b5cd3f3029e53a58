package io.docswarm.agents.draft;

import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import java.io.Serializable;
import java.util.List;

/**
 * A drafted part, in document-model form, ready for consolidation.
 *
 * @param jobId            the job
 * @param deliverableIndex which deliverable
 * @param partIndex        order within the deliverable
 * @param sections         report sections (DOCX, PDF)
 * @param slides           slides (PPTX)
 * @param sheets           sheets (XLSX)
 * @param warnings         what the drafter could not do as asked
 * @param drafter          which drafter wrote it
 * @param tokens           model tokens generated for it (0 for model-free drafting)
 */
public record DraftedPart(String jobId, int deliverableIndex, int partIndex, List<Section> sections,
                          List<Slide> slides, List<Sheet> sheets, List<String> warnings, String drafter, long tokens)
        implements Serializable {

    /** A part drafted without a model. */
    public DraftedPart(String jobId, int deliverableIndex, int partIndex, List<Section> sections, List<Slide> slides,
                       List<Sheet> sheets, List<String> warnings, String drafter) {
        this(jobId, deliverableIndex, partIndex, sections, slides, sheets, warnings, drafter, 0);
    }
    public DraftedPart {
        sections = List.copyOf(sections);
        slides = List.copyOf(slides);
        sheets = List.copyOf(sheets);
        warnings = List.copyOf(warnings);
    }
}
