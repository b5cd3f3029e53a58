package io.docswarm.skills;

/** The family of deliverable a Skill standardises. */
public enum SkillKind {
    /** Long-form documents: Word reports, PDF reports. */
    REPORT,
    /** Slide decks. */
    DECK,
    /** Workbooks. */
    WORKBOOK,
    /** Short documents, typically one to four pages. */
    BRIEF;

    /** The lower-case name used in skill.json. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
