package io.docswarm.engine.sampling;

import java.util.SplittableRandom;

/**
 * Chooses the next token from a row of logits, in llama.cpp's default order: repetition/presence/frequency
 * penalties over the last N accepted tokens, then top-k, top-p, min-p, temperature, and a random draw from
 * the resulting distribution (or the arg-max when the temperature is 0).
 *
 * <p>With top-k on (and for greedy sampling) {@link #sample(LogitSource)} reads only the {@code k + w}
 * largest logits and the {@code w} penalised tokens' ones: the k survivors of the penalties are among them,
 * since penalties change only the penalised tokens. A GPU backend selects those on the device. The result is
 * the same token, bit for bit, as {@link #sample(float[])} over the whole row (for rows without NaN: the
 * selection ranks NaN last, the whole-row path's order of NaN is not defined).
 *
 * <p>All buffers are allocated once per vocabulary size, so sampling a token allocates nothing. Not
 * thread-safe: one sampler per generation. The random generator is seeded from {@link SamplingParams#seed()},
 * so runs repeat exactly (it is not llama.cpp's generator, so the random choices differ from llama.cpp's).
 */
public final class Sampler {
    private final SamplingParams params;
    private final int vocabSize;
    private final SplittableRandom random;

    // candidates: ids[0..n) with values[0..n); values are logits, then probabilities
    private final int[] ids;
    private final float[] values;
    // penalty window: counts per token of the last penaltyLastN accepted tokens
    private final int[] counts;
    private final int[] window;
    private int windowStart;
    private int windowSize;
    // the candidate path: the largest logits, and the penalised tokens with theirs
    private final int[] topIds;
    private final float[] topValues;
    private final int[] penalizedIds;
    private final float[] penalizedValues;

    public Sampler(SamplingParams params, int vocabSize) {
        if (vocabSize <= 0) {
            throw new IllegalArgumentException("vocabulary size must be positive, got " + vocabSize);
        }
        this.params = params;
        this.vocabSize = vocabSize;
        this.random = new SplittableRandom(params.seed());
        this.ids = new int[vocabSize];
        this.values = new float[vocabSize];
        this.counts = new int[vocabSize];
        this.window = new int[Math.max(1, params.penaltyLastN())];
        int candidates = Math.min(vocabSize, Math.max(1, params.topK()) + params.penaltyLastN());
        this.topIds = new int[candidates];
        this.topValues = new float[candidates];
        this.penalizedIds = new int[Math.max(1, params.penaltyLastN())];
        this.penalizedValues = new float[Math.max(1, params.penaltyLastN())];
    }

    public SamplingParams params() {
        return params;
    }

