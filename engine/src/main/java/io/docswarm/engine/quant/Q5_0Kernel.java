package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.LegacyQuants.BLOCK;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * Q5_0 weights ({@code block_q5_0}, 22 bytes per 32 elements): {@code f16 d}, {@code uint32 qh} (the fifth
 * bits), then {@code uint8 qs[16]} (the low four bits, see {@link LegacyQuants}); element {@code j} is
 * {@code d * (q - 16)} with the 5-bit {@code q}. llama.cpp's quantizer writes it for rows that Q4_K cannot
 * hold (not a multiple of 256). Dot products take a Q8_0 activation.
 */
public final class Q5_0Kernel implements QuantKernel {
    static final Q5_0Kernel INSTANCE = new Q5_0Kernel();
    static final int BYTES = LegacyQuants.Q5_0.bytes();
    private static final int QH = LegacyQuants.Q5_0.qh();
    private static final int QS = LegacyQuants.Q5_0.qs();

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

    /** ggml's x86 order exactly: {@link LegacyQuants#dot}. */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q5_0, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        return LegacyQuants.dot(LegacyQuants.Q5_0, w, offset, x, n);
    }

    /** Groups of four activation rows share each block's decoding; per row exactly {@link #dot}. */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q5_0Kernel::dot4, w, offset, xs, from, count, n, out, column);
    }

    private static void dot4(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        LegacyQuants.dot4(LegacyQuants.Q5_0, w, offset, x0, x1, x2, x3, n, out0, out1, out2, out3, column);
    }
}
