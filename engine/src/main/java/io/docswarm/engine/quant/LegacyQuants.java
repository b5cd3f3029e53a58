package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * What ggml's 32-element "legacy" block types with a minimum or a fifth bit (Q4_1, Q5_0, Q5_1) share.
 *
 * <p>Each block's 16 bytes of {@code qs} hold element {@code j} in the low nibble of byte {@code j} and element
 * {@code j + 16} in its high nibble. Q5 types add {@code uint32 qh}: bit {@code j} is the fifth bit of element
 * {@code j}. Q4_1/Q5_1 elements are {@code d * q + m}; their dot products take a Q8_1 activation, whose
 * per-block {@code s} (about {@code xd * sum(xq)}) turns the min term into one multiplication per block.
 *
 * <p><b>Order of operations.</b> ggml's x86 kernels for these types ({@code ggml_vec_dot_q4_1_q8_1},
 * {@code _q5_0_q8_0}, {@code _q5_1_q8_1}, and llamafile's {@code tinyBLAS_Q0_AVX} that llama.cpp uses for
 * Q5_0 matrices) all sum the 32 integer products of a block into 8 int32 lanes, lane {@code l} holding
 * elements {@code 4l .. 4l+3} ({@code vpdpbusd}, or {@code maddubs} + {@code madd}), convert them to float
 * and accumulate {@code acc = fma(d * xd, lanes, acc)} over the blocks in one 8-lane accumulator, then add
 * the lanes as {@code ((a0+a4) + (a2+a6)) + ((a1+a5) + (a3+a7))}; Q4_1/Q5_1 add the min terms
 * {@code summs = fma(m, s, summs)} after that sum (fused: {@code vfmadd231ss} in the disassembly of the
 * haswell and zen4 variants node-llama-cpp ships). The kernels here do exactly the same float operations, so
 * for the same inputs they return llama.cpp's bits (on x86; ggml's ARM kernels add in another order):
 * they run on 8-lane (256-bit) vectors whatever the machine's widest, with the activation regrouped by
 * fours ({@link QuantizedRow#byFours}) and the weights decoded into the same order, four runs per block.
 * One {@link #dot} and one {@link #dot4} serve the three types, told apart by their {@link Layout}.
 */
final class LegacyQuants {
    static final int BLOCK = 32;

    static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;
    static final VectorSpecies<Integer> I4 = IntVector.SPECIES_128;

    /**
     * The block's 16 {@code qs} bytes are loaded as four ints and duplicated into 8 lanes
     * ({@code [i0 i1 i2 i3 i0 i1 i2 i3]}); run {@code r} shifts lane {@code l} right by {@code 8r} (lanes 0-3,
     * low nibbles: elements {@code 4l + r}) or {@code 8r + 4} (lanes 4-7, high nibbles: elements
     * {@code 16 + 4(l-4) + r}), so that masking with 15 leaves element {@code 4l + r} in lane {@code l}.
     */
    static final int[] NIBBLE_SHIFTS = new int[4 * 8];
    /**
     * For Q5 types: run {@code r} rotates {@code qh} right by {@code 4l + r - 4} in lane {@code l}, which
     * brings element {@code 4l + r}'s fifth bit to bit 4 (value 16) for any {@code l}, bit 0 included.
     */
    static final int[] FIFTH_BIT_ROTATIONS = new int[4 * 8];
    static final VectorShuffle<Integer> DUPLICATE_LOW_HALF = VectorShuffle.fromValues(I8, 0, 1, 2, 3, 0, 1, 2, 3);

    static {
        for (int r = 0; r < 4; r++) {
            for (int l = 0; l < 8; l++) {
                NIBBLE_SHIFTS[8 * r + l] = 8 * r + (l < 4 ? 0 : 4);
                FIFTH_BIT_ROTATIONS[8 * r + l] = (4 * l + r - 4) & 31;
            }
        }
    }

    private LegacyQuants() {
    }

    /**
     * Where a type's block keeps its fields: {@code bytes} per block, {@code qs} and {@code qh} (-1: no fifth
     * bits) offsets, the {@code offset} taken off every level (Q5_0's 16), and whether an F16 {@code m} at byte 2
     * adds a min term.
     */
    record Layout(GgmlType type, int bytes, int qs, int qh, int offset, boolean hasMin) {
    }

    static final Layout Q4_1 = new Layout(GgmlType.Q4_1, 20, 4, -1, 0, true);
    static final Layout Q5_0 = new Layout(GgmlType.Q5_0, 22, 6, 2, 16, false);
    static final Layout Q5_1 = new Layout(GgmlType.Q5_1, 24, 8, 4, 0, true);

    /**
     * ggml's x86 order exactly (see above): per block 8 lanes of four-element integer sums (exact in float),
     * fifth bits by per-lane rotations of {@code qh}, one fused accumulator over the blocks, ggml's lane sum,
     * then the min terms' fused sum. Arguments are checked by the caller.
     */
    static float dot(Layout t, MemorySegment w, long offset, QuantizedRow x, int n) {
        float[] xg = x.byFours;
        float[] xs = x.scales;
        float[] xsum = x.blockSums;
        FloatVector acc = FloatVector.zero(F8);
        float mins = 0f;
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * t.bytes();
            int xi = b * BLOCK;
            IntVector v = ((IntVector) IntVector.fromMemorySegment(I4, w, at + t.qs(), LittleEndian.ORDER)
                    .reinterpretShape(I8, 0)).rearrange(DUPLICATE_LOW_HALF);
            IntVector h = IntVector.broadcast(I8, t.qh() >= 0 ? LittleEndian.getInt(w, at + t.qh()) : 0);
            FloatVector lanes = FloatVector.zero(F8);
            for (int r = 0; r < 4; r++) {
                IntVector q = v.lanewise(VectorOperators.LSHR, IntVector.fromArray(I8, NIBBLE_SHIFTS, 8 * r))
                        .and(0x0F);
                if (t.qh() >= 0) {
                    q = q.or(h.lanewise(VectorOperators.ROR, IntVector.fromArray(I8, FIFTH_BIT_ROTATIONS, 8 * r))
                            .and(0x10));
                }
                if (t.offset() != 0) {
                    q = q.sub(t.offset());
                }
                lanes = ((FloatVector) q.convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.fromArray(F8, xg, xi + 8 * r), lanes);
            }
            acc = lanes.fma(FloatVector.broadcast(F8, LittleEndian.getHalf(w, at) * xs[b]), acc);
            if (t.hasMin()) {
                mins = Math.fma(LittleEndian.getHalf(w, at + 2), xsum[b], mins);
            }
        }
        // ggml's hsum_float_8: ((a0+a4) + (a2+a6)) + ((a1+a5) + (a3+a7)).
        acc = acc.add(acc.slice(4));
        acc = acc.add(acc.slice(2));
        acc = acc.add(acc.slice(1));
        return t.hasMin() ? acc.lane(0) + mins : acc.lane(0);
    }

    /** {@link #dot} for four activation rows sharing each block's decoding; per row exactly {@link #dot}. */
    static void dot4(Layout t, MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        float[] g0 = x0.byFours;
        float[] g1 = x1.byFours;
        float[] g2 = x2.byFours;
        float[] g3 = x3.byFours;
        FloatVector acc0 = FloatVector.zero(F8);
        FloatVector acc1 = FloatVector.zero(F8);
        FloatVector acc2 = FloatVector.zero(F8);
        FloatVector acc3 = FloatVector.zero(F8);
        float mins0 = 0f;
        float mins1 = 0f;
        float mins2 = 0f;
        float mins3 = 0f;
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * t.bytes();
            int xi = b * BLOCK;
            IntVector v = ((IntVector) IntVector.fromMemorySegment(I4, w, at + t.qs(), LittleEndian.ORDER)
                    .reinterpretShape(I8, 0)).rearrange(DUPLICATE_LOW_HALF);
            IntVector h = IntVector.broadcast(I8, t.qh() >= 0 ? LittleEndian.getInt(w, at + t.qh()) : 0);
            FloatVector s0 = FloatVector.zero(F8);
            FloatVector s1 = FloatVector.zero(F8);
            FloatVector s2 = FloatVector.zero(F8);
            FloatVector s3 = FloatVector.zero(F8);
            for (int r = 0; r < 4; r++) {
                IntVector q = v.lanewise(VectorOperators.LSHR, IntVector.fromArray(I8, NIBBLE_SHIFTS, 8 * r))
                        .and(0x0F);
                if (t.qh() >= 0) {
                    q = q.or(h.lanewise(VectorOperators.ROR, IntVector.fromArray(I8, FIFTH_BIT_ROTATIONS, 8 * r))
                            .and(0x10));
                }
                if (t.offset() != 0) {
                    q = q.sub(t.offset());
                }
                FloatVector qf = (FloatVector) q.convert(VectorOperators.I2F, 0);
                int xr = xi + 8 * r;
                s0 = qf.fma(FloatVector.fromArray(F8, g0, xr), s0);
                s1 = qf.fma(FloatVector.fromArray(F8, g1, xr), s1);
                s2 = qf.fma(FloatVector.fromArray(F8, g2, xr), s2);
                s3 = qf.fma(FloatVector.fromArray(F8, g3, xr), s3);
            }
            float d = LittleEndian.getHalf(w, at);
            acc0 = s0.fma(FloatVector.broadcast(F8, d * x0.scales[b]), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F8, d * x1.scales[b]), acc1);
            acc2 = s2.fma(FloatVector.broadcast(F8, d * x2.scales[b]), acc2);
            acc3 = s3.fma(FloatVector.broadcast(F8, d * x3.scales[b]), acc3);
            if (t.hasMin()) {
                float m = LittleEndian.getHalf(w, at + 2);
                mins0 = Math.fma(m, x0.blockSums[b], mins0);
                mins1 = Math.fma(m, x1.blockSums[b], mins1);
                mins2 = Math.fma(m, x2.blockSums[b], mins2);
                mins3 = Math.fma(m, x3.blockSums[b], mins3);
            }
        }
        // dot's lane sum written out: no vector may cross a call the JIT might not inline.
        FloatVector r0 = acc0.add(acc0.slice(4));
        FloatVector r1 = acc1.add(acc1.slice(4));
        FloatVector r2 = acc2.add(acc2.slice(4));
        FloatVector r3 = acc3.add(acc3.slice(4));
        r0 = r0.add(r0.slice(2));
        r1 = r1.add(r1.slice(2));
        r2 = r2.add(r2.slice(2));
        r3 = r3.add(r3.slice(2));
        r0 = r0.add(r0.slice(1));
        r1 = r1.add(r1.slice(1));
        r2 = r2.add(r2.slice(1));
        r3 = r3.add(r3.slice(1));
        boolean m = t.hasMin();
        out0[column] = m ? r0.lane(0) + mins0 : r0.lane(0);
        out1[column] = m ? r1.lane(0) + mins1 : r1.lane(0);
        out2[column] = m ? r2.lane(0) + mins2 : r2.lane(0);
        out3[column] = m ? r3.lane(0) + mins3 : r3.lane(0);
    }

    /** The fifth bit of element {@code j} (0..31) as 0 or 16, as ggml's dequantizers extract it. */
    static int fifthBit(int qh, int j) {
        return ((qh >>> j) & 1) << 4;
    }

    /**
     * The 5-bit level {@code j} (0..31) of a Q5 block whose {@code qs} start at {@code qsAt}, without the
     * type's offset.
     */
    static int level5(MemorySegment w, long qsAt, int qh, int j) {
        int q = LittleEndian.getUnsignedByte(w, qsAt + (j & 15));
        int nibble = j < 16 ? q & 0xF : q >> 4;
        return nibble | fifthBit(qh, j);
    }

    /**
     * Packs 32 levels (0..31) as {@code qs} at {@code qsAt} and returns {@code qh}, keeping each level's
     * low four bits and fifth bit as ggml's quantizers do (higher bits are dropped).
     */
    static int packLevels5(int[] levels, MemorySegment dst, long qsAt) {
        int qh = 0;
        for (int j = 0; j < BLOCK / 2; j++) {
            int lo = levels[j];
            int hi = levels[j + BLOCK / 2];
            LittleEndian.setByte(dst, qsAt + j, (lo & 0xF) | (hi & 0xF) << 4);
            qh |= ((lo & 0x10) >>> 4) << j;
            qh |= ((hi & 0x10) >>> 4) << (j + BLOCK / 2);
        }
        return qh;
    }

    /** The smallest of {@code src[base .. base+32)} (the minimum of ggml's Q4_1/Q5_1 quantizers). */
    static float min(float[] src, int base) {
        float min = Float.MAX_VALUE;
        for (int j = 0; j < BLOCK; j++) {
            if (src[base + j] < min) {
                min = src[base + j];
            }
        }
        return min;
    }

    /** The largest of {@code src[base .. base+32)}. */
    static float max(float[] src, int base) {
        float max = -Float.MAX_VALUE;
        for (int j = 0; j < BLOCK; j++) {
            if (src[base + j] > max) {
                max = src[base + j];
            }
        }
        return max;
    }
}
