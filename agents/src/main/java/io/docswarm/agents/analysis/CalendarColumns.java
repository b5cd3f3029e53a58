package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A date made of a table's Year column and its Month (1-12, or Jan...) or Quarter (1-4, or Q1...) column, as
 * exports of monthly figures often have it: without it, 2024's and 2025's Januaries would be one "Month 1", and the
 * course over time would be by year only. The table gets a date column (the first day of each row's month or
 * quarter) that its summary is then by; with a Day column too, the real dates. The Year and Month columns stay in
 * the table but group nothing any more:
 * a year's total beside the months would read a year of six months as a fall, and "Month 1" would merge the years'
 * Januaries again. A Year column pairs with the Month (Quarter) column whose other words are its own ("Year" with
 * "Month", "Year sold" with "Month sold"), never "Year built" with "Month sold".
 */
final class CalendarColumns {

    /**
     * A table, with the date column made of its year and month (quarter) columns when it has them.
     *
     * @param table    the table, extended or as it was
     * @param replaced the year and month (quarter) columns the date replaces as dimensions; empty when none does
     * @param column   the date column made of them; -1 when none was
     * @param unit     what each of its dates stands for: a day, a month or a quarter; null when none was made
     */
    record Calendar(DataTable table, List<Integer> replaced, int column, PeriodGrain unit) {
        Calendar {
            replaced = List.copyOf(replaced);
        }
    }

    /** Words that say how a period is written, not whose it is: "Calendar year", "Month name", "Month no". */
    private static final java.util.Set<String> GENERIC = java.util.Set.of("year", "month", "quarter", "day", "of",
            "the", "name", "number", "num", "no", "nr", "calendar", "cal");
    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2200;

    private CalendarColumns() {
    }

    /** {@code table} with a date column made of its year and month (or quarter) columns, when it has them and no date. */
    static Calendar withDates(DataTable table) {
        if (table.firstColumn(DataTable.ColumnKind.DATE) >= 0) {
            return new Calendar(table, List.of(), -1, null);
        }
        for (String within : List.of("month", "quarter")) {
            int months = within.equals("month") ? 1 : 3;
            int count = within.equals("month") ? 12 : 4;
            for (int year = 0; year < table.columns().size(); year++) {
                OptionalInt part = partnerOf(table, year, within, count);
                if (part.isEmpty()) {
                    continue;
                }
                OptionalInt day = within.equals("month") ? dayOf(table, year, part.getAsInt()) : OptionalInt.empty();
                int made = table.columns().size();
                if (day.isPresent()) {
                    return new Calendar(withDays(table, year, part.getAsInt(), day.getAsInt()),
                            List.of(year, part.getAsInt(), day.getAsInt()), made, PeriodGrain.DAY);
                }
                return new Calendar(withColumn(table, "Year and " + within, year, part.getAsInt(), count, months),
                        List.of(year, part.getAsInt()), made, months == 1 ? PeriodGrain.MONTH : PeriodGrain.QUARTER);
            }
        }
        return new Calendar(table, List.of(), -1, null);
    }

