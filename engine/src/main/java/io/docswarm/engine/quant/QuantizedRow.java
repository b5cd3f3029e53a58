package io.docswarm.engine.quant;

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
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One activation row prepared for the dot products of one weight type, exactly as ggml's CPU path
 * prepares it (its {@code vec_dot_type}): quantized to {@link GgmlType#Q8_0} blocks of 32 for Q8_0/Q4_0/Q5_0
 * weights, to {@link GgmlType#Q8_1} blocks of 32 (Q8_0's quants plus a per-block sum) for Q4_1/Q5_1, to
 * {@link GgmlType#Q8_K} blocks of 256 (with per-16 sums) for K-quants, rounded to F16 or BF16 for those
 * weights, or kept as is for F32.
 *
 * <p>A reusable buffer: {@link #quantize} overwrites it, so the token loop allocates nothing. Besides the
 * int8 quants it keeps each quant as a float ({@link #values}), which is what the Vector API kernels read:
 * products of small integers summed in float are exact within a block, so this costs no accuracy and saves
 * a widening per element in every weight row.
 *
 * <p>Not thread-safe while being written; any number of threads may read it afterwards.
 */
public final class QuantizedRow {
    /** Largest magnitude a Q8_0/Q8_1/Q8_K quant takes. */
    static final float Q8_MAX = 127f;
    /** Adding and subtracting it rounds a float of magnitude below 2^22 to an integer, ties to even. */
    private static final float ROUNDING = 0x1.8p23f;
    private static final int INFINITY_BITS = 0x7F800000;
    /**
     * Place {@code i} of a Q8_K block's {@link #dequantized} takes element {@code NIBBLE_ORDER[i]}: the order in
     * which the K-quants' {@code decodeRow} (so {@link DecodedProduct}) lay out their weights, 64 weight bytes read
     * as 16 int lanes, nibble {@code j} (bits {@code 4j..4j+3}) of every lane at once. Per 128 elements (half
     * {@code c} of a block), place {@code 16j + l} holds element {@code 64 (l / 8) + 32 (j % 2) + 4 (l % 8) + j / 2}:
     * lane {@code l} of an int vector over Q4_K/Q5_K {@code qs} bytes {@code 64c .. 64c+63} holds bytes
     * {@code 4l .. 4l+3} of 32-byte group {@code 2c + l / 8}, whose low nibbles are sub-block
     * {@code 2 (2c + l / 8)}, high nibbles the next one.
     */
    private static final int[] NIBBLE_ORDER = new int[256];
    /**
     * Both short layouts take, for each output vector, the even (or odd) elements of two spans of 32 quants: lanes
     * 0-15 from the first span, 16-31 from the second. {@code PICKS[32 parity + j]} is that index into the two
     * spans side by side (32 and up: the second), for a two-vector {@code selectFrom}.
     */
    private static final short[] PICKS = new short[64];
    /** 32 quants, widened to 32 shorts ({@link VectorSupport#S32}) in one conversion. */
    private static final VectorSpecies<Byte> QUANT_SPAN = ByteVector.SPECIES_256;

    static {
        for (int half = 0; half < 2; half++) {
            for (int j = 0; j < 8; j++) {
                for (int l = 0; l < 16; l++) {
                    NIBBLE_ORDER[128 * half + 16 * j + l] = 128 * half + 64 * (l / 8) + 32 * (j % 2) + 4 * (l % 8) + j / 2;
                }
            }
        }
        for (int parity = 0; parity < 2; parity++) {
            for (int j = 0; j < 32; j++) {
                PICKS[32 * parity + j] = (short) (32 * (j / 16) + 2 * (j % 16) + parity);
            }
        }
    }

    private final int capacity;
    private GgmlType type = GgmlType.F32;
    private int length;

    /** Q8_0/Q8_1/Q8_K: the quants as floats; F32/F16/BF16: the (rounded) values. */
    final float[] values;
    /**
     * Q8_0/Q8_1: the quants as floats regrouped per block of 32 for kernels that sum each four consecutive
     * products in one lane, as ggml's x86 kernels do (see {@link LegacyQuants}): quant {@code 4l + r} of a
     * block is at {@code 8r + l} in the block's 32 places, so run {@code r} (8 lanes) holds quants
     * {@code r, 4 + r, ..., 28 + r}.
     */
    final float[] byFours;
    /**
     * Q8_K and Q8_0 (and Q8_1, unused), with 512-bit vectors: each quant times its block's scale, the activation
     * as its quantization stands for it, in the order of the weights {@link QuantKernel#decodeRow} decodes for
     * {@link DecodedProduct}'s float products: Q8_K in {@link #NIBBLE_ORDER}, Q8_0 in element order. Empty on
     * narrower machines, which neither fill nor keep the 512-bit layouts.
     */
    final float[] dequantized;
    /**
     * Q8_K only, with 512-bit vectors: the quants as shorts in the order in which Q4_K's and Q5_K's one-row
     * {@code dot} read their nibbles. Their 128 {@code qs} bytes are two reads of 32 short lanes; lane {@code j} of
     * read {@code r} holds bytes {@code 2j, 2j+1}, which lie in 32-byte group {@code c = 2r + j / 16} at positions
     * {@code p = 2 (j % 16)} and {@code p + 1}. Its nibble {@code k} (bits {@code 4k..4k+3}) is the low
     * ({@code k} even) or high nibble of byte {@code k / 2}: place {@code 32 (4r + k) + j} of a block holds element
     * {@code 64c + p + k / 2 + 32 (k % 2)}. So every nibble of a lane is multiplied by its own quant in one short
     * multiplication, and the two products of a lane's low (or high) nibbles, and the two lanes of an int, share a
     * sub-block (see {@link Q4KKernel#dotRows}).
     */
    final short[] byNibblePairs;
    /**
     * Q8_K only, with 512-bit vectors: the quants as shorts in the order of Q6_K's one-row {@code dot}, which
     * reads both halves' first (then second) 32 {@code ql} bytes side by side as 32 short lanes: lane {@code j}
     * covers half {@code h = j / 16}, positions {@code p = 2 (j % 16)} and {@code p + 1}. Place
     * {@code 32 (2g + k) + j} of a block holds element {@code 128h + 32g + p + k}: group {@code g}'s value in
     * byte {@code k} of the lane (see {@link Q6KKernel#dot}).
     */
    final short[] byGroupPairs;
    /**
     * Q8_K only, with 512-bit vectors: each two consecutive quants as one int, element {@code 2i} in the low
     * short of {@code pairs[i]} and {@code 2i + 1} in the high one, for {@link InterleavedQ4K}, which broadcasts
     * such a pair to every int lane (the two columns of sixteen rows).
     */
    final int[] pairs;
    /**
     * Q8_K only, with 512-bit vectors: per 16 elements {@code 16s .. 16s+15}, 32 times the sum of the even
     * elements in the low short and 32 times the sum of the odd ones in the high short, each modulo 2^16: what
     * {@link InterleavedQ6K}'s one-token product subtracts from its wrapping short sums of {@code q * x} to get
     * those of {@code (q - 32) * x}.
     */
    final int[] centreSums;
    /** Q8_0/Q8_1/Q8_K: the int8 quants. */
    final byte[] quants;
    /** Q8_0/Q8_1: the F16-rounded block scale as float; Q8_K: the float block scale. */
    final float[] scales;
    /**
     * Q8_1 only: each block's {@code s}, {@code d * sum(quants)} with the unrounded {@code d}, rounded to F16
     * (widened back): what the min term of Q4_1/Q5_1 dot products multiplies.
     */
    final float[] blockSums;
    /** Q8_K only: sums of each 16 consecutive quants. */
    final short[] bsums;
    /** Q8_K only: sums of each 32 consecutive quants (bsums in pairs: one per Q4_K/Q5_K sub-block). */
    final int[] sums32;

    /** Whether this row keeps only what the {@link InterleavedRows packed products} read (see the constructor). */
    final boolean lean;

    /** A buffer for rows of up to {@code capacity} elements, for every kernel. */
    public QuantizedRow(int capacity) {
        this(capacity, false);
    }

    /**
     * A buffer for rows of up to {@code capacity} elements. A {@code lean} one serves only weights repacked
     * sixteen rows side by side ({@link InterleavedRows}) and float weights: it neither keeps nor fills the
     * layouts of the one-row kernels and of decoded-row products ({@code byFours}, {@code dequantized},
     * {@code byNibblePairs}, {@code byGroupPairs}: 12 of the 19 bytes per element), and those kernels refuse it.
     * With every matrix packed, a model's activation buffers take about 60% less memory.
     */
    public QuantizedRow(int capacity, boolean lean) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.lean = lean;
        boolean wide = VectorSupport.L == 16 && !lean;
        this.values = new float[capacity];
        this.byFours = new float[lean ? 0 : capacity];
        // Only the 512-bit kernels read these; narrower machines neither fill nor keep them.
        this.dequantized = new float[wide ? capacity : 0];
        this.byNibblePairs = new short[wide ? capacity : 0];
        this.byGroupPairs = new short[wide ? capacity : 0];
        this.pairs = new int[VectorSupport.L == 16 ? capacity / 2 : 0];
        this.centreSums = new int[VectorSupport.L == 16 ? capacity / 16 : 0];
        this.quants = new byte[capacity];
        this.scales = new float[capacity / GgmlType.Q8_0.blockSize() + 1];
        this.blockSums = new float[capacity / GgmlType.Q8_1.blockSize() + 1];
        this.bsums = new short[capacity / 16 + 1];
        this.sums32 = new int[capacity / 32 + 1];
    }

    public int capacity() {
        return capacity;
    }

    /** Whether this row is lean: only for packed and float weights (see {@link #QuantizedRow(int, boolean)}). */
    public boolean lean() {
        return lean;
    }

    /** The activation type this row currently holds. */
    public GgmlType type() {
        return type;
    }

    /** Elements in this row. */
    public int length() {
        return length;
    }

    /** Quant {@code i} (Q8_0/Q8_1/Q8_K rows). */
    public byte quant(int i) {
        checkIndex(i, length);
        return quants[i];
    }

    /** Scale of block {@code block} (Q8_0/Q8_1: the F16 value widened; Q8_K: the float). */
    public float scale(int block) {
        checkIndex(block, length / type.blockSize());
        return scales[block];
    }

    /** Q8_1: block {@code block}'s {@code s} (F16-rounded {@code d * sum of its quants}), widened. */
    public float blockSum(int block) {
        if (type != GgmlType.Q8_1) {
            throw new IllegalStateException("only Q8_1 rows have block sums, this row is " + type);
        }
        checkIndex(block, length / 32);
        return blockSums[block];
    }

    /** Q8_K: sum of quants {@code 16*group .. 16*group+15}. */
    public short bsum(int group) {
        checkIndex(group, length / 16);
        return bsums[group];
    }

    /** Element {@code i} as the kernels see it: the value for float types, the quant for Q8 types. */
    public float value(int i) {
        checkIndex(i, length);
        return values[i];
    }

    /**
     * Prepares {@code x[offset .. offset+n)} for dot products with weights whose activation type is
     * {@code activationType} (see {@link QuantKernel#activationType()}).
     */
    public void quantize(GgmlType activationType, float[] x, int offset, int n) {
        if (n > capacity) {
            throw new IllegalArgumentException("row of " + n + " elements exceeds capacity " + capacity);
        }
        java.util.Objects.checkFromIndexSize(offset, n, x.length);
        if (n % activationType.blockSize() != 0) {
            throw new IllegalArgumentException(activationType + " activations need a multiple of "
                    + activationType.blockSize() + " elements, got " + n);
        }
        switch (activationType) {
            case F32 -> System.arraycopy(x, offset, values, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    values[i] = HalfFloats.roundToF16(x[offset + i]);
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    values[i] = HalfFloats.roundToBf16(x[offset + i]);
                }
            }
            case Q8_0 -> quantizeQ8_0(x, offset, n, false);
            case Q8_1 -> quantizeQ8_0(x, offset, n, true);
            case Q8_K -> quantizeQ8_K(x, offset, n);
            default -> throw new IllegalArgumentException(activationType + " is not an activation type");
        }
        this.type = activationType;
        this.length = n;
    }

    /**
     * ggml's {@code quantize_row_q8_0} as its x86 (AVX/AVX2/AVX-512) build runs it — the build this engine is
     * compared with. Per block of 32: {@code amax = max |x|}, {@code d = amax / 127} stored as F16,
     * {@code q = round(x * (127 / amax))} with ties to even. (The portable {@code quantize_row_q8_0_ref}
     * instead multiplies by {@code 1/d} and rounds ties away from zero; the two differ on rare ties.)
     *
     * <p>With {@code sums}, ggml's x86 {@code quantize_row_q8_1}: the same quants and F16 {@code d}, and also
     * {@code s = F16(d * sum(q))}, where {@code d} is the float {@code amax / 127} before its F16 rounding.
     */
    private void quantizeQ8_0(float[] x, int offset, int n, boolean sums) {
        for (int block = 0; block < n / 32; block++) {
            int base = block * 32;
            float amax = 0f;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[offset + base + j]));
            }
            float d = amax / Q8_MAX;
            float id = amax != 0f ? Q8_MAX / amax : 0f;
            scales[block] = HalfFloats.roundToF16(d);
            int sum = 0;
            for (int j = 0; j < 32; j++) {
                int q = saturateToByte((int) Math.rint(x[offset + base + j] * id));
                quants[base + j] = (byte) q;
                values[base + j] = q;
                if (byFours.length > 0) {
                    byFours[base + 8 * (j & 3) + (j >> 2)] = q;
                }
                sum += q;
            }
            if (sums) {
                blockSums[block] = HalfFloats.roundToF16(d * sum);
            }
            if (dequantized.length > 0) {
                for (int j = 0; j < 32; j++) {
                    dequantized[base + j] = values[base + j] * scales[block];
                }
            }
        }
    }

    /**
     * ggml's {@code quantize_row_q8_K_ref} (x86 uses the reference): per block of 256 take the element of
     * largest magnitude (the first one on ties) {@code max}, {@code iscale = -127 / max},
     * {@code q = min(127, nearest_int(iscale * x))}, {@code d = 1 / iscale}; an all-zero block gets d = 0.
     * Then the sums of each 16 quants.
     */
    private void quantizeQ8_K(float[] x, int offset, int n) {
        for (int block = 0; block < n / 256; block++) {
            int base = block * 256;
            int at = offset + base;
            float max = largestMagnitude(x, at);
            // Below about 3.7e-37 the scale 127 / max overflows: ggml's nearest_int then turns every product
            // into an int8 of 0 (its bit trick on Inf and NaN), so such a block is an all-zero one.
            if (max == 0f || Float.isInfinite(Q8_MAX / max)) {
                scales[block] = 0f;
                java.util.Arrays.fill(quants, base, base + 256, (byte) 0);
                java.util.Arrays.fill(values, base, base + 256, 0f);
                if (dequantized.length > 0) {
                    java.util.Arrays.fill(dequantized, base, base + 256, 0f);
                    java.util.Arrays.fill(byNibblePairs, base, base + 256, (short) 0);
                    java.util.Arrays.fill(byGroupPairs, base, base + 256, (short) 0);
                }
                if (pairs.length > 0) {
                    java.util.Arrays.fill(pairs, base / 2, base / 2 + 128, 0);
                    java.util.Arrays.fill(centreSums, base / 16, base / 16 + 16, 0);
                }
                java.util.Arrays.fill(bsums, base / 16, base / 16 + 16, (short) 0);
                java.util.Arrays.fill(sums32, base / 32, base / 32 + 8, 0);
                continue;
            }
            float iscale = -Q8_MAX / max;
            for (int j = 0; j < 256; j += L) {
                // Math.rint on |v| <= 127: adding 1.5 * 2^23 leaves no fraction bits, so the addition rounds to
                // the nearest integer, ties to even, and the subtraction is exact. NaN becomes 0 in the conversion
                // to int (Java's cast), and the float values are taken from the ints so they agree. No masks here:
                // a blend on a NaN test, compiled into this method, was left boxed by C2 in some runs
                // (DecodeAllocationTest: 34,848 bytes per token, for good).
                FloatVector v = FloatVector.fromArray(F, x, at + j).mul(iscale);
                IntVector q = (IntVector) v.add(ROUNDING).sub(ROUNDING).min(Q8_MAX).convert(VectorOperators.F2I, 0);
                ((FloatVector) q.convert(VectorOperators.I2F, 0)).intoArray(values, base + j);
                ((ByteVector) q.convertShape(VectorOperators.I2B, B, 0)).intoArray(quants, base + j);
            }
            for (int g = 0; g < 16; g++) {
                FloatVector sum = FloatVector.fromArray(F, values, base + 16 * g);
                for (int j = L; j < 16; j += L) {
                    sum = sum.add(FloatVector.fromArray(F, values, base + 16 * g + j));
                }
                bsums[base / 16 + g] = (short) sum.reduceLanes(VectorOperators.ADD); // small integers: exact
            }
            for (int g = 0; g < 8; g++) {
                sums32[base / 32 + g] = bsums[base / 16 + 2 * g] + bsums[base / 16 + 2 * g + 1];
            }
            scales[block] = 1f / iscale;
            if (pairs.length > 0) {
                spreadForWideKernels(base, scales[block]);
            }
        }
    }

    /**
     * The element of largest magnitude of the 256 at {@code at} (the first of them on a tie; NaN is passed
     * over), 0 if there is none. The magnitudes are compared as the bits of {@code |x|}, which order as the
     * values do; NaN (bits above infinity's) counts as 0. Written without vector masks, as the quantization loop.
     */
    private static float largestMagnitude(float[] x, int at) {
        IntVector most = IntVector.zero(I);
        for (int j = 0; j < 256; j += L) {
            IntVector magnitude = ((IntVector) FloatVector.fromArray(F, x, at + j).reinterpretAsInts())
                    .and(Integer.MAX_VALUE);
            // (infinity's bits - magnitude) >> 31 is all ones exactly where the lane holds a NaN.
            IntVector nan = magnitude.neg().add(INFINITY_BITS).lanewise(VectorOperators.ASHR, 31);
            most = most.max(magnitude.and(nan.not()));
        }
        int amax = most.reduceLanes(VectorOperators.MAX); // a maximum: the order does not matter
        if (amax == 0) {
            return 0f;
        }
        for (int j = 0; ; j++) {
            if ((Float.floatToRawIntBits(x[at + j]) & Integer.MAX_VALUE) == amax) {
                return x[at + j];
            }
        }
    }

    /**
     * The 512-bit kernels' layouts of block {@code base} from its quants: {@link #dequantized} gathered by
     * {@link #NIBBLE_ORDER}; {@link #pairs}, {@link #byNibblePairs} and {@link #byGroupPairs} from the
     * quants as 8 vectors of 32 shorts (span {@code i}: elements {@code 32i .. 32i+31}), each output vector one
     * two-vector select of the even or odd elements of two spans (a loop of 512 scalar copies before: 4% of a
     * prompt's time).
     */
    private void spreadForWideKernels(int base, float scale) {
        if (dequantized.length > 0) {
            for (int i = 0; i < 256; i += 16) {
                FloatVector.fromArray(F, values, base, NIBBLE_ORDER, i).mul(scale).intoArray(dequantized, base + i);
            }
        }
        ShortVector s0 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base)
                .convertShape(VectorOperators.B2S, S32, 0);
        ShortVector s1 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base + 32)
                .convertShape(VectorOperators.B2S, S32, 0);
        ShortVector s2 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base + 64)
                .convertShape(VectorOperators.B2S, S32, 0);
        ShortVector s3 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base + 96)
                .convertShape(VectorOperators.B2S, S32, 0);
        ShortVector s4 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base + 128)
                .convertShape(VectorOperators.B2S, S32, 0);
        ShortVector s5 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base + 160)
                .convertShape(VectorOperators.B2S, S32, 0);
        ShortVector s6 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base + 192)
                .convertShape(VectorOperators.B2S, S32, 0);
        ShortVector s7 = (ShortVector) ByteVector.fromArray(QUANT_SPAN, quants, base + 224)
                .convertShape(VectorOperators.B2S, S32, 0);
        // pairs: the shorts in element order, two to an int (little-endian lanes: the even element low).
        ((IntVector) s0.reinterpretAsInts()).intoArray(pairs, base / 2);
        ((IntVector) s1.reinterpretAsInts()).intoArray(pairs, base / 2 + 16);
        ((IntVector) s2.reinterpretAsInts()).intoArray(pairs, base / 2 + 32);
        ((IntVector) s3.reinterpretAsInts()).intoArray(pairs, base / 2 + 48);
        ((IntVector) s4.reinterpretAsInts()).intoArray(pairs, base / 2 + 64);
        ((IntVector) s5.reinterpretAsInts()).intoArray(pairs, base / 2 + 80);
        ((IntVector) s6.reinterpretAsInts()).intoArray(pairs, base / 2 + 96);
        ((IntVector) s7.reinterpretAsInts()).intoArray(pairs, base / 2 + 112);
        for (int sub = 0; sub < 16; sub++) {
            int even = 0;
            for (int j = 0; j < 16; j += 2) {
                even += quants[base + 16 * sub + j];
            }
            int odd = bsums[base / 16 + sub] - even; // bsums: the sub-block's whole sum, made above
            centreSums[base / 16 + sub] = (32 * even & 0xFFFF) | 32 * odd << 16;
        }
        if (lean) {
            return;
        }
        ShortVector even = ShortVector.fromArray(S32, PICKS, 0);
        ShortVector odd = ShortVector.fromArray(S32, PICKS, 32);
        // byNibblePairs, read r, nibble k: spans 4r + k % 2 and 4r + 2 + k % 2, parity k / 2.
        even.selectFrom(s0, s2).intoArray(byNibblePairs, base);
        even.selectFrom(s1, s3).intoArray(byNibblePairs, base + 32);
        odd.selectFrom(s0, s2).intoArray(byNibblePairs, base + 64);
        odd.selectFrom(s1, s3).intoArray(byNibblePairs, base + 96);
        even.selectFrom(s4, s6).intoArray(byNibblePairs, base + 128);
        even.selectFrom(s5, s7).intoArray(byNibblePairs, base + 160);
        odd.selectFrom(s4, s6).intoArray(byNibblePairs, base + 192);
        odd.selectFrom(s5, s7).intoArray(byNibblePairs, base + 224);
        // byGroupPairs, group g, byte k: spans g and 4 + g, parity k.
        even.selectFrom(s0, s4).intoArray(byGroupPairs, base);
        odd.selectFrom(s0, s4).intoArray(byGroupPairs, base + 32);
        even.selectFrom(s1, s5).intoArray(byGroupPairs, base + 64);
        odd.selectFrom(s1, s5).intoArray(byGroupPairs, base + 96);
        even.selectFrom(s2, s6).intoArray(byGroupPairs, base + 128);
        odd.selectFrom(s2, s6).intoArray(byGroupPairs, base + 160);
        even.selectFrom(s3, s7).intoArray(byGroupPairs, base + 192);
        odd.selectFrom(s3, s7).intoArray(byGroupPairs, base + 224);
    }

    /** Like {@code _mm256_packs_epi32} then {@code _mm256_packs_epi16}: clamp to the int8 range. */
    private static int saturateToByte(int q) {
        return Math.max(-128, Math.min(127, q));
    }

    /**
     * Writes this Q8_0, Q8_1 or Q8_K row as ggml blocks ({@code block_q8_0}: f16 d, 32 int8;
     * {@code block_q8_1}: f16 d, f16 s, 32 int8; {@code block_q8_K}: f32 d, 256 int8, 16 int16 bsums),
     * little-endian, at {@code offset}.
     */
    public void writeBlocks(MemorySegment dst, long offset) {
        if (type != GgmlType.Q8_0 && type != GgmlType.Q8_1 && type != GgmlType.Q8_K) {
            throw new IllegalStateException("only Q8_0, Q8_1 and Q8_K rows have a block encoding, this row is "
                    + type);
        }
        long size = type.bytesFor(length);
        java.util.Objects.checkFromIndexSize(offset, size, dst.byteSize());
        int blockSize = type.blockSize();
        for (int block = 0; block < length / blockSize; block++) {
            long at = offset + (long) block * type.bytesPerBlock();
            if (type == GgmlType.Q8_0) {
                LittleEndian.setShort(dst, at, HalfFloats.floatToF16(scales[block]));
                MemorySegment.copy(quants, block * 32, dst, java.lang.foreign.ValueLayout.JAVA_BYTE, at + 2, 32);
            } else if (type == GgmlType.Q8_1) {
                LittleEndian.setShort(dst, at, HalfFloats.floatToF16(scales[block]));
                LittleEndian.setShort(dst, at + 2, HalfFloats.floatToF16(blockSums[block]));
                MemorySegment.copy(quants, block * 32, dst, java.lang.foreign.ValueLayout.JAVA_BYTE, at + 4, 32);
            } else {
                LittleEndian.setFloat(dst, at, scales[block]);
                MemorySegment.copy(quants, block * 256, dst, java.lang.foreign.ValueLayout.JAVA_BYTE, at + 4, 256);
                for (int g = 0; g < 16; g++) {
                    LittleEndian.setShort(dst, at + 260 + 2L * g, bsums[block * 16 + g]);
                }
            }
        }
    }

    private static void checkIndex(int i, int size) {
        java.util.Objects.checkIndex(i, size);
    }
}
