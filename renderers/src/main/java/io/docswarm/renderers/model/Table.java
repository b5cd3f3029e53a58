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
        for (int c = 0; c < columns.size(); c++) {
            checkRatio(caption, columns, c);
        }
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

    /**
     * A {@link Aggregate#RATIO} column divides the totals of two other number columns of this table: a ratio of
     * text, of a column missing or of the column's own total has no figure to show.
     */
    private static void checkRatio(String caption, List<Column> columns, int column) {
        Ratio ratio = columns.get(column).ratio();
        if (ratio == null) {
            return;
        }
        String where = "table '" + caption + "' column '" + columns.get(column).name() + "': its ratio ";
        for (int operand : new int[] {ratio.numerator(), ratio.denominator()}) {
            if (operand == column) {
                throw new IllegalArgumentException(where + "divides by or into the column itself");
            }
            if (operand >= columns.size()) {
                throw new IllegalArgumentException(where + "refers to column " + operand + ", the table has "
                        + columns.size());
            }
            if (columns.get(operand).type() != ColumnType.NUMBER) {
                throw new IllegalArgumentException(where + "refers to '" + columns.get(operand).name()
                        + "', which is not a number column");
            }
        }
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
     * {@link Aggregate#AVERAGE} (blank cells left out, as a spreadsheet's AVERAGE does), the ratio of two columns'
     * sums for {@link Aggregate#RATIO}, nothing for {@link Aggregate#NONE}, for an average of no numbers or for a
     * ratio whose denominator sums to 0.
     */
    public OptionalDouble aggregate(int column) {
        Column c = columns.get(column);
        return switch (c.aggregate()) {
            case SUM -> OptionalDouble.of(columnTotal(column));
            case AVERAGE -> rows.stream().map(row -> row.get(column)).filter(Double.class::isInstance)
                    .mapToDouble(Double.class::cast).average();
            case RATIO -> ratioOfTotals(c.ratio());
            case NONE -> OptionalDouble.empty();
        };
    }

    /**
     * {@code ratio}'s numerator total over its denominator total, times its scale. Each column is summed over all
     * its numbers (a blank counts as nothing), which is what the workbook's {@code SUBTOTAL(109, ...)} quotient
     * computes, so every format shows the same figure. A denominator summing to 0 gives nothing: there is no rate
     * of no visits, and an infinite or undefined figure in the total line would be worse than a blank.
     */
    private OptionalDouble ratioOfTotals(Ratio ratio) {
        Double value = quotient(columnTotal(ratio.numerator()), columnTotal(ratio.denominator()), ratio.scale());
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /**
     * {@code numerator / denominator * scale}, in that order (the order a spreadsheet formula computes it in, so
     * its result and ours are the same double); null where either is blank or the denominator is 0.
     */
    static Double quotient(Double numerator, Double denominator, double scale) {
        if (numerator == null || denominator == null || denominator == 0) {
            return null;
        }
        return numerator / denominator * scale;
    }

    /**
     * @param name      header text
     * @param type      the cell type
     * @param format    a number format such as {@code #,##0.00} or {@code 0.0%}; empty for the default
     * @param aggregate how the totals row combines the column; null for {@link Aggregate#defaultFor the default}.
     *                  Only number columns can be summed, averaged or totalled as a ratio
     * @param ratio     the columns whose totals the totals row divides, for {@link Aggregate#RATIO}; null otherwise
     */
    public record Column(String name, ColumnType type, String format, Aggregate aggregate, Ratio ratio)
            implements Serializable {
        public Column {
            format = format == null ? "" : format;
            aggregate = aggregate == null ? Aggregate.defaultFor(type, format) : aggregate;
            if (aggregate != Aggregate.NONE && type != ColumnType.NUMBER) {
                throw new IllegalArgumentException("column '" + name + "' is " + type + ": only number columns have "
                        + "a " + aggregate + " in the totals row");
            }
            if (aggregate == Aggregate.RATIO && ratio == null) {
                throw new IllegalArgumentException("column '" + name + "': a RATIO total needs the ratio saying "
                        + "which columns' totals it divides");
            }
            if (aggregate != Aggregate.RATIO && ratio != null) {
                throw new IllegalArgumentException("column '" + name + "' has a ratio but its total is a "
                        + aggregate + ": only a RATIO total divides");
            }
        }

        /** A column whose totals row is no ratio. */
        public Column(String name, ColumnType type, String format, Aggregate aggregate) {
            this(name, type, format, aggregate, null);
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

        /** A number column (a rate) whose total is {@code ratio}: one column's total over another's. */
        public static Column ratio(String name, String format, Ratio ratio) {
            return new Column(name, ColumnType.NUMBER, format, Aggregate.RATIO, ratio);
        }
    }

    /**
     * How a rate's total is computed: the total of one column over the total of another, times {@code scale}. A
     * conversion rate's total is all orders over all visits; the mean of the rows' rates weighs a channel of ten
     * visits like one of ten thousand, and their sum means nothing.
     *
     * @param numerator   the (0-based) number column whose total is divided (orders)
     * @param denominator the (0-based) number column whose total divides it (visits)
     * @param scale       what the quotient is multiplied by: 1 for most, 100 for a column of percentages written as
     *                    numbers (a "Margin %" column holding 31 for 31%)
     */
    public record Ratio(int numerator, int denominator, double scale) implements Serializable {
        public Ratio {
            Operands.check("ratio of column " + numerator + " to column " + denominator, scale, numerator,
                    denominator);
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
        /**
         * The total of one column divided by the total of another, as the column's {@link Ratio} says (a conversion
         * rate's total is all orders over all visits, not the mean of the rates); in a workbook, the quotient of
         * the two columns' {@code SUBTOTAL(109, ...)}.
         */
        RATIO,
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
