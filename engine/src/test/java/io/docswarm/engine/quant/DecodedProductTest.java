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
        int tokens = 45; // more than one tile of 32, not a multiple of four
        QuantizedRow[] xs = new QuantizedRow[tokens];
        for (int j = 0; j < tokens; j++) {
            xs[j] = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
        }
        int outOffset = 5;
        float[][] out = new float[tokens][outOffset + ROWS];
        long rowBytes = type.bytesFor(COLS);
        // Tokens 2..44 and rows 1..12: odd counts of both, so the single-row and single-token remainders run.
        DecodedProduct.multiply(kernel, w, rowBytes, COLS, xs, 2, tokens - 2, out, outOffset, 1, ROWS);
        for (int j = 0; j < tokens; j++) {
            for (int r = 0; r < ROWS; r++) {
                float expected = j >= 2 && r >= 1 ? kernel.dot(w, r * rowBytes, xs[j], COLS) : 0f;
                assertEquals(expected, out[j][outOffset + r], type + " token " + j + " row " + r);
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
