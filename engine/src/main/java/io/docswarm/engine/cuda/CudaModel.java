package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.LanguageModel;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.quant.QuantKernel;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forward pass of qwen3moe, llama (dense and Mixtral) and olmoe on a CUDA device: the same steps, in
 * the same order, as the CPU's {@code DecoderModel} subclasses ({@code Qwen3MoeModel}, {@code LlamaModel},
 * {@code OlmoeModel}), each step a kernel of engine/src/main/cuda. Weights are uploaded once in their
 * ggml block types; activations are quantized on the device the way the CPU quantizes them; the KV cache
 * is F32 or F16 on the device, as the options ask (F16 with the CPU's roundings of the query and the
 * attention probabilities). Per call only the token ids go to the device, and logits come back when asked
 * for ({@link #logits}) or only the arg-max ({@link #argmax}).
 *
 * <p>MoE layers route on the device ({@code moe_route}) and run the expert matrices through the matvec
 * kernels with the routing's expert ids, so only the selected experts' weights are read.
 *
 * <p>Memory: the KV cache, scratch buffers and the non-expert weights are placed first, then expert stacks
 * layer by layer while device memory lasts; expert stacks that do not fit stay in pinned host memory mapped
 * into the device's address space, read by the same kernels over PCIe (slower, but the model runs).
 *
 * <p>Not thread-safe: one generation at a time, like the CPU model.
 */
public final class CudaModel implements LanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(CudaModel.class);

    /** Weight rows per matvec block (one warp each). */
    private static final int MATVEC_WARPS = 4;
    /** Outputs (tokens) per matvec block for dense products: each weight row is read once per tile. */
    private static final int MATVEC_TILE = 8;
    private static final int THREADS = 256;
    /** Tokens whose attention scores share the scratch buffer at once. */
    private static final int ATTENTION_CHUNK = 16;
    /** ops.cu's MOE_MAX_USED: the router keeps the chosen experts in registers. */
    private static final int MAX_EXPERTS_USED = 64;
    /** CUDA's limit on gridDim.y. */
    private static final int MAX_GRID_Y = 65535;
    /** Device memory left free for the driver, kernels' local memory and fragmentation. */
    static final long HEADROOM = 512L << 20;

    private record Layer(DeviceBuffer attnNorm, DeviceMatrix wq, DeviceMatrix wk, DeviceMatrix wv, DeviceMatrix wo,
                         DeviceBuffer qNorm, DeviceBuffer kNorm, DeviceBuffer ffnNorm, DeviceMatrix router,
                         DeviceMatrix gate, DeviceMatrix up, DeviceMatrix down) {}

    private final Gpu cuda;
    private final ModelConfig c;
    private final int capacity;
    private final int maxBatch;
    private final int used;
    private final int ffWidth;
    private final boolean moe;
    private final boolean neox;
    private final float thetaScale;
    private final long weightBytes;
    private final long hostWeightBytes;
    /** The KV cache's element type: F32, or F16 (the attention kernels' {@code _f16} variants). */
    private final GgmlType kvType;

    private final DeviceMatrix embedding;
    private final DeviceMatrix output;
    private final DeviceBuffer outputNorm;
    private final DeviceBuffer ropeFreqs;
    private final Layer[] layers;

    private final DeviceBuffer keys;
    private final DeviceBuffer values;
    private final DeviceBuffer x;
    private final DeviceBuffer xn;
    private final DeviceBuffer q;
    private final DeviceBuffer k;
    private final DeviceBuffer v;
    private final DeviceBuffer attnOut;
    private final DeviceBuffer tmp;
    private final DeviceBuffer ropeCos;
    private final DeviceBuffer ropeSin;
    private final DeviceBuffer scores;
    private final DeviceBuffer routerLogits;
    private final DeviceBuffer expertIds;
    private final DeviceBuffer expertWeights;
    private final DeviceBuffer hiddenGate;
    private final DeviceBuffer hiddenUp;
    private final DeviceBuffer expertOut;
    private final DeviceBuffer finalNormed;
    private final DeviceBuffer logitsDevice;
    private final DeviceBuffer tokenIds;
    /** The batch's first position, read by the kernels (so a recorded decode step fits every position). */
    private final DeviceBuffer startPosition;
    private final DeviceBuffer argmaxOut;
    private final DeviceActivations activations;

    private float[][] hostLogits;
    private boolean[] hostLogitsValid;
    private int logitRows;
    private int position;
    private final int[] tokenScratch;
    private final int[] positionScratch = new int[1];
    /** The one-token step recorded as a CUDA graph (replayed for every generated token), or null. */
    private Object decodeStep;
    private int decodeSteps;
    private boolean recordDecode = true;

    /** Why this model cannot run on the CUDA backend, or empty when it can. */
    public static Optional<String> unsupported(ModelConfig config) {
        if (config.architecture() == Architecture.DEEPSEEK2) {
            return Optional.of("deepseek2 (multi-head latent attention) has no CUDA forward pass yet");
        }
        if (config.expertUsedCount() > MAX_EXPERTS_USED) {
            return Optional.of(config.expertUsedCount() + " experts per token exceed the CUDA router's "
                    + MAX_EXPERTS_USED);
        }
        return Optional.empty();
    }

    /**
     * Uploads {@code file}'s weights to {@code device} and allocates a KV cache of {@code contextLength}
     * positions of {@code kvCacheType} (F32 or F16) and scratch for batches of up to {@code maxBatch} tokens.
     */
    public static CudaModel load(GgufFile file, ModelConfig config, int contextLength, int maxBatch,
                                 GgmlType kvCacheType, CudaDeviceInfo device) {
        unsupported(config).ifPresent(reason -> {
            throw new UnsupportedOperationException(reason);
        });
        checkKvType(kvCacheType);
        return load(new CudaContext(device), file, config, contextLength, maxBatch, kvCacheType);
    }

    /** The model on {@code gpu}, which it owns from now on (closed with it, or here if loading fails). */
    static CudaModel load(Gpu gpu, GgufFile file, ModelConfig config, int contextLength, int maxBatch,
                          GgmlType kvCacheType) {
        try {
            unsupported(config).ifPresent(reason -> {
                throw new UnsupportedOperationException(reason);
            });
            checkKvType(kvCacheType);
            return new CudaModel(gpu, file, config, contextLength, maxBatch, kvCacheType);
        } catch (RuntimeException | Error e) {
            gpu.close();
            throw e;
        }
    }

    private static void checkKvType(GgmlType type) {
        if (type != GgmlType.F32 && type != GgmlType.F16) {
            throw new IllegalArgumentException("the KV cache holds F32 or F16, not " + type);
        }
    }

    private CudaModel(Gpu cuda, GgufFile file, ModelConfig c, int contextLength, int maxBatch, GgmlType kvType) {
        this.cuda = cuda;
        this.c = c;
        this.kvType = kvType;
        this.capacity = Math.min(contextLength > 0 ? contextLength : c.contextLength(), c.contextLength());
        this.maxBatch = maxBatch;
        this.moe = c.isMoe();
        this.used = moe ? c.expertUsedCount() : 1;
        this.ffWidth = moe ? c.expertFeedForwardLength() : c.feedForwardLength();
        this.neox = c.architecture().ropeStyle() == Architecture.RopeStyle.NEOX;
        // As Rope: base^(-2/d) in double from float operands, rounded to float.
        this.thetaScale = (float) Math.pow(c.ropeFreqBase(), -2.0f / c.headDim());
        int e = c.embeddingLength();
        int qw = c.queryWidth();
        int kvw = c.kvWidth();
        int slots = maxBatch * used;
        if (slots > MAX_GRID_Y) {
            // Expert products launch one block row per (token, expert) slot; grids are at most 65535 high.
            throw new IllegalArgumentException("batch size " + maxBatch + " x " + used + " experts per token exceeds "
                    + MAX_GRID_Y + " expert slots per batch on the CUDA backend; use a smaller batch size");
        }

        // Scratch and cache first: they must be on the device; weights then fill what is left.
        long kv = (long) c.blockCount() * capacity * kvw * kvElementBytes();
        keys = cuda.allocate(kv);
        values = cuda.allocate(kv);
        x = cuda.allocate(4L * maxBatch * e);
        xn = cuda.allocate(4L * maxBatch * e);
        q = cuda.allocate(4L * maxBatch * qw);
        k = cuda.allocate(4L * maxBatch * kvw);
        v = cuda.allocate(4L * maxBatch * kvw);
        attnOut = cuda.allocate(4L * maxBatch * qw);
        tmp = cuda.allocate(4L * maxBatch * e);
        ropeCos = cuda.allocate(2L * maxBatch * c.headDim());
        ropeSin = cuda.allocate(2L * maxBatch * c.headDim());
        scores = cuda.allocate(4L * Math.min(maxBatch, ATTENTION_CHUNK) * c.headCount() * capacity);
        routerLogits = cuda.allocate(4L * maxBatch * Math.max(1, c.expertCount()));
        expertIds = cuda.allocate(4L * slots);
        expertWeights = cuda.allocate(4L * slots);
        hiddenGate = cuda.allocate(4L * slots * ffWidth);
        hiddenUp = cuda.allocate(4L * slots * ffWidth);
        expertOut = cuda.allocate(moe ? 4L * slots * e : 4);
        finalNormed = cuda.allocate(4L * maxBatch * e);
        logitsDevice = cuda.allocate(4L * maxBatch * c.vocabSize());
        tokenIds = cuda.allocate(4L * maxBatch);
        startPosition = cuda.allocate(4);
        argmaxOut = cuda.allocate(4);
        activations = new DeviceActivations(cuda, slots, Math.max(Math.max(e, qw), ffWidth));
        tokenScratch = new int[maxBatch];

        WeightPlacer placer = new WeightPlacer(cuda, file, cuda.freeMemory() - HEADROOM
                - DeviceActivations.bytes(slots, Math.max(Math.max(e, qw), ffWidth), 2));
        embedding = placer.matrix("token_embd.weight", e, c.vocabSize());
        outputNorm = placer.norm("output_norm.weight", e);
        output = file.findTensor("output.weight").isPresent() ? placer.matrix("output.weight", e, c.vocabSize())
                : embedding;
        ropeFreqs = file.findTensor("rope_freqs.weight").isPresent()
                ? placer.norm("rope_freqs.weight", c.headDim() / 2) : null;
        layers = new Layer[c.blockCount()];
        boolean perHeadNorms = c.architecture() == Architecture.QWEN3MOE;
        boolean fullNorms = c.architecture() == Architecture.OLMOE;
        for (int i = 0; i < layers.length; i++) {
            String b = "blk." + i + ".";
            layers[i] = new Layer(placer.norm(b + "attn_norm.weight", e),
                    placer.matrix(b + "attn_q.weight", e, qw),
                    placer.matrix(b + "attn_k.weight", e, kvw),
                    placer.matrix(b + "attn_v.weight", e, kvw),
                    placer.matrix(b + "attn_output.weight", qw, e),
                    perHeadNorms ? placer.norm(b + "attn_q_norm.weight", c.headDim())
                            : fullNorms ? placer.norm(b + "attn_q_norm.weight", qw) : null,
                    perHeadNorms ? placer.norm(b + "attn_k_norm.weight", c.headDim())
                            : fullNorms ? placer.norm(b + "attn_k_norm.weight", kvw) : null,
                    placer.norm(b + "ffn_norm.weight", e),
                    moe ? placer.matrix(b + "ffn_gate_inp.weight", e, c.expertCount()) : null,
                    moe ? null : placer.matrix(b + "ffn_gate.weight", e, ffWidth),
                    moe ? null : placer.matrix(b + "ffn_up.weight", e, ffWidth),
                    moe ? null : placer.matrix(b + "ffn_down.weight", ffWidth, e));
        }
        // Expert stacks last, layer by layer: whatever does not fit stays in mapped host memory.
        if (moe) {
            for (int i = 0; i < layers.length; i++) {
                String b = "blk." + i + ".";
                Layer l = layers[i];
                layers[i] = new Layer(l.attnNorm(), l.wq(), l.wk(), l.wv(), l.wo(), l.qNorm(), l.kNorm(), l.ffnNorm(),
                        l.router(), placer.experts(b + "ffn_gate_exps.weight", e, ffWidth, c.expertCount()),
                        placer.experts(b + "ffn_up_exps.weight", e, ffWidth, c.expertCount()),
                        placer.experts(b + "ffn_down_exps.weight", ffWidth, e, c.expertCount()));
            }
        }
        weightBytes = placer.deviceBytes() + placer.hostBytes();
        hostWeightBytes = placer.hostBytes();
        if (hostWeightBytes > 0) {
            LOG.info("CUDA: {} MiB of weights on {}, {} MiB of expert weights left in host memory (read over PCIe)",
                    placer.deviceBytes() >> 20, cuda.device().describe(), hostWeightBytes >> 20);
        }
        cuda.synchronize();
    }

    /** Bytes of weights and how many of them stay in host memory. */
    public long weightBytes() {
        return weightBytes;
    }

    public long hostWeightBytes() {
        return hostWeightBytes;
    }

    public CudaDeviceInfo deviceInfo() {
        return cuda.device();
    }

    @Override
    public String device() {
        String d = cuda.device().describe();
        return hostWeightBytes == 0 ? d : d + ", " + (hostWeightBytes >> 20) + " MiB of experts in host memory";
    }

    @Override
    public ModelConfig config() {
        return c;
    }

    @Override
    public int contextLength() {
        return capacity;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void reset() {
        position = 0;
    }

    @Override
    public void rewind(int p) {
        if (p < 0 || p > position) {
            throw new IllegalArgumentException("cannot rewind to " + p + " from " + position);
        }
        position = p;
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

    @Override
    public int forward(int[] tokens, int off, int n, boolean allLogits) {
        if (n <= 0) {
            throw new IllegalArgumentException("no tokens to process");
        }
        if (position + n > capacity) {
            throw new IllegalStateException("context full: " + position + " + " + n + " tokens exceed the context of "
                    + capacity + " positions");
        }
        if (allLogits && n > maxBatch) {
            throw new IllegalArgumentException("all logits requested for " + n + " tokens; at most " + maxBatch);
        }
        for (int i = 0; i < n; i++) {
            int t = tokens[off + i];
            if (t < 0 || t >= c.vocabSize()) {
                throw new IllegalArgumentException("token id " + t + " is outside the vocabulary of " + c.vocabSize());
            }
        }
        cuda.makeCurrent();
        int rows = 0;
        for (int done = 0; done < n; ) {
            int b = Math.min(maxBatch, n - done);
            rows = batch(tokens, off + done, b, allLogits);
            done += b;
        }
        return rows;
    }

    @Override
    public float[] logits(int row) {
        if (row < 0 || row >= logitRows) {
            throw new IndexOutOfBoundsException("logit row " + row + " of " + logitRows);
        }
        if (hostLogits == null || hostLogits.length < logitRows) {
            float[][] bigger = new float[Math.max(logitRows, hostLogits == null ? 0 : hostLogits.length)][];
            if (hostLogits != null) {
                System.arraycopy(hostLogits, 0, bigger, 0, hostLogits.length);
            }
            hostLogits = bigger;
            hostLogitsValid = new boolean[bigger.length];
        }
        if (hostLogits[row] == null) {
            hostLogits[row] = new float[c.vocabSize()];
        }
        if (!hostLogitsValid[row]) {
            cuda.makeCurrent();
            cuda.download(logitsDevice.at(4L * row * c.vocabSize()), hostLogits[row], c.vocabSize());
            hostLogitsValid[row] = true;
        }
        return hostLogits[row];
    }

    /** Greedy sampling on the device: only the chosen id is copied back. */
    @Override
    public int argmax(int row) {
        if (row < 0 || row >= logitRows) {
            throw new IndexOutOfBoundsException("logit row " + row + " of " + logitRows);
        }
        cuda.makeCurrent();
        cuda.launch("argmax", 1, 1, THREADS, logitsDevice.at(4L * row * c.vocabSize()), c.vocabSize(), argmaxOut);
        int[] out = new int[1];
        cuda.download(argmaxOut, out, 1);
        return out[0];
    }

    private int batch(int[] tokens, int off, int n, boolean allLogits) {
        int pos = position;
        System.arraycopy(tokens, off, tokenScratch, 0, n);
        cuda.upload(tokenScratch, n, tokenIds);
        positionScratch[0] = pos;
        cuda.upload(positionScratch, 1, startPosition);
        int first = allLogits ? 0 : n - 1;
        if (n == 1) {
            decode();
        } else {
            steps(n, first);
        }
        position = pos + n;
        logitRows = n - first;
        if (hostLogitsValid != null) {
            Arrays.fill(hostLogitsValid, false);
        }
        return logitRows;
    }

    /**
     * One token. From the second one on, the step's launches (about 20 per layer) are recorded once and
     * replayed as one CUDA graph: launching them one by one would cost more than the step's memory traffic.
     * If recording fails the steps are launched one by one from then on.
     */
    private void decode() {
        if (decodeStep == null && recordDecode && decodeSteps > 0) {
            try {
                decodeStep = cuda.capture(() -> steps(1, 0));
            } catch (RuntimeException e) {
                recordDecode = false;
                LOG.info("CUDA: recording the decode step as a graph failed ({}); launching kernels one by one", e.toString());
            }
        }
        if (decodeStep != null) {
            cuda.replay(decodeStep);
        } else {
            steps(1, 0);
        }
        decodeSteps++;
    }

    /**
     * The launches of one batch of {@code n} tokens (ids in {@link #tokenIds}, first position in
     * {@link #startPosition}); logits of rows {@code first .. n-1} into {@link #logitsDevice}. Depends on
     * nothing else that changes between calls with the same n and first.
     */
    private void steps(int n, int first) {
        int e = c.embeddingLength();
        cuda.launch("get_rows", blocks((long) n * e), 1, THREADS, embedding.data(), embedding.type().id(), tokenIds, n,
                e, x);
        cuda.launch("rope_angles", blocks((long) n * c.headDim() / 2), 1, THREADS, startPosition, n, c.headDim(), thetaScale, c.ropeFreqScale(),
                ropeFreqs, ropeCos, ropeSin);
        for (int i = 0; i < layers.length; i++) {
            layer(i, n);
        }
        int rows = n - first;
        cuda.launch("rms_norm", 1, rows, THREADS, x.at(4L * first * e), e, finalNormed, e, outputNorm, e, c.rmsEps());
        activations.reset(finalNormed, e, rows, e);
        matmul(output, null, 1, rows, logitsDevice, c.vocabSize());
    }

    /** One block, as the CPU architectures' {@code layer} methods. */
    private void layer(int i, int n) {
        Layer l = layers[i];
        int e = c.embeddingLength();
        int qw = c.queryWidth();
        int kvw = c.kvWidth();
        int d = c.headDim();

        normInput(l.attnNorm(), n);
        matmul(l.wq(), null, 1, n, q, qw);
        matmul(l.wk(), null, 1, n, k, kvw);
        matmul(l.wv(), null, 1, n, v, kvw);
        if (c.architecture() == Architecture.QWEN3MOE) {
            cuda.launch("rms_norm", c.headCount(), n, THREADS, q, qw, q, qw, l.qNorm(), d, c.rmsEps());
            cuda.launch("rms_norm", c.headCountKv(), n, THREADS, k, kvw, k, kvw, l.kNorm(), d, c.rmsEps());
        } else if (c.architecture() == Architecture.OLMOE) {
            cuda.launch("rms_norm", 1, n, THREADS, q, qw, q, qw, l.qNorm(), qw, c.rmsEps());
            cuda.launch("rms_norm", 1, n, THREADS, k, kvw, k, kvw, l.kNorm(), kvw, c.rmsEps());
        }
        cuda.launch("rope", blocks((long) n * c.headCount() * d / 2), 1, THREADS, q, qw, n, c.headCount(), d, ropeCos,
                ropeSin, neox ? 1 : 0);
        cuda.launch("rope", blocks((long) n * c.headCountKv() * d / 2), 1, THREADS, k, kvw, n, c.headCountKv(), d,
                ropeCos, ropeSin, neox ? 1 : 0);

        // KV cache: layer i holds [capacity][kvw] floats or halves.
        long layerOffset = (long) kvElementBytes() * i * capacity * kvw;
        boolean f16 = kvType == GgmlType.F16;
        cuda.launch(f16 ? "store_kv_f16" : "store_kv", blocks((long) n * kvw), 1, THREADS, k, v, keys.at(layerOffset),
                values.at(layerOffset), kvw, n, startPosition);
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int t0 = 0; t0 < n; t0 += ATTENTION_CHUNK) {
            int chunk = Math.min(ATTENTION_CHUNK, n - t0);
            cuda.launch(f16 ? "attention_f16" : "attention", c.headCount(), chunk, THREADS, q, qw, keys.at(layerOffset),
                    values.at(layerOffset), kvw, c.headCount(), c.headCountKv(), d, startPosition, t0, scale, scores, capacity, attnOut, qw);
        }
        activations.reset(attnOut, qw, n, qw);
        matmul(l.wo(), null, 1, n, tmp, e);
        cuda.launch("add_residual", blocks((long) n * e), 1, THREADS, x, tmp, (long) n * e);

        normInput(l.ffnNorm(), n);
        if (moe) {
            moeForward(l, n);
        } else {
            matmul(l.gate(), null, 1, n, hiddenGate, ffWidth);
            matmul(l.up(), null, 1, n, hiddenUp, ffWidth);
            cuda.launch("silu_mul", blocks((long) n * ffWidth), 1, THREADS, hiddenGate, hiddenUp, (long) n * ffWidth);
            activations.reset(hiddenGate, ffWidth, n, ffWidth);
            matmul(l.down(), null, 1, n, tmp, e);
        }
        cuda.launch("add_residual", blocks((long) n * e), 1, THREADS, x, tmp, (long) n * e);
    }

    /**
     * Router, top-k on the device, then gate/up/down for the (token, rank) slots with each slot's expert:
     * only the selected experts' rows are read. The weighted sum adds the ranks in order, as the CPU does.
     */
    private void moeForward(Layer l, int n) {
        int e = c.embeddingLength();
        int slots = n * used;
        matmul(l.router(), null, 1, n, routerLogits, c.expertCount());
        cuda.launch("moe_route", blocks(32L * n), 1, THREADS, routerLogits, n, c.expertCount(), used, 0,
                c.architecture().renormalizeExpertWeights() ? 1 : 0, c.expertWeightsScale(), expertIds, expertWeights);
        matmul(l.gate(), expertIds, used, slots, hiddenGate, ffWidth);
        matmul(l.up(), expertIds, used, slots, hiddenUp, ffWidth);
        cuda.launch("silu_mul", blocks((long) slots * ffWidth), 1, THREADS, hiddenGate, hiddenUp,
                (long) slots * ffWidth);
        activations.reset(hiddenGate, ffWidth, slots, ffWidth);
        matmul(l.down(), expertIds, 1, slots, expertOut, e);
        cuda.launch("moe_combine", blocks((long) n * e), 1, THREADS, expertOut, expertWeights, n, used, e, tmp);
    }

    /** {@code xn = rmsNorm(x) * w} for the batch; the activations then point at xn. */
    private void normInput(DeviceBuffer w, int n) {
        int e = c.embeddingLength();
        cuda.launch("rms_norm", 1, n, THREADS, x, e, xn, e, w, e, c.rmsEps());
        activations.reset(xn, e, n, e);
    }

    /**
     * {@code out[o][r] = row r of m (of expert ids[o] when ids is given) . activation row o / xDiv} for
     * {@code o < nOut}, with the activations prepared for m's type.
     */
    private void matmul(DeviceMatrix m, DeviceBuffer ids, int xDiv, int nOut, DeviceBuffer out, int outStride) {
        DeviceActivations.Form a = activations.get(QuantKernel.of(m.type()).activationType());
        // Expert slots of one tile would mostly read different experts: no reuse, so one slot per block.
        int tile = ids == null ? MATVEC_TILE : 1;
        cuda.launch(m.kernel(), (m.rows() + MATVEC_WARPS - 1) / MATVEC_WARPS, (nOut + tile - 1) / tile,
                32 * MATVEC_WARPS, m.data(), m.expertBytes(), ids, a.q(), a.d(), a.s(), a.f(), a.m(),
                xDiv, m.rows(), m.cols(),
                nOut, out, outStride, tile);
    }

    private static int blocks(long threads) {
        return (int) Math.max(1, (threads + THREADS - 1) / THREADS);
    }

    @Override
    public void close() {
        cuda.close();
    }

    /**
     * Uploads tensors in the order asked: to device memory while the budget lasts, else to mapped host
     * memory. Shapes and types are checked as the CPU's Linear checks them.
     */
    private static final class WeightPlacer {
        private final Gpu cuda;
        private final GgufFile file;
        private final long budget;
        private long deviceBytes;
        private long hostBytes;

        WeightPlacer(Gpu cuda, GgufFile file, long budget) {
            this.cuda = cuda;
            this.file = file;
            this.budget = budget;
        }

        long deviceBytes() {
            return deviceBytes;
        }

        long hostBytes() {
            return hostBytes;
        }

        DeviceMatrix matrix(String name, int cols, int rows) {
            GgufTensor t = file.tensor(name);
            checkType(t);
            if (t.rank() != 2 || t.dim(0) != cols || t.dim(1) != rows) {
                throw shape(t, "[" + cols + ", " + rows + "]");
            }
            return new DeviceMatrix(name, place(t), t.type(), rows, cols, 0);
        }

        DeviceMatrix experts(String name, int cols, int rows, int experts) {
            GgufTensor t = file.tensor(name);
            checkType(t);
            if (t.rank() != 3 || t.dim(0) != cols || t.dim(1) != rows || t.dim(2) != experts) {
                throw shape(t, "[" + cols + ", " + rows + ", " + experts + "]");
            }
            return new DeviceMatrix(name, place(t), t.type(), rows, cols, t.type().bytesFor((long) cols) * rows);
        }

        DeviceBuffer norm(String name, int length) {
            GgufTensor t = file.tensor(name);
            if (t.type() != GgmlType.F32 || t.rank() != 1 || t.dim(0) != length) {
                throw new GgufFormatException(file.source() + ": tensor '" + name + "' should be F32 [" + length
                        + "], is " + t.type() + " " + Arrays.toString(t.dims()));
            }
            return place(t);
        }

        private DeviceBuffer place(GgufTensor t) {
            long bytes = t.data().byteSize();
            DeviceBuffer b;
            if (deviceBytes + bytes <= budget) {
                b = cuda.allocate(bytes);
                deviceBytes += bytes;
            } else {
                b = cuda.allocateMapped(bytes);
                hostBytes += bytes;
            }
            cuda.upload(t.data(), b);
            return b;
        }

        private void checkType(GgufTensor t) {
            switch (t.type()) {
                case F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K -> { }
                default -> throw new GgufFormatException(file.source() + ": tensor '" + t.name() + "' has type "
                        + t.type() + ", which the CUDA backend does not compute with (supported: F32, F16, BF16, "
                        + "Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)");
            }
        }

        private GgufFormatException shape(GgufTensor t, String expected) {
            return new GgufFormatException(file.source() + ": tensor '" + t.name() + "' has shape "
                    + Arrays.toString(t.dims()) + ", expected " + expected);
        }
    }
}
