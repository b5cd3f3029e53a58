package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.quant.QuantizedRow;

/**
 * DeepSeek-V2/V3 and Kimi-K2 ({@code deepseek2}): multi-head latent attention (MLA) and DeepSeek MoE.
 * Per block, with {@code n = rmsnorm(x)}:
 * <pre>
 *   q            = Wq_b · rmsnorm(Wq_a · n)          (or Wq · n without q-LoRA)   per head [nope | rope]
 *   [c | kr]     = Wkv_a · n;   c = rmsnorm(c)       latent c, one RoPE key kr shared by all heads
 *   cache       += [c | rope(kr)]                    nothing per head is cached
 *   per head h:  qh = [Wk_b[h] · q_nope | rope(q_rope)]     the key projection folded into the query
 *                oh = Wv_b[h] · Σ_j softmax_j(qh · cache_j · scale) · c_j
 *   h   = x + Wo · [o_1 .. o_H]
 *   out = h + FFN(rmsnorm(h))   dense for the leading blocks, else MoE(experts) + shared experts
 * </pre>
 * Scoring a query against {@code [c_j | kr_j]} equals scoring the full query against the decompressed key
 * {@code [Wk_b·c_j | kr_j]}, and applying {@code Wv_b} after the weighted sum equals weighting the
 * decompressed values: this is how llama.cpp computes it, and why the cache stays
 * {@code kv_lora_rank + rope} floats per token and layer. RoPE pairs adjacent dimensions; the router is
 * sigmoid with a selection bias and optional expert groups (see {@link MoeFeedForward}); YaRN scales both
 * the rotation and the attention scale exactly as llama.cpp does.
 */
public final class DeepSeek2Model extends DecoderModel {
    private record Layer(float[] attnNorm, Linear wqA, float[] qANorm, Linear wqB, Linear wq, Linear wkvA,
                         float[] kvANorm, Linear[] kB, Linear[] vB, Linear wo, float[] ffnNorm,
                         DenseFeedForward.Weights dense, MoeFeedForward.Weights moe, DenseFeedForward.Weights shared) {}

    private final MlaConfig mla;
    private final Layer[] layers;
    private final LatentCache latentCache;
    private final float scale;
    private final float jitter;
    private final int heads;
    private final int keyDim;
    private final int cacheWidth;

    private final MoeFeedForward moe;
    private final DenseFeedForward leadingFfn;
    private final DenseFeedForward sharedFfn;

    // Per-batch scratch, [token][...].
    private final float[][] qa;            // [qLoraRank]
    private final PreparedBatch qaPrepared;
    private final float[][] kvA;           // [kvLoraRank + rope]
    private final float[][] qLatent;       // [heads][kvLoraRank + rope]: absorbed nope part, then rotated rope part
    private final float[][] latentOut;     // [heads][kvLoraRank]
    private final float[][] headsOut;      // [heads][valueDim]
    private final PreparedBatch headsPrepared;
    private final float[][] sharedOut;     // [embd]
    // Per-thread scratch.
    private final float[][] scores;
    private final float[][] nopeScratch;
    private final QuantizedRow[] nopeRows;
    private final float[][] latentScratch;
    private final QuantizedRow[] latentRows;

    DeepSeek2Model(GgufFile file, ModelConfig c, ModelOptions options) {
        this(file, c, options, MlaConfig.from(file.metadata()));
    }

