package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.DecoderModel;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.quant.QuantKernel;
import java.util.List;

/**
 * The blocks of qwen3moe, llama (dense and Mixtral) and olmoe on the device, in the same order as the CPU's
 * {@code Qwen3MoeModel}, {@code LlamaModel} and {@code OlmoeModel}: grouped-query attention over a KV cache
 * of F32 or F16 (F16 with the CPU's roundings of the query and the attention probabilities), then a dense
 * or mixture-of-experts feed-forward layer. MoE layers route on the device and run only the selected
 * experts' matrices.
 */
final class CudaGqaModel extends CudaModel {
    /**
     * @param projections the query, key and value matrices, consecutive ones of one type stacked (see
     *     {@link WeightPlacer#stackedRows}): their outputs fill each token's {@code [q | k | v]} row in order
     */
    private record Layer(DeviceBuffer attnNorm, List<DeviceMatrix> projections, DeviceMatrix wo,
                         DeviceBuffer qNorm, DeviceBuffer kNorm, DeviceBuffer ffnNorm,
                         DeviceFeedForward.Dense dense, DeviceFeedForward.Experts experts) {}

    private final boolean moe;
    private final boolean neox;
    /** The KV cache's element type: F32, or F16 (the attention kernels' {@code _f16} variants). */
    private final GgmlType kvType;
    private final Layer[] layers;
    private final DeviceFeedForward ffn;

    private final DeviceBuffer keys;
    private final DeviceBuffer values;
    /** Each token's {@code [q | k | v]}, {@link #qkvWidth} floats. */
    private final DeviceBuffer qkv;
    private final int qkvWidth;
    private final DeviceBuffer attnOut;
    private final DeviceAttention attention;

    CudaGqaModel(Gpu cuda, GgufFile file, ModelConfig c, int contextLength, int maxBatch, GgmlType kvType) {
        DeviceFeedForward.Routing routing = c.isMoe() ? new DeviceFeedForward.Routing(c.expertCount(),
                c.expertUsedCount(), false, c.architecture().renormalizeExpertWeights(), c.expertWeightsScale(), 0, 0)
                : null;
        int ffWidth = c.isMoe() ? c.expertFeedForwardLength() : c.feedForwardLength();
        int widest = Math.max(Math.max(c.embeddingLength(), c.queryWidth()), ffWidth);
        super(cuda, c, contextLength, maxBatch, DecoderModel.rope(file, c),
                (long) DeviceFeedForward.slots(maxBatch, routing) * widest);
        this.kvType = kvType;
        this.moe = c.isMoe();
        this.neox = c.architecture().ropeStyle() == Architecture.RopeStyle.NEOX;
        int e = c.embeddingLength();
        int qw = c.queryWidth();
        int kvw = c.kvWidth();

        // Scratch and cache first: they must be on the device; weights then fill what is left.
        long kv = (long) c.blockCount() * capacity * kvw * kvElementBytes();
        keys = cuda.allocate(kv);
        values = cuda.allocate(kv);
        qkvWidth = qw + 2 * kvw;
        qkv = cuda.allocate(4L * maxBatch * qkvWidth);
        attnOut = cuda.allocate(4L * maxBatch * qw);
        attention = new DeviceAttention(ops, new DeviceAttention.Shape(c.headCount(), c.headCountKv(), c.headDim(),
                c.headDim(), kvw, kvType == GgmlType.F16), capacity, maxBatch);
        ffn = new DeviceFeedForward(ops, maxBatch, e, moe ? 0 : ffWidth, moe ? ffWidth : 0, routing);

        WeightPlacer placer = placer(file);
        placeEmbeddingAndOutput(placer);
        layers = new Layer[c.blockCount()];
        boolean perHeadNorms = c.architecture() == Architecture.QWEN3MOE;
        boolean fullNorms = c.architecture() == Architecture.OLMOE;
        for (int i = 0; i < layers.length; i++) {
            String b = "blk." + i + ".";
            layers[i] = new Layer(placer.vector(b + "attn_norm.weight", e),
                    placer.stackedRows(new String[] {b + "attn_q.weight", b + "attn_k.weight", b + "attn_v.weight"}, e,
                            new int[] {qw, kvw, kvw}),
                    placer.matrix(b + "attn_output.weight", qw, e),
                    perHeadNorms ? placer.vector(b + "attn_q_norm.weight", c.headDim())
                            : fullNorms ? placer.vector(b + "attn_q_norm.weight", qw) : null,
                    perHeadNorms ? placer.vector(b + "attn_k_norm.weight", c.headDim())
                            : fullNorms ? placer.vector(b + "attn_k_norm.weight", kvw) : null,
                    placer.vector(b + "ffn_norm.weight", e),
                    moe ? null : new DeviceFeedForward.Dense(placer.matrix(b + "ffn_gate.weight", e, ffWidth),
                            placer.matrix(b + "ffn_up.weight", e, ffWidth),
                            placer.matrix(b + "ffn_down.weight", ffWidth, e)),
                    null);
        }
        // Expert stacks last, layer by layer: whatever does not fit stays in mapped host memory.
        if (moe) {
            DeviceMatrix[] routers = new DeviceMatrix[layers.length];
            for (int i = 0; i < layers.length; i++) {
                routers[i] = placer.matrix("blk." + i + ".ffn_gate_inp.weight", e, c.expertCount());
            }
            for (int i = 0; i < layers.length; i++) {
                String b = "blk." + i + ".";
                Layer l = layers[i];
                layers[i] = new Layer(l.attnNorm(), l.projections(), l.wo(), l.qNorm(), l.kNorm(), l.ffnNorm(),
                        null, new DeviceFeedForward.Experts(routers[i], null,
                        placer.experts(b + "ffn_gate_exps.weight", e, ffWidth, c.expertCount()),
                        placer.experts(b + "ffn_up_exps.weight", e, ffWidth, c.expertCount()),
                        placer.experts(b + "ffn_down_exps.weight", ffWidth, e, c.expertCount())));
            }
        }
        finishLoading(placer);
    }

