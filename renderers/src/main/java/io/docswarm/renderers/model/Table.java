package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A table with typed columns. Cells hold {@link String}, {@link Double} or {@link java.time.LocalDate}
 * values (or {@code null} for empty) matching their column's type.
 *
 * @param caption   a caption shown above the table
 * @param columns   the header row and column types
 * @param rows      the body rows
 * @param totalsRow whether renderers add a totals row: each column aggregated as its {@link Column#aggregate()}
 *                  says (as formulas where the format has them)
 */
public record Table(String caption, List<Column> columns, List<List<Object>> rows, boolean totalsRow)
        implements Block {

    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table '" + caption + "' row " + r + " has " + row.size()
                        + " cells, the header has " + columns.size());
            }
            for (int c = 0; c < row.size(); c++) {
                columns.get(c).type().check(row.get(c), caption, r, c);
            }
            copied.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copied);
    }

    /** The index of the first column headed {@code name}, or -1. */
    public int columnIndex(String name) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /** Sum of a numeric column over the body rows, whatever its aggregate (shares of the total divide by it). */
    public double columnTotal(int column) {
        double sum = 0;
        for (List<Object> row : rows) {
            if (row.get(column) instanceof Double d) {
                sum += d;
            }
        }
        return sum;
    }

    /**
     * What the totals row shows for a column: the sum of its numbers for {@link Aggregate#SUM}, their mean for
     * {@link Aggregate#AVERAGE} (blank cells left out, as a spreadsheet's AVERAGE does), nothing for
     * {@link Aggregate#NONE} or for an average of no numbers.
     */
    public OptionalDouble aggregate(int column) {
        return switch (columns.get(column).aggregate()) {
            case SUM -> OptionalDouble.of(columnTotal(column));
            case AVERAGE -> rows.stream().map(row -> row.get(column)).filter(Double.class::isInstance)
                    .mapToDouble(Double.class::cast).average();
            case NONE -> OptionalDouble.empty();
        };
    }

    /**
     * @param name      header text
     * @param type      the cell type
     * @param format    a number format such as {@code #,##0.00} or {@code 0.0%}; empty for the default
     * @param aggregate how the totals row combines the column; null for {@link Aggregate#defaultFor the default}.
     *                  Only number columns can be summed or averaged
     */
    public record Column(String name, ColumnType type, String format, Aggregate aggregate) implements Serializable {
        public Column {
            format = format == null ? "" : format;
            aggregate = aggregate == null ? Aggregate.defaultFor(type, format) : aggregate;
            if (aggregate != Aggregate.NONE && type != ColumnType.NUMBER) {
                throw new IllegalArgumentException("column '" + name + "' is " + type + ": only number columns have "
                        + "a " + aggregate + " in the totals row");
            }
        }

        /** A column with the default aggregate for its type and format. */
        public Column(String name, ColumnType type, String format) {
            this(name, type, format, null);
        }

        public static Column text(String name) {
            return new Column(name, ColumnType.TEXT, "");
        }

        /** A number column the totals row sums, unless its format is a percentage (see {@link Aggregate#defaultFor}). */
        public static Column number(String name, String format) {
            return new Column(name, ColumnType.NUMBER, format);
        }

        public static Column number(String name, String format, Aggregate aggregate) {
            return new Column(name, ColumnType.NUMBER, format, aggregate);
        }
    }

    /**
     * How a number column is combined in the totals row. Amounts (revenue, units, cost) add up; rates, prices,
     * scores and other intensive measures do not, and their sum would be a meaningless figure in the total line.
     */
    public enum Aggregate {
        /** The sum of the column (in a workbook, {@code SUBTOTAL(109, ...)}: the rows the filter leaves visible). */
        SUM,
        /** The mean of the column's numbers (in a workbook, {@code SUBTOTAL(101, ...)}). */
        AVERAGE,
        /** The totals row leaves the column blank. */
        NONE;

        /**
         * Number columns are summed, except percentages: a column of rates or shares formatted as {@code 0.0%}
         * has never been totalled by the renderers, and callers that say nothing keep that. Other columns have no
         * total.
         */
        public static Aggregate defaultFor(ColumnType type, String format) {
            return type == ColumnType.NUMBER && (format == null || !format.contains("%")) ? SUM : NONE;
        }
    }

    /** Cell types; numbers stay numbers and dates stay dates in every format. */
    public enum ColumnType {
        TEXT(String.class), NUMBER(Double.class), DATE(java.time.LocalDate.class);

        private final Class<?> javaType;

        ColumnType(Class<?> javaType) {
            this.javaType = javaType;
        }

        void check(Object value, String caption, int row, int column) {
            if (value != null && !javaType.isInstance(value)) {
                throw new IllegalArgumentException("table '" + caption + "' cell (" + row + "," + column
                        + ") should be " + javaType.getSimpleName() + ", is " + value.getClass().getSimpleName());
            }
        }
    }
}
