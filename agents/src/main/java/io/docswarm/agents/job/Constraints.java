package io.docswarm.agents.job;

import java.io.Serializable;
import java.util.List;

/**
 * Limits and wishes that apply to every deliverable of a job.
 *
 * @param sections section headings to use instead of the Skill's outline (empty: follow the Skill)
 * @param slides   most slides in a deck (0: the Skill decides)
 * @param pages    page budget for documents (0: the Skill decides)
 * @param language BCP 47 language of the output
 * @param tone     e.g. {@code formal}, {@code neutral}, {@code upbeat}
 */
public record Constraints(List<String> sections, int slides, int pages, String language, String tone)
        implements Serializable {

    public static final Constraints NONE = new Constraints(List.of(), 0, 0, "en", "neutral");

    public Constraints {
        sections = sections == null ? List.of() : List.copyOf(sections);
        language = language == null ? "en" : language;
        tone = tone == null ? "neutral" : tone;
    }
}
