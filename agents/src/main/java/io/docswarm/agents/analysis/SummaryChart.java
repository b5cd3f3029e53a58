package io.docswarm.agents.analysis;

import io.docswarm.renderers.model.Chart;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The chart of a summary's primary breakdown. */
final class SummaryChart {

    /** Series more than this factor larger or smaller than the lead series would be flattened against the axis. */
    private static final double MAGNITUDE = 10;
    private static final int MAX_SERIES = 3;
    /** Points a line needs to be a line: with fewer whole periods, the partial ones stay, labelled as such. */
    private static final int MIN_LINE_POINTS = 2;

    private SummaryChart() {
    }

    /**
     * The main measure (both sides of a pair) and up to {@value #MAX_SERIES} series in all of a similar magnitude
     * and of the same kind (rates are not drawn against amounts), in column order: lines over time, columns across
     * categories. Each series plots the breakdown's values, so an intensive measure plots its means. Other series
     * are drawn only where they have a value in every plotted category; a main measure without one in some
     * category is drawn over the categories where it has one. A line leaves out periods of stray dates and, when
     * it draws sums, partial periods (whose shortfall would read as a fall) unless that would leave fewer than
     * {@value #MIN_LINE_POINTS} points; the title names what it leaves out.
     */
    static Chart of(DataSummary summary) {
        Breakdown primary = summary.primary();
        int main = summary.mainMeasure();
        MeasureKind kind = summary.metrics().get(main).kind();
        boolean line = summary.timeSeries();
        List<String> leftOut = new ArrayList<>();
        List<Integer> plotted = line ? plottedPeriods(primary, summary.metrics().get(main).accumulates(), leftOut)
                : allKeys(primary);
        List<Integer> charted = new ArrayList<>();
        summary.pair().ifPresent(pair -> charted.add(pair.base()));
        charted.add(main);
        double reference = Math.max(1e-9, maxAbs(primary, main, plotted));
        for (int m = 0; m < summary.metrics().size() && charted.size() < MAX_SERIES; m++) {
            final int measure = m;
            double ratio = maxAbs(primary, m, plotted) / reference;
            if (!charted.contains(m) && summary.metrics().get(m).kind() == kind
                    && plotted.stream().allMatch(k -> primary.has(measure, k))
                    && ratio <= MAGNITUDE && ratio >= 1 / MAGNITUDE) {
                charted.add(m);
            }
        }
        charted.sort(Integer::compare);
        List<Integer> categories = plotted.stream().filter(k -> charted.stream().allMatch(m -> primary.has(m, k)))
                .toList();
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
        return new Chart(line ? Chart.ChartType.LINE : Chart.ChartType.COLUMN, title,
                categories.stream().map(primary::rowLabel).toList(), series, "");
    }

    /**
     * The periods a line plots: all but the blank period, those of stray dates and, for sums ({@code sums}), the partial ones, unless
     * fewer than {@value #MIN_LINE_POINTS} would be left; what it leaves out is added to {@code leftOut} as the
     * title words it ("Mar 2026 left out: data to 10 Mar", "Dec 1899 left out: a stray date").
     */
    private static List<Integer> plottedPeriods(Breakdown periods, boolean sums, List<String> leftOut) {
        List<Integer> plotted = new ArrayList<>();
        List<Integer> partial = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        for (int k = 0; k < periods.size(); k++) {
            if (periods.keyValues().get(k) == null) {
                continue; // the blank period is no time: a point after March would read as a fall
            }
            if (periods.strayPeriod(k)) {
                strays.add(periods.phrase(k));
            } else if (sums && periods.partial(k)) {
                partial.add(k);
            } else {
                plotted.add(k);
            }
        }
        if (!strays.isEmpty()) {
            leftOut.add(String.join(" and ", strays) + " left out: " + (strays.size() == 1 ? "a stray date"
                    : "stray dates"));
        }
        if (plotted.size() < MIN_LINE_POINTS) {
            plotted.addAll(partial);
            plotted.sort(Integer::compare);
        } else {
            partial.forEach(k -> leftOut.add(periods.phrase(k) + " left out: data " + periods.coverage(k)));
        }
        return plotted;
    }

    private static List<Integer> allKeys(Breakdown breakdown) {
        return IntStream.range(0, breakdown.size()).boxed().toList();
    }

    private static double maxAbs(Breakdown breakdown, int measure, List<Integer> keys) {
        double max = 0;
        for (int k : keys) {
            if (breakdown.has(measure, k)) {
                max = Math.max(max, Math.abs(breakdown.value(measure, k)));
            }
        }
        return max;
    }
}
