package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.LegacyQuants.BLOCK;
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
 * Q4_1 weights ({@code block_q4_1}, 20 bytes per 32 elements): {@code f16 d}, {@code f16 m}, then
 * {@code uint8 qs[16]}; element {@code j < 16} is {@code d * (qs[j] & 0xF) + m} and element {@code j + 16} is
 * {@code d * (qs[j] >> 4) + m}. Dot products take a Q8_1 activation: per block
 * {@code d * xd * sum(q * xq) + m * xs}, where {@code xs} is the activation block's F16 {@code s}.
 */
public final class Q4_1Kernel implements QuantKernel {
    static final Q4_1Kernel INSTANCE = new Q4_1Kernel();
    static final int BYTES = 20;
    private static final int QS = 4;

    private Q4_1Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_1;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_1;
    }

    /** ggml's {@code dequantize_row_q4_1}: {@code q * d + m}, rounded after each operation. */
    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q4_1, src, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at);
            float m = LittleEndian.getHalf(src, at + 2);
            int base = dstOffset + b * BLOCK;
            for (int j = 0; j < BLOCK / 2; j++) {
                int q = LittleEndian.getUnsignedByte(src, at + QS + j);
                dst[base + j] = (q & 0xF) * d + m;
                dst[base + j + BLOCK / 2] = (q >> 4) * d + m;
            }
        }
    }

    /**
     * ggml's {@code quantize_row_q4_1_ref}: {@code d = (max - min) / 15}, {@code m = min}, both stored as F16,
     * and {@code q = min(15, trunc((x - min) / d + 0.5))} with the unrounded {@code 1/d}.
     */
    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q4_1, dst, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            int base = srcOffset + b * BLOCK;
            long at = offset + (long) b * BYTES;
            float min = LegacyQuants.min(src, base);
            float max = LegacyQuants.max(src, base);
            float d = (max - min) / 15f;
            float id = d != 0f ? 1f / d : 0f;
            LittleEndian.setShort(dst, at, HalfFloats.floatToF16(d));
            LittleEndian.setShort(dst, at + 2, HalfFloats.floatToF16(min));
            for (int j = 0; j < BLOCK / 2; j++) {
                int lo = Math.min(15, (int) ((src[base + j] - min) * id + 0.5f));
                int hi = Math.min(15, (int) ((src[base + j + BLOCK / 2] - min) * id + 0.5f));
                LittleEndian.setByte(dst, at + QS + j, lo | (hi << 4));
            }
        }
    }

    /** ggml's {@code ggml_vec_dot_q4_1_q8_1_generic}. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_1, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            int sumi0 = 0;
            int sumi1 = 0;
            for (int j = 0; j < BLOCK / 2; j++) {
                int q = LittleEndian.getUnsignedByte(w, at + QS + j);
                sumi0 += (q & 0xF) * x.quants[xi + j];
                sumi1 += (q >> 4) * x.quants[xi + j + BLOCK / 2];
            }
            float d = LittleEndian.getHalf(w, at);
            float m = LittleEndian.getHalf(w, at + 2);
            sum += d * x.scales[b] * (sumi0 + sumi1) + m * x.blockSums[b];
        }
        return sum;
    }

    /**
     * Nibbles unpacked on int lanes (x86 has no byte shift); per-block float sums are exact; even and odd
     * blocks use separate accumulators; the min terms are summed apart and added last, as ggml's AVX2 kernel
     * does.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_1, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        float[] xs = x.scales;
        float[] xsum = x.blockSums;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        float mins = 0f;
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            FloatVector block = FloatVector.zero(F);
            for (int k = 0; k < BLOCK / 2; k += L) {
                IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, at + QS + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2I, I, 0);
                FloatVector lo = (FloatVector) q.and(0x0F).convert(VectorOperators.I2F, 0);
                FloatVector hi = (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                        .convert(VectorOperators.I2F, 0);
                block = hi.fma(FloatVector.fromArray(F, xv, xi + BLOCK / 2 + k),
                        lo.fma(FloatVector.fromArray(F, xv, xi + k), block));
            }
            FloatVector scale = FloatVector.broadcast(F, LittleEndian.getHalf(w, at) * xs[b]);
            if ((b & 1) == 0) {
                acc0 = block.fma(scale, acc0);
            } else {
                acc1 = block.fma(scale, acc1);
            }
            mins += LittleEndian.getHalf(w, at + 2) * xsum[b];
        }
        return VectorSupport.sum(acc0.add(acc1)) + mins;
    }

    /** Groups of four activation rows share each block's nibble decoding; per row exactly {@link #dot}. */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q4_1Kernel::dot4, w, offset, xs, from, count, n, out, column);
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
        float mins0 = 0f;
        float mins1 = 0f;
        float mins2 = 0f;
        float mins3 = 0f;
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = FloatVector.zero(F);
            FloatVector s2 = FloatVector.zero(F);
            FloatVector s3 = FloatVector.zero(F);
            for (int k = 0; k < BLOCK / 2; k += L) {
                IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, at + QS + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2I, I, 0);
                FloatVector lo = (FloatVector) q.and(0x0F).convert(VectorOperators.I2F, 0);
                FloatVector hi = (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                        .convert(VectorOperators.I2F, 0);
                int xl = xi + k;
                int xh = xl + BLOCK / 2;
                s0 = hi.fma(FloatVector.fromArray(F, v0, xh), lo.fma(FloatVector.fromArray(F, v0, xl), s0));
                s1 = hi.fma(FloatVector.fromArray(F, v1, xh), lo.fma(FloatVector.fromArray(F, v1, xl), s1));
                s2 = hi.fma(FloatVector.fromArray(F, v2, xh), lo.fma(FloatVector.fromArray(F, v2, xl), s2));
                s3 = hi.fma(FloatVector.fromArray(F, v3, xh), lo.fma(FloatVector.fromArray(F, v3, xl), s3));
            }
            float d = LittleEndian.getHalf(w, at);
            float m = LittleEndian.getHalf(w, at + 2);
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
            mins0 += m * x0.blockSums[b];
            mins1 += m * x1.blockSums[b];
            mins2 += m * x2.blockSums[b];
            mins3 += m * x3.blockSums[b];
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
        out0[column] = r0.lane(0) + mins0;
        out1[column] = r1.lane(0) + mins1;
        out2[column] = r2.lane(0) + mins2;
        out3[column] = r3.lane(0) + mins3;
    }
}
