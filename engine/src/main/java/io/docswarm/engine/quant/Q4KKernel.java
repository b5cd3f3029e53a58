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

/**
 * Q4_K weights ({@code block_q4_K}, 144 bytes per 256 elements): {@code f16 d}, {@code f16 dmin},
 * {@code uint8 scales[12]} (eight 6-bit scales and mins, see {@link KQuants#scaleMin}), {@code uint8 qs[128]}.
 * Each 64 elements use 32 bytes of {@code qs}: the low nibbles are sub-block {@code 2i}, the high nibbles
 * sub-block {@code 2i+1}; element = {@code d * scale * q - dmin * min}. Dot products take a Q8_K activation,
 * whose per-16 sums turn the min term into 8 multiplications per block.
 */
public final class Q4KKernel implements QuantKernel {
    static final Q4KKernel INSTANCE = new Q4KKernel();
    static final int BYTES = 144;
    private static final int SCALES = 4;
    private static final int QS = 16;

    private Q4KKernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_K;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_K;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q4_K, src, offset, n);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at);
            float dmin = LittleEndian.getHalf(src, at + 2);
            int y = dstOffset + b * QK_K;
            for (int i = 0; i < 4; i++) {
                int sm0 = KQuants.scaleMin(src, at + SCALES, 2 * i);
                int sm1 = KQuants.scaleMin(src, at + SCALES, 2 * i + 1);
                float d1 = d * (sm0 & 0xFF);
                float m1 = dmin * (sm0 >> 8);
                float d2 = d * (sm1 & 0xFF);
                float m2 = dmin * (sm1 >> 8);
                for (int l = 0; l < 32; l++) {
                    int q = LittleEndian.getUnsignedByte(src, at + QS + 32 * i + l);
                    dst[y + 64 * i + l] = d1 * (q & 0xF) - m1;
                    dst[y + 64 * i + 32 + l] = d2 * (q >> 4) - m2;
                }
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q4_K, dst, offset, n);
        int[] levels = new int[QK_K];
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            KQuants.quantizeScaleMinBlock(src, srcOffset + b * QK_K, 15, dst, at, levels);
            for (int i = 0; i < 4; i++) {
                for (int l = 0; l < 32; l++) {
                    LittleEndian.setByte(dst, at + QS + 32 * i + l, levels[64 * i + l] | levels[64 * i + 32 + l] << 4);
                }
            }
        }
    }

    /** ggml's {@code ggml_vec_dot_q4_K_q8_K_generic}: 8 integer lanes per block, then float. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_K, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] sums = new float[8];
        int[] aux32 = new int[8];
        float sumf = 0f;
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            java.util.Arrays.fill(aux32, 0);
            int sumMins = 0;
            for (int g = 0; g < 16; g++) {
                sumMins += x.bsums[b * 16 + g] * (KQuants.scaleMin(w, at + SCALES, g / 2) >> 8);
            }
            for (int e = 0; e < QK_K; e++) {
                int sub = e / 32;
                int byteIndex = 32 * (sub / 2) + e % 32;
                int q = LittleEndian.getUnsignedByte(w, at + QS + byteIndex);
                int level = sub % 2 == 0 ? q & 0xF : q >> 4;
                int scale = KQuants.scaleMin(w, at + SCALES, sub) & 0xFF;
                aux32[e % 8] += scale * (x.quants[b * QK_K + e] * level);
            }
            float d = LittleEndian.getHalf(w, at) * x.scales[b];
            for (int l = 0; l < 8; l++) {
                sums[l] += d * aux32[l];
            }
            float dmin = LittleEndian.getHalf(w, at + 2) * x.scales[b];
            sumf -= dmin * sumMins;
        }
        for (int l = 0; l < 8; l++) {
            sumf += sums[l];
        }
        return sumf;
    }

    /**
     * With 512-bit vectors (16 int lanes), in the order of {@link QuantizedRow#byQuarters}: lanes 0-7 hold the
     * first half block, lanes 8-15 the second. The 32-byte groups 0 and 2 of {@code qs} side by side are one int
     * vector (a blend of two overlapping 64-byte reads), groups 1 and 3 another; their low and high nibbles are
     * the four quarters of each half (sub-blocks q and 4+q). Byte {@code k} of a lane is one mask, taken in
     * place (the activation is scaled by {@code 2^(-8k)} there, so each product is exact): three vector
     * operations per 16 elements (mask, widen, multiply-add). Four accumulators, one per quarter, sum four
     * products per lane, unscaled, and are then multiplied by vectors of their lanes' scales (byte q of one
     * of two broadcast ints). Every lane of a block's sum is an integer below 2^24 (4 * 4 * 15 * 127 * 63), so
     * the block sum is exact, like ggml's integer one; lanes l and l+8 together hold the elements of ggml's AVX2
     * lane l, so the fold and the scaling by {@code d * xd} follow its order. The min term comes from the Q8_K
     * sums, per block in scalar code (vector lane sums for it measured slower: the vector units are the busy
     * ones). {@link #decodeRow} uses {@link QuantizedRow#byNibbles} instead (a shift and a mask
     * per nibble): the same elements fold into the same lanes, so all give the same bits.
     * Narrower vectors use {@link #dotNarrow}. One method for the whole row: no vector crosses a call.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q4_K, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        if (L != 16) {
            return dotNarrow(w, offset, x, n);
        }
        float[] xv = x.byQuarters;
        float[] xs = x.scales;
        int[] sums32 = x.sums32;
        VectorMask<Integer> upper = VectorMask.fromLong(I, 0xFF00L);
        FloatVector acc = FloatVector.zero(F);
        float minTerm = 0f;
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            int dd = LittleEndian.getInt(w, at); // f16 d, f16 dmin
            long lo = LittleEndian.getLong(w, at + SCALES);
            int hi = LittleEndian.getInt(w, at + SCALES + 8);
            int sumMins = KQuants.dot4(KQuants.mins0123(lo), sums32, 8 * b)
                    + KQuants.dot4(KQuants.mins4567(lo, hi), sums32, 8 * b + 4);
            minTerm += Float.float16ToFloat((short) (dd >>> 16)) * xs[b] * sumMins;
            // Lane l < 8 covers the first half block, l >= 8 the second: quarter q of a half is sub-block q
            // of that half, so the lanes' scales for quarter q are byte q of one of two ints.
            IntVector scales = IntVector.broadcast(I, KQuants.scales0123(lo))
                    .blend(IntVector.broadcast(I, KQuants.scales4567(lo, hi)), upper);
            // The 32-byte groups 0 and 2 (sub-blocks 0, 1 and 4, 5) side by side, then groups 1 and 3: one
            // blend of two overlapping 64-byte reads each.
            IntVector middle = IntVector.fromMemorySegment(I, w, at + QS + 32, LittleEndian.ORDER);
            IntVector first = IntVector.fromMemorySegment(I, w, at + QS, LittleEndian.ORDER).blend(middle, upper);
            IntVector second = middle.blend(IntVector.fromMemorySegment(I, w, at + QS + 64, LittleEndian.ORDER),
                    upper);
            IntVector firstHigh = first.lanewise(VectorOperators.LSHR, 4);
            IntVector secondHigh = second.lanewise(VectorOperators.LSHR, 4);
            int xi = b * QK_K;
            FloatVector q0 = ((FloatVector) first.and(0x0F).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, xv, xi));
            FloatVector q1 = ((FloatVector) firstHigh.and(0x0F).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, xv, xi + 64));
            FloatVector q2 = ((FloatVector) second.and(0x0F).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, xv, xi + 128));
            FloatVector q3 = ((FloatVector) secondHigh.and(0x0F).convert(VectorOperators.I2F, 0))
                    .mul(FloatVector.fromArray(F, xv, xi + 192));
            q0 = ((FloatVector) first.and(0x0F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 16), q0);
            q1 = ((FloatVector) firstHigh.and(0x0F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 80), q1);
            q2 = ((FloatVector) second.and(0x0F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 144), q2);
            q3 = ((FloatVector) secondHigh.and(0x0F00).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 208), q3);
            q0 = ((FloatVector) first.and(0x0F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 32), q0);
            q1 = ((FloatVector) firstHigh.and(0x0F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 96), q1);
            q2 = ((FloatVector) second.and(0x0F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 160), q2);
            q3 = ((FloatVector) secondHigh.and(0x0F0000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 224), q3);
            q0 = ((FloatVector) first.and(0x0F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 48), q0);
            q1 = ((FloatVector) firstHigh.and(0x0F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 112), q1);
            q2 = ((FloatVector) second.and(0x0F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 176), q2);
            q3 = ((FloatVector) secondHigh.and(0x0F000000).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(F, xv, xi + 240), q3);
            FloatVector block = q0.mul((FloatVector) scales.and(0xFF).convert(VectorOperators.I2F, 0))
                    .add(q1.mul((FloatVector) scales.lanewise(VectorOperators.LSHR, 8).and(0xFF)
                            .convert(VectorOperators.I2F, 0)))
                    .add(q2.mul((FloatVector) scales.lanewise(VectorOperators.LSHR, 16).and(0xFF)
                            .convert(VectorOperators.I2F, 0))
                            .add(q3.mul((FloatVector) scales.lanewise(VectorOperators.LSHR, 24)
                                    .convert(VectorOperators.I2F, 0))));
            float d = Float.float16ToFloat((short) dd) * xs[b];
            // Lanes l and l+8 hold the same bytes of the two half blocks: their sum is lane l of ggml's AVX2
            // sumi, and the row sum adds its eight lanes in ggml's order (hsum_float_8); lanes 8-15 are unused.
            acc = block.add(block.slice(8)).fma(FloatVector.broadcast(F, d), acc);
        }
        // VectorSupport.sum written out: this method is too big for the JIT to inline a vector-taking helper.
        acc = acc.add(acc.slice(4));
        acc = acc.add(acc.slice(2));
        acc = acc.add(acc.slice(1));
        return acc.lane(0) - minTerm;
    }

    /**
     * Per super-block, each nibble is widened to a float and multiplied by its sub-block's 6-bit scale (at most
     * 15 * 63), then multiplied with the activation quants and summed lane-wise: every product and every lane sum
     * is an integer below 2^24, so this block sum is exact, like ggml's integer one. It is then scaled by
     * {@code d * xd} into the row accumulator; the min term is integer per block (from the Q8_K sums). Nibbles
     * are split on int lanes (x86 has no byte shift). One method for the whole row: no vector crosses a call.
     */
    private static float dotNarrow(MemorySegment w, long offset, QuantizedRow x, int n) {
        float[] xv = x.values;
        float[] xs = x.scales;
        int[] sums32 = x.sums32;
        FloatVector acc = FloatVector.zero(F);
        float minTerm = 0f;
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            int dd = LittleEndian.getInt(w, at); // f16 d, f16 dmin
            long lo = LittleEndian.getLong(w, at + SCALES);
            int hi = LittleEndian.getInt(w, at + SCALES + 8);
            int sumMins = KQuants.dot4(KQuants.mins0123(lo), sums32, 8 * b)
                    + KQuants.dot4(KQuants.mins4567(lo, hi), sums32, 8 * b + 4);
            minTerm += Float.float16ToFloat((short) (dd >>> 16)) * xs[b] * sumMins;
            long scales = (KQuants.scales0123(lo) & 0xFFFFFFFFL) | (long) KQuants.scales4567(lo, hi) << 32;
            long qs = at + QS;
            int xi = b * QK_K;
            FloatVector blockLo = FloatVector.zero(F);
            FloatVector blockHi = FloatVector.zero(F);
            for (int i = 0; i < 4; i++) {
                float scaleLo = (scales >>> (16 * i)) & 0xFF;
                float scaleHi = (scales >>> (16 * i + 8)) & 0xFF;
                for (int k = 0; k < 32; k += L) {
                    IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, qs + 32 * i + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    FloatVector wLo = ((FloatVector) q.and(0x0F).convert(VectorOperators.I2F, 0)).mul(scaleLo);
                    FloatVector wHi = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                            .convert(VectorOperators.I2F, 0)).mul(scaleHi);
                    blockLo = wLo.fma(FloatVector.fromArray(F, xv, xi + 64 * i + k), blockLo);
                    blockHi = wHi.fma(FloatVector.fromArray(F, xv, xi + 64 * i + 32 + k), blockHi);
                }
            }
            float d = Float.float16ToFloat((short) dd) * xs[b];
            acc = blockLo.add(blockHi).fma(FloatVector.broadcast(F, d), acc);
        }
        // VectorSupport.sum written out: this method is too big for the JIT to inline a vector-taking helper.
        if (L == 16) {
            acc = acc.add(acc.slice(8));
        }
        acc = acc.add(acc.slice(4));
        acc = acc.add(acc.slice(2));
        acc = acc.add(acc.slice(1));
        return acc.lane(0) - minTerm;
    }

    @Override
    public boolean decodesRows() {
        return L == 16;
    }

    /** Each weight as a float, {@code d * scale * q - dmin * min} (a shift and a mask per nibble, one multiply-add). */
    @Override
    public void decodeRow(MemorySegment w, long offset, int n, DecodedRow dst) {
        dst.checkFits(GgmlType.Q4_K, w, offset, n);
        float[] values = dst.values;
        IntVector evenShifts = IntVector.fromArray(I, KQuants.EVEN_SCALE_SHIFTS, 0);
        IntVector oddShifts = IntVector.fromArray(I, KQuants.ODD_SCALE_SHIFTS, 0);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            int dd = LittleEndian.getInt(w, at);
            long lo = LittleEndian.getLong(w, at + SCALES);
            int hi = LittleEndian.getInt(w, at + SCALES + 8);
            float d = Float.float16ToFloat((short) dd);
            float negativeDmin = -Float.float16ToFloat((short) (dd >>> 16));
            for (int c = 0; c < 2; c++) {
                int scales = c == 0 ? KQuants.scales0123(lo) : KQuants.scales4567(lo, hi);
                int mins = c == 0 ? KQuants.mins0123(lo) : KQuants.mins4567(lo, hi);
                FloatVector evenScales = DecodedRow.subBlockFactors(scales, evenShifts, d);
                FloatVector oddScales = DecodedRow.subBlockFactors(scales, oddShifts, d);
                FloatVector evenMins = DecodedRow.subBlockFactors(mins, evenShifts, negativeDmin);
                FloatVector oddMins = DecodedRow.subBlockFactors(mins, oddShifts, negativeDmin);
                IntVector q = IntVector.fromMemorySegment(I, w, at + QS + 64 * c, LittleEndian.ORDER);
                int xi = b * QK_K + 128 * c;
                for (int j = 0; j < 8; j += 2) {
                    ((FloatVector) q.lanewise(VectorOperators.LSHR, 4 * j).and(0x0F).convert(VectorOperators.I2F, 0))
                            .fma(evenScales, evenMins).intoArray(values, xi + 16 * j);
                    ((FloatVector) q.lanewise(VectorOperators.LSHR, 4 * j + 4).and(0x0F)
                            .convert(VectorOperators.I2F, 0)).fma(oddScales, oddMins)
                            .intoArray(values, xi + 16 * j + 16);
                }
            }
        }
    }

    /**
     * With 512-bit vectors and four activation rows or more, the row is decoded once ({@link #decodeRow}) for
     * all of them and multiplied in float ({@link DecodedProduct}: {@link #dot}'s value up to float rounding);
     * otherwise one {@link #dot} per row, or with narrower vectors each block decoded once per four rows
     * ({@code dot4Narrow}), exactly {@link #dot}'s arithmetic.
     */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        if (L == 16 && count >= 4) {
            DecodedProduct.dotBatch(this, w, offset, xs, from, count, n, out, column);
        } else {
            // Fewer than four rows (every decode step) go one dot product at a time; narrower vectors by fours.
            QuantKernel.dotBatchByFours(this, Q4KKernel::dot4Narrow, w, offset, xs, from, count, n, out, column);
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
        float min0 = 0f;
        float min1 = 0f;
        float min2 = 0f;
        float min3 = 0f;
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            int dd = LittleEndian.getInt(w, at);
            long lo = LittleEndian.getLong(w, at + SCALES);
            int hi = LittleEndian.getInt(w, at + SCALES + 8);
            int mins0123 = KQuants.mins0123(lo);
            int mins4567 = KQuants.mins4567(lo, hi);
            float dmin = Float.float16ToFloat((short) (dd >>> 16));
            min0 += dmin * x0.scales[b] * (KQuants.dot4(mins0123, x0.sums32, 8 * b)
                    + KQuants.dot4(mins4567, x0.sums32, 8 * b + 4));
            min1 += dmin * x1.scales[b] * (KQuants.dot4(mins0123, x1.sums32, 8 * b)
                    + KQuants.dot4(mins4567, x1.sums32, 8 * b + 4));
            min2 += dmin * x2.scales[b] * (KQuants.dot4(mins0123, x2.sums32, 8 * b)
                    + KQuants.dot4(mins4567, x2.sums32, 8 * b + 4));
            min3 += dmin * x3.scales[b] * (KQuants.dot4(mins0123, x3.sums32, 8 * b)
                    + KQuants.dot4(mins4567, x3.sums32, 8 * b + 4));
            long scales = (KQuants.scales0123(lo) & 0xFFFFFFFFL) | (long) KQuants.scales4567(lo, hi) << 32;
            long qs = at + QS;
            int xi = b * QK_K;
            FloatVector lo0 = FloatVector.zero(F);
            FloatVector hi0 = FloatVector.zero(F);
            FloatVector lo1 = FloatVector.zero(F);
            FloatVector hi1 = FloatVector.zero(F);
            FloatVector lo2 = FloatVector.zero(F);
            FloatVector hi2 = FloatVector.zero(F);
            FloatVector lo3 = FloatVector.zero(F);
            FloatVector hi3 = FloatVector.zero(F);
            for (int i = 0; i < 4; i++) {
                float scaleLo = (scales >>> (16 * i)) & 0xFF;
                float scaleHi = (scales >>> (16 * i + 8)) & 0xFF;
                for (int k = 0; k < 32; k += L) {
                    IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, qs + 32 * i + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    FloatVector wLo = ((FloatVector) q.and(0x0F).convert(VectorOperators.I2F, 0)).mul(scaleLo);
                    FloatVector wHi = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                            .convert(VectorOperators.I2F, 0)).mul(scaleHi);
                    int xl = xi + 64 * i + k;
                    int xh = xl + 32;
                    lo0 = wLo.fma(FloatVector.fromArray(F, v0, xl), lo0);
                    hi0 = wHi.fma(FloatVector.fromArray(F, v0, xh), hi0);
                    lo1 = wLo.fma(FloatVector.fromArray(F, v1, xl), lo1);
                    hi1 = wHi.fma(FloatVector.fromArray(F, v1, xh), hi1);
                    lo2 = wLo.fma(FloatVector.fromArray(F, v2, xl), lo2);
                    hi2 = wHi.fma(FloatVector.fromArray(F, v2, xh), hi2);
                    lo3 = wLo.fma(FloatVector.fromArray(F, v3, xl), lo3);
                    hi3 = wHi.fma(FloatVector.fromArray(F, v3, xh), hi3);
                }
            }
            float d = Float.float16ToFloat((short) dd);
            acc0 = lo0.add(hi0).fma(FloatVector.broadcast(F, d * x0.scales[b]), acc0);
            acc1 = lo1.add(hi1).fma(FloatVector.broadcast(F, d * x1.scales[b]), acc1);
            acc2 = lo2.add(hi2).fma(FloatVector.broadcast(F, d * x2.scales[b]), acc2);
            acc3 = lo3.add(hi3).fma(FloatVector.broadcast(F, d * x3.scales[b]), acc3);
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
        out0[column] = acc0.lane(0) - min0;
        out1[column] = acc1.lane(0) - min1;
        out2[column] = acc2.lane(0) - min2;
        out3[column] = acc3.lane(0) - min3;
    }
}
