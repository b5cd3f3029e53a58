package io.docswarm.engine.model;

/**
 * How to instantiate a model: the threads to compute with, the largest batch of prompt tokens processed
 * together, and the context length (0: the model's own, which may be large; the KV cache is allocated
 * for all of it).
 */
public record ModelOptions(ThreadTeam team, int maxBatch, int contextLength) {
    public ModelOptions {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        if (contextLength < 0) {
            throw new IllegalArgumentException("contextLength must not be negative");
        }
    }
}