    @Override
    public long kvCacheBytes() {
        return 2L * c.blockCount() * capacity * c.kvWidth() * kvElementBytes();
    }

    @Override
    public GgmlType kvCacheType() {
        return kvType;
    }

    private int kvElementBytes() {
        return kvType == GgmlType.F16 ? 2 : 4;
    }

    /** One block, as the CPU architectures' {@code layer} methods. */
    @Override
    void layer(int i, int n) {
        Layer l = layers[i];
        // KV cache: layer i holds [capacity][kvw] floats or halves.
        long layerOffset = (long) kvElementBytes() * i * capacity * c.kvWidth();
        DeviceBuffer layerKeys = keys.at(layerOffset);
        DeviceBuffer layerValues = values.at(layerOffset);

        normInput(l.attnNorm(), n, l.projections().getFirst());
        queriesKeysValues(l, n, layerKeys, layerValues);
        attention.runIntoInput(qkv, qkvWidth, layerKeys, layerValues, startPosition, n,
                (float) (1.0 / Math.sqrt(c.headDim())), attnOut, c.queryWidth(),
                QuantKernel.of(l.wo().type()).activationType());
        ops.matmulAdd(l.wo(), n, x, c.embeddingLength()); // with the residual connection

        if (moe) {
            normedExpertOutputs(ffn, l.ffnNorm(), l.experts(), n).addTo(ops, x, true); // with the residual
        } else {
            normInput(l.ffnNorm(), n, l.dense().gate());
            ffn.dense(l.dense(), n, x, true);
        }
    }

    /**
     * Each token's {@code [q | k | v]} row from the normed input, q and k normed (Qwen3, OLMoE) and rotated, k
     * and v stored in the layer's cache at the batch's positions.
     */
    private void queriesKeysValues(Layer l, int n, DeviceBuffer layerKeys, DeviceBuffer layerValues) {
        int qw = c.queryWidth();
        int kvw = c.kvWidth();
        int d = c.headDim();
        int width = qkvWidth;
        // Matrices of two types (Q4_K_M's Q6_K values beside Q4_K queries and keys) go in pairs, one launch each.
        List<DeviceMatrix> projections = l.projections();
        long column = 0;
        for (int i = 0; i < projections.size(); i++) {
            DeviceMatrix m = projections.get(i);
            if (i + 1 < projections.size()) {
                DeviceMatrix next = projections.get(++i);
                ops.matmulPair(m, qkv.at(4 * column), next, qkv.at(4 * (column + m.rows())), n, width);
                column += m.rows() + next.rows();
            } else {
                ops.matmul(m, null, 1, n, qkv.at(4 * column), width);
                column += m.rows();
            }
        }
        DeviceBuffer q = qkv;
        DeviceBuffer k = qkv.at(4L * qw);
        DeviceBuffer v = qkv.at(4L * (qw + kvw));
        boolean f16 = kvType == GgmlType.F16;
        if (c.architecture() == Architecture.QWEN3MOE) {
            // The queries' and the keys' per-head norms and RoPE in one launch, which also stores the keys and
            // values in the cache.
            ops.launch(f16 ? "qk_norm_rope_store_f16" : "qk_norm_rope_store", c.headCount() + c.headCountKv(), n,
                    DeviceOps.THREADS, q, k, v, width, c.headCount(), l.qNorm(), l.kNorm(), d, c.rmsEps(), ropeCos,
                    ropeSin, neox ? 1 : 0, layerKeys, layerValues, kvw, startPosition);
            return;
        }
        if (c.architecture() == Architecture.OLMOE) {
            ops.rmsNorm(q, width, q, width, l.qNorm(), qw, 1, n, c.rmsEps());
            ops.rmsNorm(k, width, k, width, l.kNorm(), kvw, 1, n, c.rmsEps());
        }
        ops.elementwise("rope", (long) n * c.headCount() * d / 2, q, width, n, c.headCount(), d, d, ropeCos, ropeSin,
                neox ? 1 : 0);
        ops.elementwise("rope", (long) n * c.headCountKv() * d / 2, k, width, n, c.headCountKv(), d, d, ropeCos,
                ropeSin, neox ? 1 : 0);
        ops.elementwise(f16 ? "store_kv_f16" : "store_kv", (long) n * kvw, k, v, width, layerKeys, layerValues, kvw,
                n, startPosition);
    }
}
