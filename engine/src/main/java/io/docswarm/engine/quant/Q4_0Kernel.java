package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.B;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0 weights ({@code block_q4_0}, 18 bytes per 32 elements): {@code f16 d} then {@code uint8 qs[16]};
 * element {@code j < 16} is {@code d * ((qs[j] & 0xF) - 8)} and element {@code j + 16} is
 * {@code d * ((qs[j] >> 4) - 8)}. Dot products take a Q8_0 activation.
 */
public final class Q4_0Kernel implements QuantKernel {
    static final Q4_0Kernel INSTANCE = new Q4_0Kernel();
    static final int BLOCK = 32;
    static final int BYTES = 18;

    private Q4_0Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_0;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_0;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q4_0, src, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at);
            int base = dstOffset + b * BLOCK;
            for (int j = 0; j < BLOCK / 2; j++) {
                int q = LittleEndian.getUnsignedByte(src, at + 2 + j);
                dst[base + j] = ((q & 0xF) - 8) * d;
                dst[base + j + BLOCK / 2] = ((q >> 4) - 8) * d;
            }
        }
    }

    /**
     * ggml's {@code quantize_row_q4_0_ref}: the element of largest magnitude {@code max} maps to -8,
     * {@code d = max / -8}, {@code q = min(15, trunc(x / d + 8.5))}.
     */
    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q4_0, dst, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            int base = srcOffset + b * BLOCK;
            long at = offset + (long) b * BYTES;
            float amax = 0f;
            float max = 0f;
            for (int j = 0; j < BLOCK; j++) {
                float v = src[base + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8f;
            float id = d != 0f ? 1f / d : 0f;
            LittleEndian.setShort(dst, at, HalfFloats.floatToF16(d));
            for (int j = 0; j < BLOCK / 2; j++) {
                int lo = Math.min(15, (int) (src[base + j] * id + 8.5f));
                int hi = Math.min(15, (int) (src[base + j + BLOCK / 2] * id + 8.5f));
                LittleEndian.setByte(dst, at + 2 + j, lo | (hi << 4));
            }
        }
    }

    /** ggml's {@code ggml_vec_dot_q4_0_q8_0_generic}. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_0, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            int sumi0 = 0;
            int sumi1 = 0;
            for (int j = 0; j < BLOCK / 2; j++) {
                int q = LittleEndian.getUnsignedByte(w, at + 2 + j);
                sumi0 += ((q & 0xF) - 8) * x.quants[xi + j];
                sumi1 += ((q >> 4) - 8) * x.quants[xi + j + BLOCK / 2];
            }
            sum += (sumi0 + sumi1) * LittleEndian.getHalf(w, at) * x.scales[b];
        }
        return sum;
    }

    /**
     * Nibbles unpacked with a byte mask and an int-lane shift (x86 has no byte shift); per-block float sums are
     * exact; even and odd blocks use separate accumulators.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_0, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        float[] xs = x.scales;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            FloatVector block = FloatVector.zero(F);
            for (int k = 0; k < BLOCK / 2; k += L) {
                ByteVector q = ByteVector.fromMemorySegment(B, w, at + 2 + k, LittleEndian.ORDER);
                ByteVector lo = q.and((byte) 0x0F).sub((byte) 8);
                ByteVector hi = q.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                        .and((byte) 0x0F).sub((byte) 8);
                block = ((FloatVector) lo.convertShape(VectorOperators.B2F, F, 0))
                        .fma(FloatVector.fromArray(F, xv, xi + k), block);
                block = ((FloatVector) hi.convertShape(VectorOperators.B2F, F, 0))
                        .fma(FloatVector.fromArray(F, xv, xi + BLOCK / 2 + k), block);
            }
            FloatVector scale = FloatVector.broadcast(F, LittleEndian.getHalf(w, at) * xs[b]);
            if ((b & 1) == 0) {
                acc0 = block.fma(scale, acc0);
            } else {
                acc1 = block.fma(scale, acc1);
            }
        }
        return VectorSupport.sum(acc0.add(acc1));
    }
}
