package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.List;
import java.util.Optional;

/**
 * The two amounts a rate column is the quotient of, row by row: a conversion rate of orders over visits, a price
 * of revenue over units. A group's rate is then the ratio of its sums (all orders over all visits), which weights
 * each row by its denominator, rather than the unweighted mean of the rows' rates, which counts a region's quiet
 * month as much as its busy one.
 *
 * <p>Found from the numbers, never from the headers: the rate must equal {@code numerator / denominator} (times
 * 100 for percentages written as numbers) within the rounding a file writes it with, on at least
 * {@value #AGREEING} of at least {@value #MIN_ROWS} rows that have all three values.
 *
 * @param numerator   the numerator's column in the table
 * @param denominator the denominator's column in the table
 * @param scale       what the quotient is multiplied by to read as the rate: 100 for a "Margin %" of 31, else 1
 */
public record RatioOf(int numerator, int denominator, double scale) {

    static final int MIN_ROWS = 3;
    static final double AGREEING = 0.9;
    /** Relative slack: a rate or price rounded to a few significant digits. */
    private static final double RELATIVE = 0.005;
    /** Absolute slack of a percentage written to a tenth of a point (3.1% is 0.031 +- 0.0005). */
    private static final double PERCENT_ROUNDING = 0.0005;
    /** Absolute slack of a plain ratio or price written to the cent. */
    private static final double PLAIN_ROUNDING = 0.005;

    /**
     * The amounts among {@code candidates} that {@code rate}, an intensive measure of {@code table}, is the quotient
     * of; the pair most rows agree with (the first such pair in column order on ties). Empty when none is.
     */
    static Optional<RatioOf> find(DataTable table, Measure rate, List<Measure> candidates) {
        if (rate.additive()) {
            return Optional.empty();
        }
        double scale = rate.percent() == Measure.PercentScale.POINTS ? 100 : 1;
        double rounding = rate.percent() == Measure.PercentScale.NONE ? PLAIN_ROUNDING : PERCENT_ROUNDING * scale;
        RatioOf best = null;
        int bestAgreeing = 0;
        for (Measure numerator : candidates) {
            for (Measure denominator : candidates) {
                if (numerator == denominator || !numerator.accumulates() || !denominator.accumulates()) {
                    continue;
                }
                RatioOf candidate = new RatioOf(numerator.column(), denominator.column(), scale);
                int agreeing = candidate.agreeingRows(table, rate.column(), rounding);
                if (agreeing > bestAgreeing) {
                    best = candidate;
                    bestAgreeing = agreeing;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How many rows with all three values have the rate equal to this quotient within {@code rounding}; 0 unless
     * there are enough such rows and enough of them agree.
     */
    private int agreeingRows(DataTable table, int rateColumn, double rounding) {
        int rows = 0;
        int agreeing = 0;
        boolean anyNonZero = false;
        for (List<Object> row : table.rows()) {
            if (row.get(rateColumn) instanceof Double rate && row.get(numerator) instanceof Double top
                    && row.get(denominator) instanceof Double bottom && bottom != 0) {
                rows++;
                double quotient = top / bottom * scale;
                if (Math.abs(rate - quotient) <= RELATIVE * Math.abs(quotient) + rounding) {
                    agreeing++;
                    anyNonZero |= quotient != 0;
                }
            }
        }
        // Zeros over anything agree with a column of zeros, which says nothing about how the rate is made.
        return rows >= MIN_ROWS && anyNonZero && agreeing >= AGREEING * rows ? agreeing : 0;
    }

    /** A group's rate from its sums; NaN when its denominators sum to 0 (no visits: no conversion rate). */
    double of(double numeratorSum, double denominatorSum) {
        return denominatorSum == 0 ? Double.NaN : numeratorSum / denominatorSum * scale;
    }
}
