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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lean activation rows (only what the packed products read): packed products give exactly the numbers of full
 * rows, including all-zero blocks, the rows leave out the other layouts, and the kernels that read weights in
 * place refuse them with a clear message instead of reading layouts that are not there.
 */
class LeanActivationRowTest {
    private static final int ROWS = 32;
    private static final int COLS = 512;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q6_K", "Q8_0"})
    void packedProductsOfLeanRowsEqualThoseOfFullRows(GgmlType type) {
        assumeTrue(VectorSupport.L == 16, "packing needs 512-bit vectors");
        Random random = new Random(31);
        MemorySegment w = QuantTestSupport.encode(type, QuantTestSupport.gaussian(random, ROWS * COLS, 0.05f), ROWS,
                COLS);
        InterleavedRows layout = InterleavedRows.forType(type);
        MemorySegment packed = Arena.ofAuto().allocate(layout.packedBytes(ROWS, COLS), 64);
        layout.pack(w, COLS, packed, 0, ROWS / InterleavedRows.ROWS);
        GgmlType activation = QuantKernel.of(type).activationType();
        int tokens = 9;
        QuantizedRow[] full = new QuantizedRow[tokens];
        QuantizedRow[] lean = new QuantizedRow[tokens];
        for (int t = 0; t < tokens; t++) {
            float[] x = QuantTestSupport.gaussian(random, COLS, 2f);
            if (t == 1) {
                java.util.Arrays.fill(x, 0, 256, 0f); // an all-zero block
            }
            full[t] = new QuantizedRow(COLS);
            full[t].quantize(activation, x, 0, COLS);
            lean[t] = new QuantizedRow(COLS, true);
            lean[t].quantize(activation, x, 0, COLS);
        }
        float[][] expected = new float[tokens][ROWS];
        float[][] actual = new float[tokens][ROWS];
        layout.multiply(packed, COLS, full, 0, tokens, expected, 0, 0, ROWS / InterleavedRows.ROWS);
        layout.multiply(packed, COLS, lean, 0, tokens, actual, 0, 0, ROWS / InterleavedRows.ROWS);
        for (int t = 0; t < tokens; t++) {
            assertArrayEquals(expected[t], actual[t], 0f, type + ", token " + t);
        }
        assertEquals(0, lean[0].dequantized.length + lean[0].byFours.length + lean[0].byNibblePairs.length
                + lean[0].byGroupPairs.length, "lean rows keep no other layouts");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantKernel.of(type).dot(w, 0, lean[0], COLS));
        assertTrue(e.getMessage().contains("need a full activation row"), e.getMessage());
    }
}
