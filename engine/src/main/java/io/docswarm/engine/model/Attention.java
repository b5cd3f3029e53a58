package io.docswarm.engine.model;

/**
 * Causal multi-head attention with grouped key/value heads over the F32 {@link KvCache}, computed as
 * llama.cpp's non-flash path does: scores = K·q, softmax(scores · scale) with the sum in double, then the
 * probability-weighted sum of V.
 */
final class Attention {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;
    private final float[][] scores; // per thread, one row of scores over positions

    Attention(int heads, int kvHeads, int headDim, int contextLength, int threads) {
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        this.scores = new float[threads][contextLength];
    }

    /** Stores the batch's keys and values at positions {@code [startPos, startPos + n)}. */
    void store(KvCache cache, int layer, float[][] k, float[][] v, int n, int startPos) {
        int w = cache.width;
        for (int t = 0; t < n; t++) {
            System.arraycopy(k[t], 0, cache.keys[layer], (startPos + t) * w, w);
            System.arraycopy(v[t], 0, cache.values[layer], (startPos + t) * w, w);
        }
    }

    /**
     * {@code out[t]} = attention of query {@code q[t]} (at position {@code startPos + t}) over cache
     * positions {@code [0, startPos + t]}, for all heads; parallel over (token, head) pairs.
     */
    void compute(ThreadTeam team, KvCache cache, int layer, float[][] q, float[][] out, int n, int startPos) {
        int group = heads / kvHeads;
        float[] keys = cache.keys[layer];
        float[] values = cache.values[layer];
        int w = cache.width;
        team.parallelFor(n * heads, 1, (thread, s, e) -> {
            float[] sc = scores[thread];
            for (int item = s; item < e; item++) {
                int t = item / heads;
                int h = item % heads;
                int positions = startPos + t + 1;
                int qOff = h * headDim;
                int kvOff = (h / group) * headDim;
                float[] qt = q[t];
                for (int j = 0; j < positions; j++) {
                    int kOff = j * w + kvOff;
                    float dot = 0f;
                    for (int d = 0; d < headDim; d++) {
                        dot += keys[kOff + d] * qt[qOff + d];
                    }
                    sc[j] = dot * scale;
                }
                Norms.softmax(sc, 0, positions);
                float[] o = out[t];
                for (int d = 0; d < headDim; d++) {
                    o[qOff + d] = 0f;
                }
                for (int j = 0; j < positions; j++) {
                    float p = sc[j];
                    int vOff = j * w + kvOff;
                    for (int d = 0; d < headDim; d++) {
                        o[qOff + d] += p * values[vOff + d];
                    }
                }
            }
        });
    }
}
