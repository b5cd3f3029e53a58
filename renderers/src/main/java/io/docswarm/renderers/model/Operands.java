package io.docswarm.renderers.model;

/**
 * The checks every column computed from other columns shares ({@link Table.Ratio}, {@link Sheet.Difference},
 * {@link Sheet.Quotient}): column indices that can exist, no column used twice (a column computed from itself, or
 * a difference of a column with itself, is a mistake, not a figure), and a scale that changes the unit, never
 * erases or poisons the value.
 */
final class Operands {

    private Operands() {
    }

    /**
     * @param what    the computation, for the message: "difference in column 3"
     * @param scale   what the result is multiplied by
     * @param columns the (0-based) columns involved, which must be distinct
     */
    static void check(String what, double scale, int... columns) {
        if (scale == 0 || Double.isNaN(scale) || java.util.Arrays.stream(columns).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException(what + ": columns must be >= 0 and the scale a non-zero number");
        }
        if (java.util.Arrays.stream(columns).distinct().count() != columns.length) {
            throw new IllegalArgumentException(what + ": needs " + columns.length + " different columns");
        }
    }
}