    /**
     * Picks a token. Does not record it: call {@link #accept} with the token actually used (the caller may
     * override the choice, e.g. to force an end token).
     *
     * @param logits one score per vocabulary entry; not modified
     */
    public int sample(float[] logits) {
        if (logits.length != vocabSize) {
            throw new IllegalArgumentException("expected " + vocabSize + " logits, got " + logits.length);
        }
        int n = vocabSize;
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            values[i] = logits[i];
        }
        applyPenalties(n);
        if (params.temperature() <= 0) {
            return argMax(n);
        }
        boolean topK = params.topK() > 0 && params.topK() < n;
        return choose(topK ? selectAndSortTopK(n) : n, topK);
    }

    /**
     * Picks a token as {@link #sample(float[])} does, reading only what it needs of the row: with top-k on (or
     * greedy), the {@code k + w} largest logits and those of the {@code w} distinct penalised tokens; otherwise
     * the whole row.
     */
    public int sample(LogitSource source) {
        if (source.vocabSize() != vocabSize) {
            throw new IllegalArgumentException("expected " + vocabSize + " logits, got " + source.vocabSize());
        }
        boolean greedy = params.temperature() <= 0;
        int k = greedy ? 1 : params.topK();
        int w = penalizedTokens();
        if (k <= 0 || k + w >= vocabSize) {
            return sample(source.all());
        }
        int m = k + w;
        source.top(m, topIds, topValues);
        source.gather(penalizedIds, w, penalizedValues);
        // Unpenalised tokens keep their logits: the k best of them are among the m largest. Penalised ones
        // are all here, with their new logits.
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (!isPenalized(topIds[i])) {
                ids[n] = topIds[i];
                values[n] = topValues[i];
                n++;
            }
        }
        for (int j = 0; j < w; j++) {
            ids[n] = penalizedIds[j];
            values[n] = penalize(penalizedValues[j], counts[penalizedIds[j]]);
            n++;
        }
        if (greedy) {
            return argMax(n);
        }
        return choose(selectAndSortTopK(n), true);
    }

    /** The k best candidates, sorted (descending, ties by id): how many remain. */
    private int selectAndSortTopK(int n) {
        selectTop(n, params.topK());
        sortDescending(0, params.topK() - 1);
        return params.topK();
    }

    /** Top-p, min-p, temperature and the draw over candidates {@code [0, n)}, sorted if {@code sorted}. */
    private int choose(int n, boolean sorted) {
        if (params.topP() < 1f) {
            if (!sorted) {
                sortDescending(0, n - 1);
            }
            n = topP(n);
        }
        if (params.minP() > 0f) {
            n = minP(n);
        }
        return draw(n);
    }

    /** Records a generated (or prompt) token for the penalties. */
    public void accept(int token) {
        if (token < 0 || token >= vocabSize) {
            throw new IllegalArgumentException("token " + token + " is outside the vocabulary (size " + vocabSize + ")");
        }
        int capacity = params.penaltyLastN();
        if (capacity == 0) {
            return;
        }
        if (windowSize == capacity) { // drop the oldest
            counts[window[windowStart]]--;
            window[windowStart] = token;
            windowStart = (windowStart + 1) % capacity;
        } else {
            window[(windowStart + windowSize) % capacity] = token;
            windowSize++;
        }
        counts[token]++;
    }

    /** Forgets the penalty history (the random generator keeps its state). */
    public void reset() {
        java.util.Arrays.fill(counts, 0);
        windowStart = 0;
        windowSize = 0;
    }

    private boolean penaltiesOn() {
        return params.repeatPenalty() != 1f || params.presencePenalty() != 0f || params.frequencyPenalty() != 0f;
    }

    private boolean isPenalized(int token) {
        return windowSize > 0 && penaltiesOn() && counts[token] > 0;
    }

    /** The distinct tokens of the penalty window into {@link #penalizedIds} (none when penalties are off). */
    private int penalizedTokens() {
        if (windowSize == 0 || !penaltiesOn()) {
            return 0;
        }
        int w = 0;
        for (int k = 0; k < windowSize; k++) {
            int token = window[(windowStart + k) % params.penaltyLastN()];
            if (counts[token] > 0) {
                penalizedIds[w++] = token;
                counts[token] = -counts[token]; // seen; restored below
            }
        }
        for (int j = 0; j < w; j++) {
            counts[penalizedIds[j]] = -counts[penalizedIds[j]];
        }
        return w;
    }

    /**
     * llama.cpp's penalties: a repeated token's logit is divided by the repeat penalty if positive and
     * multiplied if negative (so it always gets less likely), then lowered by count × frequency penalty
     * plus the presence penalty.
     */
    private float penalize(float logit, int count) {
        logit = logit <= 0 ? logit * params.repeatPenalty() : logit / params.repeatPenalty();
        return logit - (count * params.frequencyPenalty() + params.presencePenalty());
    }

    private void applyPenalties(int n) {
        int w = penalizedTokens();
        for (int j = 0; j < w; j++) {
            int token = penalizedIds[j];
            values[token] = penalize(values[token], counts[token]); // ids are still the identity here
        }
    }

    private int argMax(int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (values[i] > values[best] || (values[i] == values[best] && ids[i] < ids[best])) {
                best = i; // ties: the lowest id, as llama.cpp's greedy sampler
            }
        }
        return ids[best];
    }

    /** Moves the k largest values to the front (quickselect), order among them unspecified. */
    private void selectTop(int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int p = partition(lo, hi);
            if (p == k - 1) {
                return;
            }
            if (p < k - 1) {
                lo = p + 1;
            } else {
                hi = p - 1;
            }
        }
    }

    /** Partitions [lo, hi] around the middle element, larger values first; returns the pivot's final index. */
    private int partition(int lo, int hi) {
        swap((lo + hi) >>> 1, hi);
        float pivot = values[hi];
        int pivotId = ids[hi];
        int store = lo;
        for (int i = lo; i < hi; i++) {
            if (before(values[i], ids[i], pivot, pivotId)) {
                swap(i, store++);
            }
        }
        swap(store, hi);
        return store;
    }

    /** Descending by value; equal values by ascending id, so the order is fully determined. */
    private static boolean before(float v, int id, float pivot, int pivotId) {
        return v > pivot || (v == pivot && id < pivotId);
    }

    private void sortDescending(int lo, int hi) {
        while (lo < hi) {
            if (hi - lo < 16) { // insertion sort for short ranges
                for (int i = lo + 1; i <= hi; i++) {
                    for (int j = i; j > lo && before(values[j], ids[j], values[j - 1], ids[j - 1]); j--) {
                        swap(j, j - 1);
                    }
                }
                return;
            }
            int p = partition(lo, hi);
            if (p - lo < hi - p) { // recurse into the smaller side: bounded stack depth
                sortDescending(lo, p - 1);
                lo = p + 1;
            } else {
                sortDescending(p + 1, hi);
                hi = p - 1;
            }
        }
    }

    private void swap(int a, int b) {
        TopLogits.swap(ids, values, a, b);
    }

    /** Keeps the smallest prefix (sorted, descending) whose softmax probabilities sum to at least topP. */
    private int topP(int n) {
        float max = values[0];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += Math.exp(values[i] - max);
        }
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += Math.exp(values[i] - max) / total;
            if (cumulative >= params.topP()) {
                return i + 1;
            }
        }
        return n;
    }

    /** Keeps tokens whose probability is at least minP times the best one's: logit >= max + ln(minP). */
    private int minP(int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, values[i]);
        }
        float threshold = max + (float) Math.log(params.minP());
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] >= threshold) { // compacting keeps the relative order
                values[kept] = values[i];
                ids[kept] = ids[i];
                kept++;
            }
        }
        return kept;
    }

    /** Applies the temperature, then draws from the softmax of the remaining candidates. */
    private int draw(int n) {
        float temperature = params.temperature();
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            values[i] /= temperature;
            max = Math.max(max, values[i]);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            float p = (float) Math.exp(values[i] - max);
            values[i] = p;
            total += p;
        }
        double r = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += values[i];
            if (r < cumulative) {
                return ids[i];
            }
        }
        return ids[n - 1];
    }
}