    private DeepSeek2Model(GgufFile file, ModelConfig c, ModelOptions options, MlaConfig mla) {
        super(file, c, options, rope(c, mla), false);
        this.mla = mla;
        this.jitter = options.activationJitter();
        this.heads = c.headCount();
        this.keyDim = mla.keyDim();
        this.cacheWidth = mla.latentWidth();
        this.scale = attentionScale(c, mla);
        int e = c.embeddingLength();
        int kvLora = mla.kvLoraRank();
        requireSplitKvB(file);
        layers = new Layer[c.blockCount()];
        for (int i = 0; i < layers.length; i++) {
            String b = "blk." + i + ".";
            boolean qLora = mla.qLoraRank() > 0;
            boolean dense = i < mla.leadingDenseBlocks();
            DenseFeedForward.Weights denseWeights = null;
            MoeFeedForward.Weights moeWeights = null;
            DenseFeedForward.Weights sharedWeights = null;
            if (dense) {
                int ff = mla.denseFeedForwardLength();
                denseWeights = new DenseFeedForward.Weights(matrix(b + "ffn_gate.weight", e, ff),
                        matrix(b + "ffn_up.weight", e, ff), matrix(b + "ffn_down.weight", ff, e));
            } else {
                int ff = c.expertFeedForwardLength();
                float[] bias = file.findTensor(b + "exp_probs_b.bias").isPresent()
                        ? norm(b + "exp_probs_b.bias", c.expertCount()) : null;
                moeWeights = new MoeFeedForward.Weights(matrix(b + "ffn_gate_inp.weight", e, c.expertCount()),
                        expertMatrices(b + "ffn_gate_exps.weight", e, ff),
                        expertMatrices(b + "ffn_up_exps.weight", e, ff),
                        expertMatrices(b + "ffn_down_exps.weight", ff, e), bias);
                if (mla.sharedExperts() > 0) {
                    int sff = ff * mla.sharedExperts();
                    sharedWeights = new DenseFeedForward.Weights(matrix(b + "ffn_gate_shexp.weight", e, sff),
                            matrix(b + "ffn_up_shexp.weight", e, sff), matrix(b + "ffn_down_shexp.weight", sff, e));
                }
            }
            layers[i] = new Layer(norm(b + "attn_norm.weight", e),
                    qLora ? matrix(b + "attn_q_a.weight", e, mla.qLoraRank()) : null,
                    qLora ? norm(b + "attn_q_a_norm.weight", mla.qLoraRank()) : null,
                    qLora ? matrix(b + "attn_q_b.weight", mla.qLoraRank(), heads * keyDim) : null,
                    qLora ? null : matrix(b + "attn_q.weight", e, heads * keyDim),
                    matrix(b + "attn_kv_a_mqa.weight", e, cacheWidth),
                    norm(b + "attn_kv_a_norm.weight", kvLora),
                    Linear.experts(file.tensor(b + "attn_k_b.weight"), source, mla.nopeDim(), kvLora, heads),
                    Linear.experts(file.tensor(b + "attn_v_b.weight"), source, kvLora, mla.valueDim(), heads),
                    matrix(b + "attn_output.weight", heads * mla.valueDim(), e),
                    norm(b + "ffn_norm.weight", e), denseWeights, moeWeights, sharedWeights);
        }
        boolean anyMoe = mla.leadingDenseBlocks() < c.blockCount();
        moe = anyMoe ? new MoeFeedForward(c, maxBatch, mla.sigmoidGating(), mla.normalizeWeights(), mla.expertGroups(),
                mla.expertGroupsUsed(), jitter) : null;
        leadingFfn = mla.leadingDenseBlocks() > 0 ? new DenseFeedForward(maxBatch, mla.denseFeedForwardLength(), jitter) : null;
        sharedFfn = anyMoe && mla.sharedExperts() > 0
                ? new DenseFeedForward(maxBatch, c.expertFeedForwardLength() * mla.sharedExperts(), jitter) : null;

        latentCache = new LatentCache(c.blockCount(), capacity, kvLora, mla.ropeDim());
        qa = new float[maxBatch][Math.max(1, mla.qLoraRank())];
        qaPrepared = new PreparedBatch(maxBatch, Math.max(1, mla.qLoraRank()), jitter);
        kvA = new float[maxBatch][cacheWidth];
        qLatent = new float[maxBatch][heads * cacheWidth];
        latentOut = new float[maxBatch][heads * kvLora];
        headsOut = new float[maxBatch][heads * mla.valueDim()];
        headsPrepared = new PreparedBatch(maxBatch, heads * mla.valueDim(), jitter);
        sharedOut = new float[maxBatch][e];
        int threads = team.size();
        scores = new float[threads][capacity];
        nopeScratch = new float[threads][mla.nopeDim()];
        nopeRows = new QuantizedRow[threads];
        latentScratch = new float[threads][kvLora];
        latentRows = new QuantizedRow[threads];
        for (int i = 0; i < threads; i++) {
            nopeRows[i] = new QuantizedRow(mla.nopeDim());
            latentRows[i] = new QuantizedRow(kvLora);
        }
    }

    /**
     * Fails for the older deepseek2 layout (one {@code attn_kv_b} per layer): both backends need the split
     * {@code attn_k_b}/{@code attn_v_b} that current llama.cpp converters write.
     */
    public static void requireSplitKvB(GgufFile file) {
        if (file.findTensor("blk.0.attn_kv_b.weight").isPresent() && file.findTensor("blk.0.attn_k_b.weight").isEmpty()) {
            throw new GgufFormatException(file.source() + ": attn_kv_b (the older deepseek2 layout) is not supported; "
                    + "re-convert the model with a current llama.cpp converter, which writes attn_k_b and attn_v_b");
        }
    }

