package io.docswarm.engine.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The prompt-batch product from decoded rows gives {@link QuantKernel#dot}'s bits for every (row, token). */
class DecodedProductTest {
    private static final int ROWS = 13;
    private static final int COLS = 768; // three super-blocks

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K"})
    void everyRowAndTokenEqualsItsDotProductBitForBit(GgmlType type) {
        QuantKernel kernel = QuantKernel.of(type);
        assumeTrue(DecodedProduct.supports(kernel), "decoded rows need 512-bit vectors; this JVM has "
                + VectorSupport.F.vectorBitSize());
        Random random = new Random(70 + type.ordinal());
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f), ROWS,
                COLS);
        int tokens = 40;
        QuantizedRow[] xs = new QuantizedRow[tokens];
        for (int j = 0; j < tokens; j++) {
            xs[j] = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
        }
        int outOffset = 5;
        long rowBytes = type.bytesFor(COLS);
        // From token 2, counts 4 to 38: every leftover of one to three tokens, and tiles of 32 with a second tile
        // behind them; rows 0..12 (odd, so the last row goes through dotBatch) and 1..12 (even).
        for (int rowStart = 0; rowStart <= 1; rowStart++) {
            for (int count = 4; count <= tokens - 2; count++) {
                float[][] out = new float[tokens][outOffset + ROWS];
                DecodedProduct.multiply(kernel, w, rowBytes, COLS, xs, 2, count, out, outOffset, rowStart, ROWS);
                for (int j = 0; j < tokens; j++) {
                    for (int r = 0; r < ROWS; r++) {
                        boolean inside = j >= 2 && j < 2 + count && r >= rowStart;
                        float expected = inside ? kernel.dot(w, r * rowBytes, xs[j], COLS) : 0f;
                        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[j][outOffset + r]),
                                type + " rows from " + rowStart + ", " + count + " tokens: token " + j + " row " + r);
                    }
                }
            }
        }
    }

    @Test
    void otherTypesAndWrongActivationsAreRefused() {
        assertFalse(DecodedProduct.supports(QuantKernel.of(GgmlType.Q8_0)));
        QuantKernel q8 = QuantKernel.of(GgmlType.Q8_0);
        assertThrows(IllegalArgumentException.class, () -> DecodedProduct.multiply(q8, MemorySegment.NULL, 34, 32,
                new QuantizedRow[0], 0, 0, new float[0][], 0, 0, 0));
        QuantKernel q4k = QuantKernel.of(GgmlType.Q4_K);
        assumeTrue(DecodedProduct.supports(q4k));
        Random random = new Random(3);
        MemorySegment w = QuantTestSupport.encode(GgmlType.Q4_K, QuantTestSupport.gaussian(random, 2 * 256, 0.05f),
                2, 256);
        QuantizedRow wrong = QuantTestSupport.activation(GgmlType.Q8_0, QuantTestSupport.gaussian(random, 256, 1f));
        QuantizedRow[] xs = {wrong, wrong, wrong, wrong, wrong, wrong, wrong, wrong};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecodedProduct.multiply(q4k,
                w, GgmlType.Q4_K.bytesFor(256), 256, xs, 0, 8, new float[8][2], 0, 0, 2));
        assertEquals("Q4_K weights need a Q8_K activation row, got Q8_0", e.getMessage());
    }
}
