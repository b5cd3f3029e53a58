package io.docswarm.engine.quant;

/**
 * One K-quant weight row decoded for {@link DecodedProduct}: every element as the exact integer its block's
 * integer dot product multiplies (quant times sub-block scale, minus Q6_K's offset first), in the order of
 * {@link QuantizedRow#byNibbles}, and per super-block what is applied after that integer sum: {@code d}, and for
 * the types with sub-block minimums {@code dmin} and the packed 6-bit minimums. A reusable buffer (see
 * {@link QuantKernel#decodeRow}); not thread-safe.
 */
final class DecodedRow {
    final int capacity;
    final float[] values;
    final float[] d;
    final float[] dmin;
    /** The 6-bit minimum of sub-block {@code j} of block {@code b} at {@code 8b + j}; Q4_K and Q5_K only. */
    final float[] mins;
    boolean hasMins;

    DecodedRow(int capacity) {
        this.capacity = capacity;
        int blocks = capacity / KQuants.QK_K + 1;
        this.values = new float[capacity];
        this.d = new float[blocks];
        this.dmin = new float[blocks];
        this.mins = new float[8 * blocks];
    }
}
