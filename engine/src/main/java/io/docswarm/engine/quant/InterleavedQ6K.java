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
 *   <li>bytes 0-3071, the quants: per sub-block {@code s} (16 columns) 192 bytes, three reads {@code A, B, C} of
 *       32 short lanes, lane {@code 2r + p} row {@code r}'s, holding the eight columns {@code 2j + p}
 *       ({@code j} = 0..7) of that row, each as the file's unsigned 6-bit {@code q}:
 *       <pre>
 *       A: bits 0-3 q2 (low four), 4-9 q0, 10-15 q1
 *       B: bits 0-3 q5 (low four), 4-9 q3, 10-15 q4
 *       C: bits 0-1 q2 (high two), 2-3 q5 (high two), 4-9 q6, 10-15 q7
 *       </pre>
 *       The one-token product unpacks them with shifts of whole ints (one instruction with an immediate count;
 *       x86 has no such form for 16-bit lanes, so a shift of shorts costs two) and masks. The products of
 *       several tokens first turn each field into {@code q ^ 32}, which is {@code q - 32} as a 6-bit
 *       two's-complement field, so that a left shift to the top of the lane and an arithmetic right shift by 10
 *       give {@code q - 32}: 21 vector operations for a sub-block's eight column pairs of all sixteen rows,
 *       shared by the tokens;</li>
 *   <li>bytes 3072-3327, the int8 scales, sub-block-major ({@code 16 s + r});</li>
 *   <li>bytes 3328-3359, each row's {@code d} as the file's F16 value.</li>
 * </ul>
 * Exactly the size of the 16 rows' blocks in the file.
 *
 * <p>The products are exact integers: {@code (q - 32) * xq} (at most 32 * 127, the Q8_K quants being within
 * +-127) summed eight to a short lane, the two lanes of an int added as ints, times the sub-block scale, over the
 * super-block; then {@code acc = fma(sum, d * xd, acc)} per row, in lanes. The one-token product sums
 * {@code q * xq} instead, which may wrap around in a short, and subtracts {@code 32 * sum(xq)}
 * ({@link QuantizedRow#centreSums}): modulo 2^16 that is the sum of {@code (q - 32) * xq}, which fits a short,
 * so the lane holds it exactly. That is ggml's integer sum, scaled once
 * per block rather than in its eight lanes, so the results agree with {@link Q6KKernel#dot} up to float rounding.
 * One, four and eight tokens at a time compute the same numbers. Eight at a time share each weight's unpacking
 * enough to beat decoding rows to floats for prompt batches ({@code KernelBench}); four at a time serve the
 * remainder.
 */
public final class InterleavedQ6K implements InterleavedRows {
    static final InterleavedQ6K INSTANCE = new InterleavedQ6K();
    /** Bytes per group-block: sixteen rows of one super-block. */
    static final int GROUP_BLOCK_BYTES = 3072 + 256 + 32;
    /** A sixteenth of a group-block: read ahead once per sub-block of {@link #twoGroupsOneToken}. */
    private static final int AHEAD_BYTES = GROUP_BLOCK_BYTES / 16;
    private static final int SCALES = 3072;
    private static final int D = 3328;
    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    /** Keeps bits 2-3 of {@code C} once they are shifted to the top of the lane (f5's high bits). */
    private static final short TOP_TWO_BITS = (short) 0xC000;
    private static final long TWO_BIT_BYTES = 0x0303030303030303L;
    /** Bit 5 of every field of {@code A} and {@code B} in both shorts of an int (see the class comment). */
    private static final int CENTRES_AB = 0x82008200;
    /** Bit 5 of every field of {@code C} in both shorts of an int (the split fields' bit 5 at bits 1 and 3). */
    private static final int CENTRES_C = 0x820A820A;
    /** Six bits, four bits and bits 4-5 of both shorts of an int. */
    private static final int SIX_BITS = 0x003F003F;
    private static final int LOW_NIBBLES = 0x000F000F;
    private static final int BITS_4_5 = 0x00300030;
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
            LittleEndian.setByte(dst, out + SCALES + 16 * s + r, LittleEndian.getByte(src, at + FILE_SCALES + s));
            // Byte c of each: column c's (c + 8's) q.
            long first = fields(src, ql, qh, quarter);
            long second = fields(src, ql + 8, qh + 8, quarter);
            long lane = out + 192L * s + 4L * r;
            // Column pair j is column 2j + p: pairs 0-3 in the first eight columns, 4-7 in the second. Lanes 2r
            // (p = 0) and 2r + 1 (p = 1) are one int of each read.
            int a = 0;
            int b = 0;
            int c = 0;
            for (int p = 0; p < 2; p++) {
                int f0 = field(first, p);
                int f1 = field(first, 2 + p);
                int f2 = field(first, 4 + p);
                int f3 = field(first, 6 + p);
                int f4 = field(second, p);
                int f5 = field(second, 2 + p);
                int f6 = field(second, 4 + p);
                int f7 = field(second, 6 + p);
                a |= ((f2 & 0xF) | f0 << 4 | f1 << 10) << (16 * p);
                b |= ((f5 & 0xF) | f3 << 4 | f4 << 10) << (16 * p);
                c |= (f2 >> 4 | (f5 >> 4) << 2 | f6 << 4 | f7 << 10) << (16 * p);
            }
            LittleEndian.setInt(dst, lane, a);
            LittleEndian.setInt(dst, lane + 64, b);
            LittleEndian.setInt(dst, lane + 128, c);
        }
    }

    /**
     * Eight columns' 6-bit quants {@code q}, one per byte: low nibbles from the eight {@code ql}
     * bytes at {@code ql} (their high nibbles for quarters 2 and 3), high bits {@code 2 quarter} of the eight
     * {@code qh} bytes at {@code qh}.
     */
    private static long fields(MemorySegment src, long ql, long qh, int quarter) {
        long low = (LittleEndian.getLong(src, ql) >>> (quarter < 2 ? 0 : 4)) & InterleavedQ4K.NIBBLE_BYTES;
        long high = (LittleEndian.getLong(src, qh) >>> (2 * quarter)) & TWO_BIT_BYTES;
        return low | high << 4;
    }

    private static int field(long fields, int column) {
        return (int) (fields >>> (8 * column)) & 0x3F;
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
                for (int p = 0; p < 2; p++) {
                    long lane = at + 192L * s + 2 * (2 * r + p);
                    int a = LittleEndian.getShort(packed, lane) & 0xFFFF;
                    int bb = LittleEndian.getShort(packed, lane + 64) & 0xFFFF;
                    int c = LittleEndian.getShort(packed, lane + 128) & 0xFFFF;
                    int[] fields = {a >> 4, a >> 10, (a & 0xF) | (c & 3) << 4, bb >> 4, bb >> 10,
                            (bb & 0xF) | (c & 0xC) << 2, c >> 4, c >> 10};
                    for (int j = 0; j < 8; j++) {
                        int centred = (fields[j] & 63) - 32;
                        dst[dstOffset + b * QK_K + 16 * s + 2 * j + p] = d * scale * centred;
                    }
                }
            }
        }
    }

    @Override
    public void multiplyGroup(MemorySegment packed, int cols, int g, QuantizedRow[] xs, int from, int to,
            float[][] out, int outOffset) {
        int t = from;
        int blocks = cols / QK_K;
        for (; t + 8 <= to; t += 8) {
            for (int b = 0; b < blocks; b++) {
                eightTokens(packed, cols, g, b, xs, t, out, outOffset);
            }
        }
        for (; t + 4 <= to; t += 4) {
            for (int b = 0; b < blocks; b++) {
                fourTokens(packed, cols, g, b, xs[t], xs[t + 1], xs[t + 2], xs[t + 3], out[t], out[t + 1],
                        out[t + 2], out[t + 3], outOffset);
            }
        }
        for (; t < to; t++) {
            oneToken(packed, cols, g, xs[t], out[t], outOffset);
        }
    }

    /**
     * One token at a time, two groups at a time where a range has them ({@link #twoGroupsOneToken}); several
     * tokens through {@link #multiplyGroup}.
     */
    @Override
    public void multiply(MemorySegment packed, int cols, QuantizedRow[] xs, int from, int count, float[][] out,
            int outOffset, int groupStart, int groupEnd) {
        if (count >= 4) {
            multiplyEachGroup(packed, cols, xs, from, count, out, outOffset, groupStart, groupEnd);
            return;
        }
        multiplyOneTokenGroupPairs(InterleavedQ6K::twoGroupsOneToken, InterleavedQ6K::oneToken, packed, cols, xs, from,
                count, out, outOffset, groupStart, groupEnd);
    }

    /**
     * {@link #oneToken} for groups {@code g} and {@code g + 1}: each activation pair is broadcast once for 32 rows
     * instead of 16 (C2 makes most broadcasts from a general register, which on x86 costs an operation on the port
     * that also widens the scales). The same integers and floats per row as {@link #oneToken}.
     */
    private static void twoGroupsOneToken(MemorySegment w, int cols, int g, QuantizedRow x, float[] out,
            int outOffset) {
        int blocks = cols / QK_K;
        long groupBytes = (long) blocks * GROUP_BLOCK_BYTES;
        int[] pairs = x.pairs;
        int[] centres = x.centreSums;
        float[] xs = x.scales;
        long groupStart = (long) g * groupBytes;
        FloatVector acc = FloatVector.zero(F);
        FloatVector accNext = FloatVector.zero(F);
        int touched = 0;
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            long next = at + groupBytes;
            IntVector blockSum = IntVector.zero(I);
            IntVector blockSumNext = IntVector.zero(I);
            for (int s = 0; s < 16; s++) {
                long ahead = (long) b * GROUP_BLOCK_BYTES + AHEAD_BYTES * s;
                touched += ReadAhead.touch(w, groupStart, groupBytes, ahead, AHEAD_BYTES)
                        + ReadAhead.touch(w, groupStart + groupBytes, groupBytes, ahead, AHEAD_BYTES);
                int xi = b * (QK_K / 2) + 8 * s;
                ShortVector x0 = (ShortVector) IntVector.broadcast(I, pairs[xi]).reinterpretAsShorts();
                ShortVector x1 = (ShortVector) IntVector.broadcast(I, pairs[xi + 1]).reinterpretAsShorts();
                ShortVector x2 = (ShortVector) IntVector.broadcast(I, pairs[xi + 2]).reinterpretAsShorts();
                ShortVector x3 = (ShortVector) IntVector.broadcast(I, pairs[xi + 3]).reinterpretAsShorts();
                ShortVector x4 = (ShortVector) IntVector.broadcast(I, pairs[xi + 4]).reinterpretAsShorts();
                ShortVector x5 = (ShortVector) IntVector.broadcast(I, pairs[xi + 5]).reinterpretAsShorts();
                ShortVector x6 = (ShortVector) IntVector.broadcast(I, pairs[xi + 6]).reinterpretAsShorts();
                ShortVector x7 = (ShortVector) IntVector.broadcast(I, pairs[xi + 7]).reinterpretAsShorts();
                ShortVector centre = (ShortVector) IntVector.broadcast(I, centres[16 * b + s]).reinterpretAsShorts();
                long q = at + 192L * s;
                IntVector a = IntVector.fromMemorySegment(I, w, q, LittleEndian.ORDER);
                IntVector bq = IntVector.fromMemorySegment(I, w, q + 64, LittleEndian.ORDER);
                IntVector c = IntVector.fromMemorySegment(I, w, q + 128, LittleEndian.ORDER);
                ShortVector sum = ((ShortVector) a.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS)
                        .reinterpretAsShorts()).mul(x0)
                        .add(((ShortVector) a.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x1))
                        .add(((ShortVector) a.and(LOW_NIBBLES).or(c.lanewise(VectorOperators.LSHL, 4).and(BITS_4_5))
                                .reinterpretAsShorts()).mul(x2))
                        .add(((ShortVector) bq.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x3))
                        .add(((ShortVector) bq.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS)
                                .reinterpretAsShorts()).mul(x4))
                        .add(((ShortVector) bq.and(LOW_NIBBLES).or(c.lanewise(VectorOperators.LSHL, 2).and(BITS_4_5))
                                .reinterpretAsShorts()).mul(x5))
                        .add(((ShortVector) c.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x6))
                        .add(((ShortVector) c.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x7))
                        .sub(centre);
                long qn = next + 192L * s;
                IntVector an = IntVector.fromMemorySegment(I, w, qn, LittleEndian.ORDER);
                IntVector bn = IntVector.fromMemorySegment(I, w, qn + 64, LittleEndian.ORDER);
                IntVector cn = IntVector.fromMemorySegment(I, w, qn + 128, LittleEndian.ORDER);
                ShortVector sumNext = ((ShortVector) an.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS)
                        .reinterpretAsShorts()).mul(x0)
                        .add(((ShortVector) an.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x1))
                        .add(((ShortVector) an.and(LOW_NIBBLES).or(cn.lanewise(VectorOperators.LSHL, 4).and(BITS_4_5))
                                .reinterpretAsShorts()).mul(x2))
                        .add(((ShortVector) bn.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x3))
                        .add(((ShortVector) bn.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS)
                                .reinterpretAsShorts()).mul(x4))
                        .add(((ShortVector) bn.and(LOW_NIBBLES).or(cn.lanewise(VectorOperators.LSHL, 2).and(BITS_4_5))
                                .reinterpretAsShorts()).mul(x5))
                        .add(((ShortVector) cn.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x6))
                        .add(((ShortVector) cn.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS).reinterpretAsShorts())
                                .mul(x7))
                        .sub(centre);
                IntVector si = (IntVector) sum.reinterpretAsInts();
                si = si.lanewise(VectorOperators.ASHR, 16)
                        .add(si.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                IntVector sn = (IntVector) sumNext.reinterpretAsInts();
                sn = sn.lanewise(VectorOperators.ASHR, 16)
                        .add(sn.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                blockSum = blockSum.add(si.mul((IntVector) ByteVector.fromMemorySegment(B16, w, at + SCALES + 16 * s,
                        LittleEndian.ORDER).convertShape(VectorOperators.B2I, I, 0)));
                blockSumNext = blockSumNext.add(sn.mul((IntVector) ByteVector.fromMemorySegment(B16, w,
                        next + SCALES + 16 * s, LittleEndian.ORDER).convertShape(VectorOperators.B2I, I, 0)));
            }
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            IntVector dnBits = (IntVector) ShortVector.fromMemorySegment(S16, w, next + D, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector dn = (FloatVector) ((FloatVector) dnBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dnBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            acc = ((FloatVector) blockSum.convert(VectorOperators.I2F, 0)).fma(d.mul(xs[b]), acc);
            accNext = ((FloatVector) blockSumNext.convert(VectorOperators.I2F, 0)).fma(dn.mul(xs[b]), accNext);
        }
        acc.intoArray(out, outOffset + g * ROWS);
        accNext.intoArray(out, outOffset + (g + 1) * ROWS);
        ReadAhead.keep(touched);
    }

    private static void oneToken(MemorySegment w, int cols, int g, QuantizedRow x, float[] out, int outOffset) {
        int blocks = cols / QK_K;
        int[] pairs = x.pairs;
        int[] centres = x.centreSums;
        float[] xs = x.scales;
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            IntVector blockSum = IntVector.zero(I);
            for (int s = 0; s < 16; s++) {
                long q = at + 192L * s;
                int xi = b * (QK_K / 2) + 8 * s;
                IntVector a = IntVector.fromMemorySegment(I, w, q, LittleEndian.ORDER);
                IntVector bq = IntVector.fromMemorySegment(I, w, q + 64, LittleEndian.ORDER);
                IntVector c = IntVector.fromMemorySegment(I, w, q + 128, LittleEndian.ORDER);
                // Column pair j's q in every lane (the layout in the class comment), times the activation pair
                // broadcast to every int; the sums wrap around, and the centring brings them back into range.
                ShortVector sum = ((ShortVector) a.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS)
                        .reinterpretAsShorts())
                        .mul((ShortVector) IntVector.broadcast(I, pairs[xi]).reinterpretAsShorts())
                        .add(((ShortVector) a.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS).reinterpretAsShorts())
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 1]).reinterpretAsShorts()))
                        .add(((ShortVector) a.and(LOW_NIBBLES).or(c.lanewise(VectorOperators.LSHL, 4).and(BITS_4_5))
                                .reinterpretAsShorts())
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 2]).reinterpretAsShorts()))
                        .add(((ShortVector) bq.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS).reinterpretAsShorts())
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 3]).reinterpretAsShorts()))
                        .add(((ShortVector) bq.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS)
                                .reinterpretAsShorts())
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 4]).reinterpretAsShorts()))
                        .add(((ShortVector) bq.and(LOW_NIBBLES).or(c.lanewise(VectorOperators.LSHL, 2).and(BITS_4_5))
                                .reinterpretAsShorts())
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 5]).reinterpretAsShorts()))
                        .add(((ShortVector) c.lanewise(VectorOperators.LSHR, 4).and(SIX_BITS).reinterpretAsShorts())
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 6]).reinterpretAsShorts()))
                        .add(((ShortVector) c.lanewise(VectorOperators.LSHR, 10).and(SIX_BITS).reinterpretAsShorts())
                                .mul((ShortVector) IntVector.broadcast(I, pairs[xi + 7]).reinterpretAsShorts()))
                        .sub((ShortVector) IntVector.broadcast(I, centres[16 * b + s]).reinterpretAsShorts());
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

    /**
     * {@link #oneToken} for four tokens at once, one super-block {@code b} of group {@code g} per call: each weight
     * read and unpacked once for the four. The running sums live in {@code out} between calls (stored and loaded
     * exactly). One block per call keeps the JIT from compiling the method on-stack first, which kept its vectors
     * boxed: eight tokens over 8,192 columns ran at 2.9 GB/s instead of 40 ({@code KernelBench}).
     */
    private static void fourTokens(MemorySegment w, int cols, int g, int b, QuantizedRow x0, QuantizedRow x1,
            QuantizedRow x2, QuantizedRow x3, float[] out0, float[] out1, float[] out2, float[] out3, int outOffset) {
        int blocks = cols / QK_K;
        int o = outOffset + g * ROWS;
        int[] p0 = x0.pairs;
        int[] p1 = x1.pairs;
        int[] p2 = x2.pairs;
        int[] p3 = x3.pairs;
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        IntVector block0 = IntVector.zero(I);
        IntVector block1 = IntVector.zero(I);
        IntVector block2 = IntVector.zero(I);
        IntVector block3 = IntVector.zero(I);
        for (int s = 0; s < 16; s++) {
            long q = at + 192L * s;
            int xi = b * (QK_K / 2) + 8 * s;
            ShortVector a = (ShortVector) IntVector.fromMemorySegment(I, w, q, LittleEndian.ORDER)
                    .lanewise(VectorOperators.XOR, CENTRES_AB).reinterpretAsShorts();
            ShortVector bq = (ShortVector) IntVector.fromMemorySegment(I, w, q + 64, LittleEndian.ORDER)
                    .lanewise(VectorOperators.XOR, CENTRES_AB).reinterpretAsShorts();
            ShortVector c = (ShortVector) IntVector.fromMemorySegment(I, w, q + 128, LittleEndian.ORDER)
                    .lanewise(VectorOperators.XOR, CENTRES_C).reinterpretAsShorts();
            ShortVector s0 = ShortVector.zero(S32);
            ShortVector s1 = ShortVector.zero(S32);
            ShortVector s2 = ShortVector.zero(S32);
            ShortVector s3 = ShortVector.zero(S32);
            for (int j = 0; j < 8; j++) {
                // The loop is unrolled: each case is one column pair's unpacking, as in oneToken.
                ShortVector v = switch (j) {
                    case 0 -> a.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10);
                    case 1 -> a.lanewise(VectorOperators.ASHR, 10);
                    case 2 -> a.and((short) 0xF)
                            .or(c.lanewise(VectorOperators.LSHL, 14).lanewise(VectorOperators.ASHR, 10));
                    case 3 -> bq.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10);
                    case 4 -> bq.lanewise(VectorOperators.ASHR, 10);
                    case 5 -> bq.and((short) 0xF).or(c.lanewise(VectorOperators.LSHL, 12).and(TOP_TWO_BITS)
                            .lanewise(VectorOperators.ASHR, 10));
                    case 6 -> c.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10);
                    default -> c.lanewise(VectorOperators.ASHR, 10);
                };
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
        FloatVector acc0 = ((FloatVector) block0.convert(VectorOperators.I2F, 0)).fma(d.mul(x0.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out0, o));
        FloatVector acc1 = ((FloatVector) block1.convert(VectorOperators.I2F, 0)).fma(d.mul(x1.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out1, o));
        FloatVector acc2 = ((FloatVector) block2.convert(VectorOperators.I2F, 0)).fma(d.mul(x2.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out2, o));
        FloatVector acc3 = ((FloatVector) block3.convert(VectorOperators.I2F, 0)).fma(d.mul(x3.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out3, o));
        acc0.intoArray(out0, o);
        acc1.intoArray(out1, o);
        acc2.intoArray(out2, o);
        acc3.intoArray(out3, o);
    }

    /** {@link #fourTokens} for eight tokens: the unpacking of each weight shared by eight. */
    private static void eightTokens(MemorySegment w, int cols, int g, int b, QuantizedRow[] xs, int t, float[][] out,
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
        int o = outOffset + g * ROWS;
        int[] p0 = x0.pairs;
        int[] p1 = x1.pairs;
        int[] p2 = x2.pairs;
        int[] p3 = x3.pairs;
        int[] p4 = x4.pairs;
        int[] p5 = x5.pairs;
        int[] p6 = x6.pairs;
        int[] p7 = x7.pairs;
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
            ShortVector a = (ShortVector) IntVector.fromMemorySegment(I, w, q, LittleEndian.ORDER)
                    .lanewise(VectorOperators.XOR, CENTRES_AB).reinterpretAsShorts();
            ShortVector bq = (ShortVector) IntVector.fromMemorySegment(I, w, q + 64, LittleEndian.ORDER)
                    .lanewise(VectorOperators.XOR, CENTRES_AB).reinterpretAsShorts();
            ShortVector c = (ShortVector) IntVector.fromMemorySegment(I, w, q + 128, LittleEndian.ORDER)
                    .lanewise(VectorOperators.XOR, CENTRES_C).reinterpretAsShorts();
            ShortVector s0 = ShortVector.zero(S32);
            ShortVector s1 = ShortVector.zero(S32);
            ShortVector s2 = ShortVector.zero(S32);
            ShortVector s3 = ShortVector.zero(S32);
            ShortVector s4 = ShortVector.zero(S32);
            ShortVector s5 = ShortVector.zero(S32);
            ShortVector s6 = ShortVector.zero(S32);
            ShortVector s7 = ShortVector.zero(S32);
            for (int j = 0; j < 8; j++) {
                // The loop is unrolled: each case is one column pair's unpacking, as in oneToken.
                ShortVector v = switch (j) {
                    case 0 -> a.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10);
                    case 1 -> a.lanewise(VectorOperators.ASHR, 10);
                    case 2 -> a.and((short) 0xF)
                            .or(c.lanewise(VectorOperators.LSHL, 14).lanewise(VectorOperators.ASHR, 10));
                    case 3 -> bq.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10);
                    case 4 -> bq.lanewise(VectorOperators.ASHR, 10);
                    case 5 -> bq.and((short) 0xF).or(c.lanewise(VectorOperators.LSHL, 12).and(TOP_TWO_BITS)
                            .lanewise(VectorOperators.ASHR, 10));
                    case 6 -> c.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10);
                    default -> c.lanewise(VectorOperators.ASHR, 10);
                };
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
        FloatVector acc0 = ((FloatVector) block0.convert(VectorOperators.I2F, 0)).fma(d.mul(x0.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 0], o));
        FloatVector acc1 = ((FloatVector) block1.convert(VectorOperators.I2F, 0)).fma(d.mul(x1.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 1], o));
        FloatVector acc2 = ((FloatVector) block2.convert(VectorOperators.I2F, 0)).fma(d.mul(x2.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 2], o));
        FloatVector acc3 = ((FloatVector) block3.convert(VectorOperators.I2F, 0)).fma(d.mul(x3.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 3], o));
        FloatVector acc4 = ((FloatVector) block4.convert(VectorOperators.I2F, 0)).fma(d.mul(x4.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 4], o));
        FloatVector acc5 = ((FloatVector) block5.convert(VectorOperators.I2F, 0)).fma(d.mul(x5.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 5], o));
        FloatVector acc6 = ((FloatVector) block6.convert(VectorOperators.I2F, 0)).fma(d.mul(x6.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 6], o));
        FloatVector acc7 = ((FloatVector) block7.convert(VectorOperators.I2F, 0)).fma(d.mul(x7.scales[b]),
                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out[t + 7], o));
        acc0.intoArray(out[t + 0], o);
        acc1.intoArray(out[t + 1], o);
        acc2.intoArray(out[t + 2], o);
        acc3.intoArray(out[t + 3], o);
        acc4.intoArray(out[t + 4], o);
        acc5.intoArray(out[t + 5], o);
        acc6.intoArray(out[t + 6], o);
        acc7.intoArray(out[t + 7], o);
    }
}
