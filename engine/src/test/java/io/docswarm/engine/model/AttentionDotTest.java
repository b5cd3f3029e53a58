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

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 40, 48, 64, 80, 128, 192})
    void dotPairTwiceEqualsFourDotsBitForBit(int n) {
        Random random = new Random(n + 1000);
        float[] keys = new float[3 * n + 7];
        float[] queries = new float[2 * n + 9];
        for (int trial = 0; trial < 200; trial++) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = (float) random.nextGaussian() * (1 << random.nextInt(8));
            }
            for (int i = 0; i < queries.length; i++) {
                queries[i] = (float) random.nextGaussian();
            }
            float[] out = new float[8];
            Attention.dotPairTwice(keys, 3, 2 * n + 7, queries, 5, n + 9, n, out, 1, 5);
            int[][] expected = {{1, 3, 5}, {2, 2 * n + 7, 5}, {5, 3, n + 9}, {6, 2 * n + 7, n + 9}};
            for (int[] e : expected) {
                assertEquals(Float.floatToRawIntBits(Attention.dot(keys, e[1], queries, e[2], n)),
                        Float.floatToRawIntBits(out[e[0]]), "output " + e[0] + ", n " + n + " trial " + trial);
            }
            assertEquals(0f, out[0]);
            assertEquals(0f, out[3]);
        }
    }
}
