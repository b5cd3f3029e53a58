package io.docswarm.engine.quant;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
