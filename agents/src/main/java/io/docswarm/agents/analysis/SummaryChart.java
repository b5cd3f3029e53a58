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
     * The main measure (both sides of a pair) and up to {@value #MAX_SERIES} series in all of a similar magnitude,
     * in column order: lines over time, columns across categories.
     */
    static Chart of(DataSummary summary) {
        Breakdown primary = summary.primary();
        int main = summary.mainMeasure();
        List<Integer> charted = new ArrayList<>();
        summary.pair().ifPresent(pair -> charted.add(pair.base()));
        charted.add(main);
        double reference = Math.max(1e-9, maxAbs(primary, main));
        for (int m = 0; m < summary.metrics().size() && charted.size() < MAX_SERIES; m++) {
            double ratio = maxAbs(primary, m) / reference;
            if (!charted.contains(m) && ratio <= MAGNITUDE && ratio >= 1 / MAGNITUDE) {
                charted.add(m);
            }
        }
        charted.sort(Integer::compare);
        List<Chart.Series> series = new ArrayList<>();
        for (int m : charted) {
            List<Double> values = new ArrayList<>();
            for (double value : primary.totals()[m]) {
                values.add(value);
            }
            series.add(new Chart.Series(summary.metrics().get(m).name(), values));
        }
        String title = String.join(", ", series.stream().map(Chart.Series::name).toList()) + summary.byPrimary();
        return new Chart(summary.timeSeries() ? Chart.ChartType.LINE : Chart.ChartType.COLUMN, title,
                primary.keys(), series, "");
    }

    private static double maxAbs(Breakdown breakdown, int measure) {
        double max = 0;
        for (double value : breakdown.totals()[measure]) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
