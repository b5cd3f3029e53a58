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

/**
 * The prompt-batch product from decoded rows: for every (row, token) the dequantized weights times the
 * dequantized activation, to float rounding, so within a few units in the last place of {@link QuantKernel#dot}.
 */
class DecodedProductTest {
    private static final int ROWS = 13;
    private static final int COLS = 768; // three super-blocks
    /** Relative to the sum of the products' magnitudes: float rounding over 768 terms, with room to spare. */
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q5_K", "Q6_K", "Q8_0"})
    void everyRowAndTokenIsItsDequantizedProduct(GgmlType type) {
        QuantKernel kernel = QuantKernel.of(type);
        assumeTrue(DecodedProduct.supports(kernel), "decoded rows need 512-bit vectors; this JVM has "
                + VectorSupport.F.vectorBitSize());
        Random random = new Random(70 + type.ordinal());
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f), ROWS,
                COLS);
        int tokens = DecodedProduct.TOKEN_TILE + 8;
        QuantizedRow[] xs = new QuantizedRow[tokens];
        for (int j = 0; j < tokens; j++) {
            xs[j] = QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, COLS, 2f));
        }
        int outOffset = 5;
        long rowBytes = type.bytesFor(COLS);
        int blockSize = kernel.activationType().blockSize();
        float[][] weights = new float[ROWS][COLS];
        for (int r = 0; r < ROWS; r++) {
            kernel.dequantize(w, r * rowBytes, weights[r], 0, COLS);
        }
        // From token 2, counts from 4 to six past a tile: every leftover of one to three tokens, and whole tiles
        // with a second tile behind them. 13, 12, 11 and 10 rows: groups of four, then one, none, three or two
        // rows left over, each through the one-row kernel.
        // The same (row, token) from every split gives the same bits: row 12 is left over (from row 0), in a
        // group of four (from row 1), and left over again (from rows 2 and 3).
        float[][][] byCount = new float[tokens][][];
        for (int rowStart = 0; rowStart <= 3; rowStart++) {
            for (int count = 4; count <= tokens - 2; count++) {
                float[][] out = new float[tokens][outOffset + ROWS];
                DecodedProduct.multiply(kernel, w, rowBytes, COLS, xs, 2, count, out, outOffset, rowStart, ROWS);
                if (rowStart == 0) {
                    byCount[count] = out;
                }
                for (int j = 2; j < 2 + count; j++) {
                    for (int r = rowStart; r < ROWS; r++) {
                        assertEquals(Float.floatToRawIntBits(byCount[count][j][outOffset + r]),
                                Float.floatToRawIntBits(out[j][outOffset + r]),
                                type + " token " + j + " row " + r + ": rows from " + rowStart + " against from 0");
                    }
                }
                for (int j = 0; j < tokens; j++) {
                    for (int r = 0; r < ROWS; r++) {
                        String where = type + " rows from " + rowStart + ", " + count + " tokens: token " + j
                                + " row " + r;
                        if (j < 2 || j >= 2 + count || r < rowStart) {
                            assertEquals(0f, out[j][outOffset + r], where + " is outside the product");
                            continue;
                        }
                        double exact = 0;
                        double magnitude = 0;
                        for (int i = 0; i < COLS; i++) {
                            double product = (double) weights[r][i] * xs[j].quant(i) * xs[j].scale(i / blockSize);
                            exact += product;
                            magnitude += Math.abs(product);
                        }
                        float got = out[j][outOffset + r];
                        assertEquals(exact, got, TOLERANCE * magnitude, where);
                        assertEquals(kernel.dot(w, r * rowBytes, xs[j], COLS), got, 2 * TOLERANCE * magnitude,
                                where + " against dot");
                    }
                }
            }
        }
    }

    @Test
    void otherTypesAndWrongActivationsAreRefused() {
        assertFalse(DecodedProduct.supports(QuantKernel.of(GgmlType.Q4_0)));
        QuantKernel q4 = QuantKernel.of(GgmlType.Q4_0);
        assertThrows(IllegalArgumentException.class, () -> DecodedProduct.multiply(q4, MemorySegment.NULL, 18, 32,
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
