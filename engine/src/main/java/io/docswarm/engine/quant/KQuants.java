package io.docswarm.engine.quant;

import java.lang.foreign.MemorySegment;

/**
 * What the K-quant families share: super-blocks of 256 elements and, for Q4_K and Q5_K, eight sub-blocks
 * of 32 whose 6-bit scales and mins are packed into 12 bytes ({@code K_SCALE_SIZE}).
 */
final class KQuants {
    static final int QK_K = 256;
    static final int SCALE_BYTES = 12;

    private KQuants() {
    }

    /**
     * ggml's {@code get_scale_min_k4}: scale and min of sub-block {@code j} (0..7) from the 12 packed bytes at
     * {@code at}, returned as {@code scale | min << 8}. Sub-blocks 0-3 keep their 6 bits in the low bits of
     * bytes j and j+4; sub-blocks 4-7 keep 4 bits in byte j+4 and their top 2 bits in the spare top bits of
     * bytes j-4 and j.
     */
    static int scaleMin(MemorySegment w, long at, int j) {
        int scale;
        int min;
        if (j < 4) {
            scale = LittleEndian.getUnsignedByte(w, at + j) & 63;
            min = LittleEndian.getUnsignedByte(w, at + j + 4) & 63;
        } else {
            int packed = LittleEndian.getUnsignedByte(w, at + j + 4);
            scale = (packed & 0xF) | ((LittleEndian.getUnsignedByte(w, at + j - 4) >> 6) << 4);
            min = (packed >> 4) | ((LittleEndian.getUnsignedByte(w, at + j) >> 6) << 4);
        }
        return scale | min << 8;
    }

    /**
     * The eight 6-bit scales (or mins) unpacked four to an int, one per byte, from the 12 packed bytes held in
     * {@code lo} (bytes 0-7) and {@code hi} (8-11) — ggml's {@code utmp} trick: no per-sub-block branches.
     */
    static int scales0123(long lo) {
        return (int) lo & 0x3f3f3f3f;
    }

    static int scales4567(long lo, int hi) {
        return (hi & 0x0f0f0f0f) | ((((int) lo >>> 6) & 0x03030303) << 4);
    }

    static int mins0123(long lo) {
        return (int) (lo >>> 32) & 0x3f3f3f3f;
    }

    static int mins4567(long lo, int hi) {
        return ((hi >>> 4) & 0x0f0f0f0f) | ((((int) (lo >>> 32) >>> 6) & 0x03030303) << 4);
    }

    /**
     * Per-lane shifts that pick, from an int holding four sub-blocks' scales (one per byte), the scale of each
     * lane of a 16-lane vector over 64 bytes of {@code qs} (see {@link QuantizedRow#dequantized}): for the even
     * nibbles lanes 0-7 take byte 0 and lanes 8-15 byte 2; for the odd nibbles bytes 1 and 3.
     */
    static final int[] EVEN_SCALE_SHIFTS = {0, 0, 0, 0, 0, 0, 0, 0, 16, 16, 16, 16, 16, 16, 16, 16};
    static final int[] ODD_SCALE_SHIFTS = {8, 8, 8, 8, 8, 8, 8, 8, 24, 24, 24, 24, 24, 24, 24, 24};

    /** {@code sum(byte j of packed * sums[at + j])} for j = 0..3. */
    static int dot4(int packed, int[] sums, int at) {
        return (packed & 0xFF) * sums[at] + (packed >>> 8 & 0xFF) * sums[at + 1]
                + (packed >>> 16 & 0xFF) * sums[at + 2] + (packed >>> 24) * sums[at + 3];
    }

    /**
     * Quantizes one super-block for Q4_K ({@code nmax} 15) or Q5_K ({@code nmax} 31) with ggml's scale/min
     * packing but a simpler per-sub-block fit than ggml's weighted search: each sub-block maps
     * {@code [min(0, lo), hi]} onto {@code 0..nmax}, the scales and mins are quantized to 6 bits against the
     * block's largest, and the elements are re-quantized with the scales actually stored. Writes
     * {@code d}, {@code dmin} and the 12 scale bytes at {@code at}, the quants (0..nmax) into {@code levels}.
     */
    static void quantizeScaleMinBlock(float[] x, int base, int nmax, MemorySegment dst, long at, int[] levels) {
        float[] scales = new float[8];
        float[] mins = new float[8];
        float maxScale = 0f;
        float maxMin = 0f;
        for (int j = 0; j < 8; j++) {
            float lo = x[base + 32 * j];
            float hi = lo;
            for (int l = 1; l < 32; l++) {
                lo = Math.min(lo, x[base + 32 * j + l]);
                hi = Math.max(hi, x[base + 32 * j + l]);
            }
            lo = Math.min(lo, 0f);
            scales[j] = (hi - lo) / nmax;
            mins[j] = -lo;
            maxScale = Math.max(maxScale, scales[j]);
            maxMin = Math.max(maxMin, mins[j]);
        }
        float invScale = maxScale > 0 ? 63f / maxScale : 0f;
        float invMin = maxMin > 0 ? 63f / maxMin : 0f;
        byte[] packed = new byte[SCALE_BYTES];
        for (int j = 0; j < 8; j++) {
            int ls = Math.min(63, HalfFloats.nearestInt(invScale * scales[j]));
            // Round the min up so the sub-block's smallest element stays representable.
            int lm = Math.min(63, (int) Math.ceil(invMin * mins[j]));
            if (j < 4) {
                packed[j] = (byte) ls;
                packed[j + 4] = (byte) lm;
            } else {
                packed[j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
                packed[j - 4] |= (byte) ((ls >> 4) << 6);
                packed[j] |= (byte) ((lm >> 4) << 6);
            }
        }
        LittleEndian.setShort(dst, at, HalfFloats.floatToF16(maxScale / 63f));
        LittleEndian.setShort(dst, at + 2, HalfFloats.floatToF16(maxMin / 63f));
        MemorySegment.copy(packed, 0, dst, java.lang.foreign.ValueLayout.JAVA_BYTE, at + 4, SCALE_BYTES);
        float d = LittleEndian.getHalf(dst, at);
        float dmin = LittleEndian.getHalf(dst, at + 2);
        for (int j = 0; j < 8; j++) {
            int sm = scaleMin(dst, at + 4, j);
            float scale = d * (sm & 0xFF);
            float min = dmin * (sm >> 8);
            for (int l = 0; l < 32; l++) {
                int q = scale == 0f ? 0 : HalfFloats.nearestInt((x[base + 32 * j + l] + min) / scale);
                levels[32 * j + l] = Math.max(0, Math.min(nmax, q));
            }
        }
    }
}
