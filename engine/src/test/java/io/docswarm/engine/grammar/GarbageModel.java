package io.docswarm.engine.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stands in for a random-weight model: every step's logits are random (a seeded RNG), so whatever the
 * constraint allows gets picked sooner or later. An optional bias raises tokens that contain a quote and
 * the end tokens (and, by half, tokens with a comma or closing bracket), so that strings and arrays end
 * after tens of tokens rather than thousands; it changes nothing about what is allowed.
 */
final class GarbageModel {
    /** Gaussian noise shared by all models of a vocabulary size (drawing 300k values per model is slow). */
    private static float[] pool;
    private static int[] quoteIds;
    private static int[] closingIds;
    private static TokenVocabulary pooledFor;

    private final float bias;
    private final int vocabSize;
    private final SplittableRandom random;

    GarbageModel(TokenVocabulary vocab, long seed, float punctuationBias) {
        this.vocabSize = vocab.size();
        this.random = new SplittableRandom(seed);
        this.bias = punctuationBias;
        prepare(vocab);
    }

    private static synchronized void prepare(TokenVocabulary vocab) {
        if (pooledFor == vocab) {
            return;
        }
        SplittableRandom poolRandom = new SplittableRandom(42);
        pool = new float[2 * vocab.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (float) (poolRandom.nextGaussian() * 2);
        }
        List<Integer> quotes = new ArrayList<>();
        List<Integer> closing = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            byte[] b = vocab.bytes(id);
            if (b == null) {
                continue;
            }
            boolean quote = false;
            boolean close = false;
            boolean open = false;
            for (byte x : b) {
                quote |= x == '"';
                close |= x == '}' || x == ']' || x == ',';
                open |= x == '{' || x == '[';
            }
            if (open) {
                continue; // starting more values would make documents longer
            } else if (quote) {
                quotes.add(id);
            } else if (close) {
                closing.add(id);
            }
        }
        for (int id : vocab.endTokens()) {
            quotes.add(id);
        }
        quoteIds = quotes.stream().mapToInt(Integer::intValue).toArray();
        closingIds = closing.stream().mapToInt(Integer::intValue).toArray();
        pooledFor = vocab;
    }

    /** Fresh random logits: a random window of the noise pool, plus the bias. */
    void logits(float[] out) {
        System.arraycopy(pool, random.nextInt(vocabSize), out, 0, vocabSize);
        if (bias != 0) {
            for (int id : quoteIds) {
                out[id] += bias; // ends strings (and is the end token's bias)
            }
            for (int id : closingIds) {
                out[id] += bias / 2; // ends numbers, arrays and objects
            }
        }
    }

    static int argMax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
