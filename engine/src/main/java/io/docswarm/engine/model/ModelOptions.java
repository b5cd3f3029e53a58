package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;

/**
 * How to instantiate a model: the threads to compute with, the largest batch of prompt tokens processed
 * together, and the context length (0: the model's own, which may be large; the KV cache is allocated
 * for all of it).
 *
 * @param activationJitter 0 in normal use. Tests set it to scale every activation by a deterministic
 *     factor within {@code 1 ± 6·jitter} before it is quantized (and, with an F16 KV cache, every value
 *     before its F16 rounding in the attention), to check that a fixture is not on a knife edge where a
 *     one-ulp difference flips a rounding and moves the logits far more than the comparison tolerance (with
 *     random weights that happens; llama.cpp's own batched and one-token paths then disagree with each
 *     other too).
 * @param kvCacheType F32 or F16 (llama.cpp's default: half the memory, values rounded when stored; see
 *     {@link KvCache}); deepseek2's latent cache is F32 either way. The shorter constructors take F32, what
 *     most llama.cpp comparisons use; {@code EngineOptions} defaults to F16.
 * @param packWeights whether to repack the weight matrices that multiply faster in a packed layout at load
 *     time (see {@code WeightPacker}; llama.cpp's CPU backend does the same unless told {@code --no-repack}).
 *     The shorter constructors pack.
 */
public record ModelOptions(ThreadTeam team, int maxBatch, int contextLength, float activationJitter,
                           GgmlType kvCacheType, boolean packWeights) {
    /** Packing the weights that pack. */
    public ModelOptions(ThreadTeam team, int maxBatch, int contextLength, float activationJitter,
                        GgmlType kvCacheType) {
        this(team, maxBatch, contextLength, activationJitter, kvCacheType, true);
    }

    /** An F32 KV cache, no jitter. */
    public ModelOptions(ThreadTeam team, int maxBatch, int contextLength) {
        this(team, maxBatch, contextLength, 0f);
    }

    /** An F32 KV cache. */
    public ModelOptions(ThreadTeam team, int maxBatch, int contextLength, float activationJitter) {
        this(team, maxBatch, contextLength, activationJitter, GgmlType.F32);
    }

    public ModelOptions {
        if (kvCacheType != GgmlType.F32 && kvCacheType != GgmlType.F16) {
            throw new IllegalArgumentException("the KV cache type must be F32 or F16, got " + kvCacheType);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        if (!(Math.abs(activationJitter) <= 1e-2f)) {
            throw new IllegalArgumentException("activationJitter must be in [-0.01, 0.01]");
        }
        if (contextLength < 0) {
            throw new IllegalArgumentException("contextLength must not be negative");
        }
    }
}
