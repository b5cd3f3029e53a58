package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.LegacyQuants.BLOCK;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * Q4_1 weights ({@code block_q4_1}, 20 bytes per 32 elements): {@code f16 d}, {@code f16 m}, then
 * {@code uint8 qs[16]}; element {@code j < 16} is {@code d * (qs[j] & 0xF) + m} and element {@code j + 16} is
 * {@code d * (qs[j] >> 4) + m}. Dot products take a Q8_1 activation: per block
 * {@code d * xd * sum(q * xq) + m * xs}, where {@code xs} is the activation block's F16 {@code s}.
 */
public final class Q4_1Kernel implements QuantKernel {
    static final Q4_1Kernel INSTANCE = new Q4_1Kernel();
    static final int BYTES = LegacyQuants.Q4_1.bytes();
    private static final int QS = LegacyQuants.Q4_1.qs();

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

    /** ggml's x86 order exactly: {@link LegacyQuants#dot}. */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_1, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        return LegacyQuants.dot(LegacyQuants.Q4_1, w, offset, x, n);
    }

    /** Groups of four activation rows share each block's nibble decoding; per row exactly {@link #dot}. */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q4_1Kernel::dot4, w, offset, xs, from, count, n, out, column);
    }

    private static void dot4(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        LegacyQuants.dot4(LegacyQuants.Q4_1, w, offset, x0, x1, x2, x3, n, out0, out1, out2, out3, column);
    }
}
