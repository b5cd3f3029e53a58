package io.docswarm.agents.analysis;

/**
 * Whether a measure's values add up across rows. It decides how every figure about the measure is computed and
 * worded: an amount is summed, shared out and grown; an intensive measure is averaged and its changes are
 * differences, never "x% of the total".
 */
public enum MeasureKind {

    /** Additive: revenue, units, cost, count. Totals, shares of the total and growth of the total make sense. */
    AMOUNT,

    /**
     * Not additive: a rate, ratio, percentage, share, average, price per unit, score, index, temperature or
     * utilisation. Summed, it is a meaningless figure; groups are described by their mean.
     */
    INTENSIVE
}
