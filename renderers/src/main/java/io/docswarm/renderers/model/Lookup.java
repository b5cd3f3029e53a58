package io.docswarm.renderers.model;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a summary sheet's figures come from: the table of another sheet of the same document, its rows grouped by
 * one of its columns. Each body row of the summary stands for one group; each {@link Aggregation} column holds the
 * group's sum, mean or row count of a column of that table. Formats with formulas (a workbook) compute these cells
 * from the other sheet, so an edit there carries through; the summary table's literal values stay what every other
 * format shows and what a workbook caches. Nothing here is a formula: renderers choose how to write one.
 *
 * @param sheet     name of the sheet whose table holds the rows, as the document names it
 * @param sourceKey header of that table's column the rows are grouped by
 * @param grouping  how the key column's values make groups: equal values, or the day, ISO week, month, quarter or
 *                  year of a date
 * @param keyColumn the (0-based) summary column that names each row's group (a label: it is shown, never matched)
 * @param keys      one per summary body row: the group's key, a {@link String} or {@link Double} equal to the key
 *                  cells for {@link Grouping#VALUE}, else the {@link LocalDate} the period starts on; {@code null}
 *                  for a row that is no such group (blank keys, a bucket of small categories), whose values stay
 *                  literal
 * @param columns   the summary columns computed from each group's rows
 */
public record Lookup(String sheet, String sourceKey, Grouping grouping, int keyColumn, List<Object> keys,
                     List<Aggregation> columns) implements Serializable {

    public Lookup {
        if (sheet == null || sheet.isBlank() || sourceKey == null || sourceKey.isBlank() || grouping == null) {
            throw new IllegalArgumentException("lookup: the sheet, its key column and the grouping are required");
        }
        // Null keys are meaningful (a row that stays literal), which List.copyOf would refuse.
        keys = Collections.unmodifiableList(new ArrayList<>(keys));
        columns = List.copyOf(columns);
        Set<Integer> seen = new HashSet<>();
        for (Aggregation column : columns) {
            if (!seen.add(column.column())) {
                throw new IllegalArgumentException("lookup from '" + sheet + "': summary column " + column.column()
                        + " is computed twice");
            }
        }
        for (Object key : keys) {
            grouping.check(key, sheet);
        }
    }

    /** The aggregation that computes summary column {@code column}, or null when that column is not looked up. */
    public Aggregation columnAt(int column) {
        return columns.stream().filter(a -> a.column() == column).findFirst().orElse(null);
    }

    /**
     * One summary column computed from the group's rows.
     *
     * @param column       the (0-based) summary table column it fills; a number column
     * @param function     what it computes
     * @param sourceColumn header of the source table's number column it aggregates; empty for {@link Function#COUNT}
     */
    public record Aggregation(int column, Function function, String sourceColumn) implements Serializable {

        public Aggregation {
            sourceColumn = sourceColumn == null ? "" : sourceColumn;
            if (column < 0 || function == null) {
                throw new IllegalArgumentException("aggregation: column must be >= 0 and the function given");
            }
            if ((function == Function.COUNT) != sourceColumn.isEmpty()) {
                throw new IllegalArgumentException("aggregation of summary column " + column + ": " + function
                        + (function == Function.COUNT ? " counts the group's rows and takes no source column"
                        : " needs the source column it aggregates"));
            }
        }

        public static Aggregation sum(int column, String sourceColumn) {
            return new Aggregation(column, Function.SUM, sourceColumn);
        }

        public static Aggregation average(int column, String sourceColumn) {
            return new Aggregation(column, Function.AVERAGE, sourceColumn);
        }

        /** The number of source rows in the group. */
        public static Aggregation count(int column) {
            return new Aggregation(column, Function.COUNT, "");
        }
    }

    /** What an aggregation computes over a group's rows. */
    public enum Function {
        /** The sum of the column's numbers (0 for a group without any). */
        SUM,
        /** The mean of the column's numbers, blanks left out; no value for a group without any. */
        AVERAGE,
        /** How many rows the group has. */
        COUNT
    }

    /** How the key column's values make groups. */
    public enum Grouping {
        /** Rows whose key equals the group's key (text or number). */
        VALUE,
        /** Dates on the day the key names. */
        DAY,
        /** Dates in the ISO week (Monday to Sunday) starting on the key, a Monday. */
        WEEK,
        /** Dates in the calendar month starting on the key. */
        MONTH,
        /** Dates in the calendar quarter starting on the key. */
        QUARTER,
        /** Dates in the calendar year starting on the key. */
        YEAR;

        /** Whether the key column holds dates (every grouping but {@link #VALUE}). */
        public boolean byDate() {
            return this != VALUE;
        }

        /** The first day of the period containing {@code date}. */
        public LocalDate start(LocalDate date) {
            return switch (this) {
                case VALUE, DAY -> date;
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
                case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
                case YEAR -> date.withDayOfYear(1);
            };
        }

        /** The first day after the period starting on {@code start}. */
        public LocalDate end(LocalDate start) {
            return switch (this) {
                case VALUE, DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
                case QUARTER -> start.plusMonths(3);
                case YEAR -> start.plusYears(1);
            };
        }

        void check(Object key, String sheet) {
            if (key == null) {
                return;
            }
            if (!byDate() && !(key instanceof String || key instanceof Double)) {
                throw new IllegalArgumentException("lookup from '" + sheet + "': a key of equal values is text or a "
                        + "number, was " + key.getClass().getSimpleName());
            }
            if (byDate() && !(key instanceof LocalDate date && start(date).equals(date))) {
                throw new IllegalArgumentException("lookup from '" + sheet + "': a " + name().toLowerCase(java.util.Locale.ROOT)
                        + " key is the date the period starts on, was " + key);
            }
        }
    }
}
