package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFormatException;
import java.util.Arrays;

/** The model architectures this engine runs, by their GGUF {@code general.architecture} name. */
public enum Architecture {
    /** Qwen3-MoE: per-head q/k RMSNorm, NEOX RoPE, softmax router, renormalised top-k. */
    QWEN3MOE("qwen3moe", RopeStyle.NEOX, true),
    /** Llama, dense or with experts (Mixtral): adjacent-pair RoPE, softmax over the top-k experts. */
    LLAMA("llama", RopeStyle.NORMAL, true),
    /** OLMoE: q/k RMSNorm over the full projection width, NEOX RoPE, top-k weights not renormalised. */
    OLMOE("olmoe", RopeStyle.NEOX, false),
    /**
     * DeepSeek-V2/V3 and Kimi-K2: multi-head latent attention, adjacent-pair RoPE on a separate rope part of
     * each head, sigmoid (or softmax) routing with shared experts. Whether the top-k weights are
     * renormalised is read from the file ({@code expert_weights_norm}), see {@link MlaConfig}.
     */
    DEEPSEEK2("deepseek2", RopeStyle.NORMAL, false);

    private final String ggufName;
    private final RopeStyle ropeStyle;
    private final boolean renormalizeExpertWeights;

    Architecture(String ggufName, RopeStyle ropeStyle, boolean renormalizeExpertWeights) {
        this.ggufName = ggufName;
        this.ropeStyle = ropeStyle;
        this.renormalizeExpertWeights = renormalizeExpertWeights;
    }

    public String ggufName() {
        return ggufName;
    }

    public RopeStyle ropeStyle() {
        return ropeStyle;
    }

    /**
     * Whether the selected experts' router probabilities are divided by their sum. llama.cpp fixes this per
     * architecture (qwen3moe and llama: yes, olmoe: no) and does not read {@code expert_weights_norm} for
     * them; we do the same so our numbers match.
     */
    public boolean renormalizeExpertWeights() {
        return renormalizeExpertWeights;
    }

    public static Architecture fromGguf(String source, String name) {
        for (Architecture a : values()) {
            if (a.ggufName.equals(name)) {
                return a;
            }
        }
        throw new GgufFormatException(source + ": unsupported architecture '" + name + "' (supported: "
                + Arrays.stream(values()).map(Architecture::ggufName).toList() + ")");
    }

    /** How RoPE pairs up the dimensions of a head. */
    public enum RopeStyle {
        /** Adjacent pairs (x[2i], x[2i+1]): ggml's default mode, used by llama. */
        NORMAL,
        /** Rotate-half pairs (x[i], x[i + d/2]): ggml's NEOX mode. */
        NEOX
    }
}
