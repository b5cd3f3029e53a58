package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFile;

/**
 * OLMoE (OLMoE-1B-7B). Per block:
 * <pre>
 *   h   = x + Wo · attn(rope(rmsnorm(Wq·n)), rope(rmsnorm(Wk·n)), Wv·n)   with n = rmsnorm(x)
 *   out = h + MoE(rmsnorm(h))        softmax router, top-k, weights not renormalised
 * </pre>
 * Unlike Qwen3, the q and k norms span the whole projection (all heads at once). NEOX RoPE.
 */
public final class OlmoeModel extends DecoderModel {
    private record Layer(float[] attnNorm, Linear wq, Linear wk, Linear wv, Linear wo, float[] qNorm, float[] kNorm,
                         float[] ffnNorm, MoeFeedForward.Weights moe) {}

    private final Layer[] layers;
    private final MoeFeedForward moe;

    OlmoeModel(GgufFile file, ModelConfig c, ModelOptions options) {
        super(file, c, options);
        int e = c.embeddingLength();
        int ff = c.expertFeedForwardLength();
        layers = new Layer[c.blockCount()];
        for (int i = 0; i < layers.length; i++) {
            String b = "blk." + i + ".";
            layers[i] = new Layer(norm(b + "attn_norm.weight", e),
                    matrix(b + "attn_q.weight", e, c.queryWidth()),
                    matrix(b + "attn_k.weight", e, c.kvWidth()),
                    matrix(b + "attn_v.weight", e, c.kvWidth()),
                    matrix(b + "attn_output.weight", c.queryWidth(), e),
                    norm(b + "attn_q_norm.weight", c.queryWidth()),
                    norm(b + "attn_k_norm.weight", c.kvWidth()),
                    norm(b + "ffn_norm.weight", e),
                    new MoeFeedForward.Weights(matrix(b + "ffn_gate_inp.weight", e, c.expertCount()),
                            expertMatrices(b + "ffn_gate_exps.weight", e, ff),
                            expertMatrices(b + "ffn_up_exps.weight", e, ff),
                            expertMatrices(b + "ffn_down_exps.weight", ff, e)));
        }
        moe = new MoeFeedForward(c, maxBatch, c.architecture(), options.activationJitter());
    }

    @Override
    protected void layer(int i, int n, int startPos) {
        Layer l = layers[i];
        normInput(l.attnNorm(), n);
        projectQkv(l.wq(), l.wk(), l.wv(), n);
        normRows(q, config.queryWidth(), l.qNorm(), n);
        normRows(k, config.kvWidth(), l.kNorm(), n);
        rotate(n);
        attend(i, l.wo(), n, startPos);
        addResidual(n);

        normInput(l.ffnNorm(), n);
        moe.forward(team, l.moe(), normed, n, tmp);
        addResidual(n);
    }
}
