package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measure by period and category, e.g. installations by year and country: what shows who leads now and who
 * grew fastest, which neither breakdown shows alone.
 *
 * @param periods    the periods as sentences name them ("2025", "the week of 5 Jan 2026"), in time order (text
 *                   periods as {@link TextPeriods#ranks} orders them), with a value, less those of stray dates; for an amount, only the
 *                   periods the data covers whole
 * @param categories the categories in order of first appearance
 * @param values     values[p][c]: the sum of an amount (the mean of an intensive measure, the ratio of the sums of
 *                   the amounts it is the quotient of) over the rows of period p and category c, for a level over those at the latest date of that period and category; NaN
 *                   where no row of that period and category has a value (missing is not zero: it must not read
 *                   as a fall)
 */
record CrossTab(List<String> periods, List<String> categories, double[][] values) {

    static CrossTab of(DataTable table, Dimension period, Dimension category, Measure measure, LevelTime time) {
        boolean chronological = table.kinds().get(period.column()) != DataTable.ColumnKind.TEXT;
        Map<Object, Map<String, Double>> sums = chronological ? new TreeMap<>(Breakdown::compareKeys)
                : new LinkedHashMap<>();
        // What a cell's sum is divided by: its row count for a mean, its denominators' sum for a ratio of sums.
        Map<Object, Map<String, Double>> divisors = new java.util.HashMap<>();
        RatioOf ratio = measure.ratio();
        List<String> categories = new ArrayList<>();
        // A level's cell is its rows at the latest date of the period and category, not their sum over the period.
        boolean[] levelRows = measure.level() && time != null ? LevelRows.atGroupEnds(table, time, true,
                java.util.Set.of(period.column(), category.column()), measure,
                r -> List.of(String.valueOf(period.keyOf(table.rows().get(r).get(period.column()))),
                        Breakdown.label(table.rows().get(r).get(category.column())))) : null;
        for (int r = 0; r < table.rows().size(); r++) {
            List<Object> row = table.rows().get(r);
            Object when = period.keyOf(row.get(period.column()));
            String what = Breakdown.label(row.get(category.column()));
            if (!categories.contains(what)) {
                categories.add(what);
            }
            // A row without a period cannot be placed in time, and one without a value adds nothing. The sums of a
            // period the data covers only in part are no period's sums: they would read as a fall. A stray date's
            // period is no point in time of the data at all.
            boolean comparable = !period.strayPeriod(when) && !(measure.accumulates() && period.partial(when));
            boolean counted = levelRows == null || levelRows[r];
            Object value = row.get(ratio == null ? measure.column() : ratio.numerator());
            Object divisor = ratio == null ? (Object) 1.0 : row.get(ratio.denominator());
            if (when != null && comparable && counted && value instanceof Double top && divisor instanceof Double by) {
                sums.computeIfAbsent(when, k -> new LinkedHashMap<>()).merge(what, top, Double::sum);
                divisors.computeIfAbsent(when, k -> new java.util.HashMap<>()).merge(what, by, Double::sum);
            }
        }
        if (!chronological) {
            sums = TextPeriods.inTimeOrder(sums, table, period.column());
        }
        List<String> periods = new ArrayList<>();
        double[][] values = new double[sums.size()][categories.size()];
        int p = 0;
        for (Map.Entry<Object, Map<String, Double>> entry : sums.entrySet()) {
            periods.add(period.inSentence(entry.getKey()));
            for (int c = 0; c < categories.size(); c++) {
                double sum = entry.getValue().getOrDefault(categories.get(c), Double.NaN);
                double divisor = divisors.get(entry.getKey()).getOrDefault(categories.get(c), Double.NaN);
                values[p][c] = measure.additive() ? sum : ratio != null ? ratio.of(sum, divisor) : sum / divisor;
            }
            p++;
        }
        return new CrossTab(periods, categories, values);
    }

    double first(int category) {
        return values[0][category];
    }

    double last(int category) {
        return values[periods.size() - 1][category];
    }

    /** Whether the category has a value in both the first and the last period. */
    boolean spansAllPeriods(int category) {
        return !Double.isNaN(first(category)) && !Double.isNaN(last(category));
    }

    /** The last period's total over the categories that have a value in it (for amounts). */
    double lastTotal() {
        double sum = 0;
        for (double value : values[periods.size() - 1]) {
            sum += Double.isNaN(value) ? 0 : value;
        }
        return sum;
    }
}