    /** The MLA hyper-parameters of this model. */
    public MlaConfig mla() {
        return mla;
    }

    @Override
    public long kvCacheBytes() {
        return latentCache.bytes();
    }

    /** Bytes the latent cache holds per token (all layers). */
    public long kvCacheBytesPerToken() {
        return latentCache.bytesPerToken();
    }

    @Override
    protected void layer(int i, int n, int startPos) {
        Layer l = layers[i];
        normInput(l.attnNorm(), n);
        projectQueries(l, n);
        cacheLatents(l, i, n, startPos);
        attendHeads(l, i, n, startPos);
        headsPrepared.reset(headsOut, n, heads * mla.valueDim());
        l.wo().multiply(team, headsPrepared.get(team, l.wo()), n, tmp);
        addResidual(n);

        normInput(l.ffnNorm(), n);
        if (l.dense() != null) {
            leadingFfn.forward(team, l.dense(), normed, n, tmp);
        } else {
            moe.forward(team, l.moe(), normed, n, tmp);
            if (l.shared() != null) {
                sharedFfn.forward(team, l.shared(), normed, n, sharedOut);
                int e = config.embeddingLength();
                for (int t = 0; t < n; t++) {
                    for (int j = 0; j < e; j++) {
                        tmp[t][j] += sharedOut[t][j];
                    }
                }
            }
        }
        addResidual(n);
    }

    /** {@code q = Wq_b · rmsnorm(Wq_a · n)}, or {@code Wq · n} without q-LoRA. */
    private void projectQueries(Layer l, int n) {
        if (l.wq() != null) {
            l.wq().multiply(team, normed.get(team, l.wq()), n, q);
            return;
        }
        l.wqA().multiply(team, normed.get(team, l.wqA()), n, qa);
        normRows(qa, mla.qLoraRank(), l.qANorm(), n);
        qaPrepared.reset(qa, n, mla.qLoraRank());
        l.wqB().multiply(team, qaPrepared.get(team, l.wqB()), n, q);
    }

    /** Caches {@code [rmsnorm(c) | rope(kr)]} of every token at its position. */
    private void cacheLatents(Layer l, int layer, int n, int startPos) {
        l.wkvA().multiply(team, normed.get(team, l.wkvA()), n, kvA);
        float[] rows = latentCache.rows[layer];
        int kvLora = mla.kvLoraRank();
        for (int t = 0; t < n; t++) {
            int at = (startPos + t) * cacheWidth;
            Norms.rmsNorm(kvA[t], 0, kvLora, l.kvANorm(), 0, config.rmsEps(), rows, at);
            System.arraycopy(kvA[t], kvLora, rows, at + kvLora, mla.ropeDim());
            rope.apply(rows, at + kvLora, 1, ropeCos[t], ropeSin[t]);
        }
    }

    // The layer being computed, read by the per-head tasks on the team's threads. Tasks made once instead of
    // capturing lambdas per call: the token loop allocates nothing.
    private Layer currentLayer;
    private int currentCacheLayer;
    private int currentStart;
    private final ThreadTeam.IndexedRangeTask absorbTask = this::absorbQueries;
    private final ThreadTeam.IndexedRangeTask attendTask = this::attendLatents;
    private final ThreadTeam.IndexedRangeTask expandTask = this::expandHeads;

    /** The three per-head steps of MLA attention for layer {@code layer}. */
    private void attendHeads(Layer l, int layer, int n, int startPos) {
        currentLayer = l;
        currentCacheLayer = layer;
        currentStart = startPos;
        try {
            team.parallelFor(n * heads, 1, absorbTask);
            team.parallelFor(n * heads, 1, attendTask);
            team.parallelFor(n * heads, 1, expandTask);
        } finally {
            currentLayer = null;
        }
    }

    /** Per (token, head) item: {@code [Wk_b[h] · q_nope | rope(q_rope)]}, the query in the cache's space. */
    private void absorbQueries(int thread, int s, int e) {
        int nope = mla.nopeDim();
        int kvLora = mla.kvLoraRank();
        float[] scratch = nopeScratch[thread];
        QuantizedRow row = nopeRows[thread];
        for (int item = s; item < e; item++) {
            int t = item / heads;
            int h = item % heads;
            Linear kb = currentLayer.kB()[h];
            System.arraycopy(q[t], h * keyDim, scratch, 0, nope);
            PreparedBatch.prepare(row, kb.activationType(), scratch, nope, jitter);
            float[] out = qLatent[t];
            int off = h * cacheWidth;
            for (int c = 0; c < kvLora; c++) {
                out[off + c] = kb.dot(c, row);
            }
            System.arraycopy(q[t], h * keyDim + nope, out, off + kvLora, mla.ropeDim());
            rope.apply(out, off + kvLora, 1, ropeCos[t], ropeSin[t]);
        }
    }

