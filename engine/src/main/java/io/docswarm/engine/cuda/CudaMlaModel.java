package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.DeepSeek2Model;
import io.docswarm.engine.model.MlaConfig;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.Rope;
import io.docswarm.engine.quant.QuantKernel;

/**
 * The blocks of deepseek2 (DeepSeek-V2/V3, Kimi-K2) on the device, step for step as the CPU's
 * {@link DeepSeek2Model}: multi-head latent attention over a cache of {@code [rmsnorm(latent) | rope key]}
 * rows (F32, kvLoraRank + ropeDim floats per token and layer, as on the CPU), with each head's key projection
 * folded into its query ({@code attn_k_b}) and its value projection applied after the weighted sum
 * ({@code attn_v_b}); then a dense FFN for the leading blocks, else routed experts (sigmoid or softmax
 * scores, selection bias, expert groups) plus the shared experts.
 *
 * <p>The per-head projections are the expert products of {@link DeviceOps#matmul} with the head as the
 * expert: {@code attn_k_b} and {@code attn_v_b} are stored as {@code [cols, rows, heads]} stacks, so output
 * row {@code t * heads + h} uses head h's matrix. RoPE angles (YaRN-scaled for DeepSeek-V3) are computed
 * once on the host by the CPU's {@link Rope} for every position and looked up by the kernels.
 */
final class CudaMlaModel extends CudaModel {

    private record Layer(DeviceBuffer attnNorm, DeviceMatrix wqA, DeviceBuffer qANorm, DeviceMatrix wqB,
                         DeviceMatrix wq, DeviceMatrix wkvA, DeviceBuffer kvANorm, DeviceMatrix kB, DeviceMatrix vB,
                         DeviceMatrix wo, DeviceBuffer ffnNorm, DeviceFeedForward.Dense dense,
                         DeviceFeedForward.Experts experts, DeviceFeedForward.Dense shared) {}

    private final MlaConfig mla;
    private final int heads;
    private final int keyDim;
    private final int cacheWidth;
    private final float scale;
    private final Layer[] layers;
    private final DeviceFeedForward ffn;

    /** Per layer [capacity][latent | rope key]. */
    private final DeviceBuffer latentCache;
    /** t * heads + h = h: the "expert" of each (token, head) row of the per-head products. */
    private final DeviceBuffer headIds;
    private final DeviceBuffer qa;         // [token][qLoraRank]
    private final DeviceBuffer q;          // [token][head][nope | rope]
    private final DeviceBuffer kvA;        // [token][latent | rope key]
    private final DeviceBuffer qLatent;    // [token][head][absorbed nope | rotated rope]
    private final DeviceBuffer latentOut;  // [token][head][kvLoraRank]
    private final DeviceBuffer headsOut;   // [token][head][valueDim]
    private final DeviceAttention attention;

    CudaMlaModel(Gpu cuda, GgufFile file, ModelConfig c, int contextLength, int maxBatch) {
        MlaConfig mla = MlaConfig.from(file.metadata());
        boolean anyMoe = mla.leadingDenseBlocks() < c.blockCount();
        DeviceFeedForward.Routing routing = anyMoe ? new DeviceFeedForward.Routing(c.expertCount(),
                c.expertUsedCount(), mla.sigmoidGating(), mla.normalizeWeights(), c.expertWeightsScale(),
                mla.expertGroups(), mla.expertGroupsUsed()) : null;
        String unsupported = routing == null ? null : DeviceFeedForward.unsupported(routing);
        if (unsupported != null) {
            throw new UnsupportedOperationException(file.source() + ": " + unsupported);
        }
        int e = c.embeddingLength();
        int h = c.headCount();
        int sharedWidth = c.expertFeedForwardLength() * mla.sharedExperts();
        long perToken = max(e, h * mla.keyDim(), mla.qLoraRank(), h * mla.nopeDim(), h * mla.kvLoraRank(),
                h * mla.valueDim(), mla.leadingDenseBlocks() > 0 ? mla.denseFeedForwardLength() : 0, sharedWidth);
        long expertRows = routing == null ? 0 : (long) DeviceFeedForward.slots(maxBatch, routing)
                * c.expertFeedForwardLength();
        super(cuda, c, contextLength, maxBatch, DeepSeek2Model.rope(c, mla), Math.max(maxBatch * perToken, expertRows));
        this.mla = mla;
        this.heads = h;
        this.keyDim = mla.keyDim();
        this.cacheWidth = mla.latentWidth();
        this.scale = DeepSeek2Model.attentionScale(c, mla);
        DeepSeek2Model.requireSplitKvB(file);

        // Caches and scratch first.
        latentCache = cuda.allocate(kvCacheBytes());
        headIds = cuda.allocate(4L * maxBatch * h);
        int[] ids = new int[maxBatch * h];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % h;
        }
        cuda.upload(ids, ids.length, headIds);
        qa = cuda.allocate(4L * maxBatch * Math.max(1, mla.qLoraRank()));
        q = cuda.allocate(4L * maxBatch * h * keyDim);
        kvA = cuda.allocate(4L * maxBatch * cacheWidth);
        qLatent = cuda.allocate(4L * maxBatch * h * cacheWidth);
        latentOut = cuda.allocate(4L * maxBatch * h * mla.kvLoraRank());
        headsOut = cuda.allocate(4L * maxBatch * h * mla.valueDim());
        attention = new DeviceAttention(ops, new DeviceAttention.Shape(h, 1, cacheWidth, mla.kvLoraRank(), cacheWidth,
                false), capacity, maxBatch);
        int denseWidth = Math.max(mla.leadingDenseBlocks() > 0 ? mla.denseFeedForwardLength() : 0, sharedWidth);
        ffn = new DeviceFeedForward(ops, maxBatch, e, denseWidth, c.expertFeedForwardLength(), routing);

