package io.docswarm.engine.grammar;

import java.math.BigDecimal;

/**
 * A number or integer, optionally bounded. Canonical layout: no leading zeros, no plus sign; integers have no
 * fraction or exponent; bounded numbers no exponent (so that every prefix's reachable values are an easy
 * interval), unbounded ones may have one.
 *
 * <p>With bounds, every digit is checked against them: a prefix is only accepted if some completion of it
 * lies within the bounds (e.g. for 1..20, "2" may go on to "20" but "3" must end), so generation never
 * reaches a dead end.
 */
final class NumberGrammar implements Grammar {
    private final boolean integer;
    private final BigDecimal min;
    private final boolean minExclusive;
    private final BigDecimal max;
    private final boolean maxExclusive;

    /**
     * @param min null for none; for integers the bounds must be inclusive integers (the compiler rounds)
     */
    NumberGrammar(boolean integer, BigDecimal min, boolean minExclusive, BigDecimal max, boolean maxExclusive) {
        this.integer = integer;
        this.min = min;
        this.minExclusive = minExclusive;
        this.max = max;
        this.maxExclusive = maxExclusive;
    }

    private boolean bounded() {
        return min != null || max != null;
    }

    @Override
    public Frame start(int b) {
        return canStartWith(b) ? new NumberFrame(this, NumberFrame.START, false, "", "") : null;
    }

    @Override
    public boolean canStartWith(int b) {
        return b == '-' || (b >= '0' && b <= '9');
    }

    /** Whether a value may be negative: "-" then needs a magnitude above 0 (integers: at least 1). */
    private boolean allowsNegative() {
        return min == null || min.signum() < 0;
    }

    /**
     * Whether some completion of a prefix lies within the bounds. Works on the magnitude, with the bounds
     * mirrored for a negative prefix.
     *
     * @param digits   the integer part (non-empty)
     * @param fraction the fraction digits so far
     * @param inFraction whether a '.' was written (the integer part is then fixed)
     */
    private boolean feasible(boolean negative, String digits, String fraction, boolean inFraction) {
        if (!bounded()) {
            return true;
        }
        BigDecimal lo = negative ? negate(max) : min;
        boolean loExclusive = negative ? maxExclusive : minExclusive;
        BigDecimal hi = negative ? negate(min) : max;
        boolean hiExclusive = negative ? minExclusive : maxExclusive;
        BigDecimal d = new BigDecimal(digits);
        if (inFraction || digits.equals("0")) {
            // one interval: [d.f, d.f + 10^-len(f)) for numbers; the single value d for an integer
            BigDecimal a = inFraction ? new BigDecimal(digits + "." + fraction + (fraction.isEmpty() ? "0" : "")) : d;
            BigDecimal width = integer ? BigDecimal.ZERO : BigDecimal.ONE.movePointLeft(fraction.length());
            return intersects(a, a.add(width), lo, loExclusive, hi, hiExclusive);
        }
        // the integer part may grow: [d·10^L, (d+1)·10^L) for L = 0, 1, ...
        if (hi == null) {
            return true; // the intervals go up without end and the upper side is open
        }
        BigDecimal next = d.add(BigDecimal.ONE);
        for (int shift = 0; ; shift++) {
            BigDecimal a = d.movePointRight(shift);
            BigDecimal b = next.movePointRight(shift);
            if (integer) {
                b = b.subtract(BigDecimal.ONE);
            }
            if (a.compareTo(hi) > 0) {
                return false;
            }
            if (intersects(a, b, lo, loExclusive, hi, hiExclusive)) {
                return true;
            }
        }
    }

    /**
     * Whether [a, b) (numbers; [a, b] for integers, whose bounds are inclusive) meets the bounds. With a
     * non-empty range of bounds, a point just above max(a, lo) does unless a is past hi or b not past lo.
     */
    private boolean intersects(BigDecimal a, BigDecimal b, BigDecimal lo, boolean loExclusive, BigDecimal hi,
                               boolean hiExclusive) {
        if (integer) {
            return (hi == null || a.compareTo(hi) <= 0) && (lo == null || b.compareTo(lo) >= 0);
        }
        boolean belowHi = hi == null || (hiExclusive ? a.compareTo(hi) < 0 : a.compareTo(hi) <= 0);
        boolean aboveLo = lo == null || b.compareTo(lo) > 0;
        return belowHi && aboveLo;
    }

