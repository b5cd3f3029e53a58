package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.LanguageModel;
import io.docswarm.engine.model.LayerProbe;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.Rope;
import io.docswarm.engine.quant.QuantKernel;
import io.docswarm.engine.sampling.LogitSource;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's forward pass on a CUDA device, step for step as the CPU's model classes, each step a kernel of
 * engine/src/main/cuda. This class holds what every architecture shares: the token embedding, the final
 * norm and output matrix, the batch scratch, and the call protocol (batches, logits, device arg-max, the
 * decode step recorded once and replayed as a CUDA graph). Subclasses are the layer stacks:
 * {@link CudaGqaModel} (qwen3moe, llama/Mixtral, olmoe) and {@link CudaMlaModel} (deepseek2).
 *
 * <p>Weights are uploaded once in their ggml block types; activations are quantized on the device the way
 * the CPU quantizes them. Per call only the token ids (and the first position) go to the device, and logits
 * come back when asked for ({@link #logits}) or only the arg-max ({@link #argmax}).
 *
 * <p>Memory: caches and scratch are placed first, then the non-expert weights, then expert stacks layer by
 * layer while device memory lasts; expert stacks that do not fit stay in pinned host memory mapped into the
 * device's address space, read by the same kernels over PCIe (slower, but the model runs).
 *
 * <p>Not thread-safe: one generation at a time, like the CPU model.
 */
public abstract sealed class CudaModel implements LanguageModel permits CudaGqaModel, CudaMlaModel {
    private static final Logger LOG = LoggerFactory.getLogger(CudaModel.class);

    /** Device memory left free for the driver, kernels' local memory and fragmentation. */
    static final long HEADROOM = 512L << 20;
    /** Blocks of the arg-max's first launch at most (its second launch reduces their winners in one block). */
    private static final int ARGMAX_MAX_BLOCKS = 256;

    final Gpu cuda;
    final ModelConfig c;
    final int capacity;
    final int maxBatch;
    final DeviceOps ops;

    // Batch scratch every architecture uses, [token][...].
    final DeviceBuffer x;
    final DeviceBuffer xn;
    final DeviceBuffer tmp;
    final DeviceBuffer ropeCos;
    final DeviceBuffer ropeSin;
    /** The batch's token ids. */
    final DeviceBuffer tokenIds;
    /** The batch's first position, read by the kernels (so a recorded decode step fits every position). */
    final DeviceBuffer startPosition;
    private final DeviceBuffer finalNormed;
    private final DeviceBuffer logitsDevice;
    private final DeviceBuffer argmaxOut;
    /** The logits each block of argmax_blocks takes (at least 8 per thread), and its winners. */
    private final int argmaxSlice;
    private final DeviceBuffer argmaxValues;
    private final DeviceBuffer argmaxIndices;
    /** The arg-max's id on the host (reused: one per token). */
    private final int[] argmaxHost = new int[1];
    private final long activationElements;
    /** Prepared activation forms the weights need (set with the placer). */
    private int activationForms = 2;

    /** [position][cos | sin] of every position the cache holds, from the CPU's Rope ({@link #angleTable}). */
    private final DeviceBuffer angleTable;
    private final int ropeHalf;

    private DeviceMatrix embedding;
    private DeviceMatrix output;
    private DeviceBuffer outputNorm;
    private long weightBytes;
    private long hostWeightBytes;

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
    /** Sees the residual stream between blocks (a check's, {@link #probeLayers}), or null. */
    private LayerProbe probe;
    /** The probe's rows on the host, [token][embedding], allocated with the first probe. */
    private float[][] probeRows;
    /** Whether products of two matrices of one input pair up in one launch ({@link #PAIR_PRODUCTS}), read once. */
    private final boolean pairProducts = CudaContext.choice(PAIR_PRODUCTS, "true", "false").equals("true");

    /** Why this model cannot run on the CUDA backend, or empty when it can. */
    public static Optional<String> unsupported(ModelConfig config) {
        return Optional.ofNullable(DeviceFeedForward.unsupportedCounts(config.expertCount(), config.expertUsedCount()));
    }

    /**
     * Uploads {@code file}'s weights to {@code device} and allocates a KV cache of {@code contextLength}
     * positions of {@code kvCacheType} (F32 or F16; deepseek2's latent cache is F32 either way, as on the
     * CPU) and scratch for batches of up to {@code maxBatch} tokens.
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
            return config.architecture() == Architecture.DEEPSEEK2
                    ? new CudaMlaModel(gpu, file, config, contextLength, maxBatch)
                    : new CudaGqaModel(gpu, file, config, contextLength, maxBatch, kvCacheType);
        } catch (RuntimeException | Error e) {
            try {
                gpu.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static void checkKvType(GgmlType type) {
        if (type != GgmlType.F32 && type != GgmlType.F16) {
            throw new IllegalArgumentException("the KV cache holds F32 or F16, not " + type);
        }
    }

    /**
     * Allocates the shared batch scratch.
     *
     * @param rope the CPU's position embedding: its angles for every position the cache holds are computed here
     *     once and uploaded ({@link #angleTable}), and a batch's angle buffers hold half its dimensions per token
     * @param activationElements the largest batch of activation rows x columns a product takes as input
     */
    CudaModel(Gpu cuda, ModelConfig c, int contextLength, int maxBatch, Rope rope, long activationElements) {
        this.cuda = cuda;
        this.c = c;
        this.capacity = Math.min(contextLength > 0 ? contextLength : c.contextLength(), c.contextLength());
        this.maxBatch = maxBatch;
        this.activationElements = activationElements;
        int e = c.embeddingLength();
        x = cuda.allocate(4L * maxBatch * e);
        xn = cuda.allocate(4L * maxBatch * e);
        tmp = cuda.allocate(4L * maxBatch * e);
        ropeHalf = rope.dims() / 2;
        ropeCos = cuda.allocate(4L * maxBatch * ropeHalf);
        ropeSin = cuda.allocate(4L * maxBatch * ropeHalf);
        angleTable = angleTable(cuda, rope, capacity);
        finalNormed = cuda.allocate(4L * maxBatch * e);
        logitsDevice = cuda.allocate(4L * maxBatch * c.vocabSize());
        tokenIds = cuda.allocate(4L * maxBatch);
        startPosition = cuda.allocate(4);
        argmaxOut = cuda.allocate(4);
        argmaxSlice = Math.max(8 * DeviceOps.THREADS, (c.vocabSize() + ARGMAX_MAX_BLOCKS - 1) / ARGMAX_MAX_BLOCKS);
        argmaxValues = cuda.allocate(4L * argmaxBlocks());
        argmaxIndices = cuda.allocate(4L * argmaxBlocks());
        tokenScratch = new int[maxBatch];
        ops = new DeviceOps(cuda, activationElements, pairProducts);
    }

    /**
     * The placer for this model's weights, with the device memory left after the scratch allocated so far, the
     * headroom and the activation forms. Call it after allocating all scratch.
     */
    WeightPlacer placer(GgufFile file) {
        activationForms = activationForms(file);
        long budget = cuda.freeMemory() - HEADROOM - activationBytes();
        return new WeightPlacer(cuda, file, Math.min(budget, deviceWeightLimit()));
    }

    /**
     * System property capping the weight bytes placed on the GPU (default: as many as fit): leaves memory to
     * other processes on a shared GPU, and makes the expert offload measurable on a card that would hold the
     * whole model. Expert stacks past the cap stay in host memory, as when the card is full.
     */
    public static final String DEVICE_WEIGHT_LIMIT = "docswarm.cuda.maxDeviceWeightBytes";

    /**
     * System property: {@code false} launches the query/key and value products of a layer whose matrices are of
     * two types one after the other instead of in one launch ({@code matvec_pair_*}); the same bits either way,
     * for timing the two on a device (on an H200 the pair is worth 4% of the 30B shape's decode speed).
     */
    public static final String PAIR_PRODUCTS = "docswarm.cuda.pairProducts";

    /**
     * System property: the most query heads one attention block takes (16, the default, or 8, 4, 2, 1). Fewer heads
     * a block make more blocks, each reading the cache rows its heads share again: for multi-head latent
     * attention, whose 16 heads a block share one latent cache, a decode step's scores run on 32 blocks of an
     * H200's 132 multiprocessors (docs/benchmarks.md, session 25). Each head's products are summed the same way in
     * any block, so the bits stay the same wherever the position splits do ({@link DeviceAttention#splits}); for
     * timing the forms on a device.
     */
    public static final String ATTENTION_HEADS = "docswarm.cuda.attentionHeadsPerBlock";

    /** {@link #ATTENTION_HEADS}' value, checked. */
    static int attentionHeadsPerBlock() {
        return Integer.parseInt(CudaContext.choice(ATTENTION_HEADS, "16", "8", "4", "2", "1"));
    }

    private static long deviceWeightLimit() {
        String limit = System.getProperty(DEVICE_WEIGHT_LIMIT);
        if (limit == null || limit.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            long bytes = (long) Double.parseDouble(limit.trim());
            if (bytes < 0) {
                throw new NumberFormatException("negative");
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + DEVICE_WEIGHT_LIMIT + "=" + limit
                    + ": expected a number of bytes (e.g. 8e9)", e);
        }
    }

    /**
     * How many prepared forms of the activations (Q8_0, Q8_1, Q8_K quants, F32/F16/BF16 values) the file's
     * matrices ask for: each is allocated on first use at full size, so the memory plan reserves them all.
     */
    private static int activationForms(GgufFile file) {
        Set<GgmlType> forms = EnumSet.noneOf(GgmlType.class);
        for (GgufTensor t : file.tensors()) {
            if (t.rank() >= 2) {
                try {
                    forms.add(QuantKernel.of(t.type()).activationType());
                } catch (IllegalArgumentException e) {
                    // not a type the backend computes with: WeightPlacer names it when it is asked for
                }
            }
        }
        return Math.max(1, forms.size());
    }

    /** Places the token embedding, the final norm and the output matrix (the embedding when tied). */
    void placeEmbeddingAndOutput(WeightPlacer placer) {
        int e = c.embeddingLength();
        embedding = placer.matrix("token_embd.weight", e, c.vocabSize());
        outputNorm = placer.vector("output_norm.weight", e);
        output = placer.has("output.weight") ? placer.matrix("output.weight", e, c.vocabSize()) : embedding;
    }

    /** Records where the weights went and waits for the uploads. */
    void finishLoading(WeightPlacer placer) {
        weightBytes = placer.deviceBytes() + placer.hostBytes();
        hostWeightBytes = placer.hostBytes();
        if (hostWeightBytes > 0) {
            LOG.info("CUDA: {} MiB of weights on {}, {} MiB of expert weights left in host memory (read over PCIe)",
                    placer.deviceBytes() >> 20, cuda.device().describe(), hostWeightBytes >> 20);
        }
        cuda.synchronize();
    }

    /**
     * The CPU's RoPE angles for each of {@code positions} positions, computed once and uploaded: a batch then
     * looks its tokens' rows up ({@link #ropeAngles}), so the device rotates by the CPU's bits (the device's
     * {@code cos} and {@code sin} are not correctly rounded). {@code positions x rope.dims()} floats, allocated
     * with the other scratch, before the weights are placed (so the memory plan counts them).
     */
    private static DeviceBuffer angleTable(Gpu cuda, Rope rope, int positions) {
        int half = rope.dims() / 2;
        DeviceBuffer table = cuda.allocate((long) positions * 2 * half * Float.BYTES);
        float[] cos = new float[half];
        float[] sin = new float[half];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate((long) positions * 2 * half * Float.BYTES, Float.BYTES);
            for (int pos = 0; pos < positions; pos++) {
                rope.angles(pos, cos, sin);
                long at = (long) pos * 2 * half * Float.BYTES;
                MemorySegment.copy(cos, 0, host, ValueLayout.JAVA_FLOAT, at, half);
                MemorySegment.copy(sin, 0, host, ValueLayout.JAVA_FLOAT, at + (long) half * Float.BYTES, half);
            }
            cuda.upload(host, table);
        }
        return table;
    }

    /** cos/sin of each token of a batch of {@code n} into {@link #ropeCos}/{@link #ropeSin}, from the table. */
    private void ropeAngles(int n) {
        ops.elementwise("rope_angles_table", (long) n * ropeHalf, startPosition, n, ropeHalf, angleTable, ropeCos,
                ropeSin);
    }

    /** Block {@code i} for the batch of {@code n} tokens: {@link #x} in, {@link #x} out. */
    abstract void layer(int i, int n);

    /** Bytes of weights and how many of them stay in host memory. */
    public long weightBytes() {
        return weightBytes;
    }

    public long hostWeightBytes() {
        return hostWeightBytes;
    }

    /** Device bytes the memory plan reserves for prepared activations. */
    long activationBytes() {
        return DeviceActivations.bytes(activationElements, activationForms);
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
    public void finish() {
        cuda.makeCurrent();
        cuda.synchronize();
    }

    @Override
    public void rewind(int p) {
        if (p < 0 || p > position) {
            throw new IllegalArgumentException("cannot rewind to " + p + " from " + position);
        }
        position = p;
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
        cuda.launch("argmax_blocks", argmaxBlocks(), 1, DeviceOps.THREADS, logitsDevice.at(4L * row * c.vocabSize()),
                c.vocabSize(), argmaxSlice, argmaxValues, argmaxIndices);
        cuda.launch("argmax_pick", 1, 1, DeviceOps.THREADS, argmaxValues, argmaxIndices, argmaxBlocks(), argmaxOut);
        cuda.download(argmaxOut, argmaxHost, 1);
        return argmaxHost[0];
    }

    private int argmaxBlocks() {
        return (c.vocabSize() + argmaxSlice - 1) / argmaxSlice;
    }

    /**
     * The row as the sampler reads it (one object, reused: valid until the next call of this method or of
     * {@link #forward}): the largest logits are selected on the device ({@code top_k}) and the
     * penalised tokens' logits gathered there, so a token sampled with top-k copies {@code 2 (k + w)} numbers
     * to the host instead of the vocabulary; the whole row is copied only when the sampler asks for it.
     */
    @Override
    public LogitSource logitSource(int row) {
        if (row < 0 || row >= logitRows) {
            throw new IndexOutOfBoundsException("logit row " + row + " of " + logitRows);
        }
        deviceLogits.row = row;
        return deviceLogits;
    }

    private final DeviceLogitSource deviceLogits = new DeviceLogitSource();

    /** One logit row on the device; buffers for the selected ids and values grow as the sampler asks. */
    private final class DeviceLogitSource implements LogitSource {
        private int row;
        private int selectedCapacity;
        private DeviceBuffer selectedIds;
        private DeviceBuffer selectedValues;

        @Override
        public int vocabSize() {
            return c.vocabSize();
        }

        @Override
        public float[] all() {
            return logits(row);
        }

        @Override
        public void top(int k, int[] ids, float[] values) {
            if (k <= 0 || k > c.vocabSize()) {
                throw new IllegalArgumentException("k must be 1.." + c.vocabSize() + ", got " + k);
            }
            cuda.makeCurrent();
            ensure(k);
            cuda.launch("top_k", 1, 1, DeviceOps.THREADS, rowData(), c.vocabSize(), k, selectedIds, selectedValues);
            cuda.download(selectedIds, ids, k);
            cuda.download(selectedValues, values, k);
        }

        @Override
        public void gather(int[] ids, int n, float[] values) {
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                if (ids[i] < 0 || ids[i] >= c.vocabSize()) {
                    throw new IllegalArgumentException("token id " + ids[i] + " is outside the vocabulary");
                }
            }
            cuda.makeCurrent();
            ensure(n);
            cuda.upload(ids, n, selectedIds);
            ops.elementwise("gather_logits", n, rowData(), selectedIds, n, selectedValues);
            cuda.download(selectedValues, values, n);
        }

        private DeviceBuffer rowData() {
            return logitsDevice.at(4L * row * c.vocabSize());
        }

        private void ensure(int n) {
            if (n > selectedCapacity) {
                // Rarely grown (k + penalty window, hardly above 256); the Gpu frees memory only with the context.
                selectedCapacity = Math.max(n, 256);
                selectedIds = cuda.allocate(4L * selectedCapacity);
                selectedValues = cuda.allocate(4L * selectedCapacity);
            }
        }
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
     * One token. From the second one on, the step's launches (about 15 per layer) are recorded once and
     * replayed as one CUDA graph: launching them one by one would cost more than the step's memory traffic.
     * If recording fails the steps are launched one by one from then on.
     */
    private void decode() {
        if (probe != null) {
            // The probe copies rows between launches, which a recorded step cannot do.
            steps(1, 0);
            return;
        }
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

    /** Whether the one-token step is recorded as a graph (from the second decoded token on, unless that failed). */
    boolean decodeStepRecorded() {
        return decodeStep != null;
    }

    /**
     * Replays the recorded decode step {@code count} times with the token and position last uploaded (the last
     * decoded token again, rewriting its cache row with the same values), without uploading or reading anything
     * back, back to back or ({@code waitEach}) waiting for each: {@link CudaDecodeTiming}'s measures of what the
     * host round trip between tokens costs. Needs a recorded step ({@link #decodeStepRecorded}).
     */
    void replayDecodeSteps(int count, boolean waitEach) {
        if (decodeStep == null) {
            throw new IllegalStateException("no decode step recorded");
        }
        cuda.makeCurrent();
        for (int i = 0; i < count; i++) {
            cuda.replay(decodeStep);
            if (waitEach) {
                cuda.synchronize();
            }
        }
        cuda.synchronize();
    }

    /**
     * The launches of one batch of {@code n} tokens (ids in {@link #tokenIds}, first position in
     * {@link #startPosition}); logits of rows {@code first .. n-1} into {@link #logitsDevice}. Depends on
     * nothing else that changes between calls with the same n and first.
     */
    private void steps(int n, int first) {
        int e = c.embeddingLength();
        ops.elementwise("get_rows", (long) n * e, embedding.data(), embedding.type().id(), tokenIds, n, e, x);
        ropeAngles(n);
        for (int i = 0; i < c.blockCount(); i++) {
            probeAt(i, n);
            layer(i, n);
        }
        probeAt(c.blockCount(), n);
        int rows = n - first;
        GgmlType next = QuantKernel.of(output.type()).activationType();
        ops.rmsNormInput(x.at(4L * first * e), e, finalNormed, outputNorm, e, rows, c.rmsEps(), next);
        ops.matmul(output, null, 1, rows, logitsDevice, c.vocabSize());
    }

    @Override
    public void probeLayers(LayerProbe probe) {
        if (probe != null && probeRows == null) {
            probeRows = new float[maxBatch][c.embeddingLength()];
        }
        this.probe = probe;
    }

    /** Hands the batch's residual stream to the probe before block {@code layer} and takes back what it leaves. */
    private void probeAt(int layer, int n) {
        if (probe == null) {
            return;
        }
        int e = c.embeddingLength();
        for (int t = 0; t < n; t++) {
            cuda.download(x.at(4L * t * e), probeRows[t], e);
        }
        probe.atLayer(layer, position, probeRows, n);
        for (int t = 0; t < n; t++) {
            cuda.upload(probeRows[t], e, x.at(4L * t * e));
        }
    }

    /** {@code xn = rmsNorm(x) * w} for the batch, made the products' input, prepared for {@code next}'s type. */
    void normInput(DeviceBuffer w, int n, DeviceMatrix next) {
        int e = c.embeddingLength();
        ops.rmsNormInput(x, e, xn, w, e, n, c.rmsEps(), QuantKernel.of(next.type()).activationType());
    }

    /**
     * The feed-forward norm ({@code xn = rmsNorm(x) * normWeight}, then the products' input) and MoE layer
     * {@code w} up to its weighted sum, for the batch of {@code n}.
     */
    DeviceFeedForward.ExpertOutputs normedExpertOutputs(DeviceFeedForward ffn, DeviceBuffer normWeight,
                                                        DeviceFeedForward.Experts w, int n) {
        normInput(normWeight, n, w.gate());
        return ffn.expertOutputs(w, n);
    }

    @Override
    public void close() {
        cuda.close();
    }
}
