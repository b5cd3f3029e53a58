package io.docswarm.engine.model;

/**
 * The {@code deepseek2}-specific dimensions of a {@link RandomModelWriter} model (see {@link MlaConfig} for
 * their meaning). Of the {@link ModelShape}, {@code headDim} and {@code headCountKv} are not used for
 * deepseek2; {@code feedForwardLength} is the expert width.
 *
 * @param qLoraRank 0: a single attn_q matrix (DeepSeek-V2-Lite style)
 * @param expertGroups 0: no group-limited routing
 * @param yarnFactor 0: no RoPE scaling; otherwise YaRN with this factor
 * @param yarnLogMultiplier the file's {@code rope.scaling.yarn_log_multiplier} (0.1 · mscale_all_dim)
 * @param v2Routing DeepSeek-V2 routing: softmax scores, no selection bias, weights not renormalised
 *     (false: DeepSeek-V3's sigmoid scores with {@code exp_probs_b}, renormalised)
 */
public record MlaShape(int qLoraRank, int kvLoraRank, int nopeDim, int ropeDim, int valueDim, int leadingDenseBlocks,
                       int denseFeedForwardLength, int sharedExperts, int expertGroups, int expertGroupsUsed,
                       float yarnFactor, int yarnOriginalContext, float yarnLogMultiplier, float expertWeightsScale,
                       boolean v2Routing) {

    public MlaShape {
        if (kvLoraRank <= 0 || nopeDim <= 0 || ropeDim <= 0 || ropeDim % 2 != 0 || valueDim <= 0 || qLoraRank < 0) {
            throw new IllegalArgumentException("MLA dimensions must be positive (rope dims even, q_lora_rank >= 0)");
        }
        if (leadingDenseBlocks > 0 && denseFeedForwardLength <= 0) {
            throw new IllegalArgumentException("leading dense blocks need a dense feed-forward length");
        }
    }
}
