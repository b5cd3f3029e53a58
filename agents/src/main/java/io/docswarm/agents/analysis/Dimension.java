package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A column the data can be grouped by: a period (a date column, or one named like month/quarter/year) or a
 * category (a text column whose few values repeat, such as region or product line). Text columns unique to each
 * row (names, ids) are labels, not dimensions.
 *
 * @param column the column index; -1 for {@link #ROWS}
 * @param name   the column's header
 * @param period whether the values are periods, read in time order
 * @param dates  for a date column, the periods its dates are summarised by (days, or weeks to years when there are
 *               many dates); null for every other column
 */
public record Dimension(int column, String name, boolean period, DatePeriods dates) {

    /** No grouping: each row stands for itself. */
    public static final Dimension ROWS = new Dimension(-1, "", false);

    /** A dimension whose values are grouped as they are (text, numbers). */
    public Dimension(int column, String name, boolean period) {
        this(column, name, period, null);
    }

    /** More distinct values than this make a list of items, not a breakdown a reader can take in. */
    static final int MAX_VALUES = 12;

    /**
     * Headers that name a period: the words themselves, not words built on them, so "Days late" or "Years of
     * service" stay amounts to sum while "Year", "Fiscal year" or "Month" group the rows.
     */
    private static final String PERIOD_NAMES = ".*\\b(month|quarter|period|year|week|date|day|fy)\\b.*";

    /**
     * The table's dimensions, in column order, the dates of column {@code unitColumn} known to stand for {@code unit}s (months made
     * of Year and Month columns, see {@link CalendarColumns}); -1 and null when no column's are.
     */
    static List<Dimension> find(DataTable table, int unitColumn, PeriodGrain unit) {
        List<Dimension> dimensions = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            String name = table.columns().get(c);
            // Only a text column's distinct values decide anything; counting a number column's would cost a set of
            // every value it holds.
            int distinct = table.kinds().get(c) == DataTable.ColumnKind.TEXT ? distinctValues(table, c) : 0;
            switch (table.kinds().get(c)) {
                case DATE -> dimensions.add(new Dimension(c, name, true,
                        DatePeriods.of(table, c, c == unitColumn ? unit : null).orElse(null)));
                case NUMBER -> {
                    if (isPeriodColumn(table, c)) {
                        dimensions.add(new Dimension(c, name, true));
                    }
                }
                case TEXT -> {
                    if (namedLikePeriod(name) && distinct >= 2) {
                        dimensions.add(new Dimension(c, name, true));
                    } else if (distinct >= 2 && distinct <= MAX_VALUES && distinct < table.rows().size()) {
                        dimensions.add(new Dimension(c, name, false));
                    }
                }
            }
        }
        return dimensions;
    }

    /**
     * Whether a numeric column holds periods rather than amounts: named like a period (year, month, ...) and
     * holding whole numbers only. Such a column groups the data instead of being summed.
     */
    static boolean isPeriodColumn(DataTable table, int column) {
        if (table.kinds().get(column) != DataTable.ColumnKind.NUMBER || !namedLikePeriod(table.columns().get(column))) {
            return false;
        }
        for (List<Object> row : table.rows()) {
            if (row.get(column) instanceof Double d && d != Math.rint(d)) {
                return false;
            }
        }
        return true;
    }

    static boolean namedLikePeriod(String name) {
        return name.toLowerCase(Locale.ROOT).matches(PERIOD_NAMES);
    }

    public boolean isRows() {
        return column < 0;
    }

    /**
     * The header as a phrase inside a sentence, e.g. "product line"; "row" for {@link #ROWS}; the period's noun
     * ("month") for dates rolled up into periods, which are no longer dates.
     */
    public String phrase() {
        if (rollsUp()) {
            return dates.grain().noun();
        }
        return isRows() ? "row" : ColumnLabel.of(name).phrase();
    }

    /** The header of a summary's key column: the column's name, or the period's ("Month") for rolled-up dates. */
    public String heading() {
        return rollsUp() ? English.capitalised(dates.grain().noun()) : name;
    }

    /** Whether the column's dates are rolled up into weeks, months, quarters or years. */
    boolean rollsUp() {
        return dates != null && dates.rollsUp();
    }

    /** The group a cell belongs to: the start of a date's period, else the value itself (null for a blank). */
    Object keyOf(Object cell) {
        return dates != null && cell instanceof LocalDate date ? dates.periodOf(date) : cell;
    }

    /**
     * A group's name as a reader sees it: "Mar 2026" for a month, "2026-03-10" for a day, a text as written; a
     * numbered period says what it numbers, "Q3", "Month 7", "Week 12", since "revenue rose from 7,800 in 1 to
     * 30,000 in 4" means nothing (years stay as they are: 2025 names itself).
     */
    String label(Object key) {
        if (dates != null && key instanceof LocalDate start) {
            return dates.label(start);
        }
        if (period && key instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1000) {
            Optional<String> numbered = numberedPeriod(number.longValue());
            if (numbered.isPresent()) {
                return numbered.get();
            }
        }
        return Breakdown.label(key);
    }

    /** "Q3" for quarter 3, "Month 7", "Week 12", "Day 5", "Period 2"; empty for a column that numbers no such period. */
    private Optional<String> numberedPeriod(long number) {
        List<String> words = List.of(name.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"));
        if (words.contains("quarter")) {
            return Optional.of("Q" + number);
        }
        return Stream.of("month", "week", "day", "period").filter(words::contains).findFirst()
                .map(noun -> English.capitalised(noun) + " " + number);
    }

    /**
     * A group's name inside a sentence: "the week of 5 Jan 2026" for a week (a table's "Week of 5 Jan 2026" would
     * stand capitalised mid-sentence), else its {@link #label}.
     */
    String inSentence(Object key) {
        return rollsUp() && key instanceof LocalDate start ? dates.grain().phrase(start) : label(key);
    }

    /** Whether the data covers only part of the period {@code key} (see {@link DatePeriods#partial}). */
    boolean partial(Object key) {
        return dates != null && key instanceof LocalDate start && dates.partial(start);
    }

    /** Whether the period {@code key} holds stray dates only (see {@link DatePeriods#strayPeriod}). */
    boolean strayPeriod(Object key) {
        return dates != null && key instanceof LocalDate start && dates.strayPeriod(start);
    }

    private static int distinctValues(DataTable table, int column) {
        Set<Object> values = new HashSet<>();
        for (List<Object> row : table.rows()) {
            values.add(row.get(column));
        }
        return values.size();
    }
}
