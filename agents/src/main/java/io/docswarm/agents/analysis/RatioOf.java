package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The two amounts a rate column is the quotient of, row by row: a conversion rate of orders over visits, a price
 * of revenue over units. A group's rate is then the ratio of its sums (all orders over all visits), which weights
 * each row by its denominator, rather than the unweighted mean of the rows' rates, which counts a region's quiet
 * month as much as its busy one.
 *
 * <p>Found from the numbers, never from the headers: the rate must equal {@code numerator / denominator} (times
 * 100 for percentages written as numbers) to within half a unit of the last decimal the rate column is written
 * with (3.1% is 0.031 +- 0.0005; a "Margin %" of 31 is 31 +- 0.5), on at least {@value #AGREEING} of at least
 * {@value #MIN_ROWS} rows that have all three values. Of several pairs that agree as often, the one closest to
 * the rates wins.
 *
 * @param numerator   the numerator's column in the table
 * @param denominator the denominator's column in the table
 * @param scale       what the quotient is multiplied by to read as the rate: 100 for a "Margin %" of 31, else 1
 * @param complete    whether every row with one of the two amounts has the other, so the amounts' sums divide to
 *                    the rate of all their rows (a summary's totals can then be the ratio of its columns' totals)
 */
public record RatioOf(int numerator, int denominator, double scale, boolean complete) {

    static final int MIN_ROWS = 3;
    static final double AGREEING = 0.9;
    /** Floating-point slack of a rate computed to full precision. */
    private static final double RELATIVE = 1e-9;
    private static final int MAX_DECIMALS = 12;

    /**
     * {@code metrics} with each rate that is the quotient of two of its amounts marked so ({@link Measure#withRatio}).
     * Every column is read once, whatever the number of rates and pairs.
     */
    static List<Measure> mark(DataTable table, List<Measure> metrics) {
        Map<Integer, double[]> columns = new HashMap<>();
        IntFunction<double[]> column = c -> columns.computeIfAbsent(c, table::numbers);
        List<Measure> marked = new ArrayList<>();
        for (Measure measure : metrics) {
            marked.add(find(column, measure, metrics).map(measure::withRatio).orElse(measure));
        }
        return marked;
    }

    /**
     * The amounts among {@code candidates} that {@code rate}, an intensive measure, is the quotient of; empty when
     * none is. A pair stops being read once too many rows disagree.
     */
    private static Optional<RatioOf> find(IntFunction<double[]> column, Measure rate,
                                          List<Measure> candidates) {
        if (rate.additive()) {
            return Optional.empty();
        }
        double[] rates = column.apply(rate.column());
        int rateRows = 0;
        for (double value : rates) {
            rateRows += Double.isNaN(value) ? 0 : 1;
        }
        if (rateRows < MIN_ROWS) {
            return Optional.empty();
        }
        double scale = rate.percent() == Measure.PercentScale.POINTS ? 100 : 1;
        double slack = 0.5 * Math.pow(10, -decimals(rates));
        List<Measure> amounts = candidates.stream().filter(Measure::accumulates).toList();
        List<double[]> columns = amounts.stream().map(amount -> column.apply(amount.column())).toList();
        Fit best = null;
        for (int n = 0; n < amounts.size(); n++) {
            for (int d = 0; d < amounts.size(); d++) {
                if (n != d) {
                    Fit fit = Fit.of(rates, rateRows, columns.get(n), columns.get(d), scale, slack, n, d);
                    best = fit != null && fit.betterThan(best) ? fit : best;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        double[] top = columns.get(best.numerator());
        double[] bottom = columns.get(best.denominator());
        boolean complete = true;
        for (int r = 0; r < top.length; r++) {
            complete &= Double.isNaN(top[r]) == Double.isNaN(bottom[r]);
        }
        return Optional.of(new RatioOf(amounts.get(best.numerator()).column(),
                amounts.get(best.denominator()).column(), scale, complete));
    }

    /** How well one pair of amounts divides to the rates: rows that agree, and the sum of the gaps. */
    private record Fit(int numerator, int denominator, int agreeing, double gaps) {

        /** The pair's fit; null when too few rows have all three values or too many of them disagree. */
        static Fit of(double[] rates, int rateRows, double[] top, double[] bottom, double scale, double slack,
                      int numerator, int denominator) {
            int rows = 0;
            int agreeing = 0;
            double gaps = 0;
            boolean anyNonZero = false;
            double disagreementsAllowed = (1 - AGREEING) * rateRows;
            for (int r = 0; r < rates.length; r++) {
                if (Double.isNaN(rates[r]) || Double.isNaN(top[r]) || Double.isNaN(bottom[r]) || bottom[r] == 0) {
                    continue;
                }
                rows++;
                double quotient = top[r] / bottom[r] * scale;
                double gap = Math.abs(rates[r] - quotient);
                if (gap <= slack + RELATIVE * Math.abs(quotient)) {
                    agreeing++;
                    gaps += gap;
                    anyNonZero |= quotient != 0;
                } else if (rows - agreeing > disagreementsAllowed) {
                    return null; // it can no longer reach the share of agreeing rows
                }
            }
            // Zeros over anything agree with a column of zeros, which says nothing about how the rate is made.
            return rows >= MIN_ROWS && anyNonZero && agreeing >= AGREEING * rows
                    ? new Fit(numerator, denominator, agreeing, gaps) : null;
        }

        boolean betterThan(Fit other) {
            return other == null || agreeing > other.agreeing || agreeing == other.agreeing && gaps < other.gaps;
        }
    }

    /** The fewest decimals that write every value (a float's noise ignored), at most {@value #MAX_DECIMALS}. */
    static int decimals(double[] values) {
        for (int d = 0; d < MAX_DECIMALS; d++) {
            double unit = Math.pow(10, d);
            boolean written = true;
            for (double value : values) {
                if (!Double.isNaN(value)) {
                    double shifted = value * unit;
                    written &= Math.abs(shifted - Math.rint(shifted)) <= 1e-9 * Math.max(1, Math.abs(shifted));
                }
            }
            if (written) {
                return d;
            }
        }
        return MAX_DECIMALS;
    }

    /** A group's rate from its sums; NaN when its denominators sum to 0 (no visits: no conversion rate). */
    double of(double numeratorSum, double denominatorSum) {
        return denominatorSum == 0 ? Double.NaN : numeratorSum / denominatorSum * scale;
    }
}
