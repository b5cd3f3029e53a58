package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The F16 KV cache: storage as ggml rounds, attention with ggml's F16 roundings, memory, no allocation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class F16KvCacheTest {
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int HEAD_DIM = 40; // not a multiple of the vector length: the scalar tails run too
    static final int POSITIONS = 37;

    private ThreadTeam team;

    @BeforeAll
    void start() {
        team = new ThreadTeam(2);
    }

    @AfterAll
    void stop() {
        team.close();
    }

    @Test
    void valuesAreRoundedToNearestEvenWhenStoredAndTheCacheIsHalfTheSize() {
        KvCache f16 = new KvCache(1, 4, 3, GgmlType.F16);
        KvCache f32 = new KvCache(1, 4, 3, GgmlType.F32);
        assertEquals(f32.bytes() / 2, f16.bytes());
        float[][] k = {{1f + 0x1p-11f, 1f + 3 * 0x1p-11f, 70000f}}; // ties: to even (down, up); beyond F16's range
        float[][] v = {{-0.1f, 65519f, 0x1p-25f}};
        new Attention(1, 1, 3, 4, 1).store(f16, 0, k, v, 1, 2);
        assertEquals(1f, f16.key(0, 2, 0));
        assertEquals(1f + 0x1p-9f, f16.key(0, 2, 1));
        assertEquals(Float.POSITIVE_INFINITY, f16.key(0, 2, 2));
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(-0.1f)), f16.value(0, 2, 0));
        assertEquals(65504f, f16.value(0, 2, 1));
        assertEquals(0f, f16.value(0, 2, 2)); // half the smallest subnormal: a tie, to even (zero)
        assertThrows(IllegalArgumentException.class, () -> new KvCache(1, 4, 3, GgmlType.Q8_0));
    }

    /**
     * Attention over an F16 cache equals a plain scalar computation that rounds what ggml rounds: keys and
     * values when stored, the query before K·q, the probabilities before the sum over V.
     */
    @Test
    void attentionRoundsQueryAndProbabilitiesAsGgml() {
        Random random = new Random(5);
        KvCache cache = new KvCache(1, POSITIONS, KV_HEADS * HEAD_DIM, GgmlType.F16);
        Attention attention = new Attention(HEADS, KV_HEADS, HEAD_DIM, POSITIONS, team.size());
        float[][] k = gaussian(random, POSITIONS, KV_HEADS * HEAD_DIM);
        float[][] v = gaussian(random, POSITIONS, KV_HEADS * HEAD_DIM);
        attention.store(cache, 0, k, v, POSITIONS, 0);
        int n = 3; // the last three positions as one batch
        float[][] q = gaussian(random, n, HEADS * HEAD_DIM);
        float[][] out = new float[n][HEADS * HEAD_DIM];
        attention.compute(team, cache, 0, q, out, n, POSITIONS - n);

        float scale = (float) (1 / Math.sqrt(HEAD_DIM));
        for (int t = 0; t < n; t++) {
            int positions = POSITIONS - n + t + 1;
            for (int h = 0; h < HEADS; h++) {
                int kvOff = h / (HEADS / KV_HEADS) * HEAD_DIM;
                double[] p = new double[positions];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < positions; j++) {
                    double s = 0;
                    for (int i = 0; i < HEAD_DIM; i++) {
                        s += (double) half(k[j][kvOff + i]) * half(q[t][h * HEAD_DIM + i]);
                    }
                    p[j] = s * scale;
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < positions; j++) {
                    p[j] = Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int i = 0; i < HEAD_DIM; i++) {
                    double o = 0;
                    for (int j = 0; j < positions; j++) {
                        o += half((float) (p[j] / sum)) * (double) half(v[j][kvOff + i]);
                    }
                    // Only the float order of the sums differs; an F16 rounding of a probability that it flips
                    // moves o by at most 2^-11 of that term.
                    assertEquals(o, out[t][h * HEAD_DIM + i], 2e-4 * (1 + Math.abs(o)), "token " + t + " head " + h);
                }
            }
        }
    }

    /**
     * A batch attended one key/value head at a time (each cached key and value widened once per group of query
     * heads, in chunks of positions) gives the same bits as one query head at a time, which a team with more
     * threads than (token, key/value head) items still uses. Head sizes with and without a vector tail, and
     * more positions than one chunk.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {40, 48, 64})
    void groupedF16AttentionEqualsPerHeadAttentionBitForBit(int headDim) {
        Random random = new Random(headDim);
        int positions = 150;
        int n = 4;
        KvCache cache = new KvCache(1, positions, KV_HEADS * headDim, GgmlType.F16);
        Attention attention = new Attention(HEADS, KV_HEADS, headDim, positions, 3);
        attention.store(cache, 0, gaussian(random, positions, KV_HEADS * headDim),
                gaussian(random, positions, KV_HEADS * headDim), positions, 0);
        float[][] q = gaussian(random, n, HEADS * headDim);
        float[][] grouped = new float[n][HEADS * headDim];
        try (ThreadTeam one = new ThreadTeam(1); ThreadTeam three = new ThreadTeam(3)) {
            attention.compute(one, cache, 0, q, grouped, n, positions - n); // 8 items: by key/value head
            for (int t = 0; t < n; t++) {
                float[][] single = new float[1][HEADS * headDim];
                attention.compute(three, cache, 0, new float[][] {q[t]}, single, 1, positions - n + t); // 2 < 3
                for (int i = 0; i < HEADS * headDim; i++) {
                    assertEquals(single[0][i], grouped[t][i], "token " + t + " element " + i);
                }
            }
        }
    }

    /**
     * A prompt batch attended a block of tokens at a time (each widened chunk of keys and values shared by the
     * block's tokens) gives the same bits as each token alone: several blocks and a partial one, tokens whose
     * positions end inside a chunk and across chunk boundaries, from the first position and from later ones, on
     * several threads; groups of 2 and 8 query heads and none (as many key/value heads as query heads), head
     * sizes with a scalar tail, the conditioning checks' jitter, a context longer than the batch needs, and a
     * second batch that grows the per-thread buffers.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "4, 2, 48, 19, 131, 150, 0",
        "4, 2, 48, 70, 0, 70, 0",
        "4, 2, 48, 9, 60, 69, 0",
        "4, 4, 40, 21, 5, 40, 0",
        "8, 1, 72, 13, 1000, 1100, 0",
        "4, 2, 64, 17, 30, 2000, 0.01"})
    void promptBlocksEqualTokenByTokenAttentionBitForBit(int heads, int kvHeads, int headDim, int n, int start,
                                                         int context, float jitter) {
        Random random = new Random(n * 31L + start + heads);
        int positions = start + n;
        KvCache cache = new KvCache(1, context, kvHeads * headDim, GgmlType.F16);
        Attention attention = new Attention(heads, kvHeads, headDim, context, 3, jitter);
        attention.store(cache, 0, gaussian(random, positions, kvHeads * headDim),
                gaussian(random, positions, kvHeads * headDim), positions, 0);
        float[][] q = gaussian(random, n, heads * headDim);
        float[][] batch = new float[n][heads * headDim];
        try (ThreadTeam three = new ThreadTeam(3)) {
            // A smaller batch first, so the measured one may need larger buffers than the first call made.
            attention.compute(three, cache, 0, q, new float[2][heads * headDim], 2, 0);
            attention.compute(three, cache, 0, q, batch, n, start);
            for (int t = 0; t < n; t++) {
                float[][] single = new float[1][heads * headDim];
                attention.compute(three, cache, 0, new float[][] {q[t]}, single, 1, start + t);
                for (int i = 0; i < heads * headDim; i++) {
                    assertEquals(Float.floatToRawIntBits(single[0][i]), Float.floatToRawIntBits(batch[t][i]),
                            "token " + t + " element " + i);
                }
            }
        }
    }

    /** The F16 cache stays close to the F32 one: the roundings cost about F16's precision, no more. */
    @Test
    void f16AttentionIsWithinF16PrecisionOfF32() {
        Random random = new Random(6);
        float[][] k = gaussian(random, POSITIONS, KV_HEADS * HEAD_DIM);
        float[][] v = gaussian(random, POSITIONS, KV_HEADS * HEAD_DIM);
        float[][] q = gaussian(random, 1, HEADS * HEAD_DIM);
        float[][] out32 = new float[1][HEADS * HEAD_DIM];
        float[][] out16 = new float[1][HEADS * HEAD_DIM];
        for (GgmlType type : new GgmlType[] {GgmlType.F32, GgmlType.F16}) {
            KvCache cache = new KvCache(1, POSITIONS, KV_HEADS * HEAD_DIM, type);
            Attention attention = new Attention(HEADS, KV_HEADS, HEAD_DIM, POSITIONS, team.size());
            attention.store(cache, 0, k, v, POSITIONS, 0);
            attention.compute(team, cache, 0, q, type == GgmlType.F32 ? out32 : out16, 1, POSITIONS - 1);
        }
        double worst = 0;
        for (int i = 0; i < out32[0].length; i++) {
            worst = Math.max(worst, Math.abs(out32[0][i] - out16[0][i]));
            assertTrue(out32[0][i] != 0f);
        }
        assertTrue(worst > 0 && worst < 5e-3, "F16 against F32: " + worst);
    }

    /**
     * Attention over the F16 cache allocates nothing per call once compiled, on one thread or several: the best
     * of five rounds in a JVM of its own ({@link F16AttentionAllocationProbe} says why).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void f16AttentionAllocatesNothing(int threads) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.nio.file.Path log = java.nio.file.Files.createTempFile("f16-attention-probe", ".log");
        try {
            // Output to a file, so the time limit below holds even if the probe hangs.
            Process p = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-cp",
                    System.getProperty("java.class.path"), F16AttentionAllocationProbe.class.getName(),
                    Integer.toString(threads)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("probe did not finish in 2 minutes:\n" + java.nio.file.Files.readString(log));
            }
            checkProbeOutput(p.exitValue(), java.nio.file.Files.readString(log));
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }

    private static void checkProbeOutput(int exitValue, String out) {
        assertEquals(0, exitValue, "probe failed:\n" + out);
        String line = out.lines().filter(l -> l.startsWith("bytes per 1000 calls by round:")).findFirst()
                .orElseThrow(() -> new AssertionError("no result from the probe:\n" + out));
        long best = java.util.Arrays.stream(line.substring(line.indexOf('[') + 1, line.indexOf(']')).split(","))
                .mapToLong(v -> Long.parseLong(v.trim())).min().orElseThrow();
        assertTrue(best < 1000, line);
    }

    private static float half(float x) {
        return Float.float16ToFloat(Float.floatToFloat16(x));
    }

    static float[][] gaussian(Random random, int rows, int cols) {
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int i = 0; i < cols; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return x;
    }
}
