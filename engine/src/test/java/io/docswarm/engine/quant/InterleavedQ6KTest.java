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
 * Q6_K rows packed sixteen at a time: decoding a packed row gives the file row's floats bit for bit, and every
 * product equals, bit for bit, a scalar computation straight from the file's blocks that adds the same integers
 * and rounds the same floats (also with subnormal and negative F16 {@code d}), whether its token is multiplied
 * alone or with others; and the largest products (quant 0, activation quant -127) do not overflow, nor do the
 * wrapping sums of the one-token product (quant 63).
 */
class InterleavedQ6KTest {
    private static final int ROWS = 48; // three groups
    private static final int COLS = 768; // three super-blocks
    private static final long ROW_BYTES = GgmlType.Q6_K.bytesFor(COLS);

    @Test
    void packedRowsDecodeToTheFileRows() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        MemorySegment w = weights(new Random(15));
        MemorySegment packed = pack(w);
        float[] expected = new float[COLS];
        float[] actual = new float[COLS];
        for (int r = 0; r < ROWS; r++) {
            Q6KKernel.INSTANCE.dequantize(w, r * ROW_BYTES, expected, 0, COLS);
            InterleavedQ6K.INSTANCE.dequantizeRow(packed, COLS, r, actual, 0);
            assertArrayEquals(expected, actual, "row " + r);
        }
    }

    @Test
    void productsAreTheIntegerSumsScaledAsGgmlDoes() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        Random random = new Random(16);
        MemorySegment w = weights(random);
        MemorySegment packed = pack(w);
        int tokens = 13; // eight, four and one at a time
        QuantizedRow[] xs = new QuantizedRow[tokens];
        for (int t = 0; t < tokens; t++) {
            float[] x = QuantTestSupport.gaussian(random, COLS, 3f);
            if (t == 0) {
                // Every activation at the block's extreme: quants of -127 throughout.
                java.util.Arrays.fill(x, -5f);
            }
            xs[t] = QuantTestSupport.activation(GgmlType.Q6_K, x);
        }
        int outOffset = 2;
        float[][] together = new float[tokens][outOffset + ROWS];
        InterleavedQ6K.INSTANCE.multiply(packed, COLS, xs, 0, tokens, together, outOffset, 0, ROWS / InterleavedRows.ROWS);
        for (int t = 0; t < tokens; t++) {
            float[][] alone = new float[tokens][outOffset + ROWS];
            InterleavedQ6K.INSTANCE.multiply(packed, COLS, xs, t, 1, alone, outOffset, 0, ROWS / InterleavedRows.ROWS);
            for (int r = 0; r < ROWS; r++) {
                float expected = reference(w, r, xs[t]);
                assertEquals(expected, together[t][outOffset + r], 0f, "row " + r + ", token " + t + " of thirteen");
                assertEquals(expected, alone[t][outOffset + r], 0f, "row " + r + ", token " + t + " alone");
                float plain = Q6KKernel.INSTANCE.dot(w, r * ROW_BYTES, xs[t], COLS);
                assertEquals(plain, expected, 1e-5 * QuantTestSupport.productMagnitude(GgmlType.Q6_K, w,
                        r * ROW_BYTES, xs[t], COLS), "row " + r + " against the one-row kernel");
            }
        }
    }

    @Test
    void activationsOfAnotherLengthAreRefused() {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors; this JVM has " + VectorSupport.F.vectorBitSize());
        MemorySegment packed = pack(weights(new Random(17)));
        QuantizedRow shorter = QuantTestSupport.activation(GgmlType.Q6_K, new float[COLS - 256]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InterleavedQ6K.INSTANCE
                .multiply(packed, COLS, new QuantizedRow[] {shorter}, 0, 1, new float[][] {new float[ROWS]}, 0, 0, 1));
        assertTrue(e.getMessage().contains("Q6_K") && e.getMessage().contains("Q8_K"), e.getMessage());
    }

    /**
     * Random Q6_K rows; the first row's quants all 0 (the level -32, the largest products), the second's all 63
     * (the largest {@code q * xq}, whose sums of eight overflow a short before the centring); some blocks' {@code d}
     * replaced by F16 values whose widening is easy to get wrong: subnormal, negative, the largest finite.
     */
    private static MemorySegment weights(Random random) {
        MemorySegment w = QuantTestSupport.encode(GgmlType.Q6_K, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f),
                ROWS, COLS);
        for (int b = 0; b < COLS / 256; b++) {
            w.asSlice(b * 210L, 192).fill((byte) 0); // ql and qh of row 0
            w.asSlice(ROW_BYTES + b * 210L, 192).fill((byte) 0xFF); // row 1: q = 63, the one-token sums wrap
        }
        short[] odd = {0x0001, 0x03FF, (short) 0x8400, 0x7BFF, (short) 0x83FF, 0x0400, (short) 0xBC00};
        for (int i = 0; i < odd.length; i++) {
            LittleEndian.setShort(w, (long) (5 * i + 1) * 210 + 208, odd[i]);
        }
        return w;
    }

    private static MemorySegment pack(MemorySegment w) {
        MemorySegment packed = Arena.ofAuto().allocate(InterleavedQ6K.INSTANCE.packedBytes(ROWS, COLS), 64);
        InterleavedQ6K.INSTANCE.pack(w, COLS, packed, 0, 2);
        InterleavedQ6K.INSTANCE.pack(w, COLS, packed, 2, ROWS / InterleavedRows.ROWS);
        return packed;
    }

    /**
     * Row {@code r} times {@code x} from the file's blocks: per super-block the exact integer sum
     * {@code sum(scale * (q - 32) * xq)}, then {@code acc = fma(sum, d * xd, acc)}, the packed kernels' float steps.
     */
    private static float reference(MemorySegment w, int r, QuantizedRow x) {
        float[] levels = new float[256];
        float acc = 0f;
        for (int b = 0; b < COLS / 256; b++) {
            long at = r * ROW_BYTES + b * 210L;
            int sum = 0;
            for (int e = 0; e < 256; e++) {
                int scale = LittleEndian.getByte(w, at + 192 + e / 16);
                sum += scale * level(w, at, e) * x.quant(256 * b + e);
            }
            acc = Math.fma((float) sum, LittleEndian.getHalf(w, at + 208) * x.scale(b), acc);
        }
        return acc;
    }

    /** ggml's {@code dequantize_row_q6_K} layout: element e's {@code q - 32}. */
    private static int level(MemorySegment w, long at, int e) {
        int half = e / 128;
        int l = e % 32;
        int quarter = (e % 128) / 32;
        int ql = LittleEndian.getUnsignedByte(w, at + 64L * half + l + 32L * (quarter % 2));
        int low = quarter < 2 ? ql & 0xF : ql >> 4;
        int high = (LittleEndian.getUnsignedByte(w, at + 128 + 32L * half + l) >> (2 * quarter)) & 3;
        return (low | high << 4) - 32;
    }
}
