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

    /** With 512-bit vectors, {@link #rowsWide} for one row; narrower ones use {@link #dotNarrow}. */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        return QuantKernel.dotByRows(this, Q4KKernel::rowsWide, Q4KKernel::dotNarrow, w, offset, x, n);
    }

    @Override
    public boolean runsRowRanges() {
        return L == 16;
    }

    @Override
    public void dotRows(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n, float[] out,
            int outOffset) {
        QuantKernel.dotRowsByRows(this, Q4KKernel::rowsWide, Q4KKernel::dotNarrow, w, offset, rowBytes, rows, x, n, out,
                outOffset);
    }

    /**
     * The 512-bit one-row products, in integers like ggml's: the 128 {@code qs} bytes are two reads of 32 short lanes,
     * and every nibble of a lane is multiplied by its quant ({@link QuantizedRow#byNibblePairs}) in one short
     * multiplication (at most 15 * 128). A lane's two low nibbles lie in one sub-block and its two high nibbles
     * in the next, so each pair of products is added in its lane (at most 3840); the two lanes of an int, which
     * hold four consecutive elements of one sub-block, are then added as an int. That gives ggml's AVX2 lanes:
     * int lane {@code i} holds elements {@code 4 (i % 8) .. 4 (i % 8) + 3} of one sub-block, times its 6-bit
     * scale (byte {@code k} of one of two broadcast ints picks it for lanes 0-7 and 8-15), and lanes {@code i}
     * and {@code i + 8} folded together are lane {@code i} of ggml's integer block sum. That is converted to
     * float and scaled by {@code d * xd} into the row accumulator, whose eight lanes are added in ggml's order,
     * so the bits are ggml's. About two thirds of the vector instructions of the float products this replaced:
     * one short multiplication covers 32 elements, a float multiply-add 16 after a conversion. The min term
     * comes from the Q8_K sums, per block in scalar code. One method for all the rows: no vector crosses a call.
     * Returns the last row's result (for {@link #dot}); writes each row's to {@code out} unless it is null.
     */
    private static float rowsWide(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n,
            float[] out, int outOffset) {
        short[] xq = x.byNibblePairs;
        float[] xs = x.scales;
        int[] sums32 = x.sums32;
        VectorMask<Integer> upper = VectorMask.fromLong(I, 0xFF00L);
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
                // Int lanes 0-7 of read r, low (k = 0) or high (k = 1) nibbles, are sub-block 4r + k, lanes 8-15
                // sub-block 4r + 2 + k: byte 2r + k of the lanes' int is that scale.
                int scales0123 = KQuants.scales0123(lo);
                int scales4567 = KQuants.scales4567(lo, hi);
                IntVector scales = IntVector.broadcast(I, (scales0123 & 0xFFFF) | (scales4567 << 16))
                        .blend(IntVector.broadcast(I, (scales0123 >>> 16) | (scales4567 & 0xFFFF0000)), upper);
                ShortVector first = ShortVector.fromMemorySegment(S32, w, at + QS, LittleEndian.ORDER);
                ShortVector second = ShortVector.fromMemorySegment(S32, w, at + QS + 64, LittleEndian.ORDER);
                int xi = b * QK_K;
                ShortVector low0 = first.and((short) 0xF).mul(ShortVector.fromArray(S32, xq, xi))
                        .add(first.lanewise(VectorOperators.LSHR, 8).and((short) 0xF)
                                .mul(ShortVector.fromArray(S32, xq, xi + 64)));
                ShortVector high0 = first.lanewise(VectorOperators.LSHR, 4).and((short) 0xF)
                        .mul(ShortVector.fromArray(S32, xq, xi + 32))
                        .add(first.lanewise(VectorOperators.LSHR, 12).mul(ShortVector.fromArray(S32, xq, xi + 96)));
                ShortVector low1 = second.and((short) 0xF).mul(ShortVector.fromArray(S32, xq, xi + 128))
                        .add(second.lanewise(VectorOperators.LSHR, 8).and((short) 0xF)
                                .mul(ShortVector.fromArray(S32, xq, xi + 192)));
                ShortVector high1 = second.lanewise(VectorOperators.LSHR, 4).and((short) 0xF)
                        .mul(ShortVector.fromArray(S32, xq, xi + 160))
                        .add(second.lanewise(VectorOperators.LSHR, 12).mul(ShortVector.fromArray(S32, xq, xi + 224)));
                // The two shorts of an int added in its upper half ((v + (v << 16)) >> 16; no carry from the lower
                // half reaches it, and the sum fits 16 bits), sign-extended.
                IntVector s0 = (IntVector) low0.reinterpretAsInts();
                IntVector s1 = (IntVector) high0.reinterpretAsInts();
                IntVector s2 = (IntVector) low1.reinterpretAsInts();
                IntVector s3 = (IntVector) high1.reinterpretAsInts();
                s0 = s0.add(s0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s1 = s1.add(s1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s2 = s2.add(s2.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                s3 = s3.add(s3.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
                IntVector block = s0.mul(scales.and(0xFF))
                        .add(s1.mul(scales.lanewise(VectorOperators.LSHR, 8).and(0xFF)))
                        .add(s2.mul(scales.lanewise(VectorOperators.LSHR, 16).and(0xFF))
                                .add(s3.mul(scales.lanewise(VectorOperators.LSHR, 24))));
                float d = Float.float16ToFloat((short) dd) * xs[b];
                // Lanes i and i+8 hold the same elements of two sub-blocks: their sum is lane i of ggml's AVX2 sumi
                // (exact: at most 32 * 15 * 127 * 63), and the row sum adds its eight lanes in ggml's order
                // (hsum_float_8); lanes 8-15 are unused.
                FloatVector sums = (FloatVector) block.add(block.slice(8)).convert(VectorOperators.I2F, 0);
                acc = sums.fma(FloatVector.broadcast(F, d), acc);
            }
            // VectorSupport.sum written out: this method is too big for the JIT to inline a vector-taking helper.
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
