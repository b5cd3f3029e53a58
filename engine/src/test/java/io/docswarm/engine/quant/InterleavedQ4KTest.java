package io.docswarm.engine.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Q4_K rows packed sixteen at a time: decoding a packed row gives the file row's floats bit for bit, and every
 * product equals, bit for bit, a scalar computation straight from the file's blocks that adds the same integers
 * and rounds the same floats (so the packing loses and moves nothing, including F16 scales that are subnormal or
 * negative), whether its token is multiplied alone or with others.
 */
class InterleavedQ4KTest {
    private static final int ROWS = 48; // three groups
    private static final int COLS = 768; // three super-blocks

    @Test
    void packedRowsDecodeToTheFileRows() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        MemorySegment w = weights(new Random(5));
        MemorySegment packed = pack(w);
        float[] expected = new float[COLS];
        float[] actual = new float[COLS];
        for (int r = 0; r < ROWS; r++) {
            Q4KKernel.INSTANCE.dequantize(w, r * GgmlType.Q4_K.bytesFor(COLS), expected, 0, COLS);
            InterleavedQ4K.INSTANCE.dequantizeRow(packed, COLS, r, actual, 0);
            assertArrayEquals(expected, actual, "row " + r);
        }
    }

    @Test
    void productsAreTheIntegerSumsScaledAsGgmlDoes() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        Random random = new Random(6);
        MemorySegment w = weights(random);
        MemorySegment packed = pack(w);
        int tokens = 7; // one group of four, three left over
        QuantizedRow[] xs = new QuantizedRow[tokens];
        for (int t = 0; t < tokens; t++) {
            xs[t] = QuantTestSupport.activation(GgmlType.Q4_K, QuantTestSupport.gaussian(random, COLS, 3f));
        }
        int outOffset = 3;
        float[][] together = new float[tokens][outOffset + ROWS];
        InterleavedQ4K.INSTANCE.multiply(packed, COLS, xs, 0, tokens, together, outOffset, 0, ROWS / InterleavedRows.ROWS);
        for (int t = 0; t < tokens; t++) {
            float[][] alone = new float[tokens][outOffset + ROWS];
            InterleavedQ4K.INSTANCE.multiply(packed, COLS, xs, t, 1, alone, outOffset, 0, ROWS / InterleavedRows.ROWS);
            for (int r = 0; r < ROWS; r++) {
                float expected = reference(w, r, xs[t]);
                assertEquals(expected, together[t][outOffset + r], 0f, "row " + r + ", token " + t + " of seven");
                assertEquals(expected, alone[t][outOffset + r], 0f, "row " + r + ", token " + t + " alone");
                float plain = Q4KKernel.INSTANCE.dot(w, r * GgmlType.Q4_K.bytesFor(COLS), xs[t], COLS);
                assertEquals(plain, expected, 1e-5 * QuantTestSupport.productMagnitude(GgmlType.Q4_K, w,
                        r * GgmlType.Q4_K.bytesFor(COLS), xs[t], COLS), "row " + r + " against the one-row kernel");
            }
        }
    }

    @Test
    void aGroupRangeWritesOnlyItsRows() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        Random random = new Random(7);
        MemorySegment packed = pack(weights(random));
        QuantizedRow[] xs = {QuantTestSupport.activation(GgmlType.Q4_K, QuantTestSupport.gaussian(random, COLS, 1f))};
        float[][] out = {new float[ROWS]};
        java.util.Arrays.fill(out[0], Float.NaN);
        InterleavedQ4K.INSTANCE.multiply(packed, COLS, xs, 0, 1, out, 0, 1, 2);
        for (int r = 0; r < ROWS; r++) {
            assertEquals(r >= 16 && r < 32, !Float.isNaN(out[0][r]), "row " + r);
        }
    }

    @Test
    void onlyWholeGroupsOfQ4KAndQ6KRowsPack() {
        assertEquals(VectorSupport.L == 16, InterleavedRows.forType(GgmlType.Q4_K) != null);
        assertEquals(VectorSupport.L == 16, InterleavedRows.forType(GgmlType.Q6_K) != null);
        assertEquals(null, InterleavedRows.forType(GgmlType.Q5_K));
        assertTrue(InterleavedQ4K.INSTANCE.packs(32, 512));
        assertFalse(InterleavedQ4K.INSTANCE.packs(40, 512));
        assertFalse(InterleavedQ6K.INSTANCE.packs(32, 500));
        assertEquals(GgmlType.Q4_K.bytesFor(512) * 32, InterleavedQ4K.INSTANCE.packedBytes(32, 512));
        // Q6_K packs into exactly the file's size.
        assertEquals(GgmlType.Q6_K.bytesFor(512) * 32, InterleavedQ6K.INSTANCE.packedBytes(32, 512));
    }

    @Test
    void activationsOfAnotherTypeOrLengthAreRefused() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        MemorySegment packed = pack(weights(new Random(8)));
        QuantizedRow q8_0 = QuantTestSupport.activation(GgmlType.Q8_0, new float[COLS]);
        QuantizedRow shorter = QuantTestSupport.activation(GgmlType.Q4_K, new float[COLS - 256]);
        float[][] out = {new float[ROWS]};
        for (QuantizedRow x : new QuantizedRow[] {q8_0, shorter}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InterleavedQ4K.INSTANCE.multiply(packed, COLS, new QuantizedRow[] {x}, 0, 1, out, 0, 0, 1));
            assertTrue(e.getMessage().contains("Q8_K"), e.getMessage());
        }
    }

    /**
     * Random Q4_K rows, with some blocks' {@code d} and {@code dmin} replaced by F16 values whose widening is
     * easy to get wrong: subnormal, negative, the largest finite.
     */
    private static MemorySegment weights(Random random) {
        MemorySegment w = QuantTestSupport.encode(GgmlType.Q4_K, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f),
                ROWS, COLS);
        short[] odd = {0x0001, 0x03FF, (short) 0x8400, 0x7BFF, (short) 0x83FF, 0x0400, (short) 0xBC00};
        for (int i = 0; i < odd.length; i++) {
            long block = (long) (5 * i + 1) * Q4KKernel.BYTES;
            LittleEndian.setShort(w, block, odd[i]);
            LittleEndian.setShort(w, block + 2 + 7 * Q4KKernel.BYTES, odd[odd.length - 1 - i]);
        }
        return w;
    }

    private static MemorySegment pack(MemorySegment w) {
        MemorySegment packed = Arena.ofAuto().allocate(InterleavedQ4K.INSTANCE.packedBytes(ROWS, COLS), 64);
        InterleavedQ4K.INSTANCE.pack(w, COLS, packed, 0, 1);
        InterleavedQ4K.INSTANCE.pack(w, COLS, packed, 1, ROWS / InterleavedRows.ROWS);
        return packed;
    }

    /**
     * Row {@code r} times {@code x} from the file's blocks: per super-block the exact integer sums
     * {@code sum(scale * q * xq)} and {@code sum(min * sums32)}, then {@code acc = fma(sum, d * xd, acc) -
     * mins * (dmin * xd)}, the packed kernels' float steps.
     */
    private static float reference(MemorySegment w, int r, QuantizedRow x) {
        long row = r * GgmlType.Q4_K.bytesFor(COLS);
        float acc = 0f;
        for (int b = 0; b < COLS / 256; b++) {
            long at = row + (long) b * Q4KKernel.BYTES;
            int sum = 0;
            int mins = 0;
            for (int j = 0; j < 8; j++) {
                int scaleMin = KQuants.scaleMin(w, at + 4, j);
                int sub = 0;
                for (int c = 0; c < 32; c++) {
                    int q = LittleEndian.getUnsignedByte(w, at + 16 + 32 * (j / 2) + c) >> (4 * (j % 2)) & 0xF;
                    sub += q * x.quant(256 * b + 32 * j + c);
                }
                sum += (scaleMin & 0xFF) * sub;
                mins += (scaleMin >> 8) * (x.bsum(16 * b + 2 * j) + x.bsum(16 * b + 2 * j + 1));
            }
            float d = LittleEndian.getHalf(w, at);
            float dmin = LittleEndian.getHalf(w, at + 2);
            acc = Math.fma((float) sum, d * x.scale(b), acc) - (float) mins * (dmin * x.scale(b));
        }
        return acc;
    }
}
