package io.docswarm.engine.quant;

/**
 * What ggml's 32-element "legacy" block types with a minimum or a fifth bit (Q4_1, Q5_0, Q5_1) share.
 *
 * <p>Each block's 16 bytes of {@code qs} hold element {@code j} in the low nibble of byte {@code j} and element
 * {@code j + 16} in its high nibble. Q5 types add {@code uint32 qh}: bit {@code j} is the fifth bit of element
 * {@code j} (bits 16-31 those of elements 16-31). Q4_1/Q5_1 elements are {@code d * q + m}; their dot products
 * take a Q8_1 activation, whose per-block {@code s} (about {@code xd * sum(xq)}) turns the min term into
 * one multiplication per block.
 */
final class LegacyQuants {
    static final int BLOCK = 32;

    /**
     * Lane {@code i} holds {@code i}: per-lane shift counts for the Q5 kernels' fifth bits. With
     * {@code (qh << 4) >>> (k + i) & 0x10}, lane {@code i} of the run starting at {@code k} gets bit
     * {@code k + i} of {@code qh} as the value 16 (elements 0-15); {@code (qh >>> 12) >>> (k + i) & 0x10}
     * does the same for bit {@code 16 + k + i} (elements 16-31). x86 has variable shifts on int lanes
     * ({@code vpsrlvd}), not on bytes, so the kernels decode on int lanes.
     */
    static final int[] LANE_SHIFTS = new int[BLOCK / 2];

    static {
        for (int i = 0; i < LANE_SHIFTS.length; i++) {
            LANE_SHIFTS[i] = i;
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
    static int level5(java.lang.foreign.MemorySegment w, long qsAt, int qh, int j) {
        int q = LittleEndian.getUnsignedByte(w, qsAt + (j & 15));
        int nibble = j < 16 ? q & 0xF : q >> 4;
        return nibble | fifthBit(qh, j);
    }

    /**
     * Packs 32 levels (0..31) as {@code qs} at {@code qsAt} and returns {@code qh}, keeping each level's
     * low four bits and fifth bit as ggml's quantizers do (higher bits are dropped).
     */
    static int packLevels5(int[] levels, java.lang.foreign.MemorySegment dst, long qsAt) {
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

    /** Smallest and largest of {@code src[base .. base+32)}, as {@code min} and {@code max} floats. */
    static float min(float[] src, int base) {
        float min = Float.MAX_VALUE;
        for (int j = 0; j < BLOCK; j++) {
            if (src[base + j] < min) {
                min = src[base + j];
            }
        }
        return min;
    }

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
