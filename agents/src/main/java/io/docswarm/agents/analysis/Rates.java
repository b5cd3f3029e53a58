package io.docswarm.agents.analysis;

import io.docswarm.renderers.TextFormat;

/** How rates and changes are written in fact sentences. */
final class Rates {

    /** From this multiple on, growth reads better as "3.5 times" than as "+251.1%". */
    private static final double MULTIPLE_FROM = 2;

    private Rates() {
    }

    /** {@code 8.0%}. */
    static String percent(double ratio) {
        return TextFormat.number(ratio, "0.0%");
    }

    /** {@code +8.0%} or {@code -30.0%}. */
    static String signed(double ratio) {
        return (ratio >= 0 ? "+" : "") + percent(ratio);
    }

    /** A limit as stated: {@code 5%}, {@code 7.5%}. */
    static String limit(double ratio) {
        return TextFormat.number(ratio, "0.#%");
    }

    /** Whether {@link #growth} can say anything: a change needs a positive starting value. */
    static boolean comparable(double from) {
        return from > 0;
    }

    /** Whether {@link #growth} writes the change as a multiple. */
    static boolean multiple(double from, double to) {
        return to / from >= MULTIPLE_FROM;
    }

    /** The change from {@code from} to {@code to}: {@code 3.5 times} for large growth, {@code +8.0%} otherwise. */
    static String growth(double from, double to) {
        double ratio = to / from;
        return multiple(from, to) ? TextFormat.number(ratio, "0.0") + " times" : signed(ratio - 1);
    }
}
