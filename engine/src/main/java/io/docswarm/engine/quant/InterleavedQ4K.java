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
 * Q4_K weights {@linkplain InterleavedRows interleaved} sixteen rows at a time: the per-block work of a one-row
 * product (unpacking the 6-bit scales and mins, the min term, converting the block sum, adding the lanes up at
 * the end) is paid once per sixteen rows, in vector lanes that each stand for a row.
 *
 * <p>Every group of 16 rows is {@code cols / 256} group-blocks of {@link #GROUP_BLOCK_BYTES}, one per Q4_K
 * super-block, in column order; the groups follow each other. A group-block holds:
 * <ul>
 *   <li>bytes 0-2047, the quants: per sub-block {@code j} (32 columns; in the order 0, 4, 1, 5, 2, 6, 3, 7),
 *       256 bytes as four reads of 32 short lanes; in read {@code k}, lane {@code 2r + p} is row {@code r}'s,
 *       and its nibble {@code q} (bits
 *       {@code 4q .. 4q+3}) is the quant of column {@code 8k + 2q + p} of the sub-block. So nibble {@code q} of
 *       every lane, times the activation pair of columns {@code 8k + 2q} and {@code 8k + 2q + 1} broadcast to
 *       every int, gives each row two products in its two lanes;</li>
 *   <li>bytes 2048-2239, the file's 12 bytes of packed 6-bit scales and mins of each row, as three reads of 16
 *       int lanes: read {@code k}, lane {@code r} holds row {@code r}'s bytes {@code 4k .. 4k+3}. ggml's
 *       {@code utmp} unpacking then runs on sixteen rows at once;</li>
 *   <li>bytes 2240-2271, each row's {@code d}, and 2272-2303 its {@code dmin}, as the file's F16 values.</li>
 * </ul>
 * Exactly the size of the 16 rows' blocks in the file, so repacking adds nothing to the resident memory. (A
 * first layout with the scales and mins unpacked to a byte each, 2.8% larger, put the OLMoE-shaped benchmark
 * 30 MiB over issue 3's memory goal; the one-token product, which unpacks them per block and works on
 * sub-blocks {@code i} and {@code i + 4} side by side, now runs faster than it did: 17.3-17.8 GB/s against 16
 * in {@code KernelBench} at 2,048 x 2,048.)
 *
 * <p>The products are integers as in {@link Q4KKernel}: each row's 32 products of a sub-block are summed
 * exactly (16 per short lane, at most 16 * 15 * 127 = 30,480, then the two lanes of an int), times the
 * sub-block scale, over the super-block; the min term is {@code sum(min * sums32)} per row. Each row's block
 * sums are scaled as ggml does ({@code d * xd} and {@code dmin * xd}), in lanes, so the results agree with
 * {@link Q4KKernel#dot} up to float rounding (its eight lane sums are added in another order). One token and
 * four tokens add the same integers and round the same floats, lane by lane: a token's result does not depend
 * on how many tokens are multiplied together.
 */
public final class InterleavedQ4K implements InterleavedRows {
    static final InterleavedQ4K INSTANCE = new InterleavedQ4K();
    /** Bytes per group-block: sixteen rows of one super-block. */
    static final int GROUP_BLOCK_BYTES = 2048 + 192 + 32 + 32;
    private static final int SCALES = 2048;
    private static final int D = 2240;
    private static final int DMIN = 2272;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    static final long NIBBLE_BYTES = 0x0F0F0F0F0F0F0F0FL;
    static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    /** The low nibble of both shorts of an int. */
    private static final int NIBBLES = 0x000F000F;
    private static final long LOW_BYTES_OF_INTS = 0x000000FF000000FFL;
    /** A quarter of a group-block: read ahead once per pass of {@link #twoGroupsOneTokenSums}'s loop. */
    private static final int AHEAD_BYTES = GROUP_BLOCK_BYTES / 4;
    /**
     * Each thread's block sums and min sums of two groups by four tokens (see {@link #twoGroupsFourTokens}); the
     * one-token products use the first two groups' sums and, after them, the read-ahead's sum.
     */
    private static final ThreadLocal<int[]> SUMS = ThreadLocal.withInitial(() -> new int[2 * 2 * 4 * ROWS]);

    private InterleavedQ4K() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_K;
    }

    @Override
    public int groupBlockBytes() {
        return GROUP_BLOCK_BYTES;
    }

    @Override
    public void packRowBlock(MemorySegment src, long at, MemorySegment dst, long out, int r) {
        LittleEndian.setShort(dst, out + D + 2 * r, LittleEndian.getShort(src, at));
        LittleEndian.setShort(dst, out + DMIN + 2 * r, LittleEndian.getShort(src, at + 2));
        for (int k = 0; k < 3; k++) {
            LittleEndian.setInt(dst, out + SCALES + 64 * k + 4 * r, LittleEndian.getInt(src, at + 4 + 4 * k));
        }
        // 32-byte chunk c of qs: low nibbles are sub-block 2c, high nibbles 2c + 1, byte i column i of both.
        // Its 8-byte word k holds columns 8k .. 8k+7; the even ones (p = 0) or odd ones (p = 1) become one
        // short of four nibbles, column 8k + 2q + p in nibble q.
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < 4; k++) {
                long word = LittleEndian.getLong(src, at + 16 + 32 * c + 8 * k);
                for (int h = 0; h < 2; h++) {
                    long nibbles = (word >>> (4 * h)) & NIBBLE_BYTES;
                    long subBlock = out + 256L * slot(2 * c + h) + 64L * k;
                    // Lanes 2r and 2r + 1 (p = 0, 1) are one int.
                    LittleEndian.setInt(dst, subBlock + 4 * r, (fourNibbles(nibbles & EVEN_BYTES) & 0xFFFF)
                            | fourNibbles((nibbles >>> 8) & EVEN_BYTES) << 16);
                }
            }
        }
    }

    /**
     * Where sub-block {@code j}'s 256 bytes are, in units of 256: sub-blocks {@code i} and {@code i + 4} side by
     * side (0, 4, 1, 5, ...), the order in which the one-token product reads them, so that it reads memory in
     * order (reading the two 1 KiB apart ran at a third of the speed once the weights came from DRAM).
     */
    private static int slot(int j) {
        return 2 * (j % 4) + j / 4;
    }

    /** The nibbles in bytes 0, 2, 4 and 6 of {@code v} (all other bytes zero) as one short, in that order. */
    static short fourNibbles(long v) {
        long pairs = (v | (v >>> 12)) & LOW_BYTES_OF_INTS; // bytes 0 and 4: two nibbles each
        return (short) (pairs | (pairs >>> 24));
    }

    /** Exactly as {@link Q4KKernel#dequantize} decodes the file's row. */
    @Override
    public void dequantizeRow(MemorySegment packed, int cols, int row, float[] dst, int dstOffset) {
        int blocks = cols / QK_K;
        int g = row / ROWS;
        int r = row % ROWS;
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            float d = LittleEndian.getHalf(packed, at + D + 2 * r);
            float dmin = LittleEndian.getHalf(packed, at + DMIN + 2 * r);
            for (int j = 0; j < 8; j++) {
                int scaleMin = scaleMin(packed, at, r, j);
                float scale = d * (scaleMin & 0xFF);
                float min = dmin * (scaleMin >> 8);
                for (int column = 0; column < 32; column++) {
                    int k = column / 8;
                    int p = column % 2;
                    int q = (column % 8) / 2;
                    int lane = LittleEndian.getShort(packed, at + 256L * slot(j) + 64L * k + 2 * (2 * r + p))
                            & 0xFFFF;
                    dst[dstOffset + b * QK_K + 32 * j + column] = scale * ((lane >> (4 * q)) & 0xF) - min;
                }
            }
        }
    }

    /**
     * {@link KQuants#scaleMin} of row {@code r}, sub-block {@code j}, from its 12 bytes spread over the three
     * reads (byte {@code i} in read {@code i / 4}, lane {@code r}, byte {@code i % 4}).
     */
    private static int scaleMin(MemorySegment packed, long at, int r, int j) {
        int scale;
        int min;
        if (j < 4) {
            scale = scaleByte(packed, at, r, j) & 63;
            min = scaleByte(packed, at, r, j + 4) & 63;
        } else {
            int both = scaleByte(packed, at, r, j + 4);
            scale = (both & 0xF) | ((scaleByte(packed, at, r, j - 4) >> 6) << 4);
            min = (both >> 4) | ((scaleByte(packed, at, r, j) >> 6) << 4);
        }
        return scale | min << 8;
    }

    private static int scaleByte(MemorySegment packed, long at, int r, int i) {
        return LittleEndian.getUnsignedByte(packed, at + SCALES + 64L * (i / 4) + 4L * r + i % 4);
    }

    /**
     * Two groups by four tokens at a time where there are that many ({@link #multiplyGroupPairs}): 26 GB/s in
     * {@code KernelBench} against 23 for one group at a time.
     */
    @Override
    public void multiply(MemorySegment packed, int cols, QuantizedRow[] xs, int from, int count, float[][] out,
            int outOffset, int groupStart, int groupEnd) {
        if (count >= 4) {
            multiplyGroupPairs(4, InterleavedQ4K::twoGroupsFourTokens, packed, cols, xs, from, count, out, outOffset,
                    groupStart, groupEnd);
            return;
        }
        multiplyOneTokenGroupPairs(InterleavedQ4K::twoGroupsOneToken, InterleavedQ4K::oneToken, packed, cols, xs, from,
                count, out, outOffset, groupStart, groupEnd);
    }

    @Override
    public void multiplyGroup(MemorySegment packed, int cols, int g, QuantizedRow[] xs, int from, int to,
            float[][] out, int outOffset) {
        int t = from;
        for (; t + 4 <= to; t += 4) {
            for (int b = 0; b < cols / QK_K; b++) {
                fourTokens(packed, cols, g, b, xs[t], xs[t + 1], xs[t + 2], xs[t + 3], out[t], out[t + 1],
                        out[t + 2], out[t + 3], outOffset);
            }
        }
        for (; t < to; t++) {
            oneToken(packed, cols, g, xs[t], out[t], outOffset);
        }
    }

    /**
     * {@link #oneToken} for groups {@code g} and {@code g + 1}, block by block: each activation pair is broadcast
     * once for 32 rows instead of 16 (C2 makes most broadcasts from a general register, which on x86 costs an
     * operation on a port the unpacking needs too). The same integers and floats per row as {@link #oneToken}. Two
     * methods per block, the integer sums passed in {@code sums}: as one method the C1 compiler gave up on it
     * (out of virtual registers), and without its profile C2 never compiled it (0.08 GB/s, vectors boxed).
     */
    private static void twoGroupsOneToken(MemorySegment w, int cols, int g, QuantizedRow x, float[] out,
            int outOffset) {
        int[] sums = SUMS.get();
        for (int b = 0; b < cols / QK_K; b++) {
            twoGroupsOneTokenSums(w, cols, g, b, x, sums);
            twoGroupsOneTokenFinish(w, cols, g, b, x, sums, out, outOffset);
        }
    }

    /** Block {@code b} of groups {@code g} and {@code g + 1}: each row's scaled integer sum, into {@code sums}. */
    private static void twoGroupsOneTokenSums(MemorySegment w, int cols, int g, int b, QuantizedRow x, int[] sums) {
        int blocks = cols / QK_K;
        int[] pairs = x.pairs;
        long groupBytes = (long) blocks * GROUP_BLOCK_BYTES;
        long groupStart = (long) g * groupBytes;
        long at = groupStart + (long) b * GROUP_BLOCK_BYTES;
        long next = at + groupBytes;
        IntVector blockSum = IntVector.zero(I);
        IntVector blockSumNext = IntVector.zero(I);
        int touched = 0;
        for (int i = 0; i < 4; i++) {
            long q = at + 512L * i;
            long qn = next + 512L * i;
            long ahead = (long) b * GROUP_BLOCK_BYTES + AHEAD_BYTES * i;
            touched += ReadAhead.touch(w, groupStart, groupBytes, ahead, AHEAD_BYTES)
                    + ReadAhead.touch(w, groupStart + groupBytes, groupBytes, ahead, AHEAD_BYTES);
            int xi = b * (QK_K / 2) + 16 * i;
            ShortVector sum = ShortVector.zero(S32);
            ShortVector sumHigh = ShortVector.zero(S32);
            ShortVector sumNext = ShortVector.zero(S32);
            ShortVector sumHighNext = ShortVector.zero(S32);
            for (int k = 0; k < 4; k++) {
                int xk = xi + 4 * k;
                ShortVector x0 = (ShortVector) IntVector.broadcast(I, pairs[xk]).reinterpretAsShorts();
                ShortVector x1 = (ShortVector) IntVector.broadcast(I, pairs[xk + 1]).reinterpretAsShorts();
                ShortVector x2 = (ShortVector) IntVector.broadcast(I, pairs[xk + 2]).reinterpretAsShorts();
                ShortVector x3 = (ShortVector) IntVector.broadcast(I, pairs[xk + 3]).reinterpretAsShorts();
                IntVector lanes = IntVector.fromMemorySegment(I, w, q + 64 * k, LittleEndian.ORDER);
                IntVector lanesNext = IntVector.fromMemorySegment(I, w, qn + 64 * k, LittleEndian.ORDER);
                sum = sum.add(((ShortVector) lanes.and(NIBBLES).reinterpretAsShorts()).mul(x0))
                        .add(((ShortVector) lanes.lanewise(VectorOperators.LSHR, 4).and(NIBBLES)
                                .reinterpretAsShorts()).mul(x1))
                        .add(((ShortVector) lanes.lanewise(VectorOperators.LSHR, 8).and(NIBBLES)
                                .reinterpretAsShorts()).mul(x2))
                        .add(((ShortVector) lanes.lanewise(VectorOperators.LSHR, 12).and(NIBBLES)
                                .reinterpretAsShorts()).mul(x3));
                sumNext = sumNext.add(((ShortVector) lanesNext.and(NIBBLES).reinterpretAsShorts()).mul(x0))
                        .add(((ShortVector) lanesNext.lanewise(VectorOperators.LSHR, 4).and(NIBBLES)
                                .reinterpretAsShorts()).mul(x1))
                        .add(((ShortVector) lanesNext.lanewise(VectorOperators.LSHR, 8).and(NIBBLES)
                                .reinterpretAsShorts()).mul(x2))
                        .add(((ShortVector) lanesNext.lanewise(VectorOperators.LSHR, 12).and(NIBBLES)
                                .reinterpretAsShorts()).mul(x3));
                ShortVector y0 = (ShortVector) IntVector.broadcast(I, pairs[xk + 64]).reinterpretAsShorts();
                ShortVector y1 = (ShortVector) IntVector.broadcast(I, pairs[xk + 65]).reinterpretAsShorts();
                ShortVector y2 = (ShortVector) IntVector.broadcast(I, pairs[xk + 66]).reinterpretAsShorts();
                ShortVector y3 = (ShortVector) IntVector.broadcast(I, pairs[xk + 67]).reinterpretAsShorts();
                IntVector high = IntVector.fromMemorySegment(I, w, q + 256 + 64 * k, LittleEndian.ORDER);
                IntVector highNext = IntVector.fromMemorySegment(I, w, qn + 256 + 64 * k, LittleEndian.ORDER);
                sumHigh = sumHigh.add(((ShortVector) high.and(NIBBLES).reinterpretAsShorts()).mul(y0))
                        .add(((ShortVector) high.lanewise(VectorOperators.LSHR, 4).and(NIBBLES)
                                .reinterpretAsShorts()).mul(y1))
                        .add(((ShortVector) high.lanewise(VectorOperators.LSHR, 8).and(NIBBLES)
                                .reinterpretAsShorts()).mul(y2))
                        .add(((ShortVector) high.lanewise(VectorOperators.LSHR, 12).and(NIBBLES)
                                .reinterpretAsShorts()).mul(y3));
                sumHighNext = sumHighNext.add(((ShortVector) highNext.and(NIBBLES).reinterpretAsShorts()).mul(y0))
                        .add(((ShortVector) highNext.lanewise(VectorOperators.LSHR, 4).and(NIBBLES)
                                .reinterpretAsShorts()).mul(y1))
                        .add(((ShortVector) highNext.lanewise(VectorOperators.LSHR, 8).and(NIBBLES)
                                .reinterpretAsShorts()).mul(y2))
                        .add(((ShortVector) highNext.lanewise(VectorOperators.LSHR, 12).and(NIBBLES)
                                .reinterpretAsShorts()).mul(y3));
            }
            // Sub-blocks i and i + 4 of each group: int lane r is the sign-extended upper short plus the
            // sign-extended lower one, times the 6-bit scale (ggml's utmp unpacking, for one byte).
            IntVector si = (IntVector) sum.reinterpretAsInts();
            IntVector sh = (IntVector) sumHigh.reinterpretAsInts();
            IntVector bytes0 = IntVector.fromMemorySegment(I, w, at + SCALES, LittleEndian.ORDER);
            IntVector bytes8 = IntVector.fromMemorySegment(I, w, at + SCALES + 128, LittleEndian.ORDER);
            blockSum = blockSum.add(si.lanewise(VectorOperators.ASHR, 16)
                    .add(si.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                    .mul(bytes0.lanewise(VectorOperators.LSHR, 8 * i).and(0x3f)))
                    .add(sh.lanewise(VectorOperators.ASHR, 16)
                            .add(sh.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                            .mul(bytes8.lanewise(VectorOperators.LSHR, 8 * i).and(0x0f)
                                    .or(bytes0.lanewise(VectorOperators.LSHR, 8 * i + 6).and(0x03)
                                            .lanewise(VectorOperators.LSHL, 4))));
            IntVector sin = (IntVector) sumNext.reinterpretAsInts();
            IntVector shn = (IntVector) sumHighNext.reinterpretAsInts();
            IntVector bytes0Next = IntVector.fromMemorySegment(I, w, next + SCALES, LittleEndian.ORDER);
            IntVector bytes8Next = IntVector.fromMemorySegment(I, w, next + SCALES + 128, LittleEndian.ORDER);
            blockSumNext = blockSumNext.add(sin.lanewise(VectorOperators.ASHR, 16)
                    .add(sin.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                    .mul(bytes0Next.lanewise(VectorOperators.LSHR, 8 * i).and(0x3f)))
                    .add(shn.lanewise(VectorOperators.ASHR, 16)
                            .add(shn.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                            .mul(bytes8Next.lanewise(VectorOperators.LSHR, 8 * i).and(0x0f)
                                    .or(bytes0Next.lanewise(VectorOperators.LSHR, 8 * i + 6).and(0x03)
                                            .lanewise(VectorOperators.LSHL, 4))));
        }
        blockSum.intoArray(sums, 0);
        blockSumNext.intoArray(sums, ROWS);
        sums[2 * ROWS] = touched; // keeps the read-ahead (see ReadAhead)
    }

    /**
     * Block {@code b} of groups {@code g} and {@code g + 1}: the min terms, then each row's block sum from
     * {@code sums} scaled as in {@link #oneToken} and added to its running sum in {@code out} (stored and loaded
     * exactly).
     */
    private static void twoGroupsOneTokenFinish(MemorySegment w, int cols, int g, int b, QuantizedRow x, int[] sums,
            float[] out, int outOffset) {
        int blocks = cols / QK_K;
        int[] sums32 = x.sums32;
        float[] xs = x.scales;
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        long next = at + (long) blocks * GROUP_BLOCK_BYTES;
        int o = outOffset + g * ROWS;
        int on = o + ROWS;
        // The min terms: sum over the sub-blocks of min * sums32, mins unpacked as in oneToken.
        IntVector minSum = IntVector.zero(I);
        IntVector minSumNext = IntVector.zero(I);
        IntVector bytes4 = IntVector.fromMemorySegment(I, w, at + SCALES + 64, LittleEndian.ORDER);
        IntVector bytes8 = IntVector.fromMemorySegment(I, w, at + SCALES + 128, LittleEndian.ORDER);
        IntVector minsLow = bytes4.and(0x3f3f3f3f);
        IntVector minsHigh = bytes8.lanewise(VectorOperators.LSHR, 4).and(0x0f0f0f0f)
                .or(bytes4.lanewise(VectorOperators.LSHR, 6).and(0x03030303).lanewise(VectorOperators.LSHL, 4));
        IntVector bytes4Next = IntVector.fromMemorySegment(I, w, next + SCALES + 64, LittleEndian.ORDER);
        IntVector bytes8Next = IntVector.fromMemorySegment(I, w, next + SCALES + 128, LittleEndian.ORDER);
        IntVector minsLowNext = bytes4Next.and(0x3f3f3f3f);
        IntVector minsHighNext = bytes8Next.lanewise(VectorOperators.LSHR, 4).and(0x0f0f0f0f)
                .or(bytes4Next.lanewise(VectorOperators.LSHR, 6).and(0x03030303)
                        .lanewise(VectorOperators.LSHL, 4));
        for (int i = 0; i < 4; i++) {
            int low = sums32[8 * b + i];
            int highSums = sums32[8 * b + 4 + i];
            minSum = minSum.add(minsLow.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF).mul(low))
                    .add(minsHigh.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF).mul(highSums));
            minSumNext = minSumNext.add(minsLowNext.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF).mul(low))
                    .add(minsHighNext.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF).mul(highSums));
        }
        float xd = xs[b];
        IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        IntVector dminBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + DMIN, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        FloatVector dmin = (FloatVector) ((FloatVector) dminBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dminBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        ((FloatVector) IntVector.fromArray(I, sums, 0).convert(VectorOperators.I2F, 0)).fma(d.mul(xd),
                        b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out, o))
                .sub(((FloatVector) minSum.convert(VectorOperators.I2F, 0)).mul(dmin.mul(xd))).intoArray(out, o);
        IntVector dnBits = (IntVector) ShortVector.fromMemorySegment(S16, w, next + D, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        IntVector dminNextBits = (IntVector) ShortVector.fromMemorySegment(S16, w, next + DMIN, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector dn = (FloatVector) ((FloatVector) dnBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dnBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        FloatVector dminNext = (FloatVector) ((FloatVector) dminNextBits.and(0x7FFF)
                .lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dminNextBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        ((FloatVector) IntVector.fromArray(I, sums, ROWS).convert(VectorOperators.I2F, 0)).fma(dn.mul(xd),
                        b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out, on))
                .sub(((FloatVector) minSumNext.convert(VectorOperators.I2F, 0)).mul(dminNext.mul(xd)))
                .intoArray(out, on);
    }

    private static void oneToken(MemorySegment w, int cols, int g, QuantizedRow x, float[] out, int outOffset) {
        int blocks = cols / QK_K;
        int[] pairs = x.pairs;
        int[] sums32 = x.sums32;
        float[] xs = x.scales;
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            IntVector blockSum = IntVector.zero(I);
            IntVector minSum = IntVector.zero(I);
            // ggml's utmp trick on sixteen rows at once: the scales and mins of sub-blocks 0-3 and 4-7, a byte each.
            IntVector bytes0 = IntVector.fromMemorySegment(I, w, at + SCALES, LittleEndian.ORDER);
            IntVector bytes4 = IntVector.fromMemorySegment(I, w, at + SCALES + 64, LittleEndian.ORDER);
            IntVector bytes8 = IntVector.fromMemorySegment(I, w, at + SCALES + 128, LittleEndian.ORDER);
            IntVector scalesLow = bytes0.and(0x3f3f3f3f);
            IntVector minsLow = bytes4.and(0x3f3f3f3f);
            IntVector scalesHigh = bytes8.and(0x0f0f0f0f)
                    .or(bytes0.lanewise(VectorOperators.LSHR, 6).and(0x03030303).lanewise(VectorOperators.LSHL, 4));
            IntVector minsHigh = bytes8.lanewise(VectorOperators.LSHR, 4).and(0x0f0f0f0f)
                    .or(bytes4.lanewise(VectorOperators.LSHR, 6).and(0x03030303).lanewise(VectorOperators.LSHL, 4));
            for (int i = 0; i < 4; i++) {
                // Sub-blocks i and i + 4: two independent chains of products.
                long q = at + 512L * i; // sub-blocks i and i + 4, side by side
                int xi = b * (QK_K / 2) + 16 * i;
                ShortVector sum = ShortVector.zero(S32);
                ShortVector sumHigh = ShortVector.zero(S32);
                for (int k = 0; k < 4; k++) {
                    IntVector lanes = IntVector.fromMemorySegment(I, w, q + 64 * k, LittleEndian.ORDER);
                    IntVector lanesHigh = IntVector.fromMemorySegment(I, w, q + 256 + 64 * k, LittleEndian.ORDER);
                    int xk = xi + 4 * k;
                    ShortVector x0 = (ShortVector) IntVector.broadcast(I, pairs[xk]).reinterpretAsShorts();
                    ShortVector x1 = (ShortVector) IntVector.broadcast(I, pairs[xk + 1]).reinterpretAsShorts();
                    ShortVector x2 = (ShortVector) IntVector.broadcast(I, pairs[xk + 2]).reinterpretAsShorts();
                    ShortVector x3 = (ShortVector) IntVector.broadcast(I, pairs[xk + 3]).reinterpretAsShorts();
                    ShortVector y0 = (ShortVector) IntVector.broadcast(I, pairs[xk + 64]).reinterpretAsShorts();
                    ShortVector y1 = (ShortVector) IntVector.broadcast(I, pairs[xk + 65]).reinterpretAsShorts();
                    ShortVector y2 = (ShortVector) IntVector.broadcast(I, pairs[xk + 66]).reinterpretAsShorts();
                    ShortVector y3 = (ShortVector) IntVector.broadcast(I, pairs[xk + 67]).reinterpretAsShorts();
                    sum = sum.add(((ShortVector) lanes.and(NIBBLES).reinterpretAsShorts()).mul(x0))
                            .add(((ShortVector) lanes.lanewise(VectorOperators.LSHR, 4).and(NIBBLES)
                                    .reinterpretAsShorts()).mul(x1))
                            .add(((ShortVector) lanes.lanewise(VectorOperators.LSHR, 8).and(NIBBLES)
                                    .reinterpretAsShorts()).mul(x2))
                            .add(((ShortVector) lanes.lanewise(VectorOperators.LSHR, 12).and(NIBBLES)
                                    .reinterpretAsShorts()).mul(x3));
                    sumHigh = sumHigh.add(((ShortVector) lanesHigh.and(NIBBLES).reinterpretAsShorts()).mul(y0))
                            .add(((ShortVector) lanesHigh.lanewise(VectorOperators.LSHR, 4).and(NIBBLES)
                                    .reinterpretAsShorts()).mul(y1))
                            .add(((ShortVector) lanesHigh.lanewise(VectorOperators.LSHR, 8).and(NIBBLES)
                                    .reinterpretAsShorts()).mul(y2))
                            .add(((ShortVector) lanesHigh.lanewise(VectorOperators.LSHR, 12).and(NIBBLES)
                                    .reinterpretAsShorts()).mul(y3));
                }
                // Int lane r: the sign-extended upper short plus the sign-extended lower one (their sum, up to
                // 32 * 15 * 127, may not fit a short).
                IntVector si = (IntVector) sum.reinterpretAsInts();
                si = si.lanewise(VectorOperators.ASHR, 16)
                        .add(si.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                IntVector sh = (IntVector) sumHigh.reinterpretAsInts();
                sh = sh.lanewise(VectorOperators.ASHR, 16)
                        .add(sh.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                blockSum = blockSum.add(si.mul(scalesLow.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF)))
                        .add(sh.mul(scalesHigh.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF)));
                minSum = minSum.add(minsLow.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF).mul(sums32[8 * b + i]))
                        .add(minsHigh.lanewise(VectorOperators.LSHR, 8 * i).and(0xFF).mul(sums32[8 * b + 4 + i]));
            }
            // d and dmin: F16 bits widened to floats, exactly for finite values: exponent and mantissa moved to a
            // float's places and scaled by 2^(127 - 15) (normal and subnormal halves alike), then the sign put
            // back. Written out: this method is too big for the JIT to inline a helper returning a vector.
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            IntVector dminBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + DMIN, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            FloatVector dmin = (FloatVector) ((FloatVector) dminBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dminBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            float xd = xs[b];
            acc = ((FloatVector) blockSum.convert(VectorOperators.I2F, 0)).fma(d.mul(xd), acc)
                    .sub(((FloatVector) minSum.convert(VectorOperators.I2F, 0)).mul(dmin.mul(xd)));
        }
        acc.intoArray(out, outOffset + g * ROWS);
    }

    /**
     * {@link #oneToken} for four tokens at once, one super-block {@code b} of group {@code g} per call: each weight
     * read and unpacked once for the four. The running sums live in {@code out} between calls (stored and loaded
     * exactly, so the same numbers as one call for the whole row). One block per call keeps the JIT from
     * compiling this method on-stack first (its loops made hot inside one call): that version kept its vectors
     * boxed, at a sixth of the speed ({@code KernelBench}, 4,096 columns).
     */
    private static void fourTokens(MemorySegment w, int cols, int g, int b, QuantizedRow x0, QuantizedRow x1,
            QuantizedRow x2, QuantizedRow x3, float[] out0, float[] out1, float[] out2, float[] out3, int outOffset) {
        int blocks = cols / QK_K;
        int o = outOffset + g * ROWS;
        int[] p0 = x0.pairs;
        int[] p1 = x1.pairs;
        int[] p2 = x2.pairs;
        int[] p3 = x3.pairs;
        FloatVector acc0 = b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out0, o);
        FloatVector acc1 = b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out1, o);
        FloatVector acc2 = b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out2, o);
        FloatVector acc3 = b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out3, o);
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        IntVector block0 = IntVector.zero(I);
        IntVector block1 = IntVector.zero(I);
        IntVector block2 = IntVector.zero(I);
        IntVector block3 = IntVector.zero(I);
        IntVector mins0 = IntVector.zero(I);
        IntVector mins1 = IntVector.zero(I);
        IntVector mins2 = IntVector.zero(I);
        IntVector mins3 = IntVector.zero(I);
        for (int n = 0; n < 8; n++) {
            // In memory order: sub-blocks 0, 4, 1, 5, ... (see slot).
            int j = (n % 2) * 4 + n / 2;
            long q = at + 256L * n;
            int xi = b * (QK_K / 2) + 16 * j;
            ShortVector s0 = ShortVector.zero(S32);
            ShortVector s1 = ShortVector.zero(S32);
            ShortVector s2 = ShortVector.zero(S32);
            ShortVector s3 = ShortVector.zero(S32);
            for (int k = 0; k < 4; k++) {
                ShortVector lanes = ShortVector.fromMemorySegment(S32, w, q + 64 * k, LittleEndian.ORDER);
                ShortVector n0 = lanes.and((short) 0xF);
                ShortVector n1 = lanes.lanewise(VectorOperators.LSHR, 4).and((short) 0xF);
                ShortVector n2 = lanes.lanewise(VectorOperators.LSHR, 8).and((short) 0xF);
                ShortVector n3 = lanes.lanewise(VectorOperators.LSHR, 12);
                int xk = xi + 4 * k;
                s0 = s0.add(n0.mul((ShortVector) IntVector.broadcast(I, p0[xk]).reinterpretAsShorts()))
                        .add(n1.mul((ShortVector) IntVector.broadcast(I, p0[xk + 1]).reinterpretAsShorts()))
                        .add(n2.mul((ShortVector) IntVector.broadcast(I, p0[xk + 2]).reinterpretAsShorts()))
                        .add(n3.mul((ShortVector) IntVector.broadcast(I, p0[xk + 3]).reinterpretAsShorts()));
                s1 = s1.add(n0.mul((ShortVector) IntVector.broadcast(I, p1[xk]).reinterpretAsShorts()))
                        .add(n1.mul((ShortVector) IntVector.broadcast(I, p1[xk + 1]).reinterpretAsShorts()))
                        .add(n2.mul((ShortVector) IntVector.broadcast(I, p1[xk + 2]).reinterpretAsShorts()))
                        .add(n3.mul((ShortVector) IntVector.broadcast(I, p1[xk + 3]).reinterpretAsShorts()));
                s2 = s2.add(n0.mul((ShortVector) IntVector.broadcast(I, p2[xk]).reinterpretAsShorts()))
                        .add(n1.mul((ShortVector) IntVector.broadcast(I, p2[xk + 1]).reinterpretAsShorts()))
                        .add(n2.mul((ShortVector) IntVector.broadcast(I, p2[xk + 2]).reinterpretAsShorts()))
                        .add(n3.mul((ShortVector) IntVector.broadcast(I, p2[xk + 3]).reinterpretAsShorts()));
                s3 = s3.add(n0.mul((ShortVector) IntVector.broadcast(I, p3[xk]).reinterpretAsShorts()))
                        .add(n1.mul((ShortVector) IntVector.broadcast(I, p3[xk + 1]).reinterpretAsShorts()))
                        .add(n2.mul((ShortVector) IntVector.broadcast(I, p3[xk + 2]).reinterpretAsShorts()))
                        .add(n3.mul((ShortVector) IntVector.broadcast(I, p3[xk + 3]).reinterpretAsShorts()));
        }
            // ggml's utmp trick on sixteen rows at once, for sub-block j: its scale (min) in byte j % 4 of the
            // unpacked bytes of sub-blocks 0-3 or 4-7. Re-read from L1 per sub-block: no vector lives across
            // iterations but the sums (loop-carried ones left this method's vectors boxed).
            int h = j / 4;
            int low = h == 0 ? 0x3f3f3f3f : 0x0f0f0f0f;
            int top = h == 0 ? 0 : 0x03030303;
            IntVector scale = IntVector.fromMemorySegment(I, w, at + SCALES + 128 * h, LittleEndian.ORDER).and(low)
                    .or(IntVector.fromMemorySegment(I, w, at + SCALES, LittleEndian.ORDER)
                            .lanewise(VectorOperators.LSHR, 6).and(top).lanewise(VectorOperators.LSHL, 4))
                    .lanewise(VectorOperators.LSHR, 8 * (j % 4)).and(0xFF);
            IntVector min = IntVector.fromMemorySegment(I, w, at + SCALES + 64 + 64 * h, LittleEndian.ORDER)
                    .lanewise(VectorOperators.LSHR, 4 * h).and(low)
                    .or(IntVector.fromMemorySegment(I, w, at + SCALES + 64, LittleEndian.ORDER)
                            .lanewise(VectorOperators.LSHR, 6).and(top).lanewise(VectorOperators.LSHL, 4))
                    .lanewise(VectorOperators.LSHR, 8 * (j % 4)).and(0xFF);
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
            mins0 = mins0.add(min.mul(x0.sums32[8 * b + j]));
            mins1 = mins1.add(min.mul(x1.sums32[8 * b + j]));
            mins2 = mins2.add(min.mul(x2.sums32[8 * b + j]));
            mins3 = mins3.add(min.mul(x3.sums32[8 * b + j]));
        }
        // d and dmin: F16 bits widened to floats, exactly for finite values: exponent and mantissa moved to a
        // float's places and scaled by 2^(127 - 15) (normal and subnormal halves alike), then the sign put
        // back. Written out: this method is too big for the JIT to inline a helper returning a vector.
        IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        IntVector dminBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + DMIN, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        FloatVector dmin = (FloatVector) ((FloatVector) dminBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dminBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        acc0 = ((FloatVector) block0.convert(VectorOperators.I2F, 0)).fma(d.mul(x0.scales[b]), acc0)
                .sub(((FloatVector) mins0.convert(VectorOperators.I2F, 0)).mul(dmin.mul(x0.scales[b])));
        acc1 = ((FloatVector) block1.convert(VectorOperators.I2F, 0)).fma(d.mul(x1.scales[b]), acc1)
                .sub(((FloatVector) mins1.convert(VectorOperators.I2F, 0)).mul(dmin.mul(x1.scales[b])));
        acc2 = ((FloatVector) block2.convert(VectorOperators.I2F, 0)).fma(d.mul(x2.scales[b]), acc2)
                .sub(((FloatVector) mins2.convert(VectorOperators.I2F, 0)).mul(dmin.mul(x2.scales[b])));
        acc3 = ((FloatVector) block3.convert(VectorOperators.I2F, 0)).fma(d.mul(x3.scales[b]), acc3)
                .sub(((FloatVector) mins3.convert(VectorOperators.I2F, 0)).mul(dmin.mul(x3.scales[b])));
        acc0.intoArray(out0, o);
        acc1.intoArray(out1, o);
        acc2.intoArray(out2, o);
        acc3.intoArray(out3, o);
    }

    /**
     * {@link #fourTokens} for groups {@code g} and {@code g + 1} at once, block {@code b}, in three methods that
     * pass the sums through this thread's {@link #SUMS}: one method doing it all was too big for the JIT to keep
     * its vectors in registers (7.5 GB/s against 23). All sums are exact integers and the float steps those of
     * {@link #oneToken}: the same numbers.
     */
    private static void twoGroupsFourTokens(MemorySegment w, int cols, int g, int b, QuantizedRow[] xs, int t,
            float[][] out, int outOffset) {
        int[] sums = SUMS.get();
        twoGroupsIntegerSums(w, cols, g, b, xs, t, sums);
        twoGroupsMins(w, cols, g, b, xs, t, sums);
        twoGroupsFinish(w, cols, g, b, xs, t, sums, out, outOffset);
    }

    /**
     * The integer part of {@link #twoGroupsFourTokens}: each activation pair is broadcast once for the two
     * groups' weights. Stores each (group, token)'s block sum, 16 int lanes, in {@code sums[16 (4 group + token)]}.
     */
    private static void twoGroupsIntegerSums(MemorySegment w, int cols, int g, int b, QuantizedRow[] xs, int t,
            int[] sums) {
        int blocks = cols / QK_K;
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        long next = at + (long) blocks * GROUP_BLOCK_BYTES;
        int[] p0 = xs[t + 0].pairs;
        int[] p1 = xs[t + 1].pairs;
        int[] p2 = xs[t + 2].pairs;
        int[] p3 = xs[t + 3].pairs;
        IntVector blockA0 = IntVector.zero(I);
        IntVector blockA1 = IntVector.zero(I);
        IntVector blockA2 = IntVector.zero(I);
        IntVector blockA3 = IntVector.zero(I);
        IntVector blockB0 = IntVector.zero(I);
        IntVector blockB1 = IntVector.zero(I);
        IntVector blockB2 = IntVector.zero(I);
        IntVector blockB3 = IntVector.zero(I);
        for (int n = 0; n < 8; n++) {
            // In memory order: sub-blocks 0, 4, 1, 5, ... (see slot).
            int j = (n % 2) * 4 + n / 2;
            int xi = b * (QK_K / 2) + 16 * j;
            ShortVector sA0 = ShortVector.zero(S32);
            ShortVector sA1 = ShortVector.zero(S32);
            ShortVector sA2 = ShortVector.zero(S32);
            ShortVector sA3 = ShortVector.zero(S32);
            ShortVector sB0 = ShortVector.zero(S32);
            ShortVector sB1 = ShortVector.zero(S32);
            ShortVector sB2 = ShortVector.zero(S32);
            ShortVector sB3 = ShortVector.zero(S32);
            for (int k = 0; k < 4; k++) {
                ShortVector lanesA = ShortVector.fromMemorySegment(S32, w, at + 256L * n + 64 * k, LittleEndian.ORDER);
                ShortVector lanesB = ShortVector.fromMemorySegment(S32, w, next + 256L * n + 64 * k,
                        LittleEndian.ORDER);
                int xk = xi + 4 * k;
                ShortVector nibblesA = lanesA.and((short) 0xF);
                ShortVector nibblesB = lanesB.and((short) 0xF);
                ShortVector x = (ShortVector) IntVector.broadcast(I, p0[xk]).reinterpretAsShorts();
                sA0 = sA0.add(nibblesA.mul(x));
                sB0 = sB0.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p1[xk]).reinterpretAsShorts();
                sA1 = sA1.add(nibblesA.mul(x));
                sB1 = sB1.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p2[xk]).reinterpretAsShorts();
                sA2 = sA2.add(nibblesA.mul(x));
                sB2 = sB2.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p3[xk]).reinterpretAsShorts();
                sA3 = sA3.add(nibblesA.mul(x));
                sB3 = sB3.add(nibblesB.mul(x));
                nibblesA = lanesA.lanewise(VectorOperators.LSHR, 4).and((short) 0xF);
                nibblesB = lanesB.lanewise(VectorOperators.LSHR, 4).and((short) 0xF);
                x = (ShortVector) IntVector.broadcast(I, p0[xk + 1]).reinterpretAsShorts();
                sA0 = sA0.add(nibblesA.mul(x));
                sB0 = sB0.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p1[xk + 1]).reinterpretAsShorts();
                sA1 = sA1.add(nibblesA.mul(x));
                sB1 = sB1.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p2[xk + 1]).reinterpretAsShorts();
                sA2 = sA2.add(nibblesA.mul(x));
                sB2 = sB2.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p3[xk + 1]).reinterpretAsShorts();
                sA3 = sA3.add(nibblesA.mul(x));
                sB3 = sB3.add(nibblesB.mul(x));
                nibblesA = lanesA.lanewise(VectorOperators.LSHR, 8).and((short) 0xF);
                nibblesB = lanesB.lanewise(VectorOperators.LSHR, 8).and((short) 0xF);
                x = (ShortVector) IntVector.broadcast(I, p0[xk + 2]).reinterpretAsShorts();
                sA0 = sA0.add(nibblesA.mul(x));
                sB0 = sB0.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p1[xk + 2]).reinterpretAsShorts();
                sA1 = sA1.add(nibblesA.mul(x));
                sB1 = sB1.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p2[xk + 2]).reinterpretAsShorts();
                sA2 = sA2.add(nibblesA.mul(x));
                sB2 = sB2.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p3[xk + 2]).reinterpretAsShorts();
                sA3 = sA3.add(nibblesA.mul(x));
                sB3 = sB3.add(nibblesB.mul(x));
                nibblesA = lanesA.lanewise(VectorOperators.LSHR, 12);
                nibblesB = lanesB.lanewise(VectorOperators.LSHR, 12);
                x = (ShortVector) IntVector.broadcast(I, p0[xk + 3]).reinterpretAsShorts();
                sA0 = sA0.add(nibblesA.mul(x));
                sB0 = sB0.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p1[xk + 3]).reinterpretAsShorts();
                sA1 = sA1.add(nibblesA.mul(x));
                sB1 = sB1.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p2[xk + 3]).reinterpretAsShorts();
                sA2 = sA2.add(nibblesA.mul(x));
                sB2 = sB2.add(nibblesB.mul(x));
                x = (ShortVector) IntVector.broadcast(I, p3[xk + 3]).reinterpretAsShorts();
                sA3 = sA3.add(nibblesA.mul(x));
                sB3 = sB3.add(nibblesB.mul(x));
            }
            // The scales of sub-block j of both groups (ggml's utmp unpacking, as in fourTokens).
            int h = j / 4;
            int low = h == 0 ? 0x3f3f3f3f : 0x0f0f0f0f;
            int top = h == 0 ? 0 : 0x03030303;
            IntVector scaleA = IntVector.fromMemorySegment(I, w, at + SCALES + 128 * h, LittleEndian.ORDER)
                    .and(low).or(IntVector.fromMemorySegment(I, w, at + SCALES, LittleEndian.ORDER)
                            .lanewise(VectorOperators.LSHR, 6).and(top).lanewise(VectorOperators.LSHL, 4))
                    .lanewise(VectorOperators.LSHR, 8 * (j % 4)).and(0xFF);
            IntVector scaleB = IntVector.fromMemorySegment(I, w, next + SCALES + 128 * h, LittleEndian.ORDER)
                    .and(low).or(IntVector.fromMemorySegment(I, w, next + SCALES, LittleEndian.ORDER)
                            .lanewise(VectorOperators.LSHR, 6).and(top).lanewise(VectorOperators.LSHL, 4))
                    .lanewise(VectorOperators.LSHR, 8 * (j % 4)).and(0xFF);
            IntVector iA0 = (IntVector) sA0.reinterpretAsInts();
            blockA0 = blockA0.add(iA0.lanewise(VectorOperators.ASHR, 16)
                    .add(iA0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleA));
            IntVector iA1 = (IntVector) sA1.reinterpretAsInts();
            blockA1 = blockA1.add(iA1.lanewise(VectorOperators.ASHR, 16)
                    .add(iA1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleA));
            IntVector iA2 = (IntVector) sA2.reinterpretAsInts();
            blockA2 = blockA2.add(iA2.lanewise(VectorOperators.ASHR, 16)
                    .add(iA2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleA));
            IntVector iA3 = (IntVector) sA3.reinterpretAsInts();
            blockA3 = blockA3.add(iA3.lanewise(VectorOperators.ASHR, 16)
                    .add(iA3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleA));
            IntVector iB0 = (IntVector) sB0.reinterpretAsInts();
            blockB0 = blockB0.add(iB0.lanewise(VectorOperators.ASHR, 16)
                    .add(iB0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleB));
            IntVector iB1 = (IntVector) sB1.reinterpretAsInts();
            blockB1 = blockB1.add(iB1.lanewise(VectorOperators.ASHR, 16)
                    .add(iB1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleB));
            IntVector iB2 = (IntVector) sB2.reinterpretAsInts();
            blockB2 = blockB2.add(iB2.lanewise(VectorOperators.ASHR, 16)
                    .add(iB2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleB));
            IntVector iB3 = (IntVector) sB3.reinterpretAsInts();
            blockB3 = blockB3.add(iB3.lanewise(VectorOperators.ASHR, 16)
                    .add(iB3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).mul(scaleB));
        }
        blockA0.intoArray(sums, 0);
        blockA1.intoArray(sums, 16);
        blockA2.intoArray(sums, 32);
        blockA3.intoArray(sums, 48);
        blockB0.intoArray(sums, 64);
        blockB1.intoArray(sums, 80);
        blockB2.intoArray(sums, 96);
        blockB3.intoArray(sums, 112);
    }

    /**
     * The min terms of {@link #twoGroupsIntegerSums}'s groups and tokens, exact integers: {@code sum(min * sums32)}
     * over the block's sub-blocks, into {@code sums[128 + 16 (4 group + token)]}.
     */
    private static void twoGroupsMins(MemorySegment w, int cols, int g, int b, QuantizedRow[] xs, int t, int[] sums) {
        int blocks = cols / QK_K;
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        long next = at + (long) blocks * GROUP_BLOCK_BYTES;
        IntVector minsA0 = IntVector.zero(I);
        IntVector minsA1 = IntVector.zero(I);
        IntVector minsA2 = IntVector.zero(I);
        IntVector minsA3 = IntVector.zero(I);
        IntVector minsB0 = IntVector.zero(I);
        IntVector minsB1 = IntVector.zero(I);
        IntVector minsB2 = IntVector.zero(I);
        IntVector minsB3 = IntVector.zero(I);
        for (int j = 0; j < 8; j++) {
            int h = j / 4;
            int low = h == 0 ? 0x3f3f3f3f : 0x0f0f0f0f;
            int top = h == 0 ? 0 : 0x03030303;
            IntVector minA = IntVector.fromMemorySegment(I, w, at + SCALES + 64 + 64 * h, LittleEndian.ORDER)
                    .lanewise(VectorOperators.LSHR, 4 * h).and(low)
                    .or(IntVector.fromMemorySegment(I, w, at + SCALES + 64, LittleEndian.ORDER)
                            .lanewise(VectorOperators.LSHR, 6).and(top).lanewise(VectorOperators.LSHL, 4))
                    .lanewise(VectorOperators.LSHR, 8 * (j % 4)).and(0xFF);
            IntVector minB = IntVector.fromMemorySegment(I, w, next + SCALES + 64 + 64 * h, LittleEndian.ORDER)
                    .lanewise(VectorOperators.LSHR, 4 * h).and(low)
                    .or(IntVector.fromMemorySegment(I, w, next + SCALES + 64, LittleEndian.ORDER)
                            .lanewise(VectorOperators.LSHR, 6).and(top).lanewise(VectorOperators.LSHL, 4))
                    .lanewise(VectorOperators.LSHR, 8 * (j % 4)).and(0xFF);
            int sums0 = xs[t + 0].sums32[8 * b + j];
            minsA0 = minsA0.add(minA.mul(sums0));
            minsB0 = minsB0.add(minB.mul(sums0));
            int sums1 = xs[t + 1].sums32[8 * b + j];
            minsA1 = minsA1.add(minA.mul(sums1));
            minsB1 = minsB1.add(minB.mul(sums1));
            int sums2 = xs[t + 2].sums32[8 * b + j];
            minsA2 = minsA2.add(minA.mul(sums2));
            minsB2 = minsB2.add(minB.mul(sums2));
            int sums3 = xs[t + 3].sums32[8 * b + j];
            minsA3 = minsA3.add(minA.mul(sums3));
            minsB3 = minsB3.add(minB.mul(sums3));
        }
        minsA0.intoArray(sums, 128);
        minsA1.intoArray(sums, 144);
        minsA2.intoArray(sums, 160);
        minsA3.intoArray(sums, 176);
        minsB0.intoArray(sums, 192);
        minsB1.intoArray(sums, 208);
        minsB2.intoArray(sums, 224);
        minsB3.intoArray(sums, 240);
    }

    /** {@link #fourTokens}'s float steps for the sums of {@link #twoGroupsIntegerSums} and {@link #twoGroupsMins}. */
    private static void twoGroupsFinish(MemorySegment w, int cols, int g, int b, QuantizedRow[] xs, int t, int[] sums,
            float[][] out, int outOffset) {
        int blocks = cols / QK_K;
        for (int group = 0; group < 2; group++) {
            long at = ((long) (g + group) * blocks + b) * GROUP_BLOCK_BYTES;
            int o = outOffset + (g + group) * ROWS;
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + D, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            IntVector dminBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at + DMIN, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            FloatVector dmin = (FloatVector) ((FloatVector) dminBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dminBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            for (int k = 0; k < 4; k++) {
                float[] o0 = out[t + k];
                float xd = xs[t + k].scales[b];
                int at16 = 16 * (4 * group + k);
                ((FloatVector) IntVector.fromArray(I, sums, at16).convert(VectorOperators.I2F, 0)).fma(d.mul(xd),
                                b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o0, o))
                        .sub(((FloatVector) IntVector.fromArray(I, sums, 128 + at16).convert(VectorOperators.I2F, 0))
                                .mul(dmin.mul(xd)))
                        .intoArray(o0, o);
            }
        }
    }
}
