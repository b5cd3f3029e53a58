package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * One K-quant weight row decoded for {@link DecodedProduct}: every element as the exact integer its block's
 * integer dot product multiplies (quant times sub-block scale, minus Q6_K's offset first), in the order of
 * {@link QuantizedRow#byNibbles}, and per super-block what is applied after that integer sum: {@code d}, and for
 * the types with sub-block minimums {@code dmin} and the packed 6-bit minimums. A reusable buffer (see
 * {@link QuantKernel#decodeRow}); not thread-safe. Public only because {@link QuantKernel#decodeRow} is; its
 * contents are for this package's kernels and {@link DecodedProduct}.
 */
public final class DecodedRow {
    final int capacity;
    final float[] values;
    final float[] d;
    final float[] dmin;
    /** The 6-bit minimum of sub-block {@code j} of block {@code b} at {@code 8b + j}; Q4_K and Q5_K only. */
    final float[] mins;
    boolean hasMins;

    /** A buffer for rows of up to {@code capacity} elements (whole super-blocks of 256). */
    public DecodedRow(int capacity) {
        this.capacity = capacity;
        int blocks = capacity / KQuants.QK_K;
        this.values = new float[capacity];
        this.d = new float[blocks];
        this.dmin = new float[blocks];
        this.mins = new float[8 * blocks];
    }

    /** Checks that a row of {@code n} elements of {@code type} lies at {@code offset} and fits this buffer here. */
    void checkFits(GgmlType type, MemorySegment w, long offset, int n) {
        QuantKernel.checkRow(type, w, offset, n);
        if (VectorSupport.L != 16 || capacity < n) {
            throw new IllegalArgumentException("cannot decode " + n + " elements of " + type + " into " + capacity
                    + " with " + VectorSupport.L + " float lanes");
        }
    }

    /**
     * Block {@code b}'s {@code d} and {@code dmin} (the two F16 of {@code dd}) and its eight 6-bit minimums, from
     * a Q4_K/Q5_K block's packed scale bytes {@code lo} (bytes 0-7) and {@code hi} (bytes 8-11).
     */
    void setScalesAndMins(int b, int dd, long lo, int hi) {
        d[b] = Float.float16ToFloat((short) dd);
        dmin[b] = Float.float16ToFloat((short) (dd >>> 16));
        int mins0123 = KQuants.mins0123(lo);
        int mins4567 = KQuants.mins4567(lo, hi);
        for (int j = 0; j < 4; j++) {
            mins[8 * b + j] = (mins0123 >>> (8 * j)) & 0xFF;
            mins[8 * b + 4 + j] = (mins4567 >>> (8 * j)) & 0xFF;
        }
        hasMins = true;
    }
}
