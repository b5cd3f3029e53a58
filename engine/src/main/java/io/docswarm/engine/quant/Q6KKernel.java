package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.KQuants.QK_K;
import static io.docswarm.engine.quant.VectorSupport.B;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.I;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

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
    /** Lanes 8-15 repeat lanes 0-7, or lanes 0-7 and 8-15 both take lanes 8-15 (see {@link #decodeRow}). */
    private static final VectorShuffle<Integer> REPEAT_LOW = VectorShuffle.fromArray(I,
            new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7}, 0);
    private static final VectorShuffle<Integer> REPEAT_HIGH = VectorShuffle.fromArray(I,
            new int[] {8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15}, 0);
    private static final int[] NIBBLE_SHIFTS = {0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4};
    /** Lane l of quarter q takes scale 8 (l / 8) + 2q + (l % 8) / 4 (see {@link #dot}). */
    private static final VectorShuffle<Float> SCALES_0 = quarterScales(0);
    private static final VectorShuffle<Float> SCALES_1 = quarterScales(1);
    private static final VectorShuffle<Float> SCALES_2 = quarterScales(2);
    private static final VectorShuffle<Float> SCALES_3 = quarterScales(3);
    /** {@link #decodeRow}: lane l of half c, nibble parity p takes scale 8c + 4 (l / 8) + 2p + (l % 8) / 4. */
    private static final VectorShuffle<Float> EVEN_SCALES_0 = scaleShuffle(0, 0);
    private static final VectorShuffle<Float> ODD_SCALES_0 = scaleShuffle(0, 1);
    private static final VectorShuffle<Float> EVEN_SCALES_1 = scaleShuffle(1, 0);
    private static final VectorShuffle<Float> ODD_SCALES_1 = scaleShuffle(1, 1);
    private static final int QH = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    private static VectorShuffle<Float> quarterScales(int quarter) {
        int[] lanes = new int[16];
        for (int l = 0; l < 16; l++) {
            lanes[l] = 8 * (l / 8) + 2 * quarter + (l % 8) / 4;
        }
        return L == 16 ? VectorShuffle.fromArray(F, lanes, 0) : VectorShuffle.iota(F, 0, 1, true);
    }

    private static VectorShuffle<Float> scaleShuffle(int half, int parity) {
        int[] lanes = new int[16];
        for (int l = 0; l < 16; l++) {
            lanes[l] = 8 * half + 4 * (l / 8) + 2 * parity + (l % 8) / 4;
        }
        return L == 16 ? VectorShuffle.fromArray(F, lanes, 0) : VectorShuffle.iota(F, 0, 1, true);
    }

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
     * With 512-bit vectors, in the order of {@link QuantizedRow#byQuarters}: lanes 0-7 hold the first half
     * block and lanes 8-15 the second, so the first 32 {@code ql} bytes of both halves are one int vector (a
     * blend of two overlapping 64-byte reads), the second 32 another, and {@code qh} is read as it lies. Quarter
     * {@code q} of a half (elements {@code 32q .. 32q+31}) is then, in every byte of a lane at once, a nibble
     * of one of those two vectors with bit pair {@code q} of {@code qh}: four vectors of 6-bit values per block.
     * Byte {@code k} of a lane is one mask, taken in place: the activation is scaled by {@code 2^(-8k)} there,
     * so each product is exact, and the offset of 32 comes off per lane as 32 times the activation's lane sums.
     * The scales (one per 16 elements) of a quarter's lanes are picked from all 16 by one shuffle. Every lane of
     * a block's sum is an exact integer (at most 16 * 32 * 127 * 128 < 2^24), and lanes l and l+8 together hold
     * the elements of ggml's AVX2 lane l, so the fold and the row sum follow ggml's order as in Q4_K.
     * Narrower vectors use {@link #dotNarrow}.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q6_K, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        if (L != 16) {
            return dotNarrow(w, offset, x, n);
        }
        float[] xv = x.byQuarters;
        float[] sums = x.laneSums;
        float[] xs = x.scales;
        VectorMask<Integer> upper = VectorMask.fromLong(I, 0xFF00L);
        FloatVector minus32 = FloatVector.broadcast(F, -32f);
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            // Read first, and without the helper: this method is past C2's inlining node budget by its end, where a
            // LittleEndian.getHalf call stayed a call (and every vector constant was reloaded around it).
            float d = Float.float16ToFloat(w.get(LittleEndian.SHORT, at + D)) * xs[b];
            FloatVector all = (FloatVector) ByteVector.fromMemorySegment(B, w, at + SCALES, LittleEndian.ORDER)
                    .convertShape(VectorOperators.B2I, I, 0).convert(VectorOperators.I2F, 0);
            // Lanes 0-7 cover the first half block, 8-15 the second: the first 32 ql bytes of each half side by
            // side (one blend of two overlapping 64-byte reads), then the second 32, and qh as it lies.
            IntVector qh = IntVector.fromMemorySegment(I, w, at + QH, LittleEndian.ORDER);
            IntVector middle = IntVector.fromMemorySegment(I, w, at + 32, LittleEndian.ORDER);
            IntVector first = IntVector.fromMemorySegment(I, w, at, LittleEndian.ORDER).blend(middle, upper);
            IntVector second = middle.blend(IntVector.fromMemorySegment(I, w, at + 64, LittleEndian.ORDER), upper);
            // Each byte's 6-bit value of quarter q (nibble | bit pair q << 4), for all four bytes of a lane at
            // once; then byte k of a lane is one mask, in place (QuantizedRow.byQuarters). The offset of 32
            // comes off per lane from the activation's lane sums.
            IntVector v0 = first.and(0x0F0F0F0F).or(qh.lanewise(VectorOperators.LSHL, 4).and(0x30303030));
            IntVector v1 = second.and(0x0F0F0F0F).or(qh.lanewise(VectorOperators.LSHL, 2).and(0x30303030));
            IntVector v2 = first.lanewise(VectorOperators.LSHR, 4).and(0x0F0F0F0F).or(qh.and(0x30303030));
            IntVector v3 = second.lanewise(VectorOperators.LSHR, 4).and(0x0F0F0F0F)
                    .or(qh.lanewise(VectorOperators.LSHR, 2).and(0x30303030));
            int xi = b * QK_K;
            int si = b * 64;
            FloatVector q0 = FloatVector.fromArray(F, sums, si).mul(minus32);
            FloatVector q1 = FloatVector.fromArray(F, sums, si + 16).mul(minus32);
            FloatVector q2 = FloatVector.fromArray(F, sums, si + 32).mul(minus32);
            FloatVector q3 = FloatVector.fromArray(F, sums, si + 48).mul(minus32);
            q0 = ((FloatVector) v0.and(0x3F).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi), q0);
            q1 = ((FloatVector) v1.and(0x3F).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 64), q1);
            q2 = ((FloatVector) v2.and(0x3F).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 128), q2);
            q3 = ((FloatVector) v3.and(0x3F).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 192), q3);
            q0 = ((FloatVector) v0.and(0x3F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 16), q0);
            q1 = ((FloatVector) v1.and(0x3F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 80), q1);
            q2 = ((FloatVector) v2.and(0x3F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 144), q2);
            q3 = ((FloatVector) v3.and(0x3F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 208), q3);
            q0 = ((FloatVector) v0.and(0x3F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 32), q0);
            q1 = ((FloatVector) v1.and(0x3F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 96), q1);
            q2 = ((FloatVector) v2.and(0x3F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 160), q2);
            q3 = ((FloatVector) v3.and(0x3F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 224), q3);
            q0 = ((FloatVector) v0.and(0x3F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 48), q0);
            q1 = ((FloatVector) v1.and(0x3F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 112), q1);
            q2 = ((FloatVector) v2.and(0x3F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 176), q2);
            q3 = ((FloatVector) v3.and(0x3F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 240), q3);
            FloatVector block = q0.mul(all.rearrange(SCALES_0)).add(q1.mul(all.rearrange(SCALES_1)))
                    .add(q2.mul(all.rearrange(SCALES_2)).add(q3.mul(all.rearrange(SCALES_3))));
            acc = block.add(block.slice(8)).fma(FloatVector.broadcast(F, d), acc);
        }
        // ggml's hsum_float_8 over lanes 0-7, written out (see Q4KKernel#dot).
        acc = acc.add(acc.slice(4));
        acc = acc.add(acc.slice(2));
        acc = acc.add(acc.slice(1));
        return acc.lane(0);
    }

    /**
     * The 6-bit quants are rebuilt on int lanes (nibble | bit pair << 4, minus 32), widened to floats and
     * multiplied by their group's int8 scale, then multiplied with the activation quants and summed lane-wise
     * over the whole super-block: every product (at most 32 * 128 * 127) and every lane sum is an integer below
     * 2^24, so the block sum is exact, like ggml's integer one; it is scaled by {@code d * xd} into the row
     * accumulator, and the lanes are added once per row. One method for the whole row: no vector crosses a call.
     */
    private static float dotNarrow(MemorySegment w, long offset, QuantizedRow x, int n) {
        float[] xv = x.values;
        float[] xs = x.scales;
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            FloatVector blockA = FloatVector.zero(F);
            FloatVector blockB = FloatVector.zero(F);
            for (int half = 0; half < 2; half++) {
                long scales = LittleEndian.getLong(w, at + SCALES + 8L * half);
                long ql = at + 64L * half;
                long qh = at + QH + 32L * half;
                int xi = b * QK_K + 128 * half;
                for (int k = 0; k < 32; k += L) {
                    IntVector q1 = (IntVector) ByteVector.fromMemorySegment(B, w, ql + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    IntVector q2 = (IntVector) ByteVector.fromMemorySegment(B, w, ql + 32 + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    IntVector h = (IntVector) ByteVector.fromMemorySegment(B, w, qh + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    int shift = 8 * (k / 16);
                    FloatVector w0 = ((FloatVector) q1.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> shift));
                    FloatVector w1 = ((FloatVector) q2.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> (shift + 16)));
                    FloatVector w2 = ((FloatVector) q1.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(h.and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> (shift + 32)));
                    FloatVector w3 = ((FloatVector) q2.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                            .or(h.lanewise(VectorOperators.LSHR, 2).and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> (shift + 48)));
                    blockA = w0.fma(FloatVector.fromArray(F, xv, xi + k), blockA);
                    blockB = w1.fma(FloatVector.fromArray(F, xv, xi + 32 + k), blockB);
                    blockA = w2.fma(FloatVector.fromArray(F, xv, xi + 64 + k), blockA);
                    blockB = w3.fma(FloatVector.fromArray(F, xv, xi + 96 + k), blockB);
                }
            }
            acc = blockA.add(blockB).fma(FloatVector.broadcast(F, LittleEndian.getHalf(w, at + D) * xs[b]), acc);
        }
        // VectorSupport.sum written out: this method is too big for the JIT to inline a vector-taking helper.
        if (L == 16) {
            acc = acc.add(acc.slice(8));
        }
        acc = acc.add(acc.slice(4));
        acc = acc.add(acc.slice(2));
        acc = acc.add(acc.slice(1));
        return acc.lane(0);
    }

    @Override
    public boolean decodesRows() {
        return L == 16;
    }

    /** Each weight as a float, {@code d * scale * (q - 32)}, in {@link QuantizedRow#byNibbles} order. */
    @Override
    public void decodeRow(MemorySegment w, long offset, int n, DecodedRow dst) {
        dst.checkFits(GgmlType.Q6_K, w, offset, n);
        float[] values = dst.values;
        IntVector nibbleShifts = IntVector.fromArray(I, NIBBLE_SHIFTS, 0);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(w, at + D);
            FloatVector all = ((FloatVector) ByteVector.fromMemorySegment(B, w, at + SCALES, LittleEndian.ORDER)
                    .convertShape(VectorOperators.B2I, I, 0).convert(VectorOperators.I2F, 0)).mul(d); // exact
            for (int c = 0; c < 2; c++) {
                FloatVector evenScales = all.rearrange(c == 0 ? EVEN_SCALES_0 : EVEN_SCALES_1);
                FloatVector oddScales = all.rearrange(c == 0 ? ODD_SCALES_0 : ODD_SCALES_1);
                IntVector ql = IntVector.fromMemorySegment(I, w, at + 64 * c, LittleEndian.ORDER);
                IntVector low = ql.rearrange(REPEAT_LOW).lanewise(VectorOperators.LSHR, nibbleShifts);
                IntVector high = ql.rearrange(REPEAT_HIGH).lanewise(VectorOperators.LSHR, nibbleShifts);
                IntVector bits = IntVector.fromMemorySegment(I, w, at + QH, LittleEndian.ORDER)
                        .rearrange(c == 0 ? REPEAT_LOW : REPEAT_HIGH).lanewise(VectorOperators.LSHR, nibbleShifts);
                int xi = b * QK_K + 128 * c;
                for (int j = 0; j < 8; j += 2) {
                    IntVector bj = bits.lanewise(VectorOperators.LSHR, 4 * j);
                    ((FloatVector) low.lanewise(VectorOperators.LSHR, 4 * j).and(0x0F)
                            .or(bj.lanewise(VectorOperators.LSHL, 4).and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0)).mul(evenScales).intoArray(values, xi + 16 * j);
                    ((FloatVector) high.lanewise(VectorOperators.LSHR, 4 * j).and(0x0F)
                            .or(bj.lanewise(VectorOperators.LSHL, 2).and(0x30)).sub(32)
                            .convert(VectorOperators.I2F, 0)).mul(oddScales).intoArray(values, xi + 16 * j + 16);
                }
            }
        }
    }

    /**
     * With 512-bit vectors and four activation rows or more, the row is decoded once ({@link #decodeRow}) for
     * all of them and multiplied in float ({@link DecodedProduct}: {@link #dot}'s value up to float rounding);
     * otherwise one {@link #dot} per row, or with narrower vectors each block decoded once per four rows
     * ({@code dot4Narrow}), whose layout puts the same elements into lanes l and l+8 as {@link #dot}'s: its bits.
     */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        if (L == 16 && count >= 4) {
            DecodedProduct.dotBatch(this, w, offset, xs, from, count, n, out, column);
        } else {
            // Fewer than four rows (every decode step) go one dot product at a time; narrower vectors by fours.
            QuantKernel.dotBatchByFours(this, Q6KKernel::dot4Narrow, w, offset, xs, from, count, n, out, column);
        }
    }

    private static void dot4Narrow(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1,
            QuantizedRow x2, QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3,
            int column) {
        float[] v0 = x0.values;
        float[] v1 = x1.values;
        float[] v2 = x2.values;
        float[] v3 = x3.values;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            FloatVector a0 = FloatVector.zero(F);
            FloatVector b0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector b1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector b2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            FloatVector b3 = FloatVector.zero(F);
            for (int half = 0; half < 2; half++) {
                long scales = LittleEndian.getLong(w, at + SCALES + 8L * half);
                long ql = at + 64L * half;
                long qh = at + QH + 32L * half;
                int xi = b * QK_K + 128 * half;
                for (int k = 0; k < 32; k += L) {
                    IntVector q1 = (IntVector) ByteVector.fromMemorySegment(B, w, ql + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    IntVector q2 = (IntVector) ByteVector.fromMemorySegment(B, w, ql + 32 + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    IntVector h = (IntVector) ByteVector.fromMemorySegment(B, w, qh + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    int shift = 8 * (k / 16);
                    FloatVector w0 = ((FloatVector) q1.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> shift));
                    FloatVector w1 = ((FloatVector) q2.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> (shift + 16)));
                    FloatVector w2 = ((FloatVector) q1.lanewise(VectorOperators.LSHR, 4).and(0x0F).or(h.and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> (shift + 32)));
                    FloatVector w3 = ((FloatVector) q2.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                            .or(h.lanewise(VectorOperators.LSHR, 2).and(0x30))
                            .sub(32).convert(VectorOperators.I2F, 0)).mul((byte) (scales >>> (shift + 48)));
                    int e0 = xi + k;
                    a0 = w0.fma(FloatVector.fromArray(F, v0, e0), a0);
                    a1 = w0.fma(FloatVector.fromArray(F, v1, e0), a1);
                    a2 = w0.fma(FloatVector.fromArray(F, v2, e0), a2);
                    a3 = w0.fma(FloatVector.fromArray(F, v3, e0), a3);
                    b0 = w1.fma(FloatVector.fromArray(F, v0, e0 + 32), b0);
                    b1 = w1.fma(FloatVector.fromArray(F, v1, e0 + 32), b1);
                    b2 = w1.fma(FloatVector.fromArray(F, v2, e0 + 32), b2);
                    b3 = w1.fma(FloatVector.fromArray(F, v3, e0 + 32), b3);
                    a0 = w2.fma(FloatVector.fromArray(F, v0, e0 + 64), a0);
                    a1 = w2.fma(FloatVector.fromArray(F, v1, e0 + 64), a1);
                    a2 = w2.fma(FloatVector.fromArray(F, v2, e0 + 64), a2);
                    a3 = w2.fma(FloatVector.fromArray(F, v3, e0 + 64), a3);
                    b0 = w3.fma(FloatVector.fromArray(F, v0, e0 + 96), b0);
                    b1 = w3.fma(FloatVector.fromArray(F, v1, e0 + 96), b1);
                    b2 = w3.fma(FloatVector.fromArray(F, v2, e0 + 96), b2);
                    b3 = w3.fma(FloatVector.fromArray(F, v3, e0 + 96), b3);
                }
            }
            float d = LittleEndian.getHalf(w, at + D);
            acc0 = a0.add(b0).fma(FloatVector.broadcast(F, d * x0.scales[b]), acc0);
            acc1 = a1.add(b1).fma(FloatVector.broadcast(F, d * x1.scales[b]), acc1);
            acc2 = a2.add(b2).fma(FloatVector.broadcast(F, d * x2.scales[b]), acc2);
            acc3 = a3.add(b3).fma(FloatVector.broadcast(F, d * x3.scales[b]), acc3);
        }
        if (L == 16) {
            acc0 = acc0.add(acc0.slice(8));
            acc1 = acc1.add(acc1.slice(8));
            acc2 = acc2.add(acc2.slice(8));
            acc3 = acc3.add(acc3.slice(8));
        }
        acc0 = acc0.add(acc0.slice(4));
        acc1 = acc1.add(acc1.slice(4));
        acc2 = acc2.add(acc2.slice(4));
        acc3 = acc3.add(acc3.slice(4));
        acc0 = acc0.add(acc0.slice(2));
        acc1 = acc1.add(acc1.slice(2));
        acc2 = acc2.add(acc2.slice(2));
        acc3 = acc3.add(acc3.slice(2));
        acc0 = acc0.add(acc0.slice(1));
        acc1 = acc1.add(acc1.slice(1));
        acc2 = acc2.add(acc2.slice(1));
        acc3 = acc3.add(acc3.slice(1));
        out0[column] = acc0.lane(0);
        out1[column] = acc1.lane(0);
        out2[column] = acc2.lane(0);
        out3[column] = acc3.lane(0);
    }
}
