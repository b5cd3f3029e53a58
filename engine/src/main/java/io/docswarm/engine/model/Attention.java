package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Causal multi-head attention with grouped key/value heads over the {@link KvCache}, computed as llama.cpp's
 * non-flash path does: scores = K·q, softmax(scores · scale) as ggml computes it over its padded KV view
 * ({@link Norms#attentionSoftmax}), then the probability-weighted sum of V.
 *
 * <p>With an F16 cache, ggml multiplies F16 matrices by F16 vectors: it rounds the query to F16 before K·q and
 * the probabilities to F16 before the sum over V (the F16 {@code vec_dot_type}), then accumulates in float.
 * This class does the same roundings, reading the F16 cache with the Vector API.
 */
final class Attention {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    /** As many shorts as float lanes, so widening them to ints is one lane-preserving conversion. */
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class,
            VectorShape.forBitSize(F.length() * Short.SIZE));

    /** Cached positions widened from F16 at a time: a chunk of keys or values stays in the L1 cache. */
    private static final int CHUNK = 64;
    /** Tokens of a prompt batch that share each widened chunk (see {@link #attendBlocksF16}). */
    private static final int TOKEN_BLOCK = 8;
    /** Lanes 8-15 (16-lane vectors; {@link #dotPair} uses it only then). */
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(F, 0xFF00L);

    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;
    private final float[][] scores; // per thread, one row of scores over positions
    private final float[][] query16; // per thread, one head of the query rounded to F16 (F16 caches)
    private final float jitter;
    // Per thread, for F16 caches attended one key/value head at a time (see attendGroupsF16): the scores of
    // the group's query heads, their F16-rounded queries, and one chunk of keys or values widened to float.
    // Made by each thread on its first such call (F32 caches never need them).
    private final float[][] groupScores;
    private final float[][] groupQueries;
    private final float[][] widened;
    private final int contextLength;
    // Per thread, for prompt batches over F16 caches (see attendBlocksF16): the scores of a block of tokens'
    // query heads of one group ([token][head][position], rows of blockWidth[thread] floats, grown to the
    // positions a batch needs) and their F16-rounded queries.
    private final float[][] blockScores;
    private final int[] blockWidth;
    private final float[][] blockQueries;

    Attention(int heads, int kvHeads, int headDim, int contextLength, int threads) {
        this(heads, kvHeads, headDim, contextLength, threads, 0f);
    }

    /**
     * @param jitter 0 in normal use; conditioning checks set it (see {@link ModelOptions#activationJitter()}) to
     *     scale each value by {@link PreparedBatch#jitterFactor} before its F16 rounding (F16 caches), so that
     *     a rounding on a knife edge shows as it does for the activations' 8-bit ones
     */
    Attention(int heads, int kvHeads, int headDim, int contextLength, int threads, float jitter) {
        this.jitter = jitter;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        this.scores = new float[threads][contextLength];
        this.query16 = new float[threads][headDim];
        this.contextLength = contextLength;
        this.groupScores = new float[threads][];
        this.groupQueries = new float[threads][];
        this.widened = new float[threads][];
        this.blockScores = new float[threads][];
        this.blockWidth = new int[threads];
        this.blockQueries = new float[threads][];
    }

    /** Stores the batch's keys and values at positions {@code [startPos, startPos + n)}. */
    void store(KvCache cache, int layer, float[][] k, float[][] v, int n, int startPos) {
        int w = cache.width;
        for (int t = 0; t < n; t++) {
            int at = (startPos + t) * w;
            if (cache.type == GgmlType.F16) {
                short[] keys = cache.keys16[layer];
                short[] values = cache.values16[layer];
                float[] kt = k[t];
                float[] vt = v[t];
                if (jitter == 0f) {
                    for (int i = 0; i < w; i++) {
                        keys[at + i] = Float.floatToFloat16(kt[i]);
                        values[at + i] = Float.floatToFloat16(vt[i]);
                    }
                } else {
                    for (int i = 0; i < w; i++) {
                        keys[at + i] = Float.floatToFloat16(kt[i] * PreparedBatch.jitterFactor(jitter, i));
                        values[at + i] = Float.floatToFloat16(vt[i] * PreparedBatch.jitterFactor(jitter, i));
                    }
                }
            } else {
                System.arraycopy(k[t], 0, cache.keys[layer], at, w);
                System.arraycopy(v[t], 0, cache.values[layer], at, w);
            }
        }
    }

    /**
     * {@code out[t]} = attention of query {@code q[t]} (at position {@code startPos + t}) over cache
     * positions {@code [0, startPos + t]}, for all heads; parallel over (token, head) pairs.
     */
    void compute(ThreadTeam team, KvCache cache, int layer, float[][] q, float[][] out, int n, int startPos) {
        pendingCache = cache;
        pendingLayer = layer;
        pendingQ = q;
        pendingOut = out;
        pendingStart = startPos;
        try {
            int tokenBlocks = (n + TOKEN_BLOCK - 1) / TOKEN_BLOCK;
            if (cache.type != GgmlType.F16) {
                team.parallelFor(n * heads, 1, headsTask);
            } else if (n > 1 && tokenBlocks * kvHeads >= team.size()) {
                pendingTokens = n;
                team.parallelFor(tokenBlocks * kvHeads, 1, f16BlocksTask);
            } else if (heads > kvHeads && n * kvHeads >= team.size()) {
                team.parallelFor(n * kvHeads, 1, f16GroupsTask);
            } else {
                team.parallelFor(n * heads, 1, f16HeadsTask);
            }
        } finally {
            pendingCache = null;
            pendingQ = null;
            pendingOut = null;
        }
    }

    // The attention being computed, read by the tasks on the team's threads: tasks made once instead of a
    // capturing lambda per call, so the token loop allocates nothing (the model has one calling thread at a time).
    private KvCache pendingCache;
    private int pendingLayer;
    private float[][] pendingQ;
    private float[][] pendingOut;
    private int pendingStart;
    private final ThreadTeam.IndexedRangeTask headsTask = this::attendHeads;
    private final ThreadTeam.IndexedRangeTask f16HeadsTask = this::attendHeadsF16;
    private final ThreadTeam.IndexedRangeTask f16GroupsTask = this::attendGroupsF16;
    private final ThreadTeam.IndexedRangeTask f16BlocksTask = this::attendBlocksF16;
    private int pendingTokens;

    /** (token, head) items {@code [s, e)} of the pending computation over an F32 cache. */
    private void attendHeads(int thread, int s, int e) {
        int group = heads / kvHeads;
        float[] keys = pendingCache.keys[pendingLayer];
        float[] values = pendingCache.values[pendingLayer];
        int w = pendingCache.width;
        float[] sc = scores[thread];
        for (int item = s; item < e; item++) {
            int t = item / heads;
            int h = item % heads;
            int positions = pendingStart + t + 1;
            int qOff = h * headDim;
            int kvOff = (h / group) * headDim;
            float[] qt = pendingQ[t];
            int j = 0;
            for (; j + 2 <= positions; j += 2) {
                dotPair(keys, j * w + kvOff, (j + 1) * w + kvOff, qt, qOff, headDim, sc, j);
                sc[j] *= scale;
                sc[j + 1] *= scale;
            }
            if (j < positions) {
                sc[j] = dot(keys, j * w + kvOff, qt, qOff, headDim) * scale;
            }
            Norms.attentionSoftmax(sc, 0, positions);
            weightedSum(sc, positions, values, kvOff, w, pendingOut[t], qOff, headDim);
        }
    }

    /**
     * (token, head) items {@code [s, e)} over an F16 cache, with ggml's F16 roundings of the query and the
     * probabilities.
     */
    private void attendHeadsF16(int thread, int s, int e) {
        int group = heads / kvHeads;
        short[] keys = pendingCache.keys16[pendingLayer];
        short[] values = pendingCache.values16[pendingLayer];
        int w = pendingCache.width;
        float[][] q = pendingQ;
        float[][] out = pendingOut;
        int startPos = pendingStart;
        float[] sc = scores[thread];
        float[] qh = query16[thread];
        for (int item = s; item < e; item++) {
            int t = item / heads;
            int h = item % heads;
            int positions = startPos + t + 1;
            int qOff = h * headDim;
            int kvOff = (h / group) * headDim;
            float[] qt = q[t];
            for (int i = 0; i < headDim; i++) {
                qh[i] = roundToF16(qt[qOff + i], i);
            }
            for (int j = 0; j < positions; j++) {
                sc[j] = dotF16(keys, j * w + kvOff, qh, 0, headDim) * scale;
            }
            Norms.attentionSoftmax(sc, 0, positions);
            for (int j = 0; j < positions; j++) {
                sc[j] = roundToF16(sc[j], j);
            }
            weightedSumF16(sc, positions, values, kvOff, w, out[t], qOff, headDim);
        }
    }

    /**
     * (token, key/value head) items {@code [s, e)} over an F16 cache: the same numbers as
     * {@link #attendHeadsF16} for each of the group's query heads, bit for bit, but each cached key and value
     * is widened to float once for the whole group (a chunk of positions at a time, by
     * {@link Float#float16ToFloat} in a plain loop, which the JIT turns into the hardware conversion), not once
     * per query head. The float {@link #dot} does {@link #dotF16}'s operations in the same
     * order; the sum over V ({@link #addWeightedSum}) continues chunk after chunk from the output, which holds
     * each partial sum exactly.
     */
    private void attendGroupsF16(int thread, int s, int e) {
        int group = heads / kvHeads;
        short[] keys = pendingCache.keys16[pendingLayer];
        short[] values = pendingCache.values16[pendingLayer];
        int w = pendingCache.width;
        float[][] q = pendingQ;
        float[][] out = pendingOut;
        int startPos = pendingStart;
        if (groupScores[thread] == null) {
            groupScores[thread] = new float[group * contextLength];
            groupQueries[thread] = new float[group * headDim];
            widened[thread] = new float[CHUNK * headDim];
        }
        float[] sc = groupScores[thread];
        float[] qh = groupQueries[thread];
        float[] chunk = widened[thread];
        for (int item = s; item < e; item++) {
            int t = item / kvHeads;
            int kvHead = item % kvHeads;
            int positions = startPos + t + 1;
            int kvOff = kvHead * headDim;
            int firstHead = kvHead * group;
            float[] qt = q[t];
            for (int r = 0; r < group; r++) {
                for (int i = 0; i < headDim; i++) {
                    qh[r * headDim + i] = roundToF16(qt[(firstHead + r) * headDim + i], i);
                }
            }
            for (int from = 0; from < positions; from += CHUNK) {
                int count = Math.min(CHUNK, positions - from);
                widen(keys, from, count, kvOff, w, chunk);
                for (int r = 0; r < group; r++) {
                    scoreChunk(chunk, count, qh, r * headDim, sc, r * contextLength + from);
                }
            }
            for (int r = 0; r < group; r++) {
                probabilitiesF16(sc, r * contextLength, positions);
                java.util.Arrays.fill(out[t], (firstHead + r) * headDim, (firstHead + r + 1) * headDim, 0f);
            }
            for (int from = 0; from < positions; from += CHUNK) {
                int count = Math.min(CHUNK, positions - from);
                widen(values, from, count, kvOff, w, chunk);
                for (int r = 0; r < group; r++) {
                    addWeightedSum(sc, r * contextLength + from, count, chunk, out[t], (firstHead + r) * headDim,
                            headDim);
                }
            }
        }
    }

    /**
     * (block of {@link #TOKEN_BLOCK} tokens, key/value head) items {@code [s, e)} of a prompt batch over an F16
     * cache: the numbers of {@link #attendGroupsF16}, bit for bit (every score and every partial sum over V is
     * formed over the same chunks in the same order), but each chunk of cached keys and values is widened once
     * for all the block's tokens that attend to it instead of once per token. Heavier blocks (later tokens
     * attend to more positions) come first, so the threads end together.
     */
    private void attendBlocksF16(int thread, int s, int e) {
        int group = heads / kvHeads;
        short[] keys = pendingCache.keys16[pendingLayer];
        short[] values = pendingCache.values16[pendingLayer];
        int w = pendingCache.width;
        float[][] q = pendingQ;
        float[][] out = pendingOut;
        int startPos = pendingStart;
        int n = pendingTokens;
        int blocks = (n + TOKEN_BLOCK - 1) / TOKEN_BLOCK;
        int width = blockScoreWidth(thread, startPos + n, group);
        float[] sc = blockScores[thread];
        float[] qh = blockQueries[thread];
        float[] chunk = widened[thread];
        for (int item = s; item < e; item++) {
            int block = blocks - 1 - item / kvHeads;
            int kvHead = item % kvHeads;
            int t0 = block * TOKEN_BLOCK;
            int t1 = Math.min(n, t0 + TOKEN_BLOCK);
            int kvOff = kvHead * headDim;
            int firstHead = kvHead * group;
            for (int t = t0; t < t1; t++) {
                float[] qt = q[t];
                int row = (t - t0) * group;
                for (int r = 0; r < group; r++) {
                    for (int i = 0; i < headDim; i++) {
                        qh[(row + r) * headDim + i] = roundToF16(qt[(firstHead + r) * headDim + i], i);
                    }
                }
            }
            int last = startPos + t1; // positions the block's last token attends to
            for (int from = 0; from < last; from += CHUNK) {
                widen(keys, from, Math.min(CHUNK, last - from), kvOff, w, chunk);
                for (int t = Math.max(t0, from - startPos); t < t1; t++) {
                    int count = Math.min(CHUNK, startPos + t + 1 - from);
                    int row = (t - t0) * group;
                    for (int r = 0; r < group; r++) {
                        scoreChunk(chunk, count, qh, (row + r) * headDim, sc, (row + r) * width + from);
                    }
                }
            }
            for (int t = t0; t < t1; t++) {
                int positions = startPos + t + 1;
                int row = (t - t0) * group;
                for (int r = 0; r < group; r++) {
                    probabilitiesF16(sc, (row + r) * width, positions);
                }
                java.util.Arrays.fill(out[t], firstHead * headDim, (firstHead + group) * headDim, 0f);
            }
            for (int from = 0; from < last; from += CHUNK) {
                widen(values, from, Math.min(CHUNK, last - from), kvOff, w, chunk);
                for (int t = Math.max(t0, from - startPos); t < t1; t++) {
                    int count = Math.min(CHUNK, startPos + t + 1 - from);
                    int row = (t - t0) * group;
                    for (int r = 0; r < group; r++) {
                        addWeightedSum(sc, (row + r) * width + from, count, chunk, out[t], (firstHead + r) * headDim,
                                headDim);
                    }
                }
            }
        }
    }

    /**
     * Scores of {@code count} widened cached keys against one F16-rounded query ({@code qh[qOff ..]}), scaled,
     * into {@code sc[at ..]}: two positions per fold ({@link #dotPair}), the odd one last.
     */
    private void scoreChunk(float[] chunk, int count, float[] qh, int qOff, float[] sc, int at) {
        int j = 0;
        for (; j + 2 <= count; j += 2) {
            dotPair(chunk, j * headDim, (j + 1) * headDim, qh, qOff, headDim, sc, at + j);
            sc[at + j] *= scale;
            sc[at + j + 1] *= scale;
        }
        if (j < count) {
            sc[at + j] = dot(chunk, j * headDim, qh, qOff, headDim) * scale;
        }
    }

    /** Softmax of {@code positions} scores at {@code sc[base ..]}, each probability rounded to F16 as ggml does. */
    private void probabilitiesF16(float[] sc, int base, int positions) {
        Norms.attentionSoftmax(sc, base, positions);
        for (int j = 0; j < positions; j++) {
            sc[base + j] = roundToF16(sc[base + j], j);
        }
    }

    /**
     * Makes this thread's block buffers hold rows of at least {@code positions} scores (grown in steps of 1024,
     * at most the context), and returns the row width.
     */
    private int blockScoreWidth(int thread, int positions, int group) {
        if (blockScores[thread] == null || blockWidth[thread] < positions) {
            int width = Math.min(contextLength, (positions + 1023) / 1024 * 1024);
            blockScores[thread] = new float[TOKEN_BLOCK * group * width];
            blockWidth[thread] = width;
        }
        if (blockQueries[thread] == null) {
            blockQueries[thread] = new float[TOKEN_BLOCK * group * headDim];
            if (widened[thread] == null) {
                widened[thread] = new float[CHUNK * headDim];
            }
        }
        return blockWidth[thread];
    }

    /**
     * Rows {@code from .. from+count-1} of one head ({@code headDim} values at {@code offset}) as floats, widened
     * exactly in registers as {@link #dotF16} does (the JIT did not vectorize a plain {@link Float#float16ToFloat}
     * loop here).
     */
    private void widen(short[] rows, int from, int count, int offset, int stride, float[] dst) {
        int lanes = F.length();
        for (int j = 0; j < count; j++) {
            int src = (from + j) * stride + offset;
            int at = j * headDim;
            int i = 0;
            for (; i + lanes <= headDim; i += lanes) {
                IntVector h = (IntVector) ShortVector.fromArray(S, rows, src + i).convertShape(VectorOperators.S2I, I, 0);
                IntVector magnitude = h.and(0x7fff);
                IntVector bits = magnitude.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f)
                        .reinterpretAsInts()
                        .or(magnitude.add(0x0400).lanewise(VectorOperators.LSHR, 15).neg().and(0x7f800000));
                bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats().intoArray(dst, at + i);
            }
            for (; i < headDim; i++) {
                dst[at + i] = Float.float16ToFloat(rows[src + i]);
            }
        }
    }

    /** {@code x} rounded to the nearest F16 (ties to even) and widened; element {@code i} of the jitter's pattern. */
    private float roundToF16(float x, int i) {
        float y = jitter == 0f ? x : x * PreparedBatch.jitterFactor(jitter, i);
        return Float.float16ToFloat(Float.floatToFloat16(y));
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
            // instead of one extraction per lane, which dominated this short (head-sized) dot product. Written
            // out with constant origins: as a loop over the origin, C2 did not always unroll it, and a slice of
            // a variable origin then stayed boxed with the accumulator (DecodeAllocationTest, 576 bytes a call).
            if (F.length() == 16) {
                acc = acc.add(acc.slice(8));
            }
            if (F.length() >= 8) {
                acc = acc.add(acc.slice(4));
            }
            acc = acc.add(acc.slice(2));
            acc = acc.add(acc.slice(1));
            sum = acc.lane(0);
        }
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /**
     * {@link #dot} of two rows {@code a[a0 ..]} and {@code a[a1 ..]} with {@code b[bOff ..]}, written to
     * {@code out[o]} and {@code out[o + 1]}: the same bits as two calls, in fewer operations. With 16 lanes the
     * first halving of both accumulators is one vector (lanes 0-7 the first row's, 8-15 the second's, from two
     * blends and a rotation), and the three halvings after it serve both rows at once. Each lane adds the same
     * two values as {@link #dot}'s halving does, sometimes in the other order, which is the same float sum.
     */
    static void dotPair(float[] a, int a0, int a1, float[] b, int bOff, int n, float[] out, int o) {
        if (F.length() != 16 || n < 16) {
            out[o] = dot(a, a0, b, bOff, n);
            out[o + 1] = dot(a, a1, b, bOff, n);
            return;
        }
        FloatVector first = FloatVector.zero(F);
        FloatVector second = FloatVector.zero(F);
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            FloatVector x = FloatVector.fromArray(F, b, bOff + i);
            first = FloatVector.fromArray(F, a, a0 + i).fma(x, first);
            second = FloatVector.fromArray(F, a, a1 + i).fma(x, second);
        }
        FloatVector low = first.blend(second, UPPER_HALF); // first's lanes 0-7, second's 8-15
        FloatVector high = second.blend(first, UPPER_HALF); // second's lanes 0-7, first's 8-15
        FloatVector both = low.add(high.slice(8, high)); // first's l + (l+8) in lanes 0-7, second's in 8-15
        both = both.add(both.slice(4));
        both = both.add(both.slice(2));
        both = both.add(both.slice(1));
        float sumFirst = both.lane(0);
        float sumSecond = both.lane(8);
        for (; i < n; i++) {
            sumFirst += a[a0 + i] * b[bOff + i];
        }
        for (int k = n - n % 16; k < n; k++) {
            sumSecond += a[a1 + k] * b[bOff + k];
        }
        out[o] = sumFirst;
        out[o + 1] = sumSecond;
    }

    /**
     * {@code out[outOff + i] = sum over j < positions of weights[j] * rows[j * stride + base + i]} for
     * {@code i < n}: the probability-weighted sum of cached values. Each element is accumulated over the
     * positions in order with one FMA per position (as adding {@code weights[j] * row j} to a zeroed output
     * position by position would, bit for bit), but four vectors of the output stay in registers across all
     * positions instead of being loaded and stored for each one.
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

    /**
     * {@code out[outOff + i] += sum over j < count of weights[wOff + j] * rows[j * n + i]} for {@code i < n}, rows
     * packed: {@link #weightedSumF16}'s operations on widened values, continued from the output's current values
     * (one FMA per position, in order), so a sum split into consecutive chunks gives the same bits as one pass.
     */
    static void addWeightedSum(float[] weights, int wOff, int count, float[] rows, float[] out, int outOff, int n) {
        int lanes = F.length();
        int i = 0;
        for (; i + 2 * lanes <= n; i += 2 * lanes) {
            FloatVector a0 = FloatVector.fromArray(F, out, outOff + i);
            FloatVector a1 = FloatVector.fromArray(F, out, outOff + i + lanes);
            for (int j = 0; j < count; j++) {
                FloatVector p = FloatVector.broadcast(F, weights[wOff + j]);
                int at = j * n + i;
                a0 = FloatVector.fromArray(F, rows, at).fma(p, a0);
                a1 = FloatVector.fromArray(F, rows, at + lanes).fma(p, a1);
            }
            a0.intoArray(out, outOff + i);
            a1.intoArray(out, outOff + i + lanes);
        }
        // No one-vector loop: weightedSumF16, whose numbers these must be, has none either.
        for (; i < n; i++) {
            float a = out[outOff + i];
            for (int j = 0; j < count; j++) {
                a += weights[wOff + j] * rows[j * n + i];
            }
            out[outOff + i] = a;
        }
    }

    /**
     * {@code a[aOff ..] · b[bOff ..]} over {@code n} values, {@code a} in F16 bits: as {@link #dot} (the same
     * order of operations) with each F16 widened to float exactly in registers. The widening: magnitude bits
     * moved into a float's place and scaled by 2^112 re-bias the exponent (F16 subnormals become float
     * normals); infinities and NaNs get the all-ones exponent back; then the sign. Written out in each loop so
     * that no vector crosses a call the JIT might not inline.
     */
    static float dotF16(short[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= F.length()) {
            FloatVector acc = FloatVector.zero(F);
            for (; i + F.length() <= n; i += F.length()) {
                IntVector h = (IntVector) ShortVector.fromArray(S, a, aOff + i).convertShape(VectorOperators.S2I, I, 0);
                IntVector magnitude = h.and(0x7fff);
                IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
                IntVector bits = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
                bits = bits.or(magnitude.add(0x0400).lanewise(VectorOperators.LSHR, 15).neg().and(0x7f800000));
                FloatVector x = bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
                acc = x.fma(FloatVector.fromArray(F, b, bOff + i), acc);
            }
            // Constant origins, as in dot.
            if (F.length() == 16) {
                acc = acc.add(acc.slice(8));
            }
            if (F.length() >= 8) {
                acc = acc.add(acc.slice(4));
            }
            acc = acc.add(acc.slice(2));
            acc = acc.add(acc.slice(1));
            sum = acc.lane(0);
        }
        for (; i < n; i++) {
            sum += Float.float16ToFloat(a[aOff + i]) * b[bOff + i];
        }
        return sum;
    }

    /**
     * {@link #weightedSum} over F16 rows: each element accumulated over the positions in order, one FMA per
     * position, with two output vectors in registers across all positions. F16 values are widened exactly in
     * registers (as in {@link #dotF16}; the exponent fix-up for infinities and NaNs is arithmetic, not a
     * compare and blend, so C2 keeps no mask object).
     */
    static void weightedSumF16(float[] weights, int positions, short[] rows, int base, int stride, float[] out,
            int outOff, int n) {
        int lanes = F.length();
        int i = 0;
        for (; i + 2 * lanes <= n; i += 2 * lanes) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            for (int j = 0; j < positions; j++) {
                FloatVector p = FloatVector.broadcast(F, weights[j]);
                int at = j * stride + base + i;
                IntVector h0 = (IntVector) ShortVector.fromArray(S, rows, at).convertShape(VectorOperators.S2I, I, 0);
                IntVector m0 = h0.and(0x7fff);
                IntVector b0 = m0.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f)
                        .reinterpretAsInts()
                        .or(m0.add(0x0400).lanewise(VectorOperators.LSHR, 15).neg().and(0x7f800000));
                FloatVector v0 = b0.or(h0.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
                IntVector h1 = (IntVector) ShortVector.fromArray(S, rows, at + lanes)
                        .convertShape(VectorOperators.S2I, I, 0);
                IntVector m1 = h1.and(0x7fff);
                IntVector b1 = m1.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f)
                        .reinterpretAsInts()
                        .or(m1.add(0x0400).lanewise(VectorOperators.LSHR, 15).neg().and(0x7f800000));
                FloatVector v1 = b1.or(h1.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
                a0 = v0.fma(p, a0);
                a1 = v1.fma(p, a1);
            }
            a0.intoArray(out, outOff + i);
            a1.intoArray(out, outOff + i + lanes);
        }
        for (; i < n; i++) {
            float a = 0f;
            for (int j = 0; j < positions; j++) {
                a += weights[j] * Float.float16ToFloat(rows[j * stride + base + i]);
            }
            out[outOff + i] = a;
        }
    }
}
