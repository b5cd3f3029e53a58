package io.docswarm.engine.model;

/**
 * The dimensions of a model to generate with {@link RandomModelWriter}: test fixtures and benchmark
 * models with real shapes but random weights.
 *
 * @param expertCount 0 for a dense llama
 * @param feedForwardLength dense FFN width, or each expert's width for MoE models
 */
public record ModelShape(
        Architecture architecture,
        int vocabSize,
        int embeddingLength,
        int blockCount,
        int headCount,
        int headCountKv,
        int headDim,
        int feedForwardLength,
        int expertCount,
        int expertUsedCount,
        int contextLength) {

    public ModelShape {
        if (vocabSize < 259 + 3) {
            throw new IllegalArgumentException("vocabulary needs room for 3 control and 256 byte tokens plus words");
        }
        if (architecture != Architecture.LLAMA && expertCount == 0) {
            throw new IllegalArgumentException(architecture + " needs experts");
        }
        if (architecture == Architecture.OLMOE && (headCount * headDim != embeddingLength || headCountKv != headCount)) {
            // llama.cpp sizes olmoe's q/k norms and projections by the embedding width.
            throw new IllegalArgumentException("olmoe needs head_count * head_dim == embedding_length and no GQA");
        }
    }

    /** Total parameters (all experts), for naming benchmark models. */
    public long parameterCount() {
        long attn = (long) embeddingLength * headDim * (2L * headCount + 2L * headCountKv);
        long ffn = 3L * embeddingLength * feedForwardLength * Math.max(1, expertCount)
                + (long) embeddingLength * expertCount;
        return 2L * vocabSize * embeddingLength + blockCount * (attn + ffn);
    }

    /** Parameters used per token (selected experts only). */
    public long activeParameterCount() {
        long attn = (long) embeddingLength * headDim * (2L * headCount + 2L * headCountKv);
        long ffn = 3L * embeddingLength * feedForwardLength * Math.max(1, expertUsedCount);
        return 2L * vocabSize * embeddingLength + blockCount * (attn + ffn);
    }
}
