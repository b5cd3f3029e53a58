package io.docswarm.agents.analysis;

import io.docswarm.renderers.model.Chart;
import java.util.ArrayList;
import java.util.List;

/** The chart of a summary's primary breakdown. */
final class SummaryChart {

    /** Series more than this factor larger or smaller than the lead series would be flattened against the axis. */
    private static final double MAGNITUDE = 10;
    private static final int MAX_SERIES = 3;

    private SummaryChart() {
    }

    /**
     * The main measure (both sides of a pair) and up to {@value #MAX_SERIES} series in all of a similar magnitude
     * and of the same kind (rates are not drawn against amounts), in column order: lines over time, columns across
     * categories. Each series plots the breakdown's values, so an intensive measure plots its means. Other series
     * are drawn only where they have a value in every category; a main measure without one in some category is
     * drawn over the categories where it has one. A line leaves out periods of stray dates, and, where it draws
     * a sum, a partial period, whose shortfall would read as a fall; the title says which.
     */
    static Chart of(DataSummary summary) {
        Breakdown primary = summary.primary();
        int main = summary.mainMeasure();
        MeasureKind kind = summary.metrics().get(main).kind();
        List<Integer> charted = new ArrayList<>();
        summary.pair().ifPresent(pair -> charted.add(pair.base()));
        charted.add(main);
        double reference = Math.max(1e-9, maxAbs(primary, main));
        for (int m = 0; m < summary.metrics().size() && charted.size() < MAX_SERIES; m++) {
            double ratio = maxAbs(primary, m) / reference;
            if (!charted.contains(m) && summary.metrics().get(m).kind() == kind
                    && primary.withValues(m).size() == primary.size() && ratio <= MAGNITUDE && ratio >= 1 / MAGNITUDE) {
                charted.add(m);
            }
        }
        charted.sort(Integer::compare);
        // A line over time of a sum would fall into a partial period (ten days of March against February's 28),
        // and a stray placeholder date would stretch the time axis: such periods stay in the table, not the line.
        boolean line = summary.timeSeries();
        boolean sums = charted.stream().anyMatch(m -> summary.metrics().get(m).accumulates());
        List<Integer> categories = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (int k = 0; k < primary.size(); k++) {
            final int key = k;
            if (line && primary.strayPeriod(k)) {
                continue;
            }
            if (line && sums && primary.partial(k)) {
                leftOut.add(primary.phrase(k) + " left out: data " + primary.coverage(k));
            } else if (charted.stream().allMatch(m -> primary.has(m, key))) {
                categories.add(k);
            }
        }
        List<Chart.Series> series = new ArrayList<>();
        for (int m : charted) {
            List<Double> values = new ArrayList<>();
            for (int k : categories) {
                values.add(primary.value(m, k));
            }
            series.add(new Chart.Series(summary.columnName(m), values));
        }
        String title = String.join(", ", series.stream().map(Chart.Series::name).toList()) + summary.byPrimary()
                + (leftOut.isEmpty() ? "" : " (" + String.join("; ", leftOut) + ")");
        return new Chart(summary.timeSeries() ? Chart.ChartType.LINE : Chart.ChartType.COLUMN, title,
                categories.stream().map(primary::rowLabel).toList(), series, "");
    }

    private static double maxAbs(Breakdown breakdown, int measure) {
        double max = 0;
        for (int k : breakdown.withValues(measure)) {
            max = Math.max(max, Math.abs(breakdown.value(measure, k)));
        }
        return max;
    }
}
