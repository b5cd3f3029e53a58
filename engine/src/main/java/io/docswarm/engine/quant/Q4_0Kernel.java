package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.B;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.I;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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

    /**
     * Groups of four activation rows share each block's nibble decoding (on int lanes: x86 has no byte
     * shift); per row the arithmetic is exactly {@link #dot}'s (exact block sums, the same scale order).
     */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q4_0Kernel::dot4, w, offset, xs, from, count, n, out, column);
    }

    private static void dot4(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        float[] v0 = x0.values;
        float[] v1 = x1.values;
        float[] v2 = x2.values;
        float[] v3 = x3.values;
        FloatVector acc00 = FloatVector.zero(F);
        FloatVector acc01 = FloatVector.zero(F);
        FloatVector acc10 = FloatVector.zero(F);
        FloatVector acc11 = FloatVector.zero(F);
        FloatVector acc20 = FloatVector.zero(F);
        FloatVector acc21 = FloatVector.zero(F);
        FloatVector acc30 = FloatVector.zero(F);
        FloatVector acc31 = FloatVector.zero(F);
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = FloatVector.zero(F);
            FloatVector s2 = FloatVector.zero(F);
            FloatVector s3 = FloatVector.zero(F);
            for (int k = 0; k < BLOCK / 2; k += L) {
                IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, at + 2 + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2I, I, 0);
                FloatVector lo = (FloatVector) q.and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
                FloatVector hi = (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F).sub(8)
                        .convert(VectorOperators.I2F, 0);
                int xl = xi + k;
                int xh = xl + BLOCK / 2;
                s0 = hi.fma(FloatVector.fromArray(F, v0, xh), lo.fma(FloatVector.fromArray(F, v0, xl), s0));
                s1 = hi.fma(FloatVector.fromArray(F, v1, xh), lo.fma(FloatVector.fromArray(F, v1, xl), s1));
                s2 = hi.fma(FloatVector.fromArray(F, v2, xh), lo.fma(FloatVector.fromArray(F, v2, xl), s2));
                s3 = hi.fma(FloatVector.fromArray(F, v3, xh), lo.fma(FloatVector.fromArray(F, v3, xl), s3));
            }
            float d = LittleEndian.getHalf(w, at);
            if ((b & 1) == 0) {
                acc00 = s0.fma(FloatVector.broadcast(F, d * x0.scales[b]), acc00);
                acc10 = s1.fma(FloatVector.broadcast(F, d * x1.scales[b]), acc10);
                acc20 = s2.fma(FloatVector.broadcast(F, d * x2.scales[b]), acc20);
                acc30 = s3.fma(FloatVector.broadcast(F, d * x3.scales[b]), acc30);
            } else {
                acc01 = s0.fma(FloatVector.broadcast(F, d * x0.scales[b]), acc01);
                acc11 = s1.fma(FloatVector.broadcast(F, d * x1.scales[b]), acc11);
                acc21 = s2.fma(FloatVector.broadcast(F, d * x2.scales[b]), acc21);
                acc31 = s3.fma(FloatVector.broadcast(F, d * x3.scales[b]), acc31);
            }
        }
        // VectorSupport.sum's order written out: no vector may cross a call the JIT might not inline.
        FloatVector r0 = acc00.add(acc01);
        FloatVector r1 = acc10.add(acc11);
        FloatVector r2 = acc20.add(acc21);
        FloatVector r3 = acc30.add(acc31);
        if (L == 16) {
            r0 = r0.add(r0.slice(8));
            r1 = r1.add(r1.slice(8));
            r2 = r2.add(r2.slice(8));
            r3 = r3.add(r3.slice(8));
        }
        r0 = r0.add(r0.slice(4));
        r1 = r1.add(r1.slice(4));
        r2 = r2.add(r2.slice(4));
        r3 = r3.add(r3.slice(4));
        r0 = r0.add(r0.slice(2));
        r1 = r1.add(r1.slice(2));
        r2 = r2.add(r2.slice(2));
        r3 = r3.add(r3.slice(2));
        r0 = r0.add(r0.slice(1));
        r1 = r1.add(r1.slice(1));
        r2 = r2.add(r2.slice(1));
        r3 = r3.add(r3.slice(1));
        out0[column] = r0.lane(0);
        out1[column] = r1.lane(0);
        out2[column] = r2.lane(0);
        out3[column] = r3.lane(0);
    }
}
