package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFile;

/**
 * Llama, dense (Llama 2/3) or with experts (Mixtral). Per block:
 * <pre>
 *   h   = x + Wo · attn(rope(Wq·n), rope(Wk·n), Wv·n)     with n = rmsnorm(x)
 *   out = h + FFN(rmsnorm(h))     dense SwiGLU, or MoE: softmax router, top-k renormalised
 *                                 (the same as a softmax over the top-k logits, Mixtral's rule)
 * </pre>
 * RoPE pairs adjacent dimensions (ggml's normal mode); an optional {@code rope_freqs} tensor (Llama 3)
 * divides the frequencies.
 */
public final class LlamaModel extends DecoderModel {
    private record Layer(float[] attnNorm, Linear wq, Linear wk, Linear wv, Linear wo, float[] ffnNorm,
                         DenseFeedForward.Weights dense, MoeFeedForward.Weights moe) {}

    private final Layer[] layers;
    private final MoeFeedForward moe;
    private final DenseFeedForward dense;

    LlamaModel(GgufFile file, ModelConfig c, ModelOptions options) {
        super(file, c, options);
        int e = c.embeddingLength();
        layers = new Layer[c.blockCount()];
        for (int i = 0; i < layers.length; i++) {
            String b = "blk." + i + ".";
            DenseFeedForward.Weights denseWeights = null;
            MoeFeedForward.Weights moeWeights = null;
            if (c.isMoe()) {
                int ff = c.expertFeedForwardLength();
                moeWeights = new MoeFeedForward.Weights(matrix(b + "ffn_gate_inp.weight", e, c.expertCount()),
                        expertMatrices(b + "ffn_gate_exps.weight", e, ff),
                        expertMatrices(b + "ffn_up_exps.weight", e, ff),
                        expertMatrices(b + "ffn_down_exps.weight", ff, e));
            } else {
                int ff = c.feedForwardLength();
                denseWeights = new DenseFeedForward.Weights(matrix(b + "ffn_gate.weight", e, ff),
                        matrix(b + "ffn_up.weight", e, ff), matrix(b + "ffn_down.weight", ff, e));
            }
            layers[i] = new Layer(norm(b + "attn_norm.weight", e),
                    matrix(b + "attn_q.weight", e, c.queryWidth()),
                    matrix(b + "attn_k.weight", e, c.kvWidth()),
                    matrix(b + "attn_v.weight", e, c.kvWidth()),
                    matrix(b + "attn_output.weight", c.queryWidth(), e),
                    norm(b + "ffn_norm.weight", e), denseWeights, moeWeights);
        }
        moe = c.isMoe() ? new MoeFeedForward(c, maxBatch, c.architecture(), options.activationJitter()) : null;
        dense = c.isMoe() ? null : new DenseFeedForward(maxBatch, c.feedForwardLength(), options.activationJitter());
    }

    @Override
    protected void layer(int i, int n, int startPos) {
        Layer l = layers[i];
        normInput(l.attnNorm(), n);
        projectQkv(l.wq(), l.wk(), l.wv(), n);
        rotate(n);
        attend(i, l.wo(), n, startPos);
        addResidual(n);

        normInput(l.ffnNorm(), n);
        if (moe != null) {
            moe.forward(team, l.moe(), normed, n, tmp);
        } else {
            dense.forward(team, l.dense(), normed, n, tmp);
        }
        addResidual(n);
    }
}
