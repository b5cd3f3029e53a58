package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.LegacyQuants.BLOCK;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * Q5_1 weights ({@code block_q5_1}, 24 bytes per 32 elements): {@code f16 d}, {@code f16 m},
 * {@code uint32 qh} (the fifth bits), then {@code uint8 qs[16]} (the low four bits, see {@link LegacyQuants});
 * element {@code j} is {@code d * q + m} with the 5-bit {@code q}. llama.cpp's quantizer writes it for rows
 * that Q5_K cannot hold (not a multiple of 256). Dot products take a Q8_1 activation: per block
 * {@code d * xd * sum(q * xq) + m * xs}.
 */
public final class Q5_1Kernel implements QuantKernel {
    static final Q5_1Kernel INSTANCE = new Q5_1Kernel();
    static final int BYTES = LegacyQuants.Q5_1.bytes();
    private static final int QH = LegacyQuants.Q5_1.qh();
    private static final int QS = LegacyQuants.Q5_1.qs();

    private Q5_1Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_1;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_1;
    }

    /** ggml's {@code dequantize_row_q5_1}: {@code q * d + m}, rounded after each operation. */
    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_1, src, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at);
            float m = LittleEndian.getHalf(src, at + 2);
            int qh = LittleEndian.getInt(src, at + QH);
            int base = dstOffset + b * BLOCK;
            for (int j = 0; j < BLOCK; j++) {
                dst[base + j] = LegacyQuants.level5(src, at + QS, qh, j) * d + m;
            }
        }
    }

    /**
     * ggml's {@code quantize_row_q5_1_ref}: {@code d = (max - min) / 31}, {@code m = min}, both stored as F16,
     * and {@code q = trunc((x - min) / d + 0.5)} with the unrounded {@code 1/d} (no clamp: the largest
     * element lands on 31).
     */
    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_1, dst, offset, n);
        int[] levels = new int[BLOCK];
        for (int b = 0; b < n / BLOCK; b++) {
            int base = srcOffset + b * BLOCK;
            long at = offset + (long) b * BYTES;
            float min = LegacyQuants.min(src, base);
            float max = LegacyQuants.max(src, base);
            float d = (max - min) / 31f;
            float id = d != 0f ? 1f / d : 0f;
            LittleEndian.setShort(dst, at, HalfFloats.floatToF16(d));
            LittleEndian.setShort(dst, at + 2, HalfFloats.floatToF16(min));
            for (int j = 0; j < BLOCK; j++) {
                levels[j] = (int) ((src[base + j] - min) * id + 0.5f);
            }
            LittleEndian.setInt(dst, at + QH, LegacyQuants.packLevels5(levels, dst, at + QS));
        }
    }

    /** ggml's {@code ggml_vec_dot_q5_1_q8_1_generic}. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q5_1, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            int qh = LittleEndian.getInt(w, at + QH);
            int xi = b * BLOCK;
            int sumi0 = 0;
            int sumi1 = 0;
            for (int j = 0; j < BLOCK / 2; j++) {
                sumi0 += LegacyQuants.level5(w, at + QS, qh, j) * x.quants[xi + j];
                sumi1 += LegacyQuants.level5(w, at + QS, qh, j + BLOCK / 2) * x.quants[xi + j + BLOCK / 2];
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
        QuantKernel.checkRow(GgmlType.Q5_1, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        return LegacyQuants.dot(LegacyQuants.Q5_1, w, offset, x, n);
    }

    /** Groups of four activation rows share each block's decoding; per row exactly {@link #dot}. */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q5_1Kernel::dot4, w, offset, xs, from, count, n, out, column);
    }

    private static void dot4(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        LegacyQuants.dot4(LegacyQuants.Q5_1, w, offset, x0, x1, x2, x3, n, out0, out1, out2, out3, column);
    }
}
