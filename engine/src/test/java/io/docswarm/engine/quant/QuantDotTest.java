package io.docswarm.engine.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class QuantDotTest {
    private static final int ROWS = 3;
    private static final int COLS = 768; // three K-quant super-blocks, 24 Q8_0 blocks

    /** The Vector API kernel against the scalar ggml-order reference, on every row (non-zero offsets). */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class,
            names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void vectorKernelAgreesWithScalarReference(GgmlType type) {
        Random random = new Random(type.ordinal());
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f), ROWS, COLS);
        QuantizedRow x = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
        QuantKernel kernel = QuantKernel.of(type);
        float[] deq = QuantTestSupport.decode(type, w, ROWS, COLS);
        float[] xs = QuantTestSupport.activationValues(x);
        for (int r = 0; r < ROWS; r++) {
            long offset = r * type.bytesFor(COLS);
            double magnitude = 0;
            for (int i = 0; i < COLS; i++) {
                magnitude += Math.abs((double) deq[r * COLS + i] * xs[i]);
            }
            float reference = kernel.dotReference(w, offset, x, COLS);
            float vector = kernel.dot(w, offset, x, COLS);
            assertEquals(reference, vector, 2e-6 * magnitude, type + " row " + r);
        }
    }

    /**
     * The F16 kernel widens every one of the 65,536 half-precision bit patterns exactly (normals, subnormals,
     * zeros, infinities, NaNs), in every vector lane: a row holding one pattern among zeros, times ones.
     */
    @org.junit.jupiter.api.Test
    void f16KernelWidensEveryBitPatternExactly() {
        int n = 32;
        QuantKernel kernel = QuantKernel.of(GgmlType.F16);
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        QuantizedRow x = QuantTestSupport.activation(GgmlType.F16, ones);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment row = arena.allocate(2L * n, 64);
            for (int bits = 0; bits < 65536; bits++) {
                int lane = bits % n;
                row.fill((byte) 0);
                row.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 2L * lane,
                        (short) bits);
                float expected = Float.float16ToFloat((short) bits);
                assertEquals(expected, kernel.dot(row, 0, x, n), 0f, "f16 bits 0x" + Integer.toHexString(bits));
            }
        }
    }

    /**
     * A batch of activation rows against one weight row gives each row's {@link QuantKernel#dot}, for every group
     * size the batched kernels special-case and the remainders after them, at an offset into the batch: bit for
     * bit, except where decoded rows take the batch, whose float sums may differ by rounding
     * ({@link QuantTestSupport#dotBatchTolerance}).
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class,
            names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void batchedDotsEqualSingleDots(GgmlType type) {
        Random random = new Random(7 + type.ordinal());
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f), ROWS, COLS);
        QuantKernel kernel = QuantKernel.of(type);
        int tokens = 11;
        QuantizedRow[] xs = new QuantizedRow[tokens];
        for (int j = 0; j < tokens; j++) {
            xs[j] = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
        }
        for (int r = 0; r < ROWS; r++) {
            long offset = r * type.bytesFor(COLS);
            for (int count = 1; count <= tokens - 2; count++) {
                float[][] out = new float[tokens][ROWS + 1];
                kernel.dotBatch(w, offset, xs, 2, count, COLS, out, r + 1);
                for (int j = 0; j < tokens; j++) {
                    String where = type + " row " + r + " count " + count + " token " + j;
                    if (j >= 2 && j < 2 + count) {
                        assertEquals(kernel.dot(w, offset, xs[j], COLS), out[j][r + 1],
                                QuantTestSupport.dotBatchTolerance(type, w, offset, xs[j], COLS, count), where);
                    } else {
                        assertEquals(0f, out[j][r + 1], where);
                    }
                }
            }
        }
    }

    /**
     * A range of rows through {@link QuantKernel#dotRows}, from any first row and into any place of the output,
     * gives each row's {@link QuantKernel#dot} bit for bit and writes nothing else; rows past the weights or
     * results past the output fail before anything is written.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class,
            names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void rowRangesEqualSingleDots(GgmlType type) {
        int rows = 7;
        Random random = new Random(11 + type.ordinal());
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, rows * COLS, 0.05f), rows,
                COLS);
        QuantizedRow x = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
        QuantKernel kernel = QuantKernel.of(type);
        long rowBytes = type.bytesFor(COLS);
        for (int first = 0; first < rows; first++) {
            for (int count = 0; first + count <= rows; count++) {
                float[] out = new float[rows + 3];
                java.util.Arrays.fill(out, Float.NaN);
                kernel.dotRows(w, first * rowBytes, rowBytes, count, x, COLS, out, 2);
                for (int i = 0; i < out.length; i++) {
                    String where = type + " rows " + first + ".." + (first + count) + " place " + i;
                    if (i >= 2 && i < 2 + count) {
                        assertEquals(Float.floatToRawIntBits(kernel.dot(w, (first + i - 2) * rowBytes, x, COLS)),
                                Float.floatToRawIntBits(out[i]), where);
                    } else {
                        assertTrue(Float.isNaN(out[i]), where);
                    }
                }
            }
        }
        float[] out = new float[rows];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> kernel.dotRows(w, rowBytes, rowBytes, rows, x, COLS, out, 0), "one row past the weights");
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> kernel.dotRows(w, 0, rowBytes, rows, x, COLS, out, 1), "one result past the output");
    }

    /**
     * With every scale 1 and small integer activations, all sums are integers below 2^24: the vector kernel,
     * the reference and exact integer arithmetic must agree bit for bit.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class,
            names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void integerDotProductsAreExact(GgmlType type) {
        Random random = new Random(42 + type.ordinal());
        MemorySegment w = unitScaleWeights(type, random, COLS);
        float[] x = new float[COLS];
        for (int i = 0; i < COLS; i++) {
            x[i] = random.nextInt(17) - 8;
        }
        for (int i = 0; i < COLS; i += 32) {
            x[i] = -127f; // every Q8_0 block and Q8_K block then quantizes with scale 1, quants = x
        }
        QuantizedRow row = QuantTestSupport.activation(type, x);
        float[] deq = new float[COLS];
        QuantKernel kernel = QuantKernel.of(type);
        kernel.dequantize(w, 0, deq, 0, COLS);
        long exact = 0;
        for (int i = 0; i < COLS; i++) {
            assertEquals(Math.rint(deq[i]), deq[i], "weights must be integers");
            exact += (long) deq[i] * (long) x[i];
        }
        assertEquals((float) exact, kernel.dotReference(w, 0, row, COLS), type + " reference");
        assertEquals((float) exact, kernel.dot(w, 0, row, COLS), type + " vector");
    }

    /**
     * The dot product equals the float product of the dequantized weights and dequantized activation, and is
     * within the quantization error of the unquantized product. (For Q4_1/Q5_1, whose min term uses the Q8_1
     * activation's F16 block sum {@code s} instead of its quants, the dequantized product is taken with that
     * {@code s}: see {@link QuantTestSupport#minTermCorrection}.)
     */
    @ParameterizedTest
    @CsvSource({"F32, 1e-6", "F16, 0.002", "BF16, 0.01", "Q8_0, 0.03", "Q4_0, 0.25", "Q4_1, 0.2", "Q5_0, 0.12",
            "Q5_1, 0.1", "Q4_K, 0.25", "Q5_K, 0.12", "Q6_K, 0.06"})
    void dotMatchesFloatProductWithinQuantizationError(GgmlType type, double relativeError) {
        Random random = new Random(100 + type.ordinal());
        float[] weights = QuantTestSupport.gaussian(random, COLS, 0.05f);
        float[] activation = QuantTestSupport.gaussian(random, COLS, 2f);
        MemorySegment w = QuantTestSupport.encode(type, weights, 1, COLS);
        QuantizedRow x = QuantTestSupport.activation(type, activation);
        float[] deq = QuantTestSupport.decode(type, w, 1, COLS);
        float[] xs = QuantTestSupport.activationValues(x);
        double dequantized = 0;
        double exact = 0;
        double magnitude = 0;
        double normW = 0;
        double normX = 0;
        dequantized += QuantTestSupport.minTermCorrection(type, w, 0, x, COLS);
        for (int i = 0; i < COLS; i++) {
            dequantized += (double) deq[i] * xs[i];
            magnitude += Math.abs((double) deq[i] * xs[i]);
            exact += (double) weights[i] * activation[i];
            normW += (double) weights[i] * weights[i];
            normX += (double) activation[i] * activation[i];
        }
        float dot = QuantKernel.of(type).dot(w, 0, x, COLS);
        assertEquals(dequantized, dot, 2e-6 * magnitude, "against the dequantized product");
        // Independent rounding errors: |sum e_i x_i| ~ rms(e) * |x| = relative error * |w| * |x| / sqrt(n).
        double bound = relativeError * Math.sqrt(normW * normX / COLS) * 4;
        assertTrue(Math.abs(dot - exact) <= bound, type + ": " + dot + " vs exact " + exact + ", bound " + bound);
    }

    /**
     * Q4_1, Q5_0 and Q5_1 compute exactly ggml's x86 order (see {@link LegacyQuants}), written out here in
     * scalar form: per block, lane {@code l} sums the integer products of elements {@code 4l .. 4l+3}; one fused
     * accumulator per lane over the blocks; lanes added as {@code ((a0+a4)+(a2+a6))+((a1+a5)+(a3+a7))}; then the
     * fused sum of {@code m * s} for the types with a minimum. The vector kernel must give the same bits.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_1", "Q5_0", "Q5_1"})
    void legacyKernelsFollowGgmlsX86OrderBitForBit(GgmlType type) {
        Random random = new Random(300 + type.ordinal());
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f), ROWS,
                COLS);
        QuantKernel kernel = QuantKernel.of(type);
        boolean hasMin = type != GgmlType.Q5_0;
        for (int trial = 0; trial < 20; trial++) {
            QuantizedRow x = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
            for (int r = 0; r < ROWS; r++) {
                long offset = r * type.bytesFor(COLS);
                float[] deq = new float[COLS];
                float[] acc = new float[8];
                float mins = 0f;
                for (int b = 0; b < COLS / 32; b++) {
                    long at = offset + (long) b * type.bytesPerBlock();
                    float d = LittleEndian.getHalf(w, at);
                    float m = hasMin ? LittleEndian.getHalf(w, at + 2) : 0f;
                    for (int l = 0; l < 8; l++) {
                        int sum = 0;
                        for (int i = 4 * l; i < 4 * l + 4; i++) {
                            sum += level(type, w, at, i) * x.quant(32 * b + i);
                        }
                        acc[l] = Math.fma(d * x.scale(b), (float) sum, acc[l]);
                    }
                    if (hasMin) {
                        mins = Math.fma(m, x.blockSum(b), mins);
                    }
                }
                float expected = ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
                if (hasMin) {
                    expected += mins;
                }
                assertEquals(expected, kernel.dot(w, offset, x, COLS), type + " row " + r + " trial " + trial);
            }
        }
    }

    /**
     * Q4_K, Q5_K and Q6_K add in ggml's AVX2 order, written out here in scalar form: per super-block, lane {@code l}
     * (0-7) sums the integer products of the elements {@code e} with {@code (e % 32) / 4 == l}, each times its
     * sub-block scale; one fused accumulator per lane, {@code d * xd} times that sum; the lanes added as
     * {@code ((a0+a4)+(a2+a6))+((a1+a5)+(a3+a7))}. Q4_K and Q5_K then subtract their min term, summed per block as
     * {@code dmin * xd * (integer sum of min * sub-block quant sum)}. However the 512-bit kernels lay their lanes
     * out, they must give these bits.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void kQuantKernelsAddInGgmlsAvx2LaneOrderBitForBit(GgmlType type) {
        org.junit.jupiter.api.Assumptions.assumeTrue(VectorSupport.L == 16, "the 256-bit kernels (dotNarrow) add in "
                + "their own lane order, held to the reference only within vectorKernelAgreesWithScalarReference's "
                + "tolerance; this JVM has " + VectorSupport.F.vectorBitSize() + "-bit vectors");
        Random random = new Random(400 + type.ordinal());
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f), ROWS,
                COLS);
        QuantKernel kernel = QuantKernel.of(type);
        for (int trial = 0; trial < 10; trial++) {
            QuantizedRow x = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
            for (int r = 0; r < ROWS; r++) {
                long offset = r * type.bytesFor(COLS);
                float[] acc = new float[8];
                float minTerm = 0f;
                for (int b = 0; b < COLS / 256; b++) {
                    long at = offset + (long) b * type.bytesPerBlock();
                    long[] lanes = new long[8];
                    for (int e = 0; e < 256; e++) {
                        int weight = switch (type) {
                            case Q6_K -> q6Level(w, at, e) * LittleEndian.getByte(w, at + 192 + e / 16);
                            case Q5_K -> q5Level(w, at, e) * (KQuants.scaleMin(w, at + 4, e / 32) & 0xFF);
                            default -> q4Level(w, at, e) * (KQuants.scaleMin(w, at + 4, e / 32) & 0xFF);
                        };
                        lanes[(e % 32) / 4] += (long) weight * x.quant(256 * b + e);
                    }
                    float d = LittleEndian.getHalf(w, at + (type == GgmlType.Q6_K ? 208 : 0)) * x.scale(b);
                    for (int l = 0; l < 8; l++) {
                        acc[l] = Math.fma((float) lanes[l], d, acc[l]);
                    }
                    if (type != GgmlType.Q6_K) {
                        int sumMins = 0;
                        for (int e = 0; e < 256; e++) {
                            sumMins += (KQuants.scaleMin(w, at + 4, e / 32) >> 8) * x.quant(256 * b + e);
                        }
                        minTerm += LittleEndian.getHalf(w, at + 2) * x.scale(b) * sumMins;
                    }
                }
                float expected = ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]))
                        - minTerm;
                assertEquals(expected, kernel.dot(w, offset, x, COLS), type + " row " + r + " trial " + trial);
            }
        }
    }

    /** Q4_K element {@code e}: the low nibbles of 32-byte group {@code e / 64}, then its high nibbles. */
    private static int q4Level(MemorySegment w, long at, int e) {
        int b = LittleEndian.getUnsignedByte(w, at + 16 + 32 * (e / 64) + e % 32);
        return (e % 64) < 32 ? b & 0xF : b >> 4;
    }

    /** Q5_K element {@code e}: as Q4_K's nibble (32 bytes later), topped by bit {@code e / 32} of qh[e % 32]. */
    private static int q5Level(MemorySegment w, long at, int e) {
        int b = LittleEndian.getUnsignedByte(w, at + 48 + 32 * (e / 64) + e % 32);
        int nibble = (e % 64) < 32 ? b & 0xF : b >> 4;
        return nibble | ((LittleEndian.getUnsignedByte(w, at + 16 + e % 32) >> (e / 32)) & 1) << 4;
    }

    /** Q6_K element {@code e}, minus 32 (see {@link Q6KKernel}). */
    private static int q6Level(MemorySegment w, long at, int e) {
        int half = e / 128;
        int quarter = (e % 128) / 32;
        int l = e % 32;
        int ql = LittleEndian.getUnsignedByte(w, at + 64L * half + l + (quarter % 2) * 32);
        int low = quarter < 2 ? ql & 0xF : ql >> 4;
        int high = (LittleEndian.getUnsignedByte(w, at + 128 + 32L * half + l) >> (2 * quarter)) & 3;
        return (low | high << 4) - 32;
    }

    /** The integer level of element {@code i} of the Q4_1/Q5_0/Q5_1 block at {@code at} (Q5_0 minus 16). */
    private static int level(GgmlType type, MemorySegment w, long at, int i) {
        long qs = at + switch (type) {
            case Q4_1 -> 4;
            case Q5_0 -> 6;
            default -> 8;
        };
        int b = LittleEndian.getUnsignedByte(w, qs + (i & 15));
        int nibble = i < 16 ? b & 0xF : b >> 4;
        if (type == GgmlType.Q4_1) {
            return nibble;
        }
        int qh = LittleEndian.getInt(w, at + (type == GgmlType.Q5_0 ? 2 : 4));
        int level = nibble | ((qh >>> i) & 1) << 4;
        return type == GgmlType.Q5_0 ? level - 16 : level;
    }

    /** One row whose scales are all 1 (and mins 1 for Q4_1/Q5_1/Q4_K/Q5_K) and whose quants are random. */
    private static MemorySegment unitScaleWeights(GgmlType type, Random random, int n) {
        MemorySegment w = Arena.ofAuto().allocate(type.bytesFor(n));
        for (long i = 0; i < w.byteSize(); i++) {
            w.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
        }
        short one = HalfFloats.floatToF16(1f);
        int blocks = n / type.blockSize();
        switch (type) {
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    LittleEndian.setFloat(w, 4L * i, random.nextInt(201) - 100);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    LittleEndian.setShort(w, 2L * i, HalfFloats.floatToF16(random.nextInt(201) - 100));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    LittleEndian.setShort(w, 2L * i, HalfFloats.floatToBf16(random.nextInt(201) - 100));
                }
            }
            case Q8_0 -> {
                for (int b = 0; b < blocks; b++) {
                    LittleEndian.setShort(w, 34L * b, one);
                    for (int j = 0; j < 32; j++) { // ggml's quants are within -127..127
                        LittleEndian.setByte(w, 34L * b + 2 + j, random.nextInt(255) - 127);
                    }
                }
            }
            case Q4_0 -> {
                for (int b = 0; b < blocks; b++) {
                    LittleEndian.setShort(w, 18L * b, one);
                }
            }
            case Q5_0 -> {
                for (int b = 0; b < blocks; b++) {
                    LittleEndian.setShort(w, 22L * b, one);
                }
            }
            case Q4_1, Q5_1 -> { // d = 1 and m = 1
                for (int b = 0; b < blocks; b++) {
                    long at = (long) b * type.bytesPerBlock();
                    LittleEndian.setShort(w, at, one);
                    LittleEndian.setShort(w, at + 2, one);
                }
            }
            case Q4_K, Q5_K -> {
                for (int b = 0; b < blocks; b++) {
                    long at = (long) b * type.bytesPerBlock();
                    LittleEndian.setShort(w, at, one);
                    LittleEndian.setShort(w, at + 2, one);
                }
            }
            case Q6_K -> {
                for (int b = 0; b < blocks; b++) {
                    LittleEndian.setShort(w, 210L * b + 208, one);
                }
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
        return w;
    }
}