        WeightPlacer placer = placer(file);
        placeEmbeddingAndOutput(placer);
        layers = new Layer[c.blockCount()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = placeAttentionAndDense(placer, c, i);
        }
        // Expert stacks last, layer by layer: whatever does not fit stays in mapped host memory.
        for (int i = mla.leadingDenseBlocks(); i < layers.length; i++) {
            String b = "blk." + i + ".";
            int ff = c.expertFeedForwardLength();
            Layer l = layers[i];
            DeviceFeedForward.Experts experts = new DeviceFeedForward.Experts(l.experts().router(),
                    l.experts().selectionBias(), placer.experts(b + "ffn_gate_exps.weight", e, ff, c.expertCount()),
                    placer.experts(b + "ffn_up_exps.weight", e, ff, c.expertCount()),
                    placer.experts(b + "ffn_down_exps.weight", ff, e, c.expertCount()));
            layers[i] = new Layer(l.attnNorm(), l.wqA(), l.qANorm(), l.wqB(), l.wq(), l.wkvA(), l.kvANorm(), l.kB(),
                    l.vB(), l.wo(), l.ffnNorm(), null, experts, l.shared());
        }
        finishLoading(placer);
    }

    /** Block i's weights but its expert stacks (the router and selection bias are placed, the stacks not yet). */
    private Layer placeAttentionAndDense(WeightPlacer placer, ModelConfig c, int i) {
        String b = "blk." + i + ".";
        int e = c.embeddingLength();
        boolean qLora = mla.qLoraRank() > 0;
        DeviceFeedForward.Dense dense = null;
        DeviceFeedForward.Experts router = null;
        DeviceFeedForward.Dense shared = null;
        if (i < mla.leadingDenseBlocks()) {
            int ff = mla.denseFeedForwardLength();
            dense = new DeviceFeedForward.Dense(placer.matrix(b + "ffn_gate.weight", e, ff),
                    placer.matrix(b + "ffn_up.weight", e, ff), placer.matrix(b + "ffn_down.weight", ff, e));
        } else {
            router = new DeviceFeedForward.Experts(placer.matrix(b + "ffn_gate_inp.weight", e, c.expertCount()),
                    placer.has(b + "exp_probs_b.bias") ? placer.vector(b + "exp_probs_b.bias", c.expertCount()) : null,
                    null, null, null);
            if (mla.sharedExperts() > 0) {
                int sff = c.expertFeedForwardLength() * mla.sharedExperts();
                shared = new DeviceFeedForward.Dense(placer.matrix(b + "ffn_gate_shexp.weight", e, sff),
                        placer.matrix(b + "ffn_up_shexp.weight", e, sff), placer.matrix(b + "ffn_down_shexp.weight", sff, e));
            }
        }
        return new Layer(placer.vector(b + "attn_norm.weight", e),
                qLora ? placer.matrix(b + "attn_q_a.weight", e, mla.qLoraRank()) : null,
                qLora ? placer.vector(b + "attn_q_a_norm.weight", mla.qLoraRank()) : null,
                qLora ? placer.matrix(b + "attn_q_b.weight", mla.qLoraRank(), heads * keyDim) : null,
                qLora ? null : placer.matrix(b + "attn_q.weight", e, heads * keyDim),
                placer.matrix(b + "attn_kv_a_mqa.weight", e, cacheWidth),
                placer.vector(b + "attn_kv_a_norm.weight", mla.kvLoraRank()),
                placer.experts(b + "attn_k_b.weight", mla.nopeDim(), mla.kvLoraRank(), heads),
                placer.experts(b + "attn_v_b.weight", mla.kvLoraRank(), mla.valueDim(), heads),
                placer.matrix(b + "attn_output.weight", heads * mla.valueDim(), e),
                placer.vector(b + "ffn_norm.weight", e), dense, router, shared);
    }

    @Override
    public long kvCacheBytes() {
        return (long) c.blockCount() * capacity * cacheWidth * Float.BYTES;
    }

    @Override
    public GgmlType kvCacheType() {
        return GgmlType.F32;
    }

    @Override
    void layer(int i, int n) {
        Layer l = layers[i];
        int e = c.embeddingLength();
        normInput(l.attnNorm(), n, l.wkvA());
        cacheLatents(l, i, n);
        projectQueries(l, n);
        attend(l, i, n);
        int width = heads * mla.valueDim();
        ops.input(headsOut, width, n, width);
        ops.matmulAdd(l.wo(), n, x, e); // with the residual connection

        if (l.dense() != null) {
            normInput(l.ffnNorm(), n, l.dense().gate());
            ffn.dense(l.dense(), n, x, true);
        } else if (l.shared() == null) {
            normedExpertOutputs(ffn, l.ffnNorm(), l.experts(), n).addTo(ops, x, true); // with the residual
        } else {
            // x + (shared + routed), in the CPU's order: the two sums first, then the residual.
            normedExpertOutputs(ffn, l.ffnNorm(), l.experts(), n).addTo(ops, tmp, false);
            // xn is unchanged: its Q8_K form is used again where the routed experts' launches left it in place.
            ops.inputAgain(xn, e, n, e);
            ffn.dense(l.shared(), n, tmp, true); // tmp = shared + tmp
            ops.addResidual(x, tmp, (long) n * e);
        }
    }

    /** {@code [rmsnorm(c) | rope(kr)]} of every token into the cache at its position (input: the normed x). */
    private void cacheLatents(Layer l, int layer, int n) {
        int kvLora = mla.kvLoraRank();
        ops.matmul(l.wkvA(), null, 1, n, kvA, cacheWidth);
        // The latent part normed, the rope part rotated, the rows stored: one launch.
        ops.launch("latent_norm_rope_store", 1, n, DeviceOps.THREADS, kvA, cacheWidth, kvLora, mla.ropeDim(),
                l.kvANorm(), c.rmsEps(), ropeCos, ropeSin, layerCache(layer), startPosition);
    }

    /**
     * {@code q = Wq_b · rmsnorm(Wq_a · n)} (or {@code Wq · n}), then per head the query in the cache's space:
     * {@code [Wk_b[h] · q_nope | rope(q_rope)]}. Input: the normed x.
     */
    private void projectQueries(Layer l, int n) {
        int nope = mla.nopeDim();
        int kvLora = mla.kvLoraRank();
        if (l.wq() != null) {
            ops.matmul(l.wq(), null, 1, n, q, heads * keyDim);
        } else {
            int rank = mla.qLoraRank();
            ops.matmul(l.wqA(), null, 1, n, qa, rank);
            ops.rmsNormInput(qa, rank, qa, l.qANorm(), rank, n, c.rmsEps(),
                    QuantKernel.of(l.wqB().type()).activationType());
            ops.matmul(l.wqB(), null, 1, n, q, heads * keyDim);
        }
        int rows = n * heads;
        ops.input(q, keyDim, rows, nope);
        ops.matmul(l.kB(), headIds, 1, rows, qLatent, cacheWidth);
        // Each head's rope part, rotated, after its latent query: [latent | rope] as the cache rows.
        ops.elementwise("rope_copy", (long) rows * mla.ropeDim() / 2, q.at(4L * nope), keyDim, qLatent.at(4L * kvLora),
                cacheWidth, rows, heads, mla.ropeDim(), ropeCos, ropeSin, 0);
    }

    /** Causal attention of every head over the cached latents, then {@code Wv_b[h]} on each head's result. */
    private void attend(Layer l, int layer, int n) {
        int kvLora = mla.kvLoraRank();
        DeviceBuffer cache = layerCache(layer);
        // All heads read the one latent cache: the blocks share each cached row between several heads.
        attention.runIntoInput(qLatent, heads * cacheWidth, cache, cache, startPosition, n, scale, latentOut, kvLora,
                QuantKernel.of(l.vB().type()).activationType());
        ops.matmul(l.vB(), headIds, 1, n * heads, headsOut, mla.valueDim());
    }

    private DeviceBuffer layerCache(int layer) {
        return latentCache.at(4L * layer * capacity * cacheWidth);
    }

    private static long max(long... values) {
        long m = 0;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
