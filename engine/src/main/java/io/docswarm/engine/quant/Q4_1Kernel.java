package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.LegacyQuants.BLOCK;
import static io.docswarm.engine.quant.LegacyQuants.DUPLICATE_LOW_HALF;
import static io.docswarm.engine.quant.LegacyQuants.F8;
import static io.docswarm.engine.quant.LegacyQuants.I4;
import static io.docswarm.engine.quant.LegacyQuants.I8;
import static io.docswarm.engine.quant.LegacyQuants.NIBBLE_SHIFTS;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
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
     * ggml's x86 order exactly (see {@link LegacyQuants}): per block 8 lanes of four-element integer sums (exact
     * in float), one fused accumulator over the blocks, ggml's lane sum, then the min terms' fused sum.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_1, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xg = x.byFours;
        float[] xs = x.scales;
        float[] xsum = x.blockSums;
        FloatVector acc = FloatVector.zero(F8);
        float mins = 0f;
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            IntVector v = ((IntVector) IntVector.fromMemorySegment(I4, w, at + QS, LittleEndian.ORDER)
                    .reinterpretShape(I8, 0)).rearrange(DUPLICATE_LOW_HALF);
            FloatVector lanes = FloatVector.zero(F8);
            for (int r = 0; r < 4; r++) {
                IntVector q = v.lanewise(VectorOperators.LSHR, IntVector.fromArray(I8, NIBBLE_SHIFTS, 8 * r))
                        .and(0x0F);
                lanes = ((FloatVector) q.convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.fromArray(F8, xg, xi + 8 * r), lanes);
            }
            acc = lanes.fma(FloatVector.broadcast(F8, LittleEndian.getHalf(w, at) * xs[b]), acc);
            mins = Math.fma(LittleEndian.getHalf(w, at + 2), xsum[b], mins);
        }
        // ggml's hsum_float_8: ((a0+a4) + (a2+a6)) + ((a1+a5) + (a3+a7)).
        acc = acc.add(acc.slice(4));
        acc = acc.add(acc.slice(2));
        acc = acc.add(acc.slice(1));
        return acc.lane(0) + mins;
    }

    /** Groups of four activation rows share each block's nibble decoding; per row exactly {@link #dot}. */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q4_1Kernel::dot4, w, offset, xs, from, count, n, out, column);
    }

    private static void dot4(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        float[] g0 = x0.byFours;
        float[] g1 = x1.byFours;
        float[] g2 = x2.byFours;
        float[] g3 = x3.byFours;
        FloatVector acc0 = FloatVector.zero(F8);
        FloatVector acc1 = FloatVector.zero(F8);
        FloatVector acc2 = FloatVector.zero(F8);
        FloatVector acc3 = FloatVector.zero(F8);
        float mins0 = 0f;
        float mins1 = 0f;
        float mins2 = 0f;
        float mins3 = 0f;
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            IntVector v = ((IntVector) IntVector.fromMemorySegment(I4, w, at + QS, LittleEndian.ORDER)
                    .reinterpretShape(I8, 0)).rearrange(DUPLICATE_LOW_HALF);
            FloatVector s0 = FloatVector.zero(F8);
            FloatVector s1 = FloatVector.zero(F8);
            FloatVector s2 = FloatVector.zero(F8);
            FloatVector s3 = FloatVector.zero(F8);
            for (int r = 0; r < 4; r++) {
                IntVector q = v.lanewise(VectorOperators.LSHR, IntVector.fromArray(I8, NIBBLE_SHIFTS, 8 * r))
                        .and(0x0F);
                FloatVector qf = (FloatVector) q.convert(VectorOperators.I2F, 0);
                int xr = xi + 8 * r;
                s0 = qf.fma(FloatVector.fromArray(F8, g0, xr), s0);
                s1 = qf.fma(FloatVector.fromArray(F8, g1, xr), s1);
                s2 = qf.fma(FloatVector.fromArray(F8, g2, xr), s2);
                s3 = qf.fma(FloatVector.fromArray(F8, g3, xr), s3);
            }
            float d = LittleEndian.getHalf(w, at);
            acc0 = s0.fma(FloatVector.broadcast(F8, d * x0.scales[b]), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F8, d * x1.scales[b]), acc1);
            acc2 = s2.fma(FloatVector.broadcast(F8, d * x2.scales[b]), acc2);
            acc3 = s3.fma(FloatVector.broadcast(F8, d * x3.scales[b]), acc3);
            float m = LittleEndian.getHalf(w, at + 2);
            mins0 = Math.fma(m, x0.blockSums[b], mins0);
            mins1 = Math.fma(m, x1.blockSums[b], mins1);
            mins2 = Math.fma(m, x2.blockSums[b], mins2);
            mins3 = Math.fma(m, x3.blockSums[b], mins3);
        }
        // dot's lane sum written out: no vector may cross a call the JIT might not inline.
        FloatVector r0 = acc0.add(acc0.slice(4));
        FloatVector r1 = acc1.add(acc1.slice(4));
        FloatVector r2 = acc2.add(acc2.slice(4));
        FloatVector r3 = acc3.add(acc3.slice(4));
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
