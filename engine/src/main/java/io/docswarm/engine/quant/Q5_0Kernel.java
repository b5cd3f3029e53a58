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
 * Q5_0 weights ({@code block_q5_0}, 22 bytes per 32 elements): {@code f16 d}, {@code uint32 qh} (the fifth
 * bits), then {@code uint8 qs[16]} (the low four bits, see {@link LegacyQuants}); element {@code j} is
 * {@code d * (q - 16)} with the 5-bit {@code q}. llama.cpp's quantizer writes it for rows that Q4_K cannot
 * hold (not a multiple of 256). Dot products take a Q8_0 activation.
 */
public final class Q5_0Kernel implements QuantKernel {
    static final Q5_0Kernel INSTANCE = new Q5_0Kernel();
    static final int BYTES = 22;
    private static final int QH = 2;
    private static final int QS = 6;

    private Q5_0Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_0;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_0;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_0, src, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at);
            int qh = LittleEndian.getInt(src, at + QH);
            int base = dstOffset + b * BLOCK;
            for (int j = 0; j < BLOCK; j++) {
                dst[base + j] = (LegacyQuants.level5(src, at + QS, qh, j) - 16) * d;
            }
        }
    }

    /**
     * ggml's {@code quantize_row_q5_0_ref}: the element of largest magnitude {@code max} maps to -16,
     * {@code d = max / -16}, {@code q = min(31, trunc(x / d + 16.5))}.
     */
    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_0, dst, offset, n);
        int[] levels = new int[BLOCK];
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
            float d = max / -16f;
            float id = d != 0f ? 1f / d : 0f;
            LittleEndian.setShort(dst, at, HalfFloats.floatToF16(d));
            for (int j = 0; j < BLOCK; j++) {
                levels[j] = Math.min(31, (int) (src[base + j] * id + 16.5f));
            }
            LittleEndian.setInt(dst, at + QH, LegacyQuants.packLevels5(levels, dst, at + QS));
        }
    }

    /** ggml's {@code ggml_vec_dot_q5_0_q8_0_generic}. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q5_0, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            int qh = LittleEndian.getInt(w, at + QH);
            int xi = b * BLOCK;
            int sumi0 = 0;
            int sumi1 = 0;
            for (int j = 0; j < BLOCK / 2; j++) {
                sumi0 += (LegacyQuants.level5(w, at + QS, qh, j) - 16) * x.quants[xi + j];
                sumi1 += (LegacyQuants.level5(w, at + QS, qh, j + BLOCK / 2) - 16) * x.quants[xi + j + BLOCK / 2];
            }
            sum += LittleEndian.getHalf(w, at) * x.scales[b] * (sumi0 + sumi1);
        }
        return sum;
    }

    /**
     * Levels decoded on int lanes: nibbles by mask and shift, fifth bits by per-lane variable shifts of
     * {@code qh} (see {@link LegacyQuants#LANE_SHIFTS}); per-block float sums are exact; even and odd blocks
     * use separate accumulators.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q5_0, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        float[] xs = x.scales;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            int qh = LittleEndian.getInt(w, at + QH);
            IntVector hLo = IntVector.broadcast(I, qh << 4);
            IntVector hHi = IntVector.broadcast(I, qh >>> 12);
            FloatVector block = FloatVector.zero(F);
            for (int k = 0; k < BLOCK / 2; k += L) {
                IntVector shifts = IntVector.fromArray(I, LegacyQuants.LANE_SHIFTS, k);
                IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, at + QS + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2I, I, 0);
                FloatVector lo = (FloatVector) q.and(0x0F)
                        .or(hLo.lanewise(VectorOperators.LSHR, shifts).and(0x10)).sub(16)
                        .convert(VectorOperators.I2F, 0);
                FloatVector hi = (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                        .or(hHi.lanewise(VectorOperators.LSHR, shifts).and(0x10)).sub(16)
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
        }
        return VectorSupport.sum(acc0.add(acc1));
    }

    /** Groups of four activation rows share each block's decoding; per row exactly {@link #dot}. */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q5_0Kernel::dot4, w, offset, xs, from, count, n, out, column);
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
            int qh = LittleEndian.getInt(w, at + QH);
            IntVector hLo = IntVector.broadcast(I, qh << 4);
            IntVector hHi = IntVector.broadcast(I, qh >>> 12);
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = FloatVector.zero(F);
            FloatVector s2 = FloatVector.zero(F);
            FloatVector s3 = FloatVector.zero(F);
            for (int k = 0; k < BLOCK / 2; k += L) {
                IntVector shifts = IntVector.fromArray(I, LegacyQuants.LANE_SHIFTS, k);
                IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, at + QS + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2I, I, 0);
                FloatVector lo = (FloatVector) q.and(0x0F)
                        .or(hLo.lanewise(VectorOperators.LSHR, shifts).and(0x10)).sub(16)
                        .convert(VectorOperators.I2F, 0);
                FloatVector hi = (FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                        .or(hHi.lanewise(VectorOperators.LSHR, shifts).and(0x10)).sub(16)
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
