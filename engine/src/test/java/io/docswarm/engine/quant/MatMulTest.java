package io.docswarm.engine.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MatMulTest {

    private static WeightMatrix matrix(GgmlType type, int rows, int cols, long seed) {
        float[] values = QuantTestSupport.gaussian(new Random(seed), rows * cols, 0.1f);
        return new WeightMatrix(QuantTestSupport.encode(type, values, rows, cols), type, rows, cols);
    }

    private static float[] rowByRow(WeightMatrix w, float[] x, int xOffset) {
        QuantKernel kernel = QuantKernel.of(w.type());
        QuantizedRow row = new QuantizedRow(w.cols());
        row.quantize(kernel.activationType(), x, xOffset, w.cols());
        float[] out = new float[w.rows()];
        for (int r = 0; r < w.rows(); r++) {
            out[r] = kernel.dot(w.data(), w.rowOffset(r), row, w.cols());
        }
        return out;
    }

    /** Large enough to be split across threads; the split must not change a single bit. */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class,
            names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void matVecEqualsRowByRowDots(GgmlType type) {
        WeightMatrix w = matrix(type, 301, 512, type.ordinal());
        float[] x = QuantTestSupport.gaussian(new Random(5), 512, 1f);
        float[] out = new float[301];
        try (MatMul mm = new MatMul(3)) {
            mm.matVec(w, x, out);
        }
        assertArrayEquals(rowByRow(w, x, 0), out);
    }

    @Test
    void smallMatricesRunOnTheCallerAndGiveTheSameResult() {
        WeightMatrix w = matrix(GgmlType.Q8_0, 7, 64, 1);
        float[] x = QuantTestSupport.gaussian(new Random(6), 64, 1f);
        float[] out = new float[7];
        try (MatMul mm = new MatMul(2)) {
            mm.matVec(w, x, out);
        }
        assertArrayEquals(rowByRow(w, x, 0), out);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void matMulEqualsOneMatVecPerActivationRow(GgmlType type) {
        int n = 11; // not a multiple of the activation tile
        WeightMatrix w = matrix(type, 67, 256, 10 + type.ordinal());
        float[] xs = QuantTestSupport.gaussian(new Random(8), n * 256, 1f);
        float[] out = new float[n * 67];
        try (MatMul mm = new MatMul(2)) {
            mm.matMul(w, xs, n, out);
        }
        QuantizedRow x = new QuantizedRow(256);
        for (int j = 0; j < n; j++) {
            float[] expected = rowByRow(w, xs, j * 256);
            x.quantize(QuantKernel.of(type).activationType(), xs, j * 256, 256);
            for (int r = 0; r < 67; r++) {
                // Bit for bit but where decoded rows take the batch (QuantTestSupport#batchTolerance).
                double tolerance = QuantTestSupport.batchTolerance(type, w.data(), w.rowOffset(r), x, 256, n);
                assertEquals(expected[r], out[j * 67 + r], tolerance, "activation " + j + " row " + r);
            }
        }
    }

    @Test
    void aPreparedActivationIsReusedAcrossMatrices() {
        WeightMatrix gate = matrix(GgmlType.Q4_K, 96, 512, 20);
        WeightMatrix up = matrix(GgmlType.Q5_K, 96, 512, 21);
        float[] x = QuantTestSupport.gaussian(new Random(9), 512, 1f);
        QuantizedRow row = new QuantizedRow(512);
        row.quantize(MatMul.activationType(gate), x, 0, 512);
        float[] g = new float[96];
        float[] u = new float[96];
        try (MatMul mm = new MatMul(2)) {
            mm.matVec(gate, row, g);
            mm.matVec(up, row, u);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> mm.matVec(matrix(GgmlType.Q8_0, 4, 512, 1), row, new float[4]));
            assertTrue(e.getMessage().contains("Q8_0"), e.getMessage());
        }
        assertArrayEquals(rowByRow(gate, x, 0), g);
        assertArrayEquals(rowByRow(up, x, 0), u);
    }

    /** Many back-to-back products: workers must pick up every job (a lost wake-up would hang here). */
    @Test
    void manyConsecutiveProductsStayCorrect() {
        WeightMatrix w = matrix(GgmlType.Q8_0, 256, 512, 30);
        float[] x = QuantTestSupport.gaussian(new Random(10), 512, 1f);
        float[] expected = rowByRow(w, x, 0);
        float[] out = new float[256];
        try (MatMul mm = new MatMul(4)) {
            for (int i = 0; i < 500; i++) {
                java.util.Arrays.fill(out, Float.NaN);
                mm.matVec(w, x, out);
                assertArrayEquals(expected, out, "call " + i);
            }
        }
    }

    /**
     * A token's result does not depend on where the batch ends: the one token of a last tile gets the same bits
     * as the same activation row inside a small batch (each token's sums are its own in the decoded product).
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q6_K", "Q8_0"})
    void aLastTileOfOneTokenIsSummedLikeTheRest(GgmlType type) {
        int n = DecodedProduct.TOKEN_TILE + 1;
        WeightMatrix w = matrix(type, 24, 256, 50 + type.ordinal());
        float[] xs = QuantTestSupport.gaussian(new Random(9), n * 256, 1f);
        float[] all = new float[n * 24];
        float[] lastThree = new float[3 * 24];
        try (MatMul mm = new MatMul(2)) {
            mm.matMul(w, xs, n, all);
            mm.matMul(w, java.util.Arrays.copyOfRange(xs, (n - 3) * 256, n * 256), 3, lastThree);
        }
        for (int r = 0; r < 24; r++) {
            assertEquals(Float.floatToRawIntBits(lastThree[2 * 24 + r]), Float.floatToRawIntBits(all[(n - 1) * 24 + r]),
                    type + " row " + r);
        }
    }

    @Test
    void badArgumentsFailClearly() {
        WeightMatrix w = matrix(GgmlType.Q4_0, 64, 256, 40);
        try (MatMul mm = new MatMul(2)) {
            var e = assertThrows(IllegalArgumentException.class, () -> mm.matVec(w, new float[255], new float[64]));
            assertTrue(e.getMessage().contains("x has 255 elements, needs 256"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> mm.matVec(w, new float[256], new float[63]));
            assertTrue(e.getMessage().contains("out"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> mm.matMul(w, new float[256 * 3], 4, new float[64 * 4]));
            assertTrue(e.getMessage().contains("xs"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> mm.matMul(w, new float[256], 0, new float[64]));
        }
        assertThrows(IllegalArgumentException.class, () -> new MatMul(0));
    }

    /**
     * A failure on a worker thread (here: a segment confined to another thread) reaches the caller. The segment
     * belongs to a thread outside the pool, so every chunk fails whichever pool thread runs it: with a segment
     * owned by the caller, the test depended on a worker claiming a chunk before the caller had done them all,
     * which it does not once the Q8_0 kernel is JIT-compiled (as after the CUDA backend's tests).
     */
    @Test
    void workerFailuresReachTheCaller() throws Exception {
        MemorySegment[] data = new MemorySegment[1];
        Arena[] owner = new Arena[1];
        Thread t = new Thread(() -> {
            owner[0] = Arena.ofConfined();
            data[0] = owner[0].allocate(GgmlType.Q8_0.bytesFor(512) * 512);
        });
        t.start();
        t.join();
        try (MatMul mm = new MatMul(2)) {
            WeightMatrix w = new WeightMatrix(data[0], GgmlType.Q8_0, 512, 512);
            assertThrows(WrongThreadException.class, () -> mm.matVec(w, new float[512], new float[512]));
        }
    }
}
