package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * A date made of a table's Year column and its Month (1-12, or Jan...) or Quarter (1-4, or Q1...) column, as
 * exports of monthly figures often have it: without it, 2024's and 2025's Januaries would be one "Month 1", and the
 * course over time would be by year only. The table gets a date column (the first day of each row's month or
 * quarter) that its summary is then by; the Year and Month columns stay, as what they are.
 */
final class CalendarColumns {

    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2200;

    private CalendarColumns() {
    }

    /** {@code table} with a date column made of its year and month (or quarter) columns, when it has them and no date. */
    static DataTable withDates(DataTable table) {
        if (table.firstColumn(DataTable.ColumnKind.DATE) >= 0) {
            return table;
        }
        OptionalInt year = column(table, "year", c -> isYear(table, c));
        if (year.isEmpty()) {
            return table;
        }
        for (String within : List.of("month", "quarter")) {
            int months = within.equals("month") ? 1 : 3;
            int count = within.equals("month") ? 12 : 4;
            OptionalInt part = column(table, within, c -> readsAsPeriod(table, c, count));
            if (part.isPresent()) {
                return withColumn(table, "Year and " + within, year.getAsInt(), part.getAsInt(), count, months);
            }
        }
        return table;
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

    /** The first column whose header has the word {@code word} (not a fiscal one) and whose values qualify. */
    private static OptionalInt column(DataTable table, String word, IntPredicate qualifies) {
        for (int c = 0; c < table.columns().size(); c++) {
            List<String> words = MeasureClassifier.words(table.columns().get(c));
            if (words.contains(word) && !words.contains("fiscal") && !words.contains("fy") && qualifies.test(c)) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
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
