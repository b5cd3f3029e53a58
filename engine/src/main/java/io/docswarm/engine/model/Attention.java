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
            weightedSum(sc, positions, values, kvOff, w, pendingOut[t], qOff, headDim);
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
            // Halves folded onto each other in a fixed order (reduceLanes may add in another order once
            // compiled, and the same input must give the same output before and after warm-up): a few shuffles
            // instead of one extraction per lane, which dominated this short (head-sized) dot product.
            for (int half = F.length() / 2; half > 0; half /= 2) {
                acc = acc.add(acc.slice(half));
            }
            sum = acc.lane(0);
        }
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /**
     * {@code out[outOff + i] = sum over j < positions of weights[j] * rows[j * stride + base + i]} for
     * {@code i < n}: the probability-weighted sum of cached values. Each element is accumulated over the
     * positions in order with one FMA per position (as adding {@code weights[j] * row j} to a zeroed output
     * position by position would, bit for bit), but four vectors of the output stay in registers across all positions instead of
     * being loaded and stored for each one.
     */
    static void weightedSum(float[] weights, int positions, float[] rows, int base, int stride, float[] out,
            int outOff, int n) {
        int lanes = F.length();
        int i = 0;
        for (; i + 4 * lanes <= n; i += 4 * lanes) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            for (int j = 0; j < positions; j++) {
                FloatVector p = FloatVector.broadcast(F, weights[j]);
                int at = j * stride + base + i;
                a0 = FloatVector.fromArray(F, rows, at).fma(p, a0);
                a1 = FloatVector.fromArray(F, rows, at + lanes).fma(p, a1);
                a2 = FloatVector.fromArray(F, rows, at + 2 * lanes).fma(p, a2);
                a3 = FloatVector.fromArray(F, rows, at + 3 * lanes).fma(p, a3);
            }
            a0.intoArray(out, outOff + i);
            a1.intoArray(out, outOff + i + lanes);
            a2.intoArray(out, outOff + i + 2 * lanes);
            a3.intoArray(out, outOff + i + 3 * lanes);
        }
        for (; i + lanes <= n; i += lanes) {
            FloatVector a = FloatVector.zero(F);
            for (int j = 0; j < positions; j++) {
                a = FloatVector.fromArray(F, rows, j * stride + base + i).fma(FloatVector.broadcast(F, weights[j]), a);
            }
            a.intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            float a = 0f;
            for (int j = 0; j < positions; j++) {
                a += weights[j] * rows[j * stride + base + i];
            }
            out[outOff + i] = a;
        }
    }
}
