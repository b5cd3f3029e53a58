package io.docswarm.agents.analysis;

/**
 * Whether a measure's values add up across rows. It decides how every figure about the measure is computed and
 * worded: an amount is summed, shared out and grown; a level is summed at one time and taken at the end of each
 * period; an intensive measure is averaged and its changes are differences, never "x% of the total".
 */
public enum MeasureKind {

    /** Additive: revenue, units, cost, count. Totals, shares of the total and growth of the total make sense. */
    AMOUNT,

    /**
     * A level at a point in time: headcount, a balance, inventory, a backlog, active subscribers. It adds up across
     * the things measured at one time (the departments' headcounts make the company's) but not over time: a
     * quarter's headcount is its last month's, not the sum of three. Without dates to tell the times apart, every
     * row is a different thing and it is summed like an amount.
     */
    LEVEL,

    /**
     * Not additive: a rate, ratio, percentage, share, average, price per unit, score, index, temperature or
     * utilisation. Summed, it is a meaningless figure; groups are described by their mean.
     */
    INTENSIVE
}
