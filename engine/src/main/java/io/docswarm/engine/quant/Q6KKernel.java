package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.KQuants.QK_K;
import static io.docswarm.engine.quant.VectorSupport.B;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.I;
import static io.docswarm.engine.quant.VectorSupport.L;
import static io.docswarm.engine.quant.VectorSupport.S32;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
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
    /** Int lane l of group g takes scale 8 (l / 8) + 2g + (l % 8) / 4 (see {@link #dot}). */
    private static final VectorShuffle<Integer> SCALES_0 = groupScales(0);
    private static final VectorShuffle<Integer> SCALES_1 = groupScales(1);
    private static final VectorShuffle<Integer> SCALES_2 = groupScales(2);
    private static final VectorShuffle<Integer> SCALES_3 = groupScales(3);
    /** {@link #decodeRow}: lane l of half c, nibble parity p takes scale 8c + 4 (l / 8) + 2p + (l % 8) / 4. */
    private static final VectorShuffle<Float> EVEN_SCALES_0 = scaleShuffle(0, 0);
    private static final VectorShuffle<Float> ODD_SCALES_0 = scaleShuffle(0, 1);
    private static final VectorShuffle<Float> EVEN_SCALES_1 = scaleShuffle(1, 0);
    private static final VectorShuffle<Float> ODD_SCALES_1 = scaleShuffle(1, 1);
    private static final int QH = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    private static VectorShuffle<Integer> groupScales(int group) {
        int[] lanes = new int[16];
        for (int l = 0; l < 16; l++) {
            lanes[l] = 8 * (l / 8) + 2 * group + (l % 8) / 4;
        }
        return L == 16 ? VectorShuffle.fromArray(I, lanes, 0) : VectorShuffle.iota(I, 0, 1, true);
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

    /** With 512-bit vectors, {@link #rowsWide} for one row; narrower ones use {@link #dotNarrow}. */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        return QuantKernel.dotByRows(this, Q6KKernel::rowsWide, Q6KKernel::dotNarrow, w, offset, x, n);
    }

    @Override
    public boolean runsRowRanges() {
        return L == 16;
    }

    @Override
    public void dotRows(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n, float[] out,
            int outOffset) {
        QuantKernel.dotRowsByRows(this, Q6KKernel::rowsWide, Q6KKernel::dotNarrow, w, offset, rowBytes, rows, x, n, out,
                outOffset);
    }

    /**
     * With 512-bit vectors, in integers like ggml's. The first 32 {@code ql} bytes of both halves side by side
     * are one vector of 32 short lanes (a blend of two overlapping 64-byte reads), the second 32 another, and
     * {@code qh} is read as it lies: lane {@code j} covers positions {@code 2 (j % 16)} and the next of half
     * {@code j / 16}. Group {@code g} of a half (elements {@code 32g .. 32g+31}) is a nibble of one of the two
     * vectors with bit pair {@code g} of {@code qh}, built in both bytes of a lane at once; each byte's value less
     * 32 (at most 32 in magnitude) is multiplied by its quant ({@link QuantizedRow#byGroupPairs}) in one short
     * multiplication, and a lane's two products are added. The two lanes of an int, four consecutive elements of
     * one 16-element scale group, are then added as an int and multiplied by the group's int8 scale (picked from
     * all 16 by one shuffle per group). Int lanes {@code i} and {@code i + 8} folded together are lane {@code i}
     * of ggml's AVX2 integer block sum, converted to float and scaled by {@code d * xd} into the row accumulator
     * whose eight lanes are added in ggml's order: the bits are ggml's, as in Q4_K's. One method for all the
     * rows: no vector crosses a call. Returns the last row's result (for {@link #dot}); writes each row's to
     * {@code out} unless it is null.
     */
    private static float rowsWide(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n,
            float[] out, int outOffset) {
        short[] xq = x.byGroupPairs;
        float[] xs = x.scales;
        VectorMask<Short> upper = VectorMask.fromLong(S32, 0xFFFF0000L);
        float last = 0f;
        for (int r = 0; r < rows; r++) {
            long rowAt = offset + r * rowBytes;
            FloatVector acc = FloatVector.zero(F);
            for (int b = 0; b < n / QK_K; b++) {
                long at = rowAt + (long) b * BYTES;
                // Read first, and without the helper: this method is past C2's inlining node budget by its end, where a
                // LittleEndian.getHalf call stayed a call (and every vector constant was reloaded around it).
                float d = Float.float16ToFloat(w.get(LittleEndian.SHORT, at + D)) * xs[b];
                IntVector all = (IntVector) ByteVector.fromMemorySegment(B, w, at + SCALES, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2I, I, 0);
                ShortVector middle = ShortVector.fromMemorySegment(S32, w, at + 32, LittleEndian.ORDER);
                ShortVector first = ShortVector.fromMemorySegment(S32, w, at, LittleEndian.ORDER).blend(middle, upper);
                ShortVector second = middle.blend(ShortVector.fromMemorySegment(S32, w, at + 64, LittleEndian.ORDER),
                        upper);
                ShortVector qh = ShortVector.fromMemorySegment(S32, w, at + QH, LittleEndian.ORDER);
                // Both bytes of a lane: group g's 6-bit value (nibble | bit pair g << 4).
                ShortVector v0 = first.and((short) 0x0F0F)
                        .or(qh.lanewise(VectorOperators.LSHL, 4).and((short) 0x3030));
                ShortVector v1 = second.and((short) 0x0F0F)
                        .or(qh.lanewise(VectorOperators.LSHL, 2).and((short) 0x3030));
                ShortVector v2 = first.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F0F)
                        .or(qh.and((short) 0x3030));
                ShortVector v3 = second.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F0F)
                        .or(qh.lanewise(VectorOperators.LSHR, 2).and((short) 0x3030));
                int xi = b * QK_K;
                ShortVector p0 = v0.and((short) 0x3F).sub((short) 32).mul(ShortVector.fromArray(S32, xq, xi))
                        .add(v0.lanewise(VectorOperators.LSHR, 8).sub((short) 32)
                                .mul(ShortVector.fromArray(S32, xq, xi + 32)));
                ShortVector p1 = v1.and((short) 0x3F).sub((short) 32).mul(ShortVector.fromArray(S32, xq, xi + 64))
                        .add(v1.lanewise(VectorOperators.LSHR, 8).sub((short) 32)
                                .mul(ShortVector.fromArray(S32, xq, xi + 96)));
                ShortVector p2 = v2.and((short) 0x3F).sub((short) 32).mul(ShortVector.fromArray(S32, xq, xi + 128))
                        .add(v2.lanewise(VectorOperators.LSHR, 8).sub((short) 32)
                                .mul(ShortVector.fromArray(S32, xq, xi + 160)));
                ShortVector p3 = v3.and((short) 0x3F).sub((short) 32).mul(ShortVector.fromArray(S32, xq, xi + 192))
                        .add(v3.lanewise(VectorOperators.LSHR, 8).sub((short) 32)
                                .mul(ShortVector.fromArray(S32, xq, xi + 224)));
                // The two shorts of an int added in its upper half, sign-extended (as in Q4KKernel.rowsWide).
                IntVector s0 = (IntVector) p0.reinterpretAsInts();
                IntVector s1 = (IntVector) p1.reinterpretAsInts();
                IntVector s2 = (IntVector) p2.reinterpretAsInts();
                IntVector s3 = (IntVector) p3.reinterpretAsInts();
                s0 = s0.add(s0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s1 = s1.add(s1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s2 = s2.add(s2.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s3 = s3.add(s3.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                IntVector block = s0.mul(all.rearrange(SCALES_0)).add(s1.mul(all.rearrange(SCALES_1)))
                        .add(s2.mul(all.rearrange(SCALES_2)).add(s3.mul(all.rearrange(SCALES_3))));
                // Lanes i and i+8 together: lane i of ggml's sumi (exact: at most 32 * 32 * 128 * 128 = 2^24).
                FloatVector sums = (FloatVector) block.add(block.slice(8)).convert(VectorOperators.I2F, 0);
                acc = sums.fma(FloatVector.broadcast(F, d), acc);
            }
            // ggml's hsum_float_8 over lanes 0-7, written out (see Q4KKernel.rowsWide).
            acc = acc.add(acc.slice(4));
            acc = acc.add(acc.slice(2));
            acc = acc.add(acc.slice(1));
            float result = acc.lane(0);
            if (out != null) {
                out[outOffset + r] = result;
            }
            last = result;
        }
        return last;
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

    /** Each weight as a float, {@code d * scale * (q - 32)}, in the order of {@link QuantizedRow#dequantized}. */
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