    /** Per (token, head) item: causal attention over the cached latents; the result stays in latent space. */
    private void attendLatents(int thread, int s, int e) {
        float[] rows = latentCache.rows[currentCacheLayer];
        int kvLora = mla.kvLoraRank();
        float[] sc = scores[thread];
        for (int item = s; item < e; item++) {
            int t = item / heads;
            int h = item % heads;
            int positions = currentStart + t + 1;
            float[] qt = qLatent[t];
            int qOff = h * cacheWidth;
            for (int j = 0; j < positions; j++) {
                sc[j] = Attention.dot(rows, j * cacheWidth, qt, qOff, cacheWidth) * scale;
            }
            Norms.attentionSoftmax(sc, 0, positions);
            Attention.weightedSum(sc, positions, rows, 0, cacheWidth, latentOut[t], h * kvLora, kvLora);
        }
    }

    /** Per (token, head) item: {@code Wv_b[h] · latent}, the head's output values. */
    private void expandHeads(int thread, int s, int e) {
        int kvLora = mla.kvLoraRank();
        int vDim = mla.valueDim();
        float[] scratch = latentScratch[thread];
        QuantizedRow row = latentRows[thread];
        for (int item = s; item < e; item++) {
            int t = item / heads;
            int h = item % heads;
            Linear vb = currentLayer.vB()[h];
            System.arraycopy(latentOut[t], h * kvLora, scratch, 0, kvLora);
            PreparedBatch.prepare(row, vb.activationType(), scratch, kvLora, jitter);
            for (int r = 0; r < vDim; r++) {
                headsOut[t][h * vDim + r] = vb.dot(r, row);
            }
        }
    }

    // ---- RoPE and attention scale, as llama.cpp derives them (llama-context.cpp and models/deepseek2.cpp) ----

    /** RoPE over the rope part of each head, with YaRN where the file declares it. */
    public static Rope rope(ModelConfig c, MlaConfig mla) {
        float attn = ropeAttnFactor(c, mla);
        Rope.Yarn yarn = mla.yarn()
                ? Rope.Yarn.of(1f, attn, mla.ropeDim(), mla.yarnOriginalContext(), c.ropeFreqBase(), 32f, 1f)
                : new Rope.Yarn(0f, attn, 0f, 0f);
        return new Rope(mla.ropeDim(), c.ropeFreqBase(), c.ropeFreqScale(), null, Architecture.RopeStyle.NORMAL, yarn);
    }

    /**
     * The magnitude factor handed to RoPE. With YaRN llama.cpp starts from
     * {@code mscale(s, m) / mscale(s, m_all)} ({@code mscale(s, m) = 1 + 0.1·m·ln s}), which is 1 for deepseek2
     * files with a log multiplier (it takes {@code m = m_all} for them), or {@code mscale(s, 1)} without one,
     * and then divides out the {@code 1 + 0.1·ln s} that ggml's YaRN multiplies back in; the file's
     * {@code attn_factor} multiplies the result.
     */
    static float ropeAttnFactor(ModelConfig c, MlaConfig mla) {
        float attn = 1f;
        if (mla.yarn()) {
            float factor = 1f / c.ropeFreqScale();
            attn = mla.yarnLogMultiplier() != 0f ? 1f : mscale(factor, 1f);
            attn *= 1f / (1f + 0.1f * (float) Math.log(factor));
        }
        return attn * mla.ropeAttnFactor();
    }

    /**
     * {@code mscale² / sqrt(nope + rope)}: llama.cpp undoes the {@code 1 + 0.1·ln s} cancellation on the
     * RoPE factor and multiplies in YaRN's {@code 1 + 0.1·log_mul·ln s}, squared because it scales both q·k
     * factors (1 and plain {@code 1/sqrt(192)} for unscaled files).
     */
    public static float attentionScale(ModelConfig c, MlaConfig mla) {
        float lnInv = (float) Math.log(1f / c.ropeFreqScale());
        float original = ropeAttnFactor(c, mla) * (1f + 0.1f * lnInv);
        float m = original * (1f + 0.1f * mla.yarnLogMultiplier() * lnInv);
        return m * m / (float) Math.sqrt(mla.keyDim());
    }

    private static float mscale(float scale, float m) {
        return scale <= 1f ? 1f : 0.1f * m * (float) Math.log(scale) + 1f;
    }
}
