package io.docswarm.agents.plan;

/** What a part of a deliverable is, which decides how it is drafted. */
public enum PartKind {
    /** A headed section of a report, or one content slide of a deck. */
    SECTION,
    /** The deck's title slide. */
    TITLE_SLIDE,
    /** The deck's agenda slide. */
    AGENDA_SLIDE,
    /** The deck's closing slide. */
    CLOSING_SLIDE,
    /** A workbook sheet holding one data set. */
    DATA_SHEET,
    /** A workbook sheet summarising one data set with formulas and a chart. */
    SUMMARY_SHEET
}
