package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufMetadata;

/**
 * The {@code deepseek2} hyper-parameters beyond {@link ModelConfig}: multi-head latent attention (MLA),
 * routing, shared experts and YaRN, read as llama.cpp reads them.
 *
 * <p>Each head's query and key have a "nope" part (no position) and a RoPE part. Keys and values are not
 * stored per head: every token keeps one compressed latent of {@code kvLoraRank} values plus one RoPE key
 * of {@code ropeDim} values shared by all heads; the per-head key and value projections
 * ({@code attn_k_b}, {@code attn_v_b}) are folded into the query and the output.
 *
 * @param qLoraRank width of the low-rank query path ({@code attn_q_a}/{@code attn_q_b}); 0: one
 *     {@code attn_q} matrix (DeepSeek-V2-Lite)
 * @param kvLoraRank width of the compressed latent (512 in DeepSeek-V3)
 * @param nopeDim per-head query/key dimensions without RoPE (128 in DeepSeek-V3)
 * @param ropeDim per-head RoPE dimensions, shared key (64)
 * @param valueDim per-head value dimensions (128)
 * @param leadingDenseBlocks the first layers use a dense FFN instead of experts
 * @param denseFeedForwardLength width of those dense FFNs
 * @param sharedExperts experts every token uses, as one FFN of {@code sharedExperts · expert width}
 * @param sigmoidGating sigmoid router scores (DeepSeek-V3); false: softmax (V2)
 * @param normalizeWeights divide the selected experts' weights by their sum
 * @param expertGroups experts are split into this many groups (0 or 1: no groups)
 * @param expertGroupsUsed only the experts of this many best groups can be chosen
 * @param yarnLogMultiplier llama.cpp's {@code rope_yarn_log_mul}: the file's value divided by 0.1
 * @param ropeAttnFactor {@code rope.scaling.attn_factor} (1 when absent)
 * @param yarnOriginalContext the context YaRN's correction dimensions are computed for
 * @param yarn whether the file declares YaRN RoPE scaling
 */
public record MlaConfig(
        int qLoraRank,
        int kvLoraRank,
        int nopeDim,
        int ropeDim,
        int valueDim,
        int leadingDenseBlocks,
        int denseFeedForwardLength,
        int sharedExperts,
        boolean sigmoidGating,
        boolean normalizeWeights,
        int expertGroups,
        int expertGroupsUsed,
        float yarnLogMultiplier,
        float ropeAttnFactor,
        int yarnOriginalContext,
        boolean yarn) {

    private static final String P = "deepseek2.";

    /** Query/key dimensions per head, nope plus rope (192 in DeepSeek-V3). */
    public int keyDim() {
        return nopeDim + ropeDim;
    }

    /** Floats the latent cache keeps per token and layer: the latent plus the shared RoPE key. */
    public int latentWidth() {
        return kvLoraRank + ropeDim;
    }

    /** Bytes per token of this engine's F32 latent cache over all layers. */
    public long latentCacheBytesPerToken(int layers) {
        return (long) layers * latentWidth() * Float.BYTES;
    }

    /**
     * Bytes per token a plain F32 attention cache would need for the same model: full keys
     * ({@code heads · (nope + rope)}) and values ({@code heads · valueDim}) for every head and layer.
     */
    public long gqaCacheBytesPerToken(int layers, int heads) {
        return (long) layers * heads * (keyDim() + valueDim) * Float.BYTES;
    }

    public static MlaConfig from(GgufMetadata m) {
        String src = m.source();
        if (!m.has(P + "attention.key_length_mla") || !m.has(P + "attention.value_length_mla")) {
            throw new GgufFormatException(src + ": this deepseek2 file has no attention.key_length_mla/value_length_mla, "
                    + "so it uses the old attn_kv_b layout; only the MLA layout with attn_k_b/attn_v_b that current "
                    + "llama.cpp converters write is supported (re-convert the model)");
        }
        int kvLora = m.getInt(P + "attention.kv_lora_rank");
        int qLora = m.getInt(P + "attention.q_lora_rank", 0);
        int keyMla = m.getInt(P + "attention.key_length_mla");
        int valueMla = m.getInt(P + "attention.value_length_mla");
        int rope = m.getInt(P + "rope.dimension_count");
        require(src, kvLora > 0 && qLora >= 0 && valueMla > 0, "kv_lora_rank and value_length_mla must be positive");
        require(src, rope > 0 && rope % 2 == 0 && rope < keyMla,
                "rope.dimension_count " + rope + " must be even and smaller than key_length_mla " + keyMla);
        int keyLength = m.getInt(P + "attention.key_length", kvLora + rope);
        int valueLength = m.getInt(P + "attention.value_length", kvLora);
        require(src, keyLength == kvLora + rope && valueLength == kvLora, "key_length " + keyLength + " / value_length "
                + valueLength + " should be kv_lora_rank + rope dims (" + (kvLora + rope) + ") / kv_lora_rank (" + kvLora + ")");
        require(src, m.getFloat(P + "attention.temperature_scale", 0f) == 0f,
                "attention.temperature_scale (per-position query temperature, Mistral-Large style) is not supported");
        int gating = m.getInt(P + "expert_gating_func", 0);
        require(src, gating >= 0 && gating <= 2, "expert_gating_func " + gating
                + " is not supported (1 softmax, 2 sigmoid)");
        int groups = m.getInt(P + "expert_group_count", 0);
        int groupsUsed = m.getInt(P + "expert_group_used_count", 0);
        int experts = m.getInt(P + "expert_count");
        if (groups > 1) {
            require(src, experts % groups == 0 && groupsUsed > 0 && groupsUsed < groups,
                    "expert_group_count " + groups + " must divide expert_count " + experts
                            + " and expert_group_used_count " + groupsUsed + " must be 1.." + (groups - 1));
        }
        int dense = m.getInt(P + "leading_dense_block_count", 0);
        int denseFf = m.getInt(P + "feed_forward_length", 0);
        require(src, dense >= 0 && dense <= m.getInt(P + "block_count") && (dense == 0 || denseFf > 0),
                "leading_dense_block_count " + dense + " needs a positive feed_forward_length");
        int shared = m.getInt(P + "expert_shared_count");
        require(src, shared >= 0, "expert_shared_count must not be negative");
        String scaling = m.getString(P + "rope.scaling.type", "linear");
        require(src, scaling.equals("yarn") || scaling.equals("linear") || scaling.equals("none"),
                "RoPE scaling type '" + scaling + "' is not supported for deepseek2 (yarn, linear, none)");
        // llama.cpp's converter stores 0.1 * mscale_all_dim; llama.cpp divides it back out.
        float logMul = m.getFloat(P + "rope.scaling.yarn_log_multiplier", 0f) / 0.1f;
        return new MlaConfig(qLora, kvLora, keyMla - rope, rope, valueMla, dense, denseFf, shared, gating == 2,
                m.getBoolean(P + "expert_weights_norm", false), groups > 1 ? groups : 0, groups > 1 ? groupsUsed : 0,
                logMul, m.getFloat(P + "rope.scaling.attn_factor", 1f),
                m.getInt(P + "rope.scaling.original_context_length", m.getInt(P + "context_length", 4096)),
                scaling.equals("yarn"));
    }

    private static void require(String source, boolean ok, String problem) {
        if (!ok) {
            throw new GgufFormatException(source + ": " + problem);
        }
    }
}
