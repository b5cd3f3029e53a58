package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic analysis of one data table: totals of each numeric column by the table's category (its first
 * text or date column), shares, leaders and change over time, ready as a summary table, a chart and factual
 * statements. Numbers are computed here, never by a model.
 *
 * @param source      the table analysed
 * @param category    the grouping column's name, or empty when the table has none
 * @param timeSeries  whether categories are periods (dates, or a column named like month/quarter/year)
 * @param categories  category values in order (chronological for dates, first appearance otherwise)
 * @param measures    numeric column names
 * @param totals      totals[m][c]: sum of measure m over rows of category c
 */
public record DataSummary(DataTable source, String category, boolean timeSeries, List<String> categories,
                          List<String> measures, double[][] totals) {

    private static final String PERIOD_NAMES = ".*(month|quarter|period|year|week|date|day).*";

    /** Summarises {@code table}; a table without numeric columns yields no measures. */
    public static DataSummary of(DataTable table) {
        List<Integer> numeric = new ArrayList<>(table.columnsOf(DataTable.ColumnKind.NUMBER));
        int categoryColumn = table.firstColumn(DataTable.ColumnKind.DATE);
        boolean sorted = categoryColumn >= 0;
        for (int column : numeric) {
            if (categoryColumn < 0 && isPeriodColumn(table, column)) {
                categoryColumn = column;
                sorted = true;
            }
        }
        numeric.remove(Integer.valueOf(categoryColumn));
        if (categoryColumn < 0) {
            categoryColumn = table.firstColumn(DataTable.ColumnKind.TEXT);
        }
        String categoryName = categoryColumn < 0 ? "" : table.columns().get(categoryColumn);
        boolean timeSeries = sorted || categoryName.toLowerCase(Locale.ROOT).matches(PERIOD_NAMES);
        Map<Object, double[]> grouped = sorted ? new TreeMap<>() : new LinkedHashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<Object> row = table.rows().get(r);
            Object key = categoryColumn < 0 ? "Row " + (r + 1) : row.get(categoryColumn);
            if (key == null) {
                key = "(blank)";
            }
            double[] sums = grouped.computeIfAbsent(key, k -> new double[numeric.size()]);
            for (int m = 0; m < numeric.size(); m++) {
                if (row.get(numeric.get(m)) instanceof Double d) {
                    sums[m] += d;
                }
            }
        }
        List<String> categories = new ArrayList<>();
        double[][] totals = new double[numeric.size()][grouped.size()];
        int c = 0;
        for (Map.Entry<Object, double[]> entry : grouped.entrySet()) {
            categories.add(entry.getKey() instanceof Double number ? TextFormat.number(number, "0")
                    : entry.getKey().toString());
            for (int m = 0; m < numeric.size(); m++) {
                totals[m][c] = entry.getValue()[m];
            }
            c++;
        }
        List<String> measures = numeric.stream().map(i -> table.columns().get(i)).toList();
        return new DataSummary(table, categoryName, timeSeries, categories, measures, totals);
    }

    /**
     * Whether a numeric column holds periods rather than amounts: named like a period (year, month, ...) and
     * holding whole numbers only. Such a column groups the data instead of being summed.
     */
    public static boolean isPeriodColumn(DataTable table, int column) {
        if (table.kinds().get(column) != DataTable.ColumnKind.NUMBER
                || !table.columns().get(column).toLowerCase(Locale.ROOT).matches(PERIOD_NAMES)) {
            return false;
        }
        for (List<Object> row : table.rows()) {
            if (row.get(column) instanceof Double d && d != Math.rint(d)) {
                return false;
            }
        }
        return true;
    }

    public boolean hasMeasures() {
        return !measures.isEmpty() && !categories.isEmpty();
    }

    private double maxAbs(int measure) {
        double max = 0;
        for (double value : totals[measure]) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    public double total(int measure) {
        double sum = 0;
        for (double value : totals[measure]) {
            sum += value;
        }
        return sum;
    }

    /** Index of the category with the largest value of {@code measure}. */
    public int leader(int measure) {
        int best = 0;
        for (int c = 1; c < categories.size(); c++) {
            if (totals[measure][c] > totals[measure][best]) {
                best = c;
            }
        }
        return best;
    }

    /** Aggregated table: one row per category, one column per measure, with a totals row. */
    public Table table() {
        List<Table.Column> columns = new ArrayList<>();
        columns.add(Table.Column.text(category.isBlank() ? "Item" : category));
        for (String measure : measures) {
            columns.add(Table.Column.number(measure, format(measure)));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            List<Object> row = new ArrayList<>();
            row.add(categories.get(c));
            for (int m = 0; m < measures.size(); m++) {
                row.add(totals[m][c]);
            }
            rows.add(row);
        }
        String caption = measures.size() == 1 ? measures.getFirst() : source.name();
        return new Table(caption + (category.isBlank() ? "" : " by " + category.toLowerCase(Locale.ROOT))
                + " (source: " + source.origin() + ")", columns, rows, true);
    }

    /**
     * A chart of the first measure and up to two more of a similar magnitude (within a factor of ten), so no
     * series is flattened against the axis by a larger one: lines over time, columns across categories.
     */
    public Chart chart() {
        List<Chart.Series> series = new ArrayList<>();
        double reference = Math.max(1e-9, maxAbs(0));
        List<String> charted = new ArrayList<>();
        for (int m = 0; m < measures.size() && series.size() < 3; m++) {
            double ratio = maxAbs(m) / reference;
            if (m > 0 && (ratio > 10 || ratio < 0.1)) {
                continue;
            }
            charted.add(measures.get(m));
            List<Double> values = new ArrayList<>();
            for (double value : totals[m]) {
                values.add(value);
            }
            series.add(new Chart.Series(measures.get(m), values));
        }
        Chart.ChartType type = timeSeries ? Chart.ChartType.LINE : Chart.ChartType.COLUMN;
        String title = String.join(", ", charted)
                + (category.isBlank() ? "" : " by " + category.toLowerCase(Locale.ROOT));
        return new Chart(type, title, categories, series, "");
    }

    /** Factual statements computed from the numbers, each citing the data file. */
    public List<String> facts() {
        List<String> facts = new ArrayList<>();
        for (int m = 0; m < Math.min(3, measures.size()); m++) {
            String measure = measures.get(m);
            String fmt = format(measure);
            double total = total(m);
            if (timeSeries && categories.size() >= 2) {
                double first = totals[m][0];
                double last = totals[m][categories.size() - 1];
                String change = first == 0 ? "" : " (" + signed((last - first) / first) + ")";
                facts.add(measure + " moved from " + TextFormat.number(first, fmt) + " in " + categories.getFirst()
                        + " to " + TextFormat.number(last, fmt) + " in " + categories.getLast() + change + ".");
                int peak = leader(m);
                facts.add("The highest " + measure.toLowerCase(Locale.ROOT) + " was in " + categories.get(peak)
                        + " at " + TextFormat.number(totals[m][peak], fmt) + ".");
            } else if (!category.isBlank()) {
                int lead = leader(m);
                String share = total == 0 ? "" : " (" + TextFormat.number(totals[m][lead] / total, "0.0%")
                        + " of the total)";
                facts.add(categories.get(lead) + " has the highest " + measure.toLowerCase(Locale.ROOT) + " at "
                        + TextFormat.number(totals[m][lead], fmt) + share + ".");
            }
            facts.add("Total " + measure.toLowerCase(Locale.ROOT) + " across " + categories.size() + " "
                    + (category.isBlank() ? "rows" : plural(category.toLowerCase(Locale.ROOT), categories.size()))
                    + " is " + TextFormat.number(total, fmt) + ".");
        }
        return facts;
    }

    private static String plural(String word, int count) {
        if (count == 1) {
            return word;
        }
        return word.endsWith("y") && !word.endsWith("ey") ? word.substring(0, word.length() - 1) + "ies"
                : word.endsWith("s") ? word : word + "s";
    }

    private static String signed(double ratio) {
        return (ratio >= 0 ? "+" : "") + TextFormat.number(ratio, "0.0%");
    }

    /** Number format by the measure's name: percentages, money, counts. */
    static String format(String measure) {
        String name = measure.toLowerCase(Locale.ROOT);
        if (name.contains("%") || name.contains("rate") || name.contains("share") || name.contains("margin %")) {
            return "0.0%";
        }
        if (name.matches(".*(count|units|deals|headcount|customers|orders|tickets|users|fte).*")) {
            return "#,##0";
        }
        return "#,##0.##";
    }
}
