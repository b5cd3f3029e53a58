package io.docswarm.engine.model;

/**
 * Sees, and may replace, the residual stream between a model's blocks: how a check compares two backends
 * block by block (io.docswarm.engine.cuda.LayerAgreement) instead of only by their logits, where the
 * roundings of many blocks add up. Set with {@link LanguageModel#probeLayers}; a model with a probe computes
 * every step as it comes (a GPU backend does not replay a recorded step), so it is for checks, not for speed.
 */
@FunctionalInterface
public interface LayerProbe {
    /**
     * Called before block {@code layer} runs on a batch, and once more with {@code layer} equal to the block count
     * before the final norm. {@code rows[t]} (for {@code t < n}) is the residual stream of the token at position
     * {@code startPosition + t}, {@code embeddingLength} wide: the token's embedding before block 0, block
     * {@code layer - 1}'s output after it. What the probe writes into the rows is what the model goes on with.
     */
    void atLayer(int layer, int startPosition, float[][] rows, int n);
}
