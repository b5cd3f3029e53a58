package io.docswarm.engine.sampling;

/**
 * The k largest of a row of logits on the host, in one pass with a bounded heap: the heap's root is the
 * weakest candidate kept so far ("smaller value, or equal value and higher id"), replaced whenever a
 * stronger one comes along. O(n log k), no allocation.
 */
public final class TopLogits {
    private TopLogits() {
    }

    /** {@code ids[0..k)}, {@code values[0..k)}: the k first of {@code logits} by value, ties to the lower id. */
    public static void select(float[] logits, int k, int[] ids, float[] values) {
        if (k <= 0 || k > logits.length) {
            throw new IllegalArgumentException("k must be 1.." + logits.length + ", got " + k);
        }
        for (int i = 0; i < k; i++) {
            ids[i] = i;
            values[i] = logits[i];
            siftUp(ids, values, i);
        }
        for (int i = k; i < logits.length; i++) {
            float v = logits[i];
            if (stronger(v, i, values[0], ids[0])) {
                ids[0] = i;
                values[0] = v;
                siftDown(ids, values, k);
            }
        }
    }

    /** The sampler's order: larger values first, equal values by ascending id; NaN last (as the device ranks it). */
    static boolean stronger(float v, int id, float other, int otherId) {
        if (v != v || other != other) {
            return other != other && (v == v || id < otherId);
        }
        return v > other || (v == other && id < otherId);
    }

    private static void siftUp(int[] ids, float[] values, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!stronger(values[parent], ids[parent], values[i], ids[i])) {
                return;
            }
            swap(ids, values, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] ids, float[] values, int size) {
        int i = 0;
        while (true) {
            int weakest = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                if (stronger(values[weakest], ids[weakest], values[child], ids[child])) {
                    weakest = child;
                }
            }
            if (weakest == i) {
                return;
            }
            swap(ids, values, i, weakest);
            i = weakest;
        }
    }

    /** Swaps candidates a and b (id and value together). */
    static void swap(int[] ids, float[] values, int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float v = values[a];
        values[a] = values[b];
        values[b] = v;
    }
}
