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
 * @param tableName      the Excel table name formulas and readers refer to; empty to derive one from the sheet name
 */
public record Sheet(String name, Table table, List<DerivedColumn> derivedColumns, List<Chart> charts,
                    List<String> notes, String tableName) implements Serializable {

    public Sheet {
        if (name == null || name.isBlank() || name.length() > 31 || name.matches(".*[\\[\\]:*?/\\\\].*")) {
            throw new IllegalArgumentException("sheet name must be 1..31 characters without []:*?/\\, was '"
                    + name + "'");
        }
        derivedColumns = derivedColumns == null ? List.of() : List.copyOf(derivedColumns);
        charts = charts == null ? List.of() : List.copyOf(charts);
        notes = notes == null ? List.of() : List.copyOf(notes);
        tableName = tableName == null ? "" : tableName;
        if (!tableName.isEmpty() && !tableName.matches("[A-Za-z_][A-Za-z0-9_.]{0,254}")) {
            throw new IllegalArgumentException("sheet '" + name + "': table name must start with a letter or _ and "
                    + "hold only letters, digits, _ and ., was '" + tableName + "'");
        }
        int columns = table.columns().size();
        for (DerivedColumn derived : derivedColumns) {
            if (derived.column() >= columns || derived.otherColumn() >= columns) {
                throw new IllegalArgumentException("sheet '" + name + "': derived column '" + derived.name()
                        + "' refers to a column the table does not have (it has " + columns + ")");
            }
            if (table.columns().get(derived.column()).type() != Table.ColumnType.NUMBER) {
                throw new IllegalArgumentException("sheet '" + name + "': derived column '" + derived.name()
                        + "' is computed from '" + table.columns().get(derived.column()).name()
                        + "', which is not a number column");
            }
        }
    }

    /** A sheet whose table name is derived from its name. */
    public Sheet(String name, Table table, List<DerivedColumn> derivedColumns, List<Chart> charts, List<String> notes) {
        this(name, table, derivedColumns, charts, notes, "");
    }

    /**
     * A column computed by a formula from other columns of the same row.
     *
     * @param name        header text
     * @param kind        what it computes
     * @param column      the (0-based) table column it is computed from
     * @param otherColumn the divisor column of a {@link DerivedKind#RATIO}; -1 for the other kinds
     * @param format      number format, e.g. {@code 0.0%}
     */
    public record DerivedColumn(String name, DerivedKind kind, int column, int otherColumn, String format)
            implements Serializable {

        public DerivedColumn {
            if (column < 0) {
                throw new IllegalArgumentException("derived column '" + name + "': column must be >= 0");
            }
            if ((kind == DerivedKind.RATIO) != (otherColumn >= 0)) {
                throw new IllegalArgumentException("derived column '" + name + "': a ratio needs a divisor column, "
                        + "the other kinds none");
            }
            format = format == null ? "" : format;
        }

        /** A share or growth column. */
        public DerivedColumn(String name, DerivedKind kind, int column, String format) {
            this(name, kind, column, -1, format);
        }

        /** {@code column / divisor} per row. */
        public static DerivedColumn ratio(String name, int column, int divisor, String format) {
            return new DerivedColumn(name, DerivedKind.RATIO, column, divisor, format);
        }
    }

    /** Formula patterns the renderers know how to write. */
    public enum DerivedKind {
        /** The row's value as a share of the column total. */
        SHARE_OF_TOTAL,
        /** Growth against the previous row (blank for the first row). */
        GROWTH_FROM_PREVIOUS,
        /** One column divided by another in the same row (blank where the divisor is 0). */
        RATIO
    }
}
