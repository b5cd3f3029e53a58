package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.I;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0 weights {@linkplain InterleavedRows interleaved} sixteen rows at a time. Q8_0 keeps 32 int8 quants and
 * an F16 {@code d} per block; element = {@code d * q}.
 *
 * <p>Every group of 16 rows is {@code cols / 32} group-blocks of {@link #GROUP_BLOCK_BYTES}, one per block, in
 * column order; the groups follow each other. A group-block holds each row's {@code d} (bytes 0-31, the file's
 * F16 values, row {@code r} at {@code 2r}), then the quants column by column: column {@code c}'s sixteen rows
 * are the sixteen bytes at {@code 32 + 16c}. One 16-byte read widened to floats is then one column of all
 * sixteen rows, ready for a fused multiply-add with that column's activation broadcast. Exactly the size of the
 * 16 rows' blocks in the file.
 *
 * <p>Why floats and not 16-bit integer products as for the K-quants: two int8 products already come close to
 * a short's range, so each lane would have to be widened to ints after every second column, which costs more
 * than the float conversion. The sums are exact all the same: the activation quants are integers within
 * +-127 held as floats ({@link QuantizedRow}), so each partial sum of a block (at most 16 * 127 * 127) is an
 * integer below 2^24. A block's sum is then scaled as ggml does, {@code acc = fma(sum, d * xd, acc)}, in
 * lanes, so the results agree with {@link Q8_0Kernel#dot} up to float rounding (it adds its lanes in another
 * order). One, four and eight tokens at a time compute the same numbers.
 *
 * <p>Why repack at all when the arithmetic is the same as the one-row kernel's: read in place, a row's 34-byte
 * blocks and its lanes' sum at the end made the one-row product stream weights from memory at half its rate in
 * cache (8 against 16 GB/s, one thread, {@code KernelBench} at 8,192 x 8,192); sixteen rows side by side stream
 * at about 14.
 */
public final class InterleavedQ8_0 implements InterleavedRows {
    static final InterleavedQ8_0 INSTANCE = new InterleavedQ8_0();
    private static final int BLOCK = Q8_0Kernel.BLOCK;
    /** Bytes per group-block: sixteen rows of one block. */
    static final int GROUP_BLOCK_BYTES = 16 * Q8_0Kernel.BYTES;
    private static final int QUANTS = 32;
    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;

