package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.List;

/**
 * One sheet of a workbook: a data table (written as a named Excel table with autofilter), derived columns
 * written as live formulas, and charts placed beside the data. Some of the table's own columns may be computed:
 * looked up from another sheet's table, or from two other cells of their row (a {@link SameRowColumn}).
 *
 * @param name           sheet tab name (at most 31 characters)
 * @param table          the data; its totals row becomes SUBTOTAL formulas
 * @param derivedColumns formula columns appended to the right of the table
 * @param charts         charts over the table's columns
 * @param notes          lines written above the table (what the sheet shows, where the data came from)
 * @param tableName      the Excel table name formulas and readers refer to; empty to derive one from the sheet name
 * @param lookup         table columns computed from another sheet's table, grouped by key; null when none is
 * @param differences    table columns that are the difference of two others of the same row
 * @param quotients      table columns that are the quotient of two others of the same row
 */
public record Sheet(String name, Table table, List<DerivedColumn> derivedColumns, List<Chart> charts,
                    List<String> notes, String tableName, Lookup lookup, List<Difference> differences,
                    List<Quotient> quotients) implements Serializable {

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
        differences = differences == null ? List.of() : List.copyOf(differences);
        quotients = quotients == null ? List.of() : List.copyOf(quotients);
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
            if (derived.incomparableRows().stream().anyMatch(row -> row >= table.rows().size())) {
                throw new IllegalArgumentException("sheet '" + name + "': derived column '" + derived.name()
                        + "' leaves out a row the table does not have (it has " + table.rows().size() + ")");
            }
        }
        ComputedColumns.check(name, table, lookup, sameRowColumns(differences, quotients));
    }

    /** A sheet whose table columns are computed by {@code lookup} and {@code differences}, none by a quotient. */
    public Sheet(String name, Table table, List<DerivedColumn> derivedColumns, List<Chart> charts, List<String> notes,
                 String tableName, Lookup lookup, List<Difference> differences) {
        this(name, table, derivedColumns, charts, notes, tableName, lookup, differences, List.of());
    }

    /** A sheet whose every table cell is a value. */
    public Sheet(String name, Table table, List<DerivedColumn> derivedColumns, List<Chart> charts, List<String> notes,
                 String tableName) {
        this(name, table, derivedColumns, charts, notes, tableName, null, List.of(), List.of());
    }

    /** A sheet whose table name is derived from its name. */
    public Sheet(String name, Table table, List<DerivedColumn> derivedColumns, List<Chart> charts, List<String> notes) {
        this(name, table, derivedColumns, charts, notes, "");
    }

    /** This sheet with its table's columns computed as {@code lookup} and {@code differences} say, no quotients. */
    public Sheet computed(Lookup lookup, List<Difference> differences) {
        return computed(lookup, differences, List.of());
    }

    /** This sheet with its table's columns computed as {@code lookup}, {@code differences}, {@code quotients} say. */
    public Sheet computed(Lookup lookup, List<Difference> differences, List<Quotient> quotients) {
        return new Sheet(name, table, derivedColumns, charts, notes, tableName, lookup, differences, quotients);
    }

    /** Every table column computed from its own row: the differences, then the quotients. */
    public List<SameRowColumn> sameRowColumns() {
        return sameRowColumns(differences, quotients);
    }

    private static List<SameRowColumn> sameRowColumns(List<Difference> differences, List<Quotient> quotients) {
        List<SameRowColumn> all = new java.util.ArrayList<>(differences);
        all.addAll(quotients);
        return List.copyOf(all);
    }

    /**
     * A table column whose every cell is computed from two other cells of the same row, times a scale. The column
     * stays in the table, so derived columns, the totals row and other such columns can use it; formats with
     * formulas write each cell as one where it gives the table's value, so an edit of an operand carries through.
     */
    public sealed interface SameRowColumn extends Serializable permits Difference, Quotient {

        /** The (0-based) number column it fills. */
        int column();

        /** The (0-based) number columns it is computed from, in order. */
        List<Integer> operands();

        /** What the result is multiplied by; 1 for most. */
        double scale();

        /** The value its definition gives for one of the table's rows; null for a blank cell. */
        Double valueIn(List<Object> row);

        /** What it computes, in a word for messages: "difference", "quotient". */
        String kind();
    }

    /**
     * A table column whose every cell is {@code (minuend - subtrahend) * scale} of the same row, blank where either
     * is blank: the variance of a plan and its actual, the change between two periods ({@code scale} 100 turns a
     * change of fractions, 0.031 - 0.022, into percentage points).
     *
     * @param column     the (0-based) number column it fills
     * @param minuend    the column subtracted from (the actual, the later period)
     * @param subtrahend the column subtracted (the plan, the earlier period)
     * @param scale      what the difference is multiplied by; 1 for most
     */
    public record Difference(int column, int minuend, int subtrahend, double scale) implements SameRowColumn {
        public Difference {
            Operands.check("difference in column " + column, scale, column, minuend, subtrahend);
        }

        @Override
        public List<Integer> operands() {
            return List.of(minuend, subtrahend);
        }

        @Override
        public Double valueIn(List<Object> row) {
            Double m = (Double) row.get(minuend);
            Double s = (Double) row.get(subtrahend);
            return m == null || s == null ? null : (m - s) * scale;
        }

        @Override
        public String kind() {
            return "difference";
        }
    }

    /**
     * A table column whose every cell is {@code numerator / denominator * scale} of the same row, blank where the
     * denominator is 0 or blank or the numerator is blank: a conversion rate of orders over visits, a margin of
     * profit over revenue ({@code scale} 100 for a percentage written as a number, 31 for 31%). Over looked-up sums
     * it is each group's ratio of sums; its total is a {@link Table.Ratio} of the same columns.
     *
     * @param column      the (0-based) number column it fills
     * @param numerator   the column divided (orders)
     * @param denominator the column it is divided by (visits)
     * @param scale       what the quotient is multiplied by; 1 for most
     */
    public record Quotient(int column, int numerator, int denominator, double scale) implements SameRowColumn {
        public Quotient {
            Operands.check("quotient in column " + column, scale, column, numerator, denominator);
        }

        @Override
        public List<Integer> operands() {
            return List.of(numerator, denominator);
        }

        @Override
        public Double valueIn(List<Object> row) {
            return Table.quotient((Double) row.get(numerator), (Double) row.get(denominator), scale);
        }

        @Override
        public String kind() {
            return "quotient";
        }
    }

    /**
     * A column computed by a formula from other columns of the same row.
     *
     * @param name              header text
     * @param kind              what it computes
     * @param column            the (0-based) table column it is computed from
     * @param otherColumn       the divisor column of a {@link DerivedKind#RATIO}; -1 for the other kinds
     * @param format            number format, e.g. {@code 0.0%}
     * @param incomparableRows  (0-based) body rows a {@link DerivedKind#GROWTH_FROM_PREVIOUS} compares with neither
     *                          neighbour, left blank along with the row after them: a period the data covers only in
     *                          part, whose smaller sum is no fall (and whose successor's rise from it no rise); empty
     *                          for the other kinds
     */
    public record DerivedColumn(String name, DerivedKind kind, int column, int otherColumn, String format,
                                List<Integer> incomparableRows) implements Serializable {

        public DerivedColumn {
            if (column < 0) {
                throw new IllegalArgumentException("derived column '" + name + "': column must be >= 0");
            }
            if ((kind == DerivedKind.RATIO) != (otherColumn >= 0)) {
                throw new IllegalArgumentException("derived column '" + name + "': a ratio needs a divisor column, "
                        + "the other kinds none");
            }
            format = format == null ? "" : format;
            incomparableRows = incomparableRows == null ? List.of() : List.copyOf(incomparableRows);
            if (!incomparableRows.isEmpty() && kind != DerivedKind.GROWTH_FROM_PREVIOUS) {
                throw new IllegalArgumentException("derived column '" + name + "': only a growth column compares "
                        + "rows, so only it can leave incomparable rows out");
            }
            if (incomparableRows.stream().anyMatch(row -> row < 0)) {
                throw new IllegalArgumentException("derived column '" + name + "': incomparable rows must be >= 0");
            }
        }

        /** A column without incomparable rows. */
        public DerivedColumn(String name, DerivedKind kind, int column, int otherColumn, String format) {
            this(name, kind, column, otherColumn, format, List.of());
        }

        /** A share or growth column. */
        public DerivedColumn(String name, DerivedKind kind, int column, String format) {
            this(name, kind, column, -1, format);
        }

        /** {@code column / divisor} per row. */
        public static DerivedColumn ratio(String name, int column, int divisor, String format) {
            return new DerivedColumn(name, DerivedKind.RATIO, column, divisor, format);
        }

        /** Growth of {@code column} against the previous row, blank into and out of {@code incomparableRows}. */
        public static DerivedColumn growth(String name, int column, String format, List<Integer> incomparableRows) {
            return new DerivedColumn(name, DerivedKind.GROWTH_FROM_PREVIOUS, column, -1, format, incomparableRows);
        }

        /** Whether body row {@code row}'s growth is left blank: the first row, or one next to an incomparable row. */
        public boolean growthLeftBlank(int row) {
            return row == 0 || incomparableRows.contains(row) || incomparableRows.contains(row - 1);
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