    /**
     * The {@code within} ("month") column that column {@code year}, when it is a calendar Year column, pairs with:
     * the first whose header's other words are the year's own and whose values are 1..{@code count} or names.
     */
    private static OptionalInt partnerOf(DataTable table, int year, String within, int count) {
        List<String> yearWords = MeasureClassifier.words(table.columns().get(year));
        if (!yearWords.contains("year") || yearWords.contains("fiscal") || yearWords.contains("fy")
                || !isYear(table, year)) {
            return OptionalInt.empty();
        }
        for (int c = 0; c < table.columns().size(); c++) {
            List<String> words = MeasureClassifier.words(table.columns().get(c));
            if (words.contains(within) && otherWords(words).equals(otherWords(yearWords))
                    && readsAsPeriod(table, c, count)) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The Day column (same other words as the year's) that makes every row's year and month a real date with it,
     * "2025", "3", "17" making 17 Mar 2025; empty when there is none or some row's day is no day of its month.
     */
    private static OptionalInt dayOf(DataTable table, int year, int month) {
        List<String> yearWords = otherWords(MeasureClassifier.words(table.columns().get(year)));
        for (int c = 0; c < table.columns().size(); c++) {
            List<String> words = MeasureClassifier.words(table.columns().get(c));
            if (words.contains("day") && otherWords(words).equals(yearWords) && makesDates(table, year, month, c)) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean makesDates(DataTable table, int year, int month, int day) {
        boolean any = false;
        for (List<Object> row : table.rows()) {
            if (row.get(day) != null) {
                if (!(row.get(day) instanceof Double d) || date(row, year, month, d) == null) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The row's date, or null when its year, month or day is missing or the day is not in its month. */
    private static LocalDate date(List<Object> row, int year, int month, Double day) {
        OptionalInt m = periodIndex(row.get(month), 12);
        if (!(row.get(year) instanceof Double y) || m.isEmpty() || day == null || day != Math.rint(day) || day < 1
                || day > java.time.YearMonth.of(y.intValue(), m.getAsInt()).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(y.intValue(), m.getAsInt(), day.intValue());
    }

    /** {@code table} with a "Date" column of each row's year, month and day. */
    private static DataTable withDays(DataTable table, int year, int month, int day) {
        List<String> columns = new ArrayList<>(table.columns());
        columns.add(table.columns().contains("Date") ? "Year, month and day" : "Date");
        List<DataTable.ColumnKind> kinds = new ArrayList<>(table.kinds());
        kinds.add(DataTable.ColumnKind.DATE);
        List<List<Object>> rows = new ArrayList<>(table.rows().size());
        for (List<Object> row : table.rows()) {
            List<Object> extended = new ArrayList<>(row);
            // A row without its day still has its month: it counts in the month, on its first day.
            extended.add(row.get(day) instanceof Double d ? date(row, year, month, d) : date(row, year, month, 1.0));
            rows.add(extended);
        }
        return new DataTable(table.name(), table.origin(), columns, kinds, rows);
    }

    /** A header's words other than the period's: "sold" of "Year sold". */
    private static List<String> otherWords(List<String> words) {
        return words.stream().filter(w -> !GENERIC.contains(w)).toList();
    }

    /** {@code table} with a date column headed {@code name} (a summary heads it by its periods: "Month"). */
    private static DataTable withColumn(DataTable table, String name, int year, int part, int count, int months) {
        List<String> columns = new ArrayList<>(table.columns());
        columns.add(name);
        List<DataTable.ColumnKind> kinds = new ArrayList<>(table.kinds());
        kinds.add(DataTable.ColumnKind.DATE);
        List<List<Object>> rows = new ArrayList<>(table.rows().size());
        for (List<Object> row : table.rows()) {
            List<Object> extended = new ArrayList<>(row);
            OptionalInt index = periodIndex(row.get(part), count);
            extended.add(row.get(year) instanceof Double y && index.isPresent()
                    ? LocalDate.of(y.intValue(), 1 + (index.getAsInt() - 1) * months, 1) : null);
            rows.add(extended);
        }
        return new DataTable(table.name(), table.origin(), columns, kinds, rows);
    }

    private static boolean isYear(DataTable table, int column) {
        boolean any = false;
        for (List<Object> row : table.rows()) {
            Object cell = row.get(column);
            if (cell instanceof Double d) {
                any = true;
                if (d != Math.rint(d) || d < FIRST_YEAR || d > LAST_YEAR) {
                    return false;
                }
            } else if (cell != null) {
                return false;
            }
        }
        return any;
    }

    /** Whether every value of the column is a month (or quarter) of the year: 1..{@code count} or its name. */
    private static boolean readsAsPeriod(DataTable table, int column, int count) {
        boolean any = false;
        for (List<Object> row : table.rows()) {
            Object cell = row.get(column);
            if (cell != null) {
                if (periodIndex(cell, count).isEmpty()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Month 1-12 (or quarter 1-4) of a number or a name ("Mar", "March", "Q1"); empty for anything else. */
    private static OptionalInt periodIndex(Object cell, int count) {
        if (cell instanceof Double d) {
            return d == Math.rint(d) && d >= 1 && d <= count ? OptionalInt.of(d.intValue()) : OptionalInt.empty();
        }
        if (cell instanceof String text) {
            return TextPeriods.positionInYear(text.strip().toLowerCase(Locale.ROOT), count);
        }
        return OptionalInt.empty();
    }
}
