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
 * Q5_K weights ({@code block_q5_K}, 176 bytes per 256 elements): {@code f16 d}, {@code f16 dmin},
 * {@code uint8 scales[12]} (eight 6-bit scales and mins, see {@link KQuants#scaleMin}), {@code uint8 qh[32]},
 * {@code uint8 qs[128]}. Each 64 elements use 32 bytes of {@code qs}: the low nibbles are sub-block {@code 2i},
 * the high nibbles sub-block {@code 2i+1}, topped by bits {@code 2i} and {@code 2i+1} of {@code qh[l]};
 * element = {@code d * scale * q - dmin * min}. Dot products take a Q8_K activation,
 * whose per-16 sums turn the min term into 8 multiplications per block.
 */
public final class Q5KKernel implements QuantKernel {
    static final Q5KKernel INSTANCE = new Q5KKernel();
    static final int BYTES = 176;
    /** Lanes 8-15 repeat lanes 0-7 (the qh ints), see {@link #dot}. */
    private static final VectorShuffle<Integer> REPEAT_LOW = VectorShuffle.fromArray(I,
            new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7}, 0);
    private static final int[] HIGH_SHIFTS = {0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2};
    /** Short lanes 16-31 repeat lanes 0-15 (the qh shorts), see {@link #dot}. */
    private static final VectorShuffle<Short> REPEAT_QH = VectorShuffle.fromOp(S32, lane -> lane % 16);
    /** Per short lane of {@link #dot}'s first read of {@code qs}: 2c for its 32-byte group c. */
    private static final short[] GROUP_SHIFTS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    private static final int SCALES = 4;
    private static final int QH = 16;
    private static final int QS = 48;

    private Q5KKernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_K;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_K;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_K, src, offset, n);
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
                    int h = LittleEndian.getUnsignedByte(src, at + QH + l) >> (2 * i);
                    dst[y + 64 * i + l] = d1 * ((q & 0xF) | (h & 1) << 4) - m1;
                    dst[y + 64 * i + 32 + l] = d2 * ((q >> 4) | (h & 2) << 3) - m2;
                }
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_K, dst, offset, n);
        int[] levels = new int[QK_K];
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            KQuants.quantizeScaleMinBlock(src, srcOffset + b * QK_K, 31, dst, at, levels);
            for (int l = 0; l < 32; l++) {
                int h = 0;
                for (int i = 0; i < 4; i++) {
                    int lo = levels[64 * i + l];
                    int hi = levels[64 * i + 32 + l];
                    LittleEndian.setByte(dst, at + QS + 32 * i + l, (lo & 0xF) | (hi & 0xF) << 4);
                    h |= (lo >> 4) << (2 * i) | (hi >> 4) << (2 * i + 1);
                }
                LittleEndian.setByte(dst, at + QH + l, h);
            }
        }
    }

    /** ggml's {@code ggml_vec_dot_q5_K_q8_K_generic}: 8 integer lanes per block, then float. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q5_K, w, offset, n);
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
                int high = (LittleEndian.getUnsignedByte(w, at + QH + e % 32) >> sub) & 1;
                int level = (sub % 2 == 0 ? q & 0xF : q >> 4) | high << 4;
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

    /** With 512-bit vectors, {@link #rowsWide} for one row; narrower ones use {@link #dotNarrow}. */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        return QuantKernel.dotByRows(this, Q5KKernel::rowsWide, Q5KKernel::dotNarrow, w, offset, x, n);
    }

    @Override
    public boolean runsRowRanges() {
        return L == 16;
    }

    @Override
    public void dotRows(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n, float[] out,
            int outOffset) {
        QuantKernel.dotRowsByRows(this, Q5KKernel::rowsWide, Q5KKernel::dotNarrow, w, offset, rowBytes, rows, x, n, out,
                outOffset);
    }

    /**
     * With 512-bit vectors, in integers like ggml's and as Q4_K's one-row products do (same reads of {@code qs}
     * as 32 short lanes, same activation order {@link QuantizedRow#byNibblePairs}, same pair sums, scales and
     * fold into ggml's AVX2 lanes), plus the fifth bits. Lane {@code j} of read {@code r} covers positions
     * {@code 2 (j % 16)} and the next of 32-byte group {@code c = 2r + j / 16}, whose fifth bits are bits
     * {@code 2c} (low nibbles) and {@code 2c + 1} (high) of the same two {@code qh} bytes. So the 32 {@code qh}
     * bytes, read as 16 short lanes and repeated in lanes 16-31, are shifted right by {@code 2c} per lane: bits 0
     * and 8 are then the fifth bits of the lane's two low nibbles, bits 1 and 9 of its high ones, and each byte's
     * 5-bit value is built in place (at most 31 * 128 per product, 7936 per pair). Narrower vectors use
     * {@link #dotNarrow}. One method for all the rows: no vector crosses a call. Returns the last row's result
     * (for {@link #dot}); writes each row's to {@code out} unless it is null.
     */
    private static float rowsWide(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n,
            float[] out, int outOffset) {
        short[] xq = x.byNibblePairs;
        float[] xs = x.scales;
        int[] sums32 = x.sums32;
        VectorMask<Integer> upper = VectorMask.fromLong(I, 0xFF00L);
        ShortVector groupShifts = ShortVector.fromArray(S32, GROUP_SHIFTS, 0);
        float last = 0f;
        for (int r = 0; r < rows; r++) {
            long rowAt = offset + r * rowBytes;
            FloatVector acc = FloatVector.zero(F);
            float minTerm = 0f;
            for (int b = 0; b < n / QK_K; b++) {
                long at = rowAt + (long) b * BYTES;
                int dd = LittleEndian.getInt(w, at); // f16 d, f16 dmin
                long lo = LittleEndian.getLong(w, at + SCALES);
                int hi = LittleEndian.getInt(w, at + SCALES + 8);
                int sumMins = KQuants.dot4(KQuants.mins0123(lo), sums32, 8 * b)
                        + KQuants.dot4(KQuants.mins4567(lo, hi), sums32, 8 * b + 4);
                minTerm += Float.float16ToFloat((short) (dd >>> 16)) * xs[b] * sumMins;
                int scales0123 = KQuants.scales0123(lo);
                int scales4567 = KQuants.scales4567(lo, hi);
                IntVector scales = IntVector.broadcast(I, (scales0123 & 0xFFFF) | (scales4567 << 16))
                        .blend(IntVector.broadcast(I, (scales0123 >>> 16) | (scales4567 & 0xFFFF0000)), upper);
                // Groups 0 and 1 (read 0): qh shifted by 0 and 2; groups 2 and 3 (read 1): by 4 more.
                ShortVector high0 = ShortVector.fromMemorySegment(S32, w, at + QH, LittleEndian.ORDER)
                        .rearrange(REPEAT_QH).lanewise(VectorOperators.LSHR, groupShifts);
                ShortVector high1 = high0.lanewise(VectorOperators.LSHR, 4);
                ShortVector first = ShortVector.fromMemorySegment(S32, w, at + QS, LittleEndian.ORDER);
                ShortVector second = ShortVector.fromMemorySegment(S32, w, at + QS + 64, LittleEndian.ORDER);
                // Both bytes of a lane at once: the low nibbles with their fifth bits, then the high ones.
                ShortVector firstLow = first.and((short) 0x0F0F)
                        .or(high0.lanewise(VectorOperators.LSHL, 4).and((short) 0x1010));
                ShortVector firstHigh = first.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F0F)
                        .or(high0.lanewise(VectorOperators.LSHL, 3).and((short) 0x1010));
                ShortVector secondLow = second.and((short) 0x0F0F)
                        .or(high1.lanewise(VectorOperators.LSHL, 4).and((short) 0x1010));
                ShortVector secondHigh = second.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F0F)
                        .or(high1.lanewise(VectorOperators.LSHL, 3).and((short) 0x1010));
                int xi = b * QK_K;
                ShortVector low0 = firstLow.and((short) 0x1F).mul(ShortVector.fromArray(S32, xq, xi))
                        .add(firstLow.lanewise(VectorOperators.LSHR, 8).mul(ShortVector.fromArray(S32, xq, xi + 64)));
                ShortVector upper0 = firstHigh.and((short) 0x1F).mul(ShortVector.fromArray(S32, xq, xi + 32))
                        .add(firstHigh.lanewise(VectorOperators.LSHR, 8).mul(ShortVector.fromArray(S32, xq, xi + 96)));
                ShortVector low1 = secondLow.and((short) 0x1F).mul(ShortVector.fromArray(S32, xq, xi + 128))
                        .add(secondLow.lanewise(VectorOperators.LSHR, 8).mul(ShortVector.fromArray(S32, xq, xi + 192)));
                ShortVector upper1 = secondHigh.and((short) 0x1F).mul(ShortVector.fromArray(S32, xq, xi + 160))
                        .add(secondHigh.lanewise(VectorOperators.LSHR, 8)
                                .mul(ShortVector.fromArray(S32, xq, xi + 224)));
                // The two shorts of an int added in its upper half, sign-extended (as in Q4KKernel.rowsWide).
                IntVector s0 = (IntVector) low0.reinterpretAsInts();
                IntVector s1 = (IntVector) upper0.reinterpretAsInts();
                IntVector s2 = (IntVector) low1.reinterpretAsInts();
                IntVector s3 = (IntVector) upper1.reinterpretAsInts();
                s0 = s0.add(s0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s1 = s1.add(s1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s2 = s2.add(s2.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s3 = s3.add(s3.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                IntVector block = s0.mul(scales.and(0xFF))
                        .add(s1.mul(scales.lanewise(VectorOperators.LSHR, 8).and(0xFF)))
                        .add(s2.mul(scales.lanewise(VectorOperators.LSHR, 16).and(0xFF))
                                .add(s3.mul(scales.lanewise(VectorOperators.LSHR, 24))));
                float d = Float.float16ToFloat((short) dd) * xs[b];
                // Lane i of ggml's sumi is lanes i and i+8 (exact: at most 32 * 31 * 127 * 63).
                FloatVector sums = (FloatVector) block.add(block.slice(8)).convert(VectorOperators.I2F, 0);
                acc = sums.fma(FloatVector.broadcast(F, d), acc);
            }
            // ggml's hsum_float_8 over lanes 0-7, written out (see Q4KKernel.rowsWide).
            acc = acc.add(acc.slice(4));
            acc = acc.add(acc.slice(2));
            acc = acc.add(acc.slice(1));
            float result = acc.lane(0) - minTerm;
            if (out != null) {
                out[outOffset + r] = result;
            }
            last = result;
        }
        return last;
    }

    /**
     * Per super-block, each 5-bit quant (nibble | fifth bit from {@code qh}) is widened to a float and multiplied
     * by its sub-block's 6-bit scale (at most 31 * 63), then multiplied with the activation quants and summed lane-wise: every product and every lane sum
     * is an integer below 2^24, so this block sum is exact, like ggml's integer one. It is then scaled by
     * {@code d * xd} into the row accumulator; the min term is integer per block (from the Q8_K sums). Nibbles
     * are split and the fifth bits placed on int lanes (x86 has no byte shift). One method for the whole row: no vector crosses a call.
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
            long qh = at + QH;
            int xi = b * QK_K;
            FloatVector blockLo = FloatVector.zero(F);
            FloatVector blockHi = FloatVector.zero(F);
            for (int i = 0; i < 4; i++) {
                float scaleLo = (scales >>> (16 * i)) & 0xFF;
                float scaleHi = (scales >>> (16 * i + 8)) & 0xFF;
                for (int k = 0; k < 32; k += L) {
                    IntVector q = (IntVector) ByteVector.fromMemorySegment(B, w, qs + 32 * i + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0);
                    // Fifth bits: bit 2i of qh tops the low nibbles, bit 2i+1 the high ones.
                    IntVector h = ((IntVector) ByteVector.fromMemorySegment(B, w, qh + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0)).lanewise(VectorOperators.LSHR, 2 * i);
                    FloatVector wLo = ((FloatVector) q.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x10))
                            .convert(VectorOperators.I2F, 0)).mul(scaleLo);
                    FloatVector wHi = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                            .or(h.lanewise(VectorOperators.LSHL, 3).and(0x10)).convert(VectorOperators.I2F, 0)).mul(scaleHi);
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

    /** Each weight as a float, {@code d * scale * q - dmin * min} (nibble and fifth bit as {@link #dot} takes them). */
    @Override
    public void decodeRow(MemorySegment w, long offset, int n, DecodedRow dst) {
        dst.checkFits(GgmlType.Q5_K, w, offset, n);
        float[] values = dst.values;
        IntVector evenShifts = IntVector.fromArray(I, KQuants.EVEN_SCALE_SHIFTS, 0);
        IntVector oddShifts = IntVector.fromArray(I, KQuants.ODD_SCALE_SHIFTS, 0);
        IntVector highShifts = IntVector.fromArray(I, HIGH_SHIFTS, 0);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            int dd = LittleEndian.getInt(w, at);
            long lo = LittleEndian.getLong(w, at + SCALES);
            int hi = LittleEndian.getInt(w, at + SCALES + 8);
            float d = Float.float16ToFloat((short) dd);
            float negativeDmin = -Float.float16ToFloat((short) (dd >>> 16));
            IntVector high = IntVector.fromMemorySegment(I, w, at + QH, LittleEndian.ORDER).rearrange(REPEAT_LOW)
                    .lanewise(VectorOperators.LSHR, highShifts);
            for (int c = 0; c < 2; c++) {
                int scales = c == 0 ? KQuants.scales0123(lo) : KQuants.scales4567(lo, hi);
                int mins = c == 0 ? KQuants.mins0123(lo) : KQuants.mins4567(lo, hi);
                FloatVector evenScales = DecodedRow.subBlockFactors(scales, evenShifts, d);
                FloatVector oddScales = DecodedRow.subBlockFactors(scales, oddShifts, d);
                FloatVector evenMins = DecodedRow.subBlockFactors(mins, evenShifts, negativeDmin);
                FloatVector oddMins = DecodedRow.subBlockFactors(mins, oddShifts, negativeDmin);
                IntVector q = IntVector.fromMemorySegment(I, w, at + QS + 64 * c, LittleEndian.ORDER);
                IntVector h = c == 0 ? high : high.lanewise(VectorOperators.LSHR, 4);
                int xi = b * QK_K + 128 * c;
                for (int j = 0; j < 8; j += 2) {
                    IntVector hj = h.lanewise(VectorOperators.LSHR, 4 * j);
                    ((FloatVector) q.lanewise(VectorOperators.LSHR, 4 * j).and(0x0F)
                            .or(hj.lanewise(VectorOperators.LSHL, 4).and(0x10)).convert(VectorOperators.I2F, 0))
                            .fma(evenScales, evenMins).intoArray(values, xi + 16 * j);
                    ((FloatVector) q.lanewise(VectorOperators.LSHR, 4 * j + 4).and(0x0F)
                            .or(hj.lanewise(VectorOperators.LSHL, 3).and(0x10)).convert(VectorOperators.I2F, 0))
                            .fma(oddScales, oddMins).intoArray(values, xi + 16 * j + 16);
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
            QuantKernel.dotBatchByFours(this, Q5KKernel::dot4Narrow, w, offset, xs, from, count, n, out, column);
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
            long qh = at + QH;
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
                    // Fifth bits: bit 2i of qh tops the low nibbles, bit 2i+1 the high ones.
                    IntVector h = ((IntVector) ByteVector.fromMemorySegment(B, w, qh + k, LittleEndian.ORDER)
                            .convertShape(VectorOperators.B2I, I, 0)).lanewise(VectorOperators.LSHR, 2 * i);
                    FloatVector wLo = ((FloatVector) q.and(0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and(0x10))
                            .convert(VectorOperators.I2F, 0)).mul(scaleLo);
                    FloatVector wHi = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).and(0x0F)
                            .or(h.lanewise(VectorOperators.LSHL, 3).and(0x10)).convert(VectorOperators.I2F, 0)).mul(scaleHi);
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
