package io.docswarm.engine.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Causal multi-head attention with grouped key/value heads over the F32 {@link KvCache}, computed as
 * llama.cpp's non-flash path does: scores = K·q, softmax(scores · scale) with the sum in double, then the
 * probability-weighted sum of V.
 */
final class Attention {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

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
        pendingKeys = cache.keys[layer];
        pendingValues = cache.values[layer];
        pendingWidth = cache.width;
        pendingQ = q;
        pendingOut = out;
        pendingStart = startPos;
        try {
            team.parallelFor(n * heads, 1, headsTask);
        } finally {
            pendingKeys = null;
            pendingValues = null;
            pendingQ = null;
            pendingOut = null;
        }
    }

    // The attention being computed, read by headsTask on the team's threads: a task made once instead of a
    // capturing lambda per call, so the token loop allocates nothing.
    private float[] pendingKeys;
    private float[] pendingValues;
    private int pendingWidth;
    private float[][] pendingQ;
    private float[][] pendingOut;
    private int pendingStart;
    private final ThreadTeam.IndexedRangeTask headsTask = this::attendHeads;

    /** (token, head) items {@code [s, e)} of the pending computation. */
    private void attendHeads(int thread, int s, int e) {
        int group = heads / kvHeads;
        float[] keys = pendingKeys;
        float[] values = pendingValues;
        int w = pendingWidth;
        float[] sc = scores[thread];
        for (int item = s; item < e; item++) {
            int t = item / heads;
            int h = item % heads;
            int positions = pendingStart + t + 1;
            int qOff = h * headDim;
            int kvOff = (h / group) * headDim;
            float[] qt = pendingQ[t];
            for (int j = 0; j < positions; j++) {
                sc[j] = dot(keys, j * w + kvOff, qt, qOff, headDim) * scale;
            }
            Norms.softmax(sc, 0, positions);
            float[] o = pendingOut[t];
            java.util.Arrays.fill(o, qOff, qOff + headDim, 0f);
            for (int j = 0; j < positions; j++) {
                axpy(sc[j], values, j * w + kvOff, o, qOff, headDim);
            }
        }
    }

    /** {@code a[aOff ..] · b[bOff ..]} over {@code n} floats. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= F.length()) {
            FloatVector acc = FloatVector.zero(F);
            for (; i + F.length() <= n; i += F.length()) {
                acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
            }
            // Lane by lane in a fixed order: reduceLanes may add in another order once compiled, and the
            // same input must give the same output before and after warm-up (fixed-seed reproducibility).
            for (int lane = 0; lane < F.length(); lane++) {
                sum += acc.lane(lane);
            }
        }
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /** {@code y[yOff ..] += alpha * x[xOff ..]} over {@code n} floats. */
    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        if (n >= F.length()) {
            FloatVector a = FloatVector.broadcast(F, alpha);
            for (; i + F.length() <= n; i += F.length()) {
                FloatVector.fromArray(F, x, xOff + i).fma(a, FloatVector.fromArray(F, y, yOff + i))
                        .intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }
}
