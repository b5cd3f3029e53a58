package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The softmax follows ggml's AVX-512 {@code ggml_vec_soft_max_f32}: written out here in scalar Java (the
 * exponential's range reduction and polynomial with {@link Math#fma}, 2^n with {@link Math#scalb}, each 16
 * values' sum in the halving order, a double total), the vector code must give the same bits.
 */
class SoftmaxTest {
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.length() == 16;

    /** ggml_v_expf (AVX-512F/DQ build), one lane. */
    static float ggmlExp(float x) {
        float shifter = 0x1.8p23f;
        float z = Math.fma(x, 0x1.715476p+0f, shifter);
        float n = z - shifter;
        float b = Math.fma(-n, 0x1.7f7d1cp-20f, Math.fma(-n, 0x1.62e4p-1f, x));
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u,
                Math.fma(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)), u, Math.fma(0x1.ffffecp-1f, b, 1f));
        if (Math.abs(n) > 192) {
            return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        }
        return Math.scalb(j, (int) n);
    }

    /** ggml's soft_max of a row, the last partial group of 16 either masked (attention) or one at a time. */
    static float[] ggmlSoftmax(float[] x, boolean maskedTail) {
        int n = x.length;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        float[] y = new float[n];
        double sum = 0;
        int i = 0;
        int end = maskedTail ? n : n - n % 16;
        for (; i < end; i += 16) {
            float[] lanes = new float[16];
            for (int l = 0; l < 16; l++) {
                lanes[l] = i + l < n ? ggmlExp(x[i + l] - max) : 0f;
                if (i + l < n) {
                    y[i + l] = lanes[l];
                }
            }
            for (int half = 8; half > 0; half /= 2) {
                for (int l = 0; l < half; l++) {
                    lanes[l] = lanes[l] + lanes[l + half];
                }
            }
            sum += lanes[0];
        }
        for (; i < n; i++) {
            y[i] = (float) Math.exp(x[i] - max);
            sum += y[i];
        }
        float inv = (float) (1.0 / sum);
        for (int k = 0; k < n; k++) {
            y[k] *= inv;
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void vectorSoftmaxEqualsGgmlsOrderBitForBit(boolean attention) {
        assumeTrue(WIDE, "the ggml AVX-512 order needs 16-lane vectors; narrower machines use the scalar one");
        Random random = new Random(attention ? 11 : 12);
        for (int n = 1; n <= 100; n++) {
            for (int trial = 0; trial < 20; trial++) {
                float[] x = new float[n + 3];
                float spread = trial % 4 == 0 ? 300f : trial % 4 == 1 ? 30f : 3f; // far below the max: 0
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (random.nextGaussian() * spread);
                }
                float[] row = java.util.Arrays.copyOfRange(x, 3, x.length);
                float[] expected = ggmlSoftmax(row, attention);
                if (attention) {
                    Norms.attentionSoftmax(x, 3, n);
                } else {
                    Norms.softmax(x, 3, n);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(x[3 + i]),
                            "n " + n + " trial " + trial + " element " + i);
                }
            }
        }
    }

    /**
     * ggml's exponential is within 2.5 ulps of the exact one where softmax uses it (ggml states 1.45 plus 0.5;
     * measured here 2.17 at worst against the float nearest the exact value), and flushes as documented.
     */
    @Test
    void ggmlExponentialIsAccurateAndFlushesFarBelow() {
        for (float x = -87f; x <= 0f; x += 0.001f) {
            double exact = Math.exp(x);
            assertTrue(Math.abs(ggmlExp(x) - exact) <= 2.5 * Math.ulp((float) exact), "exp(" + x + ")");
        }
        assertEquals(0f, ggmlExp(-200f));
        assertEquals(0f, ggmlExp(Float.NEGATIVE_INFINITY));
        assertEquals(1f, ggmlExp(0f));
    }
}
