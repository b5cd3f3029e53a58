package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.I;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * One K-quant or Q8_0 weight row decoded for {@link DecodedProduct}: every element as the float weight it
 * stands for ({@code d * scale * q - dmin * min} and the like, as ggml's {@code dequantize_row_*} computes it), in
 * the order of {@link QuantizedRow#dequantized}. A reusable buffer (see {@link QuantKernel#decodeRow}); not
 * thread-safe. Public only because {@link QuantKernel#decodeRow} is; its contents are for this package's
 * kernels and {@link DecodedProduct}.
 */
public final class DecodedRow {
    final int capacity;
    final float[] values;

    /** A buffer for rows of up to {@code capacity} elements (whole blocks: 256 for K-quants, 32 for Q8_0). */
    public DecodedRow(int capacity) {
        this.capacity = capacity;
        this.values = new float[capacity];
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
     * A Q4_K/Q5_K half block's per-lane sub-block factor for decoding: the byte of {@code packed} (four 6-bit
     * scales or minimums, one byte each, as {@link KQuants#scales0123} and {@link KQuants#mins0123} unpack
     * them) that {@code shifts} picks for each lane, times {@code factor}. With {@code d} or {@code -dmin} as the
     * factor, exact in float (an F16 times a 6-bit integer). The shifts {@link KQuants#EVEN_SCALE_SHIFTS} give
     * the sub-blocks of the low nibbles in the decoded layout (lanes 0-7 one sub-block, lanes 8-15 the one two
     * further on), {@link KQuants#ODD_SCALE_SHIFTS} those of the high nibbles (the sub-blocks after those).
     */
    static FloatVector subBlockFactors(int packed, IntVector shifts, float factor) {
        return ((FloatVector) IntVector.broadcast(I, packed).lanewise(VectorOperators.LSHR, shifts).and(0xFF)
                .convert(VectorOperators.I2F, 0)).mul(factor);
    }
}
