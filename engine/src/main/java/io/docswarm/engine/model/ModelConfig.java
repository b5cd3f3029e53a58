package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufMetadata;

/**
 * Hyper-parameters of a model, read from GGUF metadata with llama.cpp's defaults and rules.
 *
 * @param feedForwardLength dense FFN width (llama without experts), or the expert width for olmoe
 * @param expertFeedForwardLength width of one expert's FFN (0 for dense models)
 * @param expertCount experts per layer (0 for dense models)
 * @param ropeFreqScale 1 / rope scaling factor (linear scaling), 1 when unscaled
 * @param expertWeightsScale factor applied to the selected experts' weights (1 when absent)
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int embeddingLength,
        int blockCount,
        int headCount,
        int headCountKv,
        int headDim,
        int feedForwardLength,
        int expertFeedForwardLength,
        int expertCount,
        int expertUsedCount,
        int contextLength,
        float rmsEps,
        float ropeFreqBase,
        float ropeFreqScale,
        float expertWeightsScale) {

    public boolean isMoe() {
        return expertCount > 0;
    }

    /** Width of all query heads together. */
    public int queryWidth() {
        return headCount * headDim;
    }

    /** Width of all key (and value) heads together. */
    public int kvWidth() {
        return headCountKv * headDim;
    }

    public static ModelConfig from(GgufMetadata m, int vocabSize) {
        String src = m.source();
        Architecture arch = Architecture.fromGguf(src, m.getString("general.architecture"));
        String p = arch.ggufName() + ".";
        if (arch == Architecture.DEEPSEEK2) {
            return deepseek2(m, vocabSize);
        }
        int embd = m.getInt(p + "embedding_length");
        int layers = m.getInt(p + "block_count");
        int heads = m.getInt(p + "attention.head_count");
        int kvHeads = m.getInt(p + "attention.head_count_kv", heads);
        require(src, embd > 0 && layers > 0 && heads > 0 && kvHeads > 0,
                "embedding_length, block_count, head_count and head_count_kv must be positive");
        require(src, heads % kvHeads == 0, "head_count " + heads + " is not a multiple of head_count_kv " + kvHeads);
        int keyLength = m.getInt(p + "attention.key_length", embd / heads);
        int valueLength = m.getInt(p + "attention.value_length", embd / heads);
        require(src, keyLength == valueLength && keyLength > 0 && keyLength % 2 == 0,
                "key_length " + keyLength + " and value_length " + valueLength + " must be equal, positive and even");
        int rot = m.getInt(p + "rope.dimension_count", keyLength);
        require(src, rot == keyLength, "partial RoPE (rope.dimension_count " + rot + " < head size " + keyLength
                + ") is not supported");
        int ff = m.getInt(p + "feed_forward_length", 0);
        int experts = m.getInt(p + "expert_count", 0);
        int used = m.getInt(p + "expert_used_count", 0);
        int expertFf = m.getInt(p + "expert_feed_forward_length", 0);
        if (experts > 0) {
            require(src, used > 0 && used <= experts, "expert_used_count " + used + " must be 1.." + experts);
            if (expertFf == 0) {
                // llama.cpp: llama/olmoe experts use feed_forward_length; qwen3moe falls back to n_ff / n_used.
                expertFf = arch == Architecture.QWEN3MOE ? ff / used : ff;
            }
            require(src, expertFf > 0, "expert feed-forward length must be positive");
        } else {
            require(src, arch == Architecture.LLAMA, arch.ggufName() + " needs expert_count > 0");
            require(src, ff > 0, "feed_forward_length must be positive");
        }
        float ropeScale = m.getFloat(p + "rope.scaling.factor", m.getFloat(p + "rope.scale_linear", 0f));
        String scalingType = m.getString(p + "rope.scaling.type", "linear");
        require(src, scalingType.equals("linear") || scalingType.equals("yarn") || scalingType.equals("none")
                || ropeScale == 0f || ropeScale == 1f, "RoPE scaling type '" + scalingType + "' is not supported");
        return new ModelConfig(arch, vocabSize, embd, layers, heads, kvHeads, keyLength, ff, experts > 0 ? expertFf : 0,
                experts, experts > 0 ? used : 0,
                m.getInt(p + "context_length", 4096),
                m.getFloat(p + "attention.layer_norm_rms_epsilon"),
                m.getFloat(p + "rope.freq_base", 10000f),
                ropeScale == 0f ? 1f : 1f / ropeScale,
                m.getFloat(p + "expert_weights_scale", 0f) == 0f ? 1f : m.getFloat(p + "expert_weights_scale"));
    }

    /**
     * deepseek2's attention is described by {@link MlaConfig}; here its heads count as plain heads of
     * {@code nope + rope} dimensions (what the model would be without the latent compression).
     */
    private static ModelConfig deepseek2(GgufMetadata m, int vocabSize) {
        String src = m.source();
        String p = "deepseek2.";
        MlaConfig mla = MlaConfig.from(m);
        int embd = m.getInt(p + "embedding_length");
        int layers = m.getInt(p + "block_count");
        int heads = m.getInt(p + "attention.head_count");
        require(src, embd > 0 && layers > 0 && heads > 0, "embedding_length, block_count and head_count must be positive");
        int experts = m.getInt(p + "expert_count");
        int used = m.getInt(p + "expert_used_count");
        require(src, experts > 0 && used > 0 && used <= experts, "deepseek2 needs expert_count > 0 and expert_used_count 1.."
                + experts);
        int expertFf = m.getInt(p + "expert_feed_forward_length");
        require(src, expertFf > 0, "expert_feed_forward_length must be positive");
        String scaling = m.getString(p + "rope.scaling.type", "linear");
        float factor = m.getFloat(p + "rope.scaling.factor", m.getFloat(p + "rope.scale_linear", 0f));
        float freqScale = factor == 0f || scaling.equals("none") ? 1f : 1f / factor;
        float weightsScale = m.getFloat(p + "expert_weights_scale", 0f);
        return new ModelConfig(Architecture.DEEPSEEK2, vocabSize, embd, layers, heads, heads, mla.keyDim(),
                mla.denseFeedForwardLength(), expertFf, experts, used, m.getInt(p + "context_length", 4096),
                m.getFloat(p + "attention.layer_norm_rms_epsilon"), m.getFloat(p + "rope.freq_base", 10000f), freqScale,
                weightsScale == 0f ? 1f : weightsScale);
    }

    private static void require(String source, boolean ok, String problem) {
        if (!ok) {
            throw new GgufFormatException(source + ": " + problem);
        }
    }
}
