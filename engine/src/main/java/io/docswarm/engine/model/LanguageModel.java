package io.docswarm.engine.model;

import io.docswarm.engine.sampling.LogitSource;

/**
 * What the {@link io.docswarm.engine.Engine} needs of a forward pass, whichever backend computes it: the
 * CPU's {@link DecoderModel} or the CUDA backend's {@code io.docswarm.engine.cuda.CudaModel}. Tokens go in
 * at the current position; logits of the last call come out. Not thread-safe: one generation at a time.
 */
public interface LanguageModel extends AutoCloseable {
    ModelConfig config();

    /** Positions the KV cache holds. */
    int contextLength();

    /** Tokens processed so far (the position of the next token). */
    int position();

    /** Forgets all tokens: the next {@link #forward} starts at position 0. */
    void reset();

    /** Moves back to position {@code p} (keeping the cache before it). */
    void rewind(int p);

    /**
     * Feeds {@code tokens[off .. off+n)} at the current position; with {@code allLogits} the logits of every
     * one of them are kept, otherwise only the last one's. Returns the number of logit rows.
     */
    int forward(int[] tokens, int off, int n, boolean allLogits);

    /**
     * Waits until the work of every {@link #forward} so far is done. The CPU backend computes in
     * {@code forward} itself; a GPU backend only queues the work there, so anything that times a forward pass
     * (a benchmark) must call this before it reads the clock.
     */
    default void finish() {
    }

    /** Logits of row {@code row} of the last {@link #forward} call (valid until the next call). */
    float[] logits(int row);

    /** The index of the largest logit of row {@code row} (the lowest on ties): greedy sampling. */
    default int argmax(int row) {
        return argmax(logits(row));
    }

    /** The index of the largest of {@code v} (the lowest on ties). */
    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Row {@code row} of the last call's logits as a sampler reads it (valid until the next call; one object,
     * reused, so the token loop allocates nothing). On the host this is the row itself; a GPU backend selects
     * the largest logits on the device instead of copying the whole row.
     */
    LogitSource logitSource(int row);

    /**
     * Calls {@code probe} between blocks from the next {@link #forward} on (null: no more), with the rows it may
     * replace ({@link LayerProbe}).
     */
    void probeLayers(LayerProbe probe);

    /** Bytes of the KV cache. */
    long kvCacheBytes();

    /** The KV cache's element type, F16 or F32. */
    io.docswarm.engine.gguf.GgmlType kvCacheType();

    /** Bytes of weights repacked at load time for faster products (the CPU backend's; 0 if none). */
    default long packedWeightBytes() {
        return 0;
    }

    /** Where the forward pass runs, for display: {@code cpu} or {@code cuda:N (name)}. */
    default String device() {
        return "cpu";
    }

    @Override
    void close();
}
