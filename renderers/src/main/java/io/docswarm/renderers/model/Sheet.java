package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.List;

/**
 * One sheet of a workbook: a data table (written as a named Excel table with autofilter), derived columns
 * written as live formulas, and charts placed beside the data.
 *
 * @param name           sheet tab name (at most 31 characters)
 * @param table          the data; its totals row becomes SUBTOTAL formulas
 * @param derivedColumns formula columns appended to the right of the table
 * @param charts         charts over the table's columns
 * @param notes          lines written above the table (what the sheet shows, where the data came from)
 */
public record Sheet(String name, Table table, List<DerivedColumn> derivedColumns, List<Chart> charts,
                    List<String> notes) implements Serializable {

    public Sheet {
        if (name == null || name.isBlank() || name.length() > 31 || name.matches(".*[\\[\\]:*?/\\\\].*")) {
            throw new IllegalArgumentException("sheet name must be 1..31 characters without []:*?/\\, was '"
                    + name + "'");
        }
        derivedColumns = derivedColumns == null ? List.of() : List.copyOf(derivedColumns);
        charts = charts == null ? List.of() : List.copyOf(charts);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * A column computed by a formula from other columns of the same row.
     *
     * @param name    header text
     * @param kind    what it computes
     * @param column  the (0-based) table column it is computed from
     * @param format  number format, e.g. {@code 0.0%}
     */
    public record DerivedColumn(String name, DerivedKind kind, int column, String format) implements Serializable {
    }

    /** Formula patterns the renderers know how to write. */
    public enum DerivedKind {
        /** The row's value as a share of the column total. */
        SHARE_OF_TOTAL,
        /** Growth against the previous row (blank for the first row). */
        GROWTH_FROM_PREVIOUS
    }
}
