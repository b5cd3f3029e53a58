package io.docswarm.skills;

import java.io.Serializable;
import java.util.List;

/**
 * The default skeleton a new deliverable follows when its job does not list sections itself.
 *
 * @param outline    section headings in order (reports, briefs) with their levels
 * @param slideRoles slide roles in order (decks), e.g. {@code title, agenda, content..., closing}
 */
public record Structure(List<OutlineEntry> outline, List<String> slideRoles) implements Serializable {

    public Structure {
        outline = outline == null ? List.of() : List.copyOf(outline);
        slideRoles = slideRoles == null ? List.of() : List.copyOf(slideRoles);
    }

    /**
     * One heading of the skeleton.
     *
     * @param heading the heading text
     * @param level   1 for top-level sections
     * @param purpose what the section is for: {@code summary}, {@code narrative}, {@code data} or
     *                {@code conclusion}; drafters choose content by it
     */
    public record OutlineEntry(String heading, int level, String purpose) implements Serializable {
    }
}
