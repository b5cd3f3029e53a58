package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two-row score product gives exactly the bits of two one-row products, whatever the head size. */
class AttentionDotTest {
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 40, 48, 64, 80, 128, 192})
    void dotPairEqualsTwoDotsBitForBit(int n) {
        Random random = new Random(n);
        float[] keys = new float[3 * n + 7];
        float[] query = new float[n + 5];
        for (int trial = 0; trial < 200; trial++) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = (float) random.nextGaussian() * (1 << random.nextInt(8));
            }
            for (int i = 0; i < query.length; i++) {
                query[i] = (float) random.nextGaussian();
            }
            float[] out = new float[4];
            Attention.dotPair(keys, 3, 2 * n + 7, query, 5, n, out, 1);
            assertEquals(Float.floatToRawIntBits(Attention.dot(keys, 3, query, 5, n)), Float.floatToRawIntBits(out[1]),
                    "first row, n " + n + " trial " + trial);
            assertEquals(Float.floatToRawIntBits(Attention.dot(keys, 2 * n + 7, query, 5, n)),
                    Float.floatToRawIntBits(out[2]), "second row, n " + n + " trial " + trial);
            assertEquals(0f, out[0]);
            assertEquals(0f, out[3]);
        }
    }
}
