package io.docswarm.skills;

import java.io.Serializable;
import java.util.List;

/**
 * The default skeleton a new deliverable follows when its job does not list sections itself.
 *
 * @param outline    section headings in order (reports, briefs) with their levels
 * @param slideRoles slide roles in order (decks), e.g. {@code title, agenda, content..., closing}
 * @param sheets     sheets in order with their header rows (workbooks); empty for other kinds
 * @param frontMatter what documents put before their first section (cover or title block, contents list); null
 *                    when the Skill does not say (decks, workbooks, Skills from before it was recorded): see
 *                    {@link #frontMatterOrDefault()}
 */
public record Structure(List<OutlineEntry> outline, List<String> slideRoles, List<SheetOutline> sheets,
                        FrontMatter frontMatter) implements Serializable {

    public Structure {
        outline = outline == null ? List.of() : List.copyOf(outline);
        slideRoles = slideRoles == null ? List.of() : List.copyOf(slideRoles);
        sheets = sheets == null ? List.of() : List.copyOf(sheets);
    }

    /** A skeleton without front matter (decks, workbooks). */
    public Structure(List<OutlineEntry> outline, List<String> slideRoles, List<SheetOutline> sheets) {
        this(outline, slideRoles, sheets, null);
    }

    /** A skeleton of headings and slide roles only. */
    public Structure(List<OutlineEntry> outline, List<String> slideRoles) {
        this(outline, slideRoles, List.of());
    }

    /**
     * The front matter documents following this Skill get: the Skill's own, else
     * {@link FrontMatter#COVER_AND_CONTENTS}. (Not a bean getter, so skill.json keeps the field absent when the
     * Skill does not say.)
     */
    public FrontMatter frontMatterOrDefault() {
        return frontMatter == null ? FrontMatter.COVER_AND_CONTENTS : frontMatter;
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

    /**
     * One sheet of a workbook skeleton.
     *
     * @param name      sheet name
     * @param headerRow 1-based row of the column headers, 0 when the sheet has none
     * @param headers   the column headers, left to right
     * @param columnKinds for each header, the kind of values below it ({@code currency}, {@code percent},
     *                  {@code integer}, {@code decimal}, {@code date}, {@code text}, {@code formula} or
     *                  {@code empty})
     */
    public record SheetOutline(String name, int headerRow, List<String> headers, List<String> columnKinds)
            implements Serializable {
        public SheetOutline {
            headers = headers == null ? List.of() : List.copyOf(headers);
            columnKinds = columnKinds == null ? List.of() : List.copyOf(columnKinds);
        }
    }
}
