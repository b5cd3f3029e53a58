package io.docswarm.engine.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Q8_0 rows packed sixteen at a time: decoding a packed row gives the file row's floats bit for bit, and every
 * product equals, bit for bit, a scalar computation straight from the file's blocks (the exact integer sum of
 * each block, then one fused multiply-add per block), also with subnormal and negative F16 {@code d} and the
 * largest products (quants of -127 times -127), whether its token is multiplied alone or with others.
 */
class InterleavedQ8_0Test {
    private static final int ROWS = 48; // three groups
    private static final int COLS = 96; // three blocks
    private static final long ROW_BYTES = GgmlType.Q8_0.bytesFor(COLS);
    private static final int BLOCK_BYTES = 34;

    @Test
    void packedRowsDecodeToTheFileRows() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        MemorySegment w = weights(new Random(25));
        MemorySegment packed = pack(w);
        float[] expected = new float[COLS];
        float[] actual = new float[COLS];
        for (int r = 0; r < ROWS; r++) {
            Q8_0Kernel.INSTANCE.dequantize(w, r * ROW_BYTES, expected, 0, COLS);
            InterleavedQ8_0.INSTANCE.dequantizeRow(packed, COLS, r, actual, 0);
            assertArrayEquals(expected, actual, "row " + r);
        }
    }

    @Test
    void productsAreTheIntegerSumsScaledAsGgmlDoes() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        Random random = new Random(26);
        MemorySegment w = weights(random);
        MemorySegment packed = pack(w);
        int tokens = 13; // eight, four and one at a time
        QuantizedRow[] xs = new QuantizedRow[tokens];
        for (int t = 0; t < tokens; t++) {
            float[] x = QuantTestSupport.gaussian(random, COLS, 3f);
            if (t == 0) {
                java.util.Arrays.fill(x, -5f); // quants of -127 throughout
            }
            xs[t] = QuantTestSupport.activation(GgmlType.Q8_0, x);
        }
        int outOffset = 3;
        float[][] together = new float[tokens][outOffset + ROWS];
        InterleavedQ8_0.INSTANCE.multiply(packed, COLS, xs, 0, tokens, together, outOffset, 0,
                ROWS / InterleavedRows.ROWS);
        for (int t = 0; t < tokens; t++) {
            float[][] alone = new float[tokens][outOffset + ROWS];
            InterleavedQ8_0.INSTANCE.multiply(packed, COLS, xs, t, 1, alone, outOffset, 0, ROWS / InterleavedRows.ROWS);
            for (int r = 0; r < ROWS; r++) {
                float expected = reference(w, r, xs[t]);
                assertEquals(expected, together[t][outOffset + r], 0f, "row " + r + ", token " + t + " of thirteen");
                assertEquals(expected, alone[t][outOffset + r], 0f, "row " + r + ", token " + t + " alone");
                float plain = Q8_0Kernel.INSTANCE.dot(w, r * ROW_BYTES, xs[t], COLS);
                assertEquals(plain, expected, 1e-5 * QuantTestSupport.productMagnitude(GgmlType.Q8_0, w,
                        r * ROW_BYTES, xs[t], COLS), "row " + r + " against the one-row kernel");
            }
        }
    }

    @Test
    void activationsOfAnotherTypeOrLengthAreRefused() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        MemorySegment packed = pack(weights(new Random(27)));
        QuantizedRow shorter = QuantTestSupport.activation(GgmlType.Q8_0, new float[COLS - 32]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InterleavedQ8_0.INSTANCE
                .multiply(packed, COLS, new QuantizedRow[] {shorter}, 0, 1, new float[][] {new float[ROWS]}, 0, 0, 1));
        assertTrue(e.getMessage().contains("Q8_0 rows of 96 columns") && e.getMessage().contains("of 64"),
                e.getMessage());
        QuantizedRow kQuant = QuantTestSupport.activation(GgmlType.Q4_K, new float[256]);
        e = assertThrows(IllegalArgumentException.class, () -> InterleavedQ8_0.INSTANCE
                .multiply(packed, COLS, new QuantizedRow[] {kQuant}, 0, 1, new float[][] {new float[ROWS]}, 0, 0, 1));
        assertTrue(e.getMessage().contains("got Q8_K"), e.getMessage());
    }

    @Test
    void onlyWholeBlocksAndGroupsPack() {
        assertTrue(InterleavedQ8_0.INSTANCE.packs(32, 64));
        assertTrue(!InterleavedQ8_0.INSTANCE.packs(24, 64) && !InterleavedQ8_0.INSTANCE.packs(32, 48));
        assertEquals(2L * 2 * 16 * BLOCK_BYTES, InterleavedQ8_0.INSTANCE.packedBytes(32, 64));
    }

    /**
     * Random Q8_0 rows; the first row's quants all -127 (with activation quants of -127, the largest products);
     * some blocks' {@code d} replaced by F16 values whose widening is easy to get wrong: subnormal, negative, the
     * largest finite.
     */
    private static MemorySegment weights(Random random) {
        MemorySegment w = QuantTestSupport.encode(GgmlType.Q8_0, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f),
                ROWS, COLS);
        for (int b = 0; b < COLS / 32; b++) {
            w.asSlice(b * (long) BLOCK_BYTES + 2, 32).fill((byte) -127);
        }
        short[] odd = {0x0001, 0x03FF, (short) 0x8400, 0x7BFF, (short) 0x83FF, 0x0400, (short) 0xBC00};
        for (int i = 0; i < odd.length; i++) {
            LittleEndian.setShort(w, (long) (7 * i + 4) * BLOCK_BYTES, odd[i]);
        }
        return w;
    }

    private static MemorySegment pack(MemorySegment w) {
        MemorySegment packed = Arena.ofAuto().allocate(InterleavedQ8_0.INSTANCE.packedBytes(ROWS, COLS), 64);
        InterleavedQ8_0.INSTANCE.pack(w, COLS, packed, 0, 1);
        InterleavedQ8_0.INSTANCE.pack(w, COLS, packed, 1, ROWS / InterleavedRows.ROWS);
        return packed;
    }

    /**
     * Row {@code r} times {@code x} from the file's blocks: per block the exact integer sum {@code sum(q * xq)},
     * then {@code acc = fma(sum, d * xd, acc)}, the packed kernels' float steps.
     */
    private static float reference(MemorySegment w, int r, QuantizedRow x) {
        float acc = 0f;
        for (int b = 0; b < COLS / 32; b++) {
            long at = r * ROW_BYTES + (long) b * BLOCK_BYTES;
            int sum = 0;
            for (int e = 0; e < 32; e++) {
                sum += LittleEndian.getByte(w, at + 2 + e) * (int) x.quant(32 * b + e);
            }
            acc = Math.fma((float) sum, LittleEndian.getHalf(w, at) * x.scale(b), acc);
        }
        return acc;
    }
}