    private InterleavedQ8_0() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q8_0;
    }

    @Override
    public int blockColumns() {
        return BLOCK;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_0;
    }

    @Override
    public int groupBlockBytes() {
        return GROUP_BLOCK_BYTES;
    }

    @Override
    public void packRowBlock(MemorySegment src, long at, MemorySegment dst, long out, int r) {
        LittleEndian.setShort(dst, out + 2 * r, LittleEndian.getShort(src, at));
        for (int c = 0; c < BLOCK; c++) {
            LittleEndian.setByte(dst, out + QUANTS + 16 * c + r, LittleEndian.getByte(src, at + 2 + c));
        }
    }

    /** Exactly as {@link Q8_0Kernel#dequantize} decodes the file's row. */
    @Override
    public void dequantizeRow(MemorySegment packed, int cols, int row, float[] dst, int dstOffset) {
        int blocks = cols / BLOCK;
        int g = row / ROWS;
        int r = row % ROWS;
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            float d = LittleEndian.getHalf(packed, at + 2 * r);
            for (int c = 0; c < BLOCK; c++) {
                dst[dstOffset + b * BLOCK + c] = LittleEndian.getByte(packed, at + QUANTS + 16 * c + r) * d;
            }
        }
    }

    /**
     * Two groups by eight tokens at a time where there are that many ({@link #multiplyGroupPairs}): 41 GB/s in
     * {@code KernelBench} against 29 for one group at a time.
     */
    @Override
    public void multiply(MemorySegment packed, int cols, QuantizedRow[] xs, int from, int count, float[][] out,
            int outOffset, int groupStart, int groupEnd) {
        if (count >= 4) {
            multiplyGroupPairs(8, InterleavedQ8_0::twoGroupsEightTokens, packed, cols, xs, from, count, out,
                    outOffset, groupStart, groupEnd);
            return;
        }
        multiplyOneTokenGroupPairs(InterleavedQ8_0::twoGroupsOneToken, InterleavedQ8_0::oneToken, packed, cols, xs,
                from, count, out, outOffset, groupStart, groupEnd);
    }

    @Override
    public void multiplyGroup(MemorySegment packed, int cols, int g, QuantizedRow[] xs, int from, int to,
            float[][] out, int outOffset) {
        int t = from;
        int blocks = cols / BLOCK;
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
     * {@link #oneToken} for groups {@code g} and {@code g + 1}: each activation is broadcast once for 32 rows
     * instead of 16 (on x86 the broadcast from a register takes the port that widens the quants), and four
     * chains of sums are in flight instead of two. The partial sums are exact integers whatever their order (see
     * the class comment), so these are {@link #oneToken}'s numbers.
     */
    private static void twoGroupsOneToken(MemorySegment w, int cols, int g, QuantizedRow x, float[] out,
            int outOffset) {
        int blocks = cols / BLOCK;
        float[] xv = x.values;
        float[] xs = x.scales;
        FloatVector acc = FloatVector.zero(F);
        FloatVector accNext = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            long next = at + (long) blocks * GROUP_BLOCK_BYTES;
            int xi = b * BLOCK;
            FloatVector even = FloatVector.zero(F);
            FloatVector odd = FloatVector.zero(F);
            FloatVector evenNext = FloatVector.zero(F);
            FloatVector oddNext = FloatVector.zero(F);
            for (int c = 0; c < BLOCK; c += 2) {
                FloatVector x0 = FloatVector.broadcast(F, xv[xi + c]);
                FloatVector x1 = FloatVector.broadcast(F, xv[xi + c + 1]);
                long q = at + QUANTS + 16L * c;
                long qn = next + QUANTS + 16L * c;
                even = ((FloatVector) ByteVector.fromMemorySegment(B16, w, q, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0)).fma(x0, even);
                evenNext = ((FloatVector) ByteVector.fromMemorySegment(B16, w, qn, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0)).fma(x0, evenNext);
                odd = ((FloatVector) ByteVector.fromMemorySegment(B16, w, q + 16, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0)).fma(x1, odd);
                oddNext = ((FloatVector) ByteVector.fromMemorySegment(B16, w, qn + 16, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0)).fma(x1, oddNext);
            }
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            IntVector dnBits = (IntVector) ShortVector.fromMemorySegment(S16, w, next, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector dn = (FloatVector) ((FloatVector) dnBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dnBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            acc = even.add(odd).fma(d.mul(xs[b]), acc);
            accNext = evenNext.add(oddNext).fma(dn.mul(xs[b]), accNext);
        }
        acc.intoArray(out, outOffset + g * ROWS);
        accNext.intoArray(out, outOffset + (g + 1) * ROWS);
    }

    private static void oneToken(MemorySegment w, int cols, int g, QuantizedRow x, float[] out, int outOffset) {
        int blocks = cols / BLOCK;
        float[] xv = x.values;
        float[] xs = x.scales;
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
            int xi = b * BLOCK;
            // Two chains of exact partial sums (even and odd columns), added exactly.
            FloatVector even = FloatVector.zero(F);
            FloatVector odd = FloatVector.zero(F);
            for (int c = 0; c < BLOCK; c += 2) {
                long q = at + QUANTS + 16L * c;
                even = ((FloatVector) ByteVector.fromMemorySegment(B16, w, q, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0)).fma(FloatVector.broadcast(F, xv[xi + c]), even);
                odd = ((FloatVector) ByteVector.fromMemorySegment(B16, w, q + 16, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0)).fma(FloatVector.broadcast(F, xv[xi + c + 1]), odd);
            }
            // d: F16 bits widened to floats exactly (finite values), as in InterleavedQ4K. Written out: no vector
            // crosses a call here.
            IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                    .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            acc = even.add(odd).fma(d.mul(xs[b]), acc);
        }
        acc.intoArray(out, outOffset + g * ROWS);
    }

    /**
     * {@link #oneToken} for four tokens at once, one block {@code b} of group {@code g} per call: each column read
     * and widened once for the four. The running sums live in {@code out} between calls (stored and loaded
     * exactly); one block per call keeps the JIT from compiling the method on-stack first, with its vectors boxed
     * (see {@link InterleavedQ6K}).
     */
    private static void fourTokens(MemorySegment w, int cols, int g, int b, QuantizedRow x0, QuantizedRow x1,
            QuantizedRow x2, QuantizedRow x3, float[] out0, float[] out1, float[] out2, float[] out3, int outOffset) {
        int blocks = cols / BLOCK;
        int o = outOffset + g * ROWS;
        float[] v0 = x0.values;
        float[] v1 = x1.values;
        float[] v2 = x2.values;
        float[] v3 = x3.values;
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        int xi = b * BLOCK;
        FloatVector even0 = FloatVector.zero(F);
        FloatVector even1 = FloatVector.zero(F);
        FloatVector even2 = FloatVector.zero(F);
        FloatVector even3 = FloatVector.zero(F);
        FloatVector odd0 = FloatVector.zero(F);
        FloatVector odd1 = FloatVector.zero(F);
        FloatVector odd2 = FloatVector.zero(F);
        FloatVector odd3 = FloatVector.zero(F);
        for (int c = 0; c < BLOCK; c += 2) {
            long q = at + QUANTS + 16L * c;
            FloatVector qe = (FloatVector) ByteVector.fromMemorySegment(B16, w, q, LittleEndian.ORDER)
                    .convertShape(VectorOperators.B2F, F, 0);
            FloatVector qo = (FloatVector) ByteVector.fromMemorySegment(B16, w, q + 16, LittleEndian.ORDER)
                    .convertShape(VectorOperators.B2F, F, 0);
            even0 = qe.fma(FloatVector.broadcast(F, v0[xi + c]), even0);
            even1 = qe.fma(FloatVector.broadcast(F, v1[xi + c]), even1);
            even2 = qe.fma(FloatVector.broadcast(F, v2[xi + c]), even2);
            even3 = qe.fma(FloatVector.broadcast(F, v3[xi + c]), even3);
            odd0 = qo.fma(FloatVector.broadcast(F, v0[xi + c + 1]), odd0);
            odd1 = qo.fma(FloatVector.broadcast(F, v1[xi + c + 1]), odd1);
            odd2 = qo.fma(FloatVector.broadcast(F, v2[xi + c + 1]), odd2);
            odd3 = qo.fma(FloatVector.broadcast(F, v3[xi + c + 1]), odd3);
        }
        IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        even0.add(odd0).fma(d.mul(x0.scales[b]), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out0, o))
                .intoArray(out0, o);
        even1.add(odd1).fma(d.mul(x1.scales[b]), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out1, o))
                .intoArray(out1, o);
        even2.add(odd2).fma(d.mul(x2.scales[b]), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out2, o))
                .intoArray(out2, o);
        even3.add(odd3).fma(d.mul(x3.scales[b]), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, out3, o))
                .intoArray(out3, o);
    }

    /**
     * {@link #fourTokens} for eight tokens. Each token keeps the same two chains (even and odd columns) as
     * {@link #oneToken}, so that every sum is formed in the same order.
     */
    private static void eightTokens(MemorySegment w, int cols, int g, int b, QuantizedRow[] xs, int t, float[][] out,
            int outOffset) {
        int blocks = cols / BLOCK;
        int o = outOffset + g * ROWS;
        float[] v0 = xs[t].values;
        float[] v1 = xs[t + 1].values;
        float[] v2 = xs[t + 2].values;
        float[] v3 = xs[t + 3].values;
        float[] v4 = xs[t + 4].values;
        float[] v5 = xs[t + 5].values;
        float[] v6 = xs[t + 6].values;
        float[] v7 = xs[t + 7].values;
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        int xi = b * BLOCK;
        FloatVector even0 = FloatVector.zero(F);
        FloatVector even1 = FloatVector.zero(F);
        FloatVector even2 = FloatVector.zero(F);
        FloatVector even3 = FloatVector.zero(F);
        FloatVector even4 = FloatVector.zero(F);
        FloatVector even5 = FloatVector.zero(F);
        FloatVector even6 = FloatVector.zero(F);
        FloatVector even7 = FloatVector.zero(F);
        FloatVector odd0 = FloatVector.zero(F);
        FloatVector odd1 = FloatVector.zero(F);
        FloatVector odd2 = FloatVector.zero(F);
        FloatVector odd3 = FloatVector.zero(F);
        FloatVector odd4 = FloatVector.zero(F);
        FloatVector odd5 = FloatVector.zero(F);
        FloatVector odd6 = FloatVector.zero(F);
        FloatVector odd7 = FloatVector.zero(F);
        for (int c = 0; c < BLOCK; c += 2) {
            long q = at + QUANTS + 16L * c;
            FloatVector qe = (FloatVector) ByteVector.fromMemorySegment(B16, w, q, LittleEndian.ORDER)
                    .convertShape(VectorOperators.B2F, F, 0);
            even0 = qe.fma(FloatVector.broadcast(F, v0[xi + c]), even0);
            even1 = qe.fma(FloatVector.broadcast(F, v1[xi + c]), even1);
            even2 = qe.fma(FloatVector.broadcast(F, v2[xi + c]), even2);
            even3 = qe.fma(FloatVector.broadcast(F, v3[xi + c]), even3);
            even4 = qe.fma(FloatVector.broadcast(F, v4[xi + c]), even4);
            even5 = qe.fma(FloatVector.broadcast(F, v5[xi + c]), even5);
            even6 = qe.fma(FloatVector.broadcast(F, v6[xi + c]), even6);
            even7 = qe.fma(FloatVector.broadcast(F, v7[xi + c]), even7);
            FloatVector qo = (FloatVector) ByteVector.fromMemorySegment(B16, w, q + 16, LittleEndian.ORDER)
                    .convertShape(VectorOperators.B2F, F, 0);
            odd0 = qo.fma(FloatVector.broadcast(F, v0[xi + c + 1]), odd0);
            odd1 = qo.fma(FloatVector.broadcast(F, v1[xi + c + 1]), odd1);
            odd2 = qo.fma(FloatVector.broadcast(F, v2[xi + c + 1]), odd2);
            odd3 = qo.fma(FloatVector.broadcast(F, v3[xi + c + 1]), odd3);
            odd4 = qo.fma(FloatVector.broadcast(F, v4[xi + c + 1]), odd4);
            odd5 = qo.fma(FloatVector.broadcast(F, v5[xi + c + 1]), odd5);
            odd6 = qo.fma(FloatVector.broadcast(F, v6[xi + c + 1]), odd6);
            odd7 = qo.fma(FloatVector.broadcast(F, v7[xi + c + 1]), odd7);
        }
        IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        float[] o0 = out[t];
        float[] o1 = out[t + 1];
        float[] o2 = out[t + 2];
        float[] o3 = out[t + 3];
        float[] o4 = out[t + 4];
        float[] o5 = out[t + 5];
        float[] o6 = out[t + 6];
        float[] o7 = out[t + 7];
        even0.add(odd0).fma(d.mul(xs[t].scales[b]), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o0, o))
                .intoArray(o0, o);
        even1.add(odd1).fma(d.mul(xs[t + 1].scales[b]), b == 0 ? FloatVector.zero(F)
                : FloatVector.fromArray(F, o1, o)).intoArray(o1, o);
        even2.add(odd2).fma(d.mul(xs[t + 2].scales[b]), b == 0 ? FloatVector.zero(F)
                : FloatVector.fromArray(F, o2, o)).intoArray(o2, o);
        even3.add(odd3).fma(d.mul(xs[t + 3].scales[b]), b == 0 ? FloatVector.zero(F)
                : FloatVector.fromArray(F, o3, o)).intoArray(o3, o);
        even4.add(odd4).fma(d.mul(xs[t + 4].scales[b]), b == 0 ? FloatVector.zero(F)
                : FloatVector.fromArray(F, o4, o)).intoArray(o4, o);
        even5.add(odd5).fma(d.mul(xs[t + 5].scales[b]), b == 0 ? FloatVector.zero(F)
                : FloatVector.fromArray(F, o5, o)).intoArray(o5, o);
        even6.add(odd6).fma(d.mul(xs[t + 6].scales[b]), b == 0 ? FloatVector.zero(F)
                : FloatVector.fromArray(F, o6, o)).intoArray(o6, o);
        even7.add(odd7).fma(d.mul(xs[t + 7].scales[b]), b == 0 ? FloatVector.zero(F)
                : FloatVector.fromArray(F, o7, o)).intoArray(o7, o);
    }

    /**
     * Groups {@code g} and {@code g + 1} times eight tokens, block {@code b}: one chain of partial sums per token
     * and group. The sums are exact integers whatever their order (see the class comment), so these are
     * {@link #oneToken}'s numbers too.
     */
    private static void twoGroupsEightTokens(MemorySegment w, int cols, int g, int b, QuantizedRow[] xs, int t,
            float[][] out, int outOffset) {
        int blocks = cols / BLOCK;
        long at = ((long) g * blocks + b) * GROUP_BLOCK_BYTES;
        long next = at + (long) blocks * GROUP_BLOCK_BYTES;
        int xi = b * BLOCK;
        float[] v0 = xs[t + 0].values;
        float[] v1 = xs[t + 1].values;
        float[] v2 = xs[t + 2].values;
        float[] v3 = xs[t + 3].values;
        float[] v4 = xs[t + 4].values;
        float[] v5 = xs[t + 5].values;
        float[] v6 = xs[t + 6].values;
        float[] v7 = xs[t + 7].values;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector a4 = FloatVector.zero(F);
        FloatVector a5 = FloatVector.zero(F);
        FloatVector a6 = FloatVector.zero(F);
        FloatVector a7 = FloatVector.zero(F);
        FloatVector n0 = FloatVector.zero(F);
        FloatVector n1 = FloatVector.zero(F);
        FloatVector n2 = FloatVector.zero(F);
        FloatVector n3 = FloatVector.zero(F);
        FloatVector n4 = FloatVector.zero(F);
        FloatVector n5 = FloatVector.zero(F);
        FloatVector n6 = FloatVector.zero(F);
        FloatVector n7 = FloatVector.zero(F);
        for (int c = 0; c < BLOCK; c++) {
            FloatVector qa = (FloatVector) ByteVector.fromMemorySegment(B16, w, at + QUANTS + 16L * c,
                    LittleEndian.ORDER).convertShape(VectorOperators.B2F, F, 0);
            FloatVector qn = (FloatVector) ByteVector.fromMemorySegment(B16, w, next + QUANTS + 16L * c,
                    LittleEndian.ORDER).convertShape(VectorOperators.B2F, F, 0);
            FloatVector x0 = FloatVector.broadcast(F, v0[xi + c]);
            a0 = qa.fma(x0, a0);
            n0 = qn.fma(x0, n0);
            FloatVector x1 = FloatVector.broadcast(F, v1[xi + c]);
            a1 = qa.fma(x1, a1);
            n1 = qn.fma(x1, n1);
            FloatVector x2 = FloatVector.broadcast(F, v2[xi + c]);
            a2 = qa.fma(x2, a2);
            n2 = qn.fma(x2, n2);
            FloatVector x3 = FloatVector.broadcast(F, v3[xi + c]);
            a3 = qa.fma(x3, a3);
            n3 = qn.fma(x3, n3);
            FloatVector x4 = FloatVector.broadcast(F, v4[xi + c]);
            a4 = qa.fma(x4, a4);
            n4 = qn.fma(x4, n4);
            FloatVector x5 = FloatVector.broadcast(F, v5[xi + c]);
            a5 = qa.fma(x5, a5);
            n5 = qn.fma(x5, n5);
            FloatVector x6 = FloatVector.broadcast(F, v6[xi + c]);
            a6 = qa.fma(x6, a6);
            n6 = qn.fma(x6, n6);
            FloatVector x7 = FloatVector.broadcast(F, v7[xi + c]);
            a7 = qa.fma(x7, a7);
            n7 = qn.fma(x7, n7);
        }
        IntVector dBits = (IntVector) ShortVector.fromMemorySegment(S16, w, at, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector d = (FloatVector) ((FloatVector) dBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        IntVector dnBits = (IntVector) ShortVector.fromMemorySegment(S16, w, next, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector dn = (FloatVector) ((FloatVector) dnBits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts()
                .or(dnBits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        int o = outOffset + g * ROWS;
        int on = o + ROWS;
        float[] o0 = out[t + 0];
        float xd0 = xs[t + 0].scales[b];
        a0.fma(d.mul(xd0), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o0, o)).intoArray(o0, o);
        n0.fma(dn.mul(xd0), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o0, on))
                .intoArray(o0, on);
        float[] o1 = out[t + 1];
        float xd1 = xs[t + 1].scales[b];
        a1.fma(d.mul(xd1), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o1, o)).intoArray(o1, o);
        n1.fma(dn.mul(xd1), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o1, on))
                .intoArray(o1, on);
        float[] o2 = out[t + 2];
        float xd2 = xs[t + 2].scales[b];
        a2.fma(d.mul(xd2), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o2, o)).intoArray(o2, o);
        n2.fma(dn.mul(xd2), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o2, on))
                .intoArray(o2, on);
        float[] o3 = out[t + 3];
        float xd3 = xs[t + 3].scales[b];
        a3.fma(d.mul(xd3), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o3, o)).intoArray(o3, o);
        n3.fma(dn.mul(xd3), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o3, on))
                .intoArray(o3, on);
        float[] o4 = out[t + 4];
        float xd4 = xs[t + 4].scales[b];
        a4.fma(d.mul(xd4), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o4, o)).intoArray(o4, o);
        n4.fma(dn.mul(xd4), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o4, on))
                .intoArray(o4, on);
        float[] o5 = out[t + 5];
        float xd5 = xs[t + 5].scales[b];
        a5.fma(d.mul(xd5), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o5, o)).intoArray(o5, o);
        n5.fma(dn.mul(xd5), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o5, on))
                .intoArray(o5, on);
        float[] o6 = out[t + 6];
        float xd6 = xs[t + 6].scales[b];
        a6.fma(d.mul(xd6), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o6, o)).intoArray(o6, o);
        n6.fma(dn.mul(xd6), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o6, on))
                .intoArray(o6, on);
        float[] o7 = out[t + 7];
        float xd7 = xs[t + 7].scales[b];
        a7.fma(d.mul(xd7), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o7, o)).intoArray(o7, o);
        n7.fma(dn.mul(xd7), b == 0 ? FloatVector.zero(F) : FloatVector.fromArray(F, o7, on))
                .intoArray(o7, on);
    }
}