    private boolean inRange(BigDecimal v) {
        if (min != null && (minExclusive ? v.compareTo(min) <= 0 : v.compareTo(min) < 0)) {
            return false;
        }
        return max == null || (maxExclusive ? v.compareTo(max) < 0 : v.compareTo(max) <= 0);
    }

    private static BigDecimal negate(BigDecimal v) {
        return v == null ? null : v.negate();
    }

    /**
     * @param digits   the integer part so far; without bounds only "" (none yet), "0" or "1" (non-zero) is
     *                 kept, so that unbounded numbers have few states
     * @param fraction the fraction digits so far (kept only with bounds)
     */
    record NumberFrame(NumberGrammar grammar, int phase, boolean negative, String digits, String fraction)
            implements Frame {
        static final int START = 0;
        static final int MINUS = 1;      // after '-'
        static final int INT = 2;        // in the integer part
        static final int DOT = 3;        // after '.', a digit must follow
        static final int FRACTION = 4;
        static final int EXP = 5;        // after 'e'
        static final int EXP_SIGN = 6;   // after 'e+' or 'e-'
        static final int EXP_DIGITS = 7;

        private Step to(int newPhase, String newDigits, String newFraction) {
            NumberGrammar g = grammar;
            if (!g.bounded()) {
                newDigits = newDigits.isEmpty() || newDigits.equals("0") ? newDigits : "1";
                newFraction = "";
            }
            return new Step.Consumed(new NumberFrame(g, newPhase, negative, newDigits, newFraction));
        }

        @Override
        public Step advance(int b) {
            NumberGrammar g = grammar;
            boolean digit = b >= '0' && b <= '9';
            switch (phase) {
                case START -> {
                    if (b == '-') {
                        return g.allowsNegative()
                                ? new Step.Consumed(new NumberFrame(g, MINUS, true, "", "")) : null;
                    }
                    return digit ? intDigit(b) : null;
                }
                case MINUS -> {
                    if (b == '0' && g.integer) {
                        return null; // "-0" is no canonical integer
                    }
                    return digit ? intDigit(b) : null;
                }
                case INT -> {
                    if (digit) {
                        return digits.equals("0") ? null : intDigit(b);
                    }
                    if (b == '.' && !g.integer) {
                        return g.feasible(negative, digits, "", true) ? to(DOT, digits, "") : null;
                    }
                    return isExponent(b) ? to(EXP, digits, "") : null;
                }
                case DOT, FRACTION -> {
                    if (digit) {
                        String f = fraction + (char) b;
                        return g.feasible(negative, digits, f, true) ? to(FRACTION, digits, f) : null;
                    }
                    return phase == FRACTION && isExponent(b) ? to(EXP, digits, fraction) : null;
                }
                case EXP -> {
                    if (b == '+' || b == '-') {
                        return to(EXP_SIGN, digits, fraction);
                    }
                    return digit ? to(EXP_DIGITS, digits, fraction) : null;
                }
                case EXP_SIGN, EXP_DIGITS -> {
                    return digit ? to(EXP_DIGITS, digits, fraction) : null;
                }
                default -> {
                    return null;
                }
            }
        }

        private Step intDigit(int b) {
            String d = grammar.bounded() ? digits + (char) b : (digits.isEmpty() && b == '0' ? "0" : "1");
            return grammar.feasible(negative, d, "", false) ? to(INT, d, "") : null;
        }

        private boolean isExponent(int b) {
            return (b == 'e' || b == 'E') && !grammar.integer && !grammar.bounded();
        }

        @Override
        public boolean canEnd() {
            if (phase != INT && phase != FRACTION && phase != EXP_DIGITS) {
                return false;
            }
            if (phase == INT && negative && digits.equals("0")) {
                return false; // "-0": not canonical (numbers may go on to "-0.5")
            }
            if (!grammar.bounded()) {
                return true;
            }
            BigDecimal v = new BigDecimal(phase == INT ? digits : digits + "." + fraction);
            return grammar.inRange(negative ? v.negate() : v);
        }
    }

    static BigDecimal ceilToInteger(BigDecimal v) {
        return new BigDecimal(v.setScale(0, java.math.RoundingMode.CEILING).toBigInteger());
    }

    static BigDecimal floorToInteger(BigDecimal v) {
        return new BigDecimal(v.setScale(0, java.math.RoundingMode.FLOOR).toBigInteger());
    }
}
