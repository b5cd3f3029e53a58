package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.KQuants.QK_K;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.I;
import static io.docswarm.engine.quant.VectorSupport.S32;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q6_K weights {@linkplain InterleavedRows interleaved} sixteen rows at a time. Q6_K keeps a 6-bit quant per
 * element (a low nibble in {@code ql}, two high bits in {@code qh}), an int8 scale per 16 elements and an F16
 * {@code d}; element = {@code d * scale * (q - 32)}.
 *
 * <p>Every group of 16 rows is {@code cols / 256} group-blocks of {@link #GROUP_BLOCK_BYTES}, one per
 * super-block, in column order; the groups follow each other. A group-block holds:
 * <ul>
 *   <li>bytes 0-3071, the quants: per sub-block {@code s} (16 columns) 192 bytes, three reads of 32 short
 *       lanes, lane {@code 2r + p} row {@code r}'s. In the first two reads ({@code k} = 0, 1), nibble {@code q} is
 *       the low four bits of column {@code 8k + 2q + p}; in the third, bits {@code 2g, 2g+1} are the high two
 *       bits of column {@code 2g + p}. So the quants of column pair {@code g} of all sixteen rows are one
 *       shift-and-mask of each kind away, ready to multiply by the activation pair broadcast to every int;</li>
 *   <li>bytes 3072-3327, the int8 scales, sub-block-major ({@code 16 s + r});</li>
 *   <li>bytes 3328-3359, each row's {@code d} as the file's F16 value.</li>
 * </ul>
 * Exactly the size of the 16 rows' blocks in the file.
 *
 * <p>The products are exact integers: {@code (q - 32) * xq} (at most 32 * 127, the Q8_K quants being within
 * +-127) summed eight to a short lane, the two lanes of an int added as ints, times the sub-block scale, over the
 * super-block; then {@code acc = fma(sum, d * xd, acc)} per row, in lanes. That is ggml's integer sum, scaled once
 * per block rather than in its eight lanes, so the results agree with {@link Q6KKernel#dot} up to float rounding.
 * One, four and eight tokens at a time compute the same numbers. Eight at a time share each weight's unpacking
 * enough to beat decoding rows to floats for prompt batches ({@code KernelBench}, 2,048 x 2,048, one thread:
 * 37-39 GB/s against 35); four at a time did not (30.5).
 */
public final class InterleavedQ6K implements InterleavedRows {
    static final InterleavedQ6K INSTANCE = new InterleavedQ6K();
    /** Bytes per group-block: sixteen rows of one super-block. */
    static final int GROUP_BLOCK_BYTES = 3072 + 256 + 32;
    private static final int SCALES = 3072;
    private static final int D = 3328;
    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    private static final long TWO_BIT_BYTES = 0x0303030303030303L;
    private static final long LOW_NIBBLES_OF_INTS = 0x0000000F0000000FL;
    // The file's block: ql[128], qh[64], int8 scales[16], f16 d.
    private static final int QH = 128;
    private static final int FILE_SCALES = 192;
    private static final int FILE_D = 208;

    private InterleavedQ6K() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q6_K;
    }

    @Override
    public int groupBlockBytes() {
        return GROUP_BLOCK_BYTES;
    }

    /**
     * Sub-block {@code s} (elements {@code 16s .. 16s+15}) lies in half {@code s / 8} of the file's block,
     * quarter {@code (s % 8) / 2}, at {@code l = 16 (s % 2) + c}: its low nibbles are 16 consecutive {@code ql}
     * bytes (the low or high nibbles: quarter 0-1 or 2-3), its high bits 16 consecutive {@code qh} bytes
     * (bits {@code 2 quarter}).
     */
    @Override
    public void packRowBlock(MemorySegment src, long at, MemorySegment dst, long out, int r) {
        LittleEndian.setShort(dst, out + D + 2 * r, LittleEndian.getShort(src, at + FILE_D));
        for (int s = 0; s < 16; s++) {
            int half = s / 8;
            int quarter = (s % 8) / 2;
            long ql = at + 64L * half + 32L * (quarter % 2) + 16L * (s % 2);
            long qh = at + QH + 32L * half + 16L * (s % 2);
            long sub = out + 192L * s;
            LittleEndian.setByte(dst, out + SCALES + 16 * s + r, LittleEndian.getByte(src, at + FILE_SCALES + s));
            int highFields = 0;
            for (int k = 0; k < 2; k++) {
                long nibbles = (LittleEndian.getLong(src, ql + 8 * k) >>> (quarter < 2 ? 0 : 4))
                        & InterleavedQ4K.NIBBLE_BYTES;
                LittleEndian.setShort(dst, sub + 64 * k + 4 * r,
                        InterleavedQ4K.fourNibbles(nibbles & InterleavedQ4K.EVEN_BYTES));
                LittleEndian.setShort(dst, sub + 64 * k + 4 * r + 2,
                        InterleavedQ4K.fourNibbles((nibbles >>> 8) & InterleavedQ4K.EVEN_BYTES));
                long high = (LittleEndian.getLong(src, qh + 8 * k) >>> (2 * quarter)) & TWO_BIT_BYTES;
                // Columns 8k .. 8k+7: the even ones' fields (p = 0) in the low short, the odd ones' in the high.
                highFields |= fourFields(high & InterleavedQ4K.EVEN_BYTES) << (8 * k);
                highFields |= fourFields((high >>> 8) & InterleavedQ4K.EVEN_BYTES) << (16 + 8 * k);
            }
            LittleEndian.setShort(dst, sub + 128 + 4 * r, (short) highFields);
            LittleEndian.setShort(dst, sub + 128 + 4 * r + 2, (short) (highFields >>> 16));
        }
    }

    /** The two-bit values in bytes 0, 2, 4 and 6 of {@code v} (all other bits zero) as one byte, in that order. */
    private static int fourFields(long v) {
        long pairs = (v | (v >>> 14)) & LOW_NIBBLES_OF_INTS; // bits 0-3 and 32-35: two fields each
        return (int) ((pairs | (pairs >>> 28)) & 0xFF);
    }

    /** Exactly as {@link Q6KKernel#dequantize} decodes the file's row. */
    @Override
    public void dequantizeRow(MemorySegment packed, int cols, int row, float[] dst, int dstOffset) {
        int blocks = cols / QK_K;
        int g = row / ROWS;
        int r = row % ROWS;
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            float d = LittleEndian.getHalf(packed, at + D + 2 * r);
            for (int s = 0; s < 16; s++) {
                int scale = LittleEndian.getByte(packed, at + SCALES + 16 * s + r);
                for (int column = 0; column < 16; column++) {
                    int p = column % 2;
                    int pair = column / 2;
                    int lowLane = LittleEndian.getShort(packed, at + 192L * s + 64L * (pair / 4) + 2 * (2 * r + p))
                            & 0xFFFF;
                    int highLane = LittleEndian.getShort(packed, at + 192L * s + 128 + 2 * (2 * r + p)) & 0xFFFF;
                    int q = ((lowLane >> (4 * (pair % 4))) & 0xF) | ((highLane >> (2 * pair)) & 3) << 4;
                    dst[dstOffset + b * QK_K + 16 * s + column] = d * scale * (q - 32);
                }
            }
        }
    }

    @Override
    public void multiplyGroup(MemorySegment packed, int cols, int g, QuantizedRow[] xs, int from, int to,
            float[][] out, int outOffset) {
        int t = from;
        for (; t + 8 <= to; t += 8) {
            eightTokens(packed, cols, g, xs, t, out, outOffset);
        }
        for (; t + 4 <= to; t += 4) {
            fourTokens(packed, cols, g, xs[t], xs[t + 1], xs[t + 2], xs[t + 3], out[t], out[t + 1],
                    out[t + 2], out[t + 3], outOffset);
        }
        for (; t < to; t++) {
            oneToken(packed, cols, g, xs[t], out[t], outOffset);
        }
    }

    private static void oneToken(MemorySegment w, int cols, int g, QuantizedRow x, float[] out, int outOffset) {
        int blocks = cols / QK_K;
        int[] pairs = x.pairs;
        float[] xs = x.scales;
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            IntVector blockSum = IntVector.zero(I);
            for (int s = 0; s < 16; s++) {
                long q = at + 192L * s;
                int xi = b * (QK_K / 2) + 8 * s;
                ShortVector low0 = ShortVector.fromMemorySegment(S32, w, q, LittleEndian.ORDER);
                ShortVector low1 = ShortVector.fromMemorySegment(S32, w, q + 64, LittleEndian.ORDER);
                ShortVector high = ShortVector.fromMemorySegment(S32, w, q + 128, LittleEndian.ORDER);
                // Column pair j: low nibble j % 4 of read j / 4, high bits 2j..2j+1 moved to bits 4-5, less 32.
                ShortVector sum = low0.and((short) 0xF).or(high.lanewise(VectorOperators.LSHL, 4).and((short) 0x30))
                        .sub((short) 32)
                        .mul((ShortVector) IntVector.broadcast(I, pairs[xi]).reinterpretAsShorts())
                        .add(low0.lanewise(VectorOperators.LSHR, 4).and((short) 0xF)
                                .or(high.lanewise(VectorOperators.LSHL, 2).and((short) 0x30)).sub((short) 32)
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 1]).reinterpretAsShorts()))
                        .add(low0.lanewise(VectorOperators.LSHR, 8).and((short) 0xF)
                                .or(high.and((short) 0x30)).sub((short) 32)
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 2]).reinterpretAsShorts()))
                        .add(low0.lanewise(VectorOperators.LSHR, 12)
                                .or(high.lanewise(VectorOperators.LSHR, 2).and((short) 0x30)).sub((short) 32)
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 3]).reinterpretAsShorts()))
                        .add(low1.and((short) 0xF)
                                .or(high.lanewise(VectorOperators.LSHR, 4).and((short) 0x30)).sub((short) 32)
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 4]).reinterpretAsShorts()))
                        .add(low1.lanewise(VectorOperators.LSHR, 4).and((short) 0xF)
                                .or(high.lanewise(VectorOperators.LSHR, 6).and((short) 0x30)).sub((short) 32)
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 5]).reinterpretAsShorts()))
                        .add(low1.lanewise(VectorOperators.LSHR, 8).and((short) 0xF)
                                .or(high.lanewise(VectorOperators.LSHR, 8).and((short) 0x30)).sub((short) 32)
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 6]).reinterpretAsShorts()))
                        .add(low1.lanewise(VectorOperators.LSHR, 12)
                                .or(high.lanewise(VectorOperators.LSHR, 10).and((short) 0x30)).sub((short) 32)
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 7]).reinterpretAsShorts()));
                // Int lane r: the sign-extended upper short plus the sign-extended lower one (their sum may not
                // fit a short).
                IntVector si = (IntVector) sum.reinterpretAsInts();
                si = si.lanewise(VectorOperators.ASHR, 16)
                        .add(si.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                IntVector scale = (IntVector) ByteVector.fromMemorySegment(B16, w, at + SCALES + 16 * s,
                        LittleEndian.ORDER).convertShape(VectorOperators.B2I, I, 0);
                blockSum = blockSum.add(si.mul(scale));
            }
            // d: F16 bits widened to floats exactly (finite values): exponent and mantissa moved to a float's
            // places, scaled by 2^(127 - 15), the sign put back. Written out: no vector crosses a call here.
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            acc = ((FloatVector) blockSum.convert(VectorOperators.I2F, 0)).fma(d.mul(xs[b]), acc);
        }
        acc.intoArray(out, outOffset + g * ROWS);
    }

    /** {@link #oneToken} for four tokens at once: each weight read and unpacked once for the four. */
    private static void fourTokens(MemorySegment w, int cols, int g, QuantizedRow x0, QuantizedRow x1,
            QuantizedRow x2, QuantizedRow x3, float[] out0, float[] out1, float[] out2, float[] out3, int outOffset) {
        int blocks = cols / QK_K;
        int[] p0 = x0.pairs;
        int[] p1 = x1.pairs;
        int[] p2 = x2.pairs;
        int[] p3 = x3.pairs;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            IntVector block0 = IntVector.zero(I);
            IntVector block1 = IntVector.zero(I);
            IntVector block2 = IntVector.zero(I);
            IntVector block3 = IntVector.zero(I);
            for (int s = 0; s < 16; s++) {
                long q = at + 192L * s;
                int xi = b * (QK_K / 2) + 8 * s;
                ShortVector low0 = ShortVector.fromMemorySegment(S32, w, q, LittleEndian.ORDER);
                ShortVector low1 = ShortVector.fromMemorySegment(S32, w, q + 64, LittleEndian.ORDER);
                ShortVector high = ShortVector.fromMemorySegment(S32, w, q + 128, LittleEndian.ORDER);
                ShortVector s0 = ShortVector.zero(S32);
                ShortVector s1 = ShortVector.zero(S32);
                ShortVector s2 = ShortVector.zero(S32);
                ShortVector s3 = ShortVector.zero(S32);
                for (int j = 0; j < 8; j++) {
                    ShortVector low = j < 4 ? low0 : low1;
                    int lowShift = 4 * (j % 4);
                    int highShift = 2 * j - 4; // bits 2j..2j+1 to bits 4-5
                    ShortVector v = low.lanewise(VectorOperators.LSHR, lowShift).and((short) 0xF)
                            .or((highShift < 0 ? high.lanewise(VectorOperators.LSHL, -highShift)
                                    : high.lanewise(VectorOperators.LSHR, highShift)).and((short) 0x30))
                            .sub((short) 32);
                    s0 = s0.add(v.mul((ShortVector) IntVector.broadcast(I, p0[xi + j]).reinterpretAsShorts()));
                    s1 = s1.add(v.mul((ShortVector) IntVector.broadcast(I, p1[xi + j]).reinterpretAsShorts()));
                    s2 = s2.add(v.mul((ShortVector) IntVector.broadcast(I, p2[xi + j]).reinterpretAsShorts()));
                    s3 = s3.add(v.mul((ShortVector) IntVector.broadcast(I, p3[xi + j]).reinterpretAsShorts()));
                }
                IntVector scale = (IntVector) ByteVector.fromMemorySegment(B16, w, at + SCALES + 16 * s,
                        LittleEndian.ORDER).convertShape(VectorOperators.B2I, I, 0);
                IntVector i0 = (IntVector) s0.reinterpretAsInts();
                IntVector i1 = (IntVector) s1.reinterpretAsInts();
                IntVector i2 = (IntVector) s2.reinterpretAsInts();
                IntVector i3 = (IntVector) s3.reinterpretAsInts();
                block0 = block0.add(i0.lanewise(VectorOperators.ASHR, 16)
                        .add(i0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block1 = block1.add(i1.lanewise(VectorOperators.ASHR, 16)
                        .add(i1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block2 = block2.add(i2.lanewise(VectorOperators.ASHR, 16)
                        .add(i2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block3 = block3.add(i3.lanewise(VectorOperators.ASHR, 16)
                        .add(i3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
            }
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            acc0 = ((FloatVector) block0.convert(VectorOperators.I2F, 0)).fma(d.mul(x0.scales[b]), acc0);
            acc1 = ((FloatVector) block1.convert(VectorOperators.I2F, 0)).fma(d.mul(x1.scales[b]), acc1);
            acc2 = ((FloatVector) block2.convert(VectorOperators.I2F, 0)).fma(d.mul(x2.scales[b]), acc2);
            acc3 = ((FloatVector) block3.convert(VectorOperators.I2F, 0)).fma(d.mul(x3.scales[b]), acc3);
        }
        acc0.intoArray(out0, outOffset + g * ROWS);
        acc1.intoArray(out1, outOffset + g * ROWS);
        acc2.intoArray(out2, outOffset + g * ROWS);
        acc3.intoArray(out3, outOffset + g * ROWS);
    }

    /** {@link #fourTokens} for eight tokens: the unpacking of each weight shared by eight. */
    private static void eightTokens(MemorySegment w, int cols, int g, QuantizedRow[] xs, int t, float[][] out,
            int outOffset) {
        QuantizedRow x0 = xs[t];
        QuantizedRow x1 = xs[t + 1];
        QuantizedRow x2 = xs[t + 2];
        QuantizedRow x3 = xs[t + 3];
        QuantizedRow x4 = xs[t + 4];
        QuantizedRow x5 = xs[t + 5];
        QuantizedRow x6 = xs[t + 6];
        QuantizedRow x7 = xs[t + 7];
        int blocks = cols / QK_K;
        int[] p0 = x0.pairs;
        int[] p1 = x1.pairs;
        int[] p2 = x2.pairs;
        int[] p3 = x3.pairs;
        int[] p4 = x4.pairs;
        int[] p5 = x5.pairs;
        int[] p6 = x6.pairs;
        int[] p7 = x7.pairs;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        FloatVector acc4 = FloatVector.zero(F);
        FloatVector acc5 = FloatVector.zero(F);
        FloatVector acc6 = FloatVector.zero(F);
        FloatVector acc7 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            IntVector block0 = IntVector.zero(I);
            IntVector block1 = IntVector.zero(I);
            IntVector block2 = IntVector.zero(I);
            IntVector block3 = IntVector.zero(I);
            IntVector block4 = IntVector.zero(I);
            IntVector block5 = IntVector.zero(I);
            IntVector block6 = IntVector.zero(I);
            IntVector block7 = IntVector.zero(I);
            for (int s = 0; s < 16; s++) {
                long q = at + 192L * s;
                int xi = b * (QK_K / 2) + 8 * s;
                ShortVector low0 = ShortVector.fromMemorySegment(S32, w, q, LittleEndian.ORDER);
                ShortVector low1 = ShortVector.fromMemorySegment(S32, w, q + 64, LittleEndian.ORDER);
                ShortVector high = ShortVector.fromMemorySegment(S32, w, q + 128, LittleEndian.ORDER);
                ShortVector s0 = ShortVector.zero(S32);
                ShortVector s1 = ShortVector.zero(S32);
                ShortVector s2 = ShortVector.zero(S32);
                ShortVector s3 = ShortVector.zero(S32);
                ShortVector s4 = ShortVector.zero(S32);
                ShortVector s5 = ShortVector.zero(S32);
                ShortVector s6 = ShortVector.zero(S32);
                ShortVector s7 = ShortVector.zero(S32);
                for (int j = 0; j < 8; j++) {
                    ShortVector low = j < 4 ? low0 : low1;
                    int lowShift = 4 * (j % 4);
                    int highShift = 2 * j - 4; // bits 2j..2j+1 to bits 4-5
                    ShortVector v = low.lanewise(VectorOperators.LSHR, lowShift).and((short) 0xF)
                            .or((highShift < 0 ? high.lanewise(VectorOperators.LSHL, -highShift)
                                    : high.lanewise(VectorOperators.LSHR, highShift)).and((short) 0x30))
                            .sub((short) 32);
                    s0 = s0.add(v.mul((ShortVector) IntVector.broadcast(I, p0[xi + j]).reinterpretAsShorts()));
                    s1 = s1.add(v.mul((ShortVector) IntVector.broadcast(I, p1[xi + j]).reinterpretAsShorts()));
                    s2 = s2.add(v.mul((ShortVector) IntVector.broadcast(I, p2[xi + j]).reinterpretAsShorts()));
                    s3 = s3.add(v.mul((ShortVector) IntVector.broadcast(I, p3[xi + j]).reinterpretAsShorts()));
                    s4 = s4.add(v.mul((ShortVector) IntVector.broadcast(I, p4[xi + j]).reinterpretAsShorts()));
                    s5 = s5.add(v.mul((ShortVector) IntVector.broadcast(I, p5[xi + j]).reinterpretAsShorts()));
                    s6 = s6.add(v.mul((ShortVector) IntVector.broadcast(I, p6[xi + j]).reinterpretAsShorts()));
                    s7 = s7.add(v.mul((ShortVector) IntVector.broadcast(I, p7[xi + j]).reinterpretAsShorts()));
                }
                IntVector scale = (IntVector) ByteVector.fromMemorySegment(B16, w, at + SCALES + 16 * s,
                        LittleEndian.ORDER).convertShape(VectorOperators.B2I, I, 0);
                IntVector i0 = (IntVector) s0.reinterpretAsInts();
                IntVector i1 = (IntVector) s1.reinterpretAsInts();
                IntVector i2 = (IntVector) s2.reinterpretAsInts();
                IntVector i3 = (IntVector) s3.reinterpretAsInts();
                IntVector i4 = (IntVector) s4.reinterpretAsInts();
                IntVector i5 = (IntVector) s5.reinterpretAsInts();
                IntVector i6 = (IntVector) s6.reinterpretAsInts();
                IntVector i7 = (IntVector) s7.reinterpretAsInts();
                block0 = block0.add(i0.lanewise(VectorOperators.ASHR, 16)
                        .add(i0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block1 = block1.add(i1.lanewise(VectorOperators.ASHR, 16)
                        .add(i1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block2 = block2.add(i2.lanewise(VectorOperators.ASHR, 16)
                        .add(i2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block3 = block3.add(i3.lanewise(VectorOperators.ASHR, 16)
                        .add(i3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block4 = block4.add(i4.lanewise(VectorOperators.ASHR, 16)
                        .add(i4.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block5 = block5.add(i5.lanewise(VectorOperators.ASHR, 16)
                        .add(i5.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block6 = block6.add(i6.lanewise(VectorOperators.ASHR, 16)
                        .add(i6.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
                block7 = block7.add(i7.lanewise(VectorOperators.ASHR, 16)
                        .add(i7.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scale));
            }
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            acc0 = ((FloatVector) block0.convert(VectorOperators.I2F, 0)).fma(d.mul(x0.scales[b]), acc0);
            acc1 = ((FloatVector) block1.convert(VectorOperators.I2F, 0)).fma(d.mul(x1.scales[b]), acc1);
            acc2 = ((FloatVector) block2.convert(VectorOperators.I2F, 0)).fma(d.mul(x2.scales[b]), acc2);
            acc3 = ((FloatVector) block3.convert(VectorOperators.I2F, 0)).fma(d.mul(x3.scales[b]), acc3);
            acc4 = ((FloatVector) block4.convert(VectorOperators.I2F, 0)).fma(d.mul(x4.scales[b]), acc4);
            acc5 = ((FloatVector) block5.convert(VectorOperators.I2F, 0)).fma(d.mul(x5.scales[b]), acc5);
            acc6 = ((FloatVector) block6.convert(VectorOperators.I2F, 0)).fma(d.mul(x6.scales[b]), acc6);
            acc7 = ((FloatVector) block7.convert(VectorOperators.I2F, 0)).fma(d.mul(x7.scales[b]), acc7);
        }
        acc0.intoArray(out[t + 0], outOffset + g * ROWS);
        acc1.intoArray(out[t + 1], outOffset + g * ROWS);
        acc2.intoArray(out[t + 2], outOffset + g * ROWS);
        acc3.intoArray(out[t + 3], outOffset + g * ROWS);
        acc4.intoArray(out[t + 4], outOffset + g * ROWS);
        acc5.intoArray(out[t + 5], outOffset + g * ROWS);
        acc6.intoArray(out[t + 6], outOffset + g * ROWS);
        acc7.intoArray(out[t + 7], outOffset + g * ROWS);
    }
}
