package io.docswarm.engine.sampling;

/**
 * One row of logits as a {@link Sampler} reads it: the largest few and the ones of chosen tokens when that
 * is all it needs (top-k sampling), or all of them. A GPU backend answers the first two on the device, so
 * only a few dozen values cross to the host per token instead of the whole vocabulary.
 */
public interface LogitSource {
    int vocabSize();

    /** All logits (not to be modified; valid until the model's next forward pass). */
    float[] all();

    /**
     * The {@code k} largest logits ({@code 0 < k <= vocabSize}): the k first in the order "larger value first,
     * equal values by lower id", into {@code ids[0..k)} and {@code values[0..k)}, in any order.
     */
    void top(int k, int[] ids, float[] values);

    /** The logits of tokens {@code ids[0..n)} into {@code values[0..n)}. */
    void gather(int[] ids, int n, float[] values);

    /** A row held in host memory (a new source; a loop reuses one {@link HostLogits} instead). */
    static LogitSource of(float[] logits) {
        return new HostLogits().point(logits);
    }
}
