package io.docswarm.pipeline.spec;

import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillKind;
import java.util.List;
import java.util.Optional;

/**
 * Which output formats each kind of Skill can render: report and brief Skills make Word and PDF documents, deck
 * Skills PowerPoint decks, workbook Skills Excel workbooks. A deliverable whose Skill is of another kind would
 * only fail when rendered (its template is the wrong kind of file), so it is refused when the Skill is resolved.
 */
public final class SkillFormats {

    private SkillFormats() {
    }

    /** The formats a Skill of {@code kind} can render. */
    public static List<OutputFormat> formatsOf(SkillKind kind) {
        return switch (kind) {
            case REPORT, BRIEF -> List.of(OutputFormat.DOCX, OutputFormat.PDF);
            case DECK -> List.of(OutputFormat.PPTX);
            case WORKBOOK -> List.of(OutputFormat.XLSX);
        };
    }

    /**
     * Why {@code skill} cannot render {@code format}, e.g. {@code skill 'deck' is a deck (pptx) skill, not usable
     * for docx}; empty when it can.
     *
     * @param written the skill as the spec wrote it
     */
    public static Optional<String> mismatch(String written, Skill skill, OutputFormat format) {
        List<OutputFormat> formats = formatsOf(skill.kind());
        if (formats.contains(format)) {
            return Optional.empty();
        }
        return Optional.of("skill '" + written + "' is a " + skill.kind().id() + " ("
                + String.join(", ", formats.stream().map(OutputFormat::extension).toList())
                + ") skill, not usable for " + format.extension());
    }
}
