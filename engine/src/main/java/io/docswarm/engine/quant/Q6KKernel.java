package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.KQuants.QK_K;
import static io.docswarm.engine.quant.VectorSupport.B;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K weights ({@code block_q6_K}, 210 bytes per 256 elements): {@code uint8 ql[128]} (low 4 bits),
 * {@code uint8 qh[64]} (high 2 bits), {@code int8 scales[16]} (one per 16 elements), {@code f16 d}; element
 * = {@code d * scale * (q - 32)}, q in 0..63. Each half of 128 elements uses 64 bytes of {@code ql} and 32 of
 * {@code qh}: for {@code l < 32}, elements {@code l, l+32, l+64, l+96} take the low nibble of {@code ql[l]},
 * of {@code ql[l+32]}, the high nibble of {@code ql[l]}, of {@code ql[l+32]}, and bit pairs 0, 2, 4, 6 of
 * {@code qh[l]}. Dot products take a Q8_K activation.
 */
public final class Q6KKernel implements QuantKernel {
    static final Q6KKernel INSTANCE = new Q6KKernel();
    static final int BYTES = 210;
    private static final int QH = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    private Q6KKernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q6_K;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_K;
    }

    /** Quant (-32..31) of element {@code e} (0..255) of the block at {@code at}. */
    private static int level(MemorySegment w, long at, int e) {
        int half = e / 128;
        int r = e % 128;
        int l = r % 32;
        int quarter = r / 32;
        int ql = LittleEndian.getUnsignedByte(w, at + 64L * half + l + (quarter % 2) * 32);
        int low = quarter < 2 ? ql & 0xF : ql >> 4;
        int high = (LittleEndian.getUnsignedByte(w, at + QH + 32L * half + l) >> (2 * quarter)) & 3;
        return (low | high << 4) - 32;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q6_K, src, offset, n);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at + D);
            for (int e = 0; e < QK_K; e++) {
                int scale = LittleEndian.getByte(src, at + SCALES + e / 16);
                dst[dstOffset + b * QK_K + e] = d * scale * level(src, at, e);
            }
        }
    }

    /**
     * A simpler fit than ggml's {@code make_qx_quants} search, with ggml's structure: each group of 16 maps its
     * largest-magnitude element to -32, the group scales are quantized to int8 against the largest
     * ({@code d = max / -128}), and the elements re-quantized with the stored scales.
     */
    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q6_K, dst, offset, n);
        float[] scales = new float[16];
        int[] levels = new int[QK_K];
        for (int b = 0; b < n / QK_K; b++) {
            int base = srcOffset + b * QK_K;
            long at = offset + (long) b * BYTES;
            float maxScale = 0f;
            for (int g = 0; g < 16; g++) {
                float amax = 0f;
                float max = 0f;
                for (int l = 0; l < 16; l++) {
                    float v = src[base + 16 * g + l];
                    if (Math.abs(v) > amax) {
                        amax = Math.abs(v);
                        max = v;
                    }
                }
                scales[g] = max / -32f;
                if (Math.abs(scales[g]) > Math.abs(maxScale)) {
                    maxScale = scales[g];
                }
            }
            dst.asSlice(at, BYTES).fill((byte) 0);
            if (Math.abs(maxScale) < 1e-15f) {
                continue; // all (near) zero: d = 0, every quant 0
            }
            float iscale = -128f / maxScale;
            LittleEndian.setShort(dst, at + D, HalfFloats.floatToF16(1f / iscale));
            float d = LittleEndian.getHalf(dst, at + D);
            for (int g = 0; g < 16; g++) {
                int scale = Math.max(-128, Math.min(127, HalfFloats.nearestInt(iscale * scales[g])));
                LittleEndian.setByte(dst, at + SCALES + g, scale);
                float gd = d * scale;
                for (int l = 0; l < 16; l++) {
                    int q = gd == 0f ? 0 : HalfFloats.nearestInt(src[base + 16 * g + l] / gd);
                    levels[16 * g + l] = Math.max(-32, Math.min(31, q)) + 32;
                }
            }
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l++) {
                    int e = 128 * half + l;
                    int q1 = levels[e];
                    int q2 = levels[e + 32];
                    int q3 = levels[e + 64];
                    int q4 = levels[e + 96];
                    LittleEndian.setByte(dst, at + 64L * half + l, (q1 & 0xF) | (q3 & 0xF) << 4);
                    LittleEndian.setByte(dst, at + 64L * half + 32 + l, (q2 & 0xF) | (q4 & 0xF) << 4);
                    LittleEndian.setByte(dst, at + QH + 32L * half + l,
                            (q1 >> 4) | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
                }
            }
        }
    }

    /** ggml's {@code ggml_vec_dot_q6_K_q8_K_generic}: 8 integer lanes per block, then float. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q6_K, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] sums = new float[8];
        int[] aux32 = new int[8];
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            java.util.Arrays.fill(aux32, 0);
            for (int e = 0; e < QK_K; e++) {
                int scale = LittleEndian.getByte(w, at + SCALES + e / 16);
                aux32[e % 8] += scale * (x.quants[b * QK_K + e] * level(w, at, e));
            }
            float d = LittleEndian.getHalf(w, at + D) * x.scales[b];
            for (int l = 0; l < 8; l++) {
                sums[l] += d * aux32[l];
            }
        }
        float sumf = 0f;
        for (int l = 0; l < 8; l++) {
            sumf += sums[l];
        }
        return sumf;
    }

    /**
     * The 6-bit quants are rebuilt on byte lanes (nibble | bit pair << 4, minus 32); each vector of products
     * lies within one group of 16 (lanes are 8 or 16), so it is scaled by {@code d * xd * scale} straight into
     * the float accumulator.
     */
    /**
     * The 6-bit quants are rebuilt on byte lanes (nibble | bit pair << 4, minus 32; the shifts run on int
     * lanes, which x86 has, and are masked per byte); each vector of L products lies within one group of 16,
     * so it is scaled by {@code d * xd * scale} straight into the float accumulator.
     */
    /**
     * The 6-bit quants are rebuilt on byte lanes (nibble | bit pair << 4, minus 32; shifts run on int lanes,
     * which x86 has, and are masked per byte). Each vector of L products lies within one group of 16, so it is
     * scaled by its int8 scale; {@code d * xd} is applied per block.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q6_K, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        float[] xs = x.scales;
        float sum = 0f;
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            float block = 0f;
            for (int half = 0; half < 2; half++) {
                long scales = LittleEndian.getLong(w, at + SCALES + 8L * half);
                long ql = at + 64L * half;
                long qh = at + QH + 32L * half;
                int xi = b * QK_K + 128 * half;
                block += quarters(w, ql, qh, 0, scales, xv, xi) + quarters(w, ql + 32, qh, 2, scales >>> 16, xv, xi + 32);
            }
            sum += LittleEndian.getHalf(w, at + D) * xs[b] * block;
        }
        return sum;
    }

    /**
     * Two quarters of a half-block that share their {@code ql} bytes: the low nibbles (elements {@code xi ..
     * xi+31}) and the high nibbles ({@code xi+64 ..}), topped by the bit pairs of {@code qh} at
     * {@code hShift} and {@code hShift + 4}; their group scales are bytes {@code k/16} and {@code k/16 + 4} of
     * {@code scales}. Returns a float, so no vector crosses the call whether or not the JIT inlines it.
     */
    private static float quarters(MemorySegment w, long ql, long qh, int hShift, long scales, float[] xv, int xi) {
        FloatVector accLo = FloatVector.zero(F);
        FloatVector accHi = FloatVector.zero(F);
        for (int k = 0; k < 32; k += L) {
            ByteVector q = ByteVector.fromMemorySegment(B, w, ql + k, LittleEndian.ORDER);
            IntVector h = ByteVector.fromMemorySegment(B, w, qh + k, LittleEndian.ORDER).reinterpretAsInts()
                    .lanewise(VectorOperators.LSHR, hShift);
            ByteVector lo = q.and((byte) 0x0F)
                    .or(h.lanewise(VectorOperators.LSHL, 4).reinterpretAsBytes().and((byte) 0x30)).sub((byte) 32);
            ByteVector hi = q.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0F)
                    .or(h.reinterpretAsBytes().and((byte) 0x30)).sub((byte) 32);
            int shift = 8 * (k / 16);
            accLo = ((FloatVector) lo.convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.fromArray(F, xv, xi + k))
                    .fma(FloatVector.broadcast(F, (byte) (scales >>> shift)), accLo);
            accHi = ((FloatVector) hi.convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.fromArray(F, xv, xi + 64 + k))
                    .fma(FloatVector.broadcast(F, (byte) (scales >>> (shift + 32))), accHi);
        }
        return VectorSupport.sum(accLo.add(accHi));
    }
}
