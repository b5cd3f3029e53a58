package io.docswarm.engine.grammar;

import java.util.Arrays;

/**
 * The set of tokens allowed at one step. Stored as a sorted id list when small (structural positions allow
 * a handful of tokens) and as a bitset when large (inside strings), so that many cached masks fit in memory.
 */
final class TokenMask {
    /** Up to this many ids are kept as a list (the list then costs at most a quarter of a 150k bitset). */
    private static final int SPARSE_LIMIT = 1024;

    private final int vocabSize;
    private final long[] bits;
    private final int[] ids;
    private final int count;

    private TokenMask(int vocabSize, long[] bits, int[] ids, int count) {
        this.vocabSize = vocabSize;
        this.bits = bits;
        this.ids = ids;
        this.count = count;
    }

    static TokenMask of(long[] bits, int vocabSize) {
        int count = 0;
        for (long w : bits) {
            count += Long.bitCount(w);
        }
        if (count > SPARSE_LIMIT) {
            return new TokenMask(vocabSize, bits, null, count);
        }
        int[] ids = new int[count];
        int k = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long word = bits[w]; word != 0; word &= word - 1) {
                ids[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
            }
        }
        return new TokenMask(vocabSize, null, ids, count);
    }

    int count() {
        return count;
    }

    boolean allows(int id) {
        if (id < 0 || id >= vocabSize) {
            return false;
        }
        return bits != null ? (bits[id >>> 6] & (1L << id)) != 0 : Arrays.binarySearch(ids, id) >= 0;
    }

    /** Sets every disallowed logit to negative infinity (including those past the vocabulary). */
    void apply(float[] logits) {
        float ninf = Float.NEGATIVE_INFINITY;
        if (bits == null) {
            int from = 0;
            for (int id : ids) {
                Arrays.fill(logits, from, id, ninf);
                from = id + 1;
            }
            Arrays.fill(logits, from, logits.length, ninf);
            return;
        }
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            if (word == -1L) {
                continue;
            }
            int base = w << 6;
            int end = Math.min(base + 64, vocabSize);
            for (int id = base; id < end; id++) {
                if ((word & (1L << id)) == 0) {
                    logits[id] = ninf;
                }
            }
        }
        Arrays.fill(logits, vocabSize, logits.length, ninf);
    }
}
