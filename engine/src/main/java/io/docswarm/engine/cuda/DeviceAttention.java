package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;

/**
 * Causal attention of a batch's query heads over one layer's cache on the device, for both cache layouts:
 * grouped-query attention (separate key and value rows, F32 or F16) and multi-head latent attention (one
 * latent row per position, its first {@code valueDim} floats the values). Tokens go in launches of up to
 * {@link #TOKENS_PER_LAUNCH}, each as ops.cu's split form: {@code attention_scores}, {@code attention_stats},
 * {@code attention_values} and, when the positions are split over several blocks, {@code attention_combine}.
 * A block takes a run of query heads that read the same cached rows, and the positions are split over enough
 * blocks to fill the GPU: a decode step's one token would otherwise leave a few blocks walking the whole
 * cache. Owns the scratch, allocated at construction (before the weights are placed).
 *
 * @see "ops.cu, the comment on the split form"
 */
final class DeviceAttention {
    /** Tokens whose attention scores share the scratch buffer at once. */
    static final int TOKENS_PER_LAUNCH = 16;
    /** ops.cu's ATT_MAX_HEADS and ATT_MAX_QUERY: query heads per attention block, and their floats. */
    private static final int MAX_HEADS = 16;
    private static final int MAX_QUERY = 16 * 576;
    /** Blocks a launch aims at: two per multiprocessor of an H100/H200 (132). */
    private static final int TARGET_BLOCKS = 264;
    /** Splits of the positions at most, and positions per split at least when the cache is full. */
    private static final int MAX_SPLITS = 64;
    private static final int MIN_POSITIONS_PER_SPLIT = 16;

    /**
     * What one layer's attention reads.
     *
     * @param heads query heads
     * @param kvHeads key/value heads (1 for multi-head latent attention)
     * @param headDim key width of a head (the cache row width of multi-head latent attention)
     * @param valueDim value width of a head
     * @param kvw floats (or halves) per cached position
     * @param f16 whether the cache holds halves (the kernels' {@code _f16} variants)
     */
    record Shape(int heads, int kvHeads, int headDim, int valueDim, int kvw, boolean f16) {
        int group() {
            return heads / kvHeads;
        }

        int width() {
            return heads * valueDim;
        }
    }

    private final DeviceOps ops;
    private final Shape shape;
    private final int capacity;
    private final int headsPerBlock;
    private final int runs;
    private final DeviceBuffer scores;
    /** Per (token, head): the softmax's max and 1 / sum. */
    private final DeviceBuffer stats;
    /** Per (token, head, split): the split's sums of probability x value. */
    private final DeviceBuffer partial;

    /**
     * With at most {@link CudaModel#ATTENTION_HEADS} query heads a block.
     *
     * @param capacity cached positions per layer; {@code maxBatch} tokens per forward batch at most
     */
    DeviceAttention(DeviceOps ops, Shape shape, int capacity, int maxBatch) {
        this.ops = ops;
        this.shape = shape;
        this.capacity = capacity;
        this.headsPerBlock = headsPerBlock(shape.group(), shape.headDim(), CudaModel.attentionHeadsPerBlock());
        this.runs = shape.heads() / headsPerBlock;
        Gpu cuda = ops.gpu();
        int tokens = Math.min(maxBatch, TOKENS_PER_LAUNCH);
        scores = cuda.allocate(4L * tokens * shape.heads() * capacity);
        stats = cuda.allocate(4L * 2 * tokens * shape.heads());
        long partialRows = 0;
        for (int t = 1; t <= tokens; t++) {
            partialRows = Math.max(partialRows, (long) t * splits(runs, t, capacity));
        }
        partial = cuda.allocate(4L * partialRows * shape.width());
    }

    /**
     * Attention of tokens {@code 0 .. n-1} (token t at position {@code *startPos + t}, its query heads at
     * {@code q + t * qStride}) over positions {@code 0 .. *startPos + t} of the layer's cache, into
     * {@code out + t * outStride} (head h's values at {@code h * valueDim}).
     */
    void run(DeviceBuffer q, int qStride, DeviceBuffer keys, DeviceBuffer values, DeviceBuffer startPos, int n,
             float scale, DeviceBuffer out, int outStride) {
        for (int t0 = 0; t0 < n; t0 += TOKENS_PER_LAUNCH) {
            int tokens = Math.min(TOKENS_PER_LAUNCH, n - t0);
            int splits = splits(runs, tokens, capacity);
            DeviceBuffer chunkOut = out.at(4L * t0 * outStride);
            if (splits == 1 && outStride == shape.width()) {
                // One split: its sums are the output (partial's layout is out's with one split per head).
                scoresAndValues(q, qStride, keys, values, startPos, t0, tokens, splits, scale, chunkOut);
            } else {
                scoresAndValues(q, qStride, keys, values, startPos, t0, tokens, splits, scale, partial);
                ops.elementwise("attention_combine", (long) tokens * shape.width(), partial, splits, tokens,
                        shape.heads(), shape.valueDim(), chunkOut, outStride);
            }
        }
    }

    /**
     * {@link #run} into {@code out} (rows of {@code heads * valueDim}), then the output, as rows of
     * {@code inputCols}, becomes the input of the next products, whose weights take {@code next} activations:
     * where every launch splits the positions and the rows hold whole Q8_K blocks, combining the splits also
     * writes the Q8_K form (one launch less).
     */
    void runIntoInput(DeviceBuffer q, int qStride, DeviceBuffer keys, DeviceBuffer values, DeviceBuffer startPos,
                      int n, float scale, DeviceBuffer out, int inputCols, GgmlType next) {
        int width = shape.width();
        int rows = Math.toIntExact((long) n * width / inputCols);
        // Fewer tokens per launch never means fewer splits: the first launch's count bounds them all.
        boolean alwaysSplit = splits(runs, Math.min(n, TOKENS_PER_LAUNCH), capacity) > 1;
        if (!alwaysSplit || next != GgmlType.Q8_K || width % 256 != 0 || inputCols % 256 != 0
                || width % inputCols != 0) {
            run(q, qStride, keys, values, startPos, n, scale, out, width);
            ops.input(out, inputCols, rows, inputCols);
            return;
        }
        DeviceActivations.Form form = ops.inputProducedBy(out, inputCols, rows, inputCols, GgmlType.Q8_K);
        for (int t0 = 0; t0 < n; t0 += TOKENS_PER_LAUNCH) {
            int tokens = Math.min(TOKENS_PER_LAUNCH, n - t0);
            int splits = splits(runs, tokens, capacity);
            scoresAndValues(q, qStride, keys, values, startPos, t0, tokens, splits, scale, partial);
            DeviceActivations.Form f = form.fromRow((long) t0 * width / inputCols, inputCols);
            ops.launch("attention_combine_q8_k", tokens * (width / 256), 1, DeviceOps.THREADS,
                    partial, splits, tokens, shape.heads(), shape.valueDim(), out.at(4L * t0 * width), f.q(), f.d(),
                    f.s());
        }
    }

    /**
     * Tokens {@code t0 .. t0 + tokens - 1}: their scores, each head's softmax statistics (once), then each
     * split's sums of probability x value into {@code sums} ({@code [tokens][heads][splits][valueDim]}).
     */
    private void scoresAndValues(DeviceBuffer q, int qStride, DeviceBuffer keys, DeviceBuffer values,
                                 DeviceBuffer startPos, int t0, int tokens, int splits, float scale,
                                 DeviceBuffer sums) {
        Shape s = shape;
        String suffix = s.f16() ? "_f16" : "";
        int blocks = runs * splits;
        ops.launch("attention_scores" + suffix, blocks, tokens, DeviceOps.THREADS, q, qStride, keys, s.kvw(),
                s.heads(), s.kvHeads(), s.headDim(), headsPerBlock, splits, startPos, t0, scale, scores, capacity);
        ops.launch("attention_stats", s.heads(), tokens, DeviceOps.THREADS, scores, s.heads(), capacity, startPos, t0,
                stats);
        // A thread per value dimension (up to a block of 256): no thread idles through the positions.
        int valueThreads = Math.min(DeviceOps.THREADS, (s.valueDim() + 31) / 32 * 32);
        ops.launch("attention_values" + suffix, blocks, tokens, valueThreads, values, s.kvw(), s.heads(),
                s.kvHeads(), s.headDim(), s.valueDim(), headsPerBlock, splits, startPos, t0, scores, capacity, stats,
                sums);
    }

    /** Position splits of a one-token launch (a decode step). */
    int decodeSplits() {
        return splits(runs, 1, capacity);
    }

    /**
     * Query heads one attention block takes: the most (up to {@code maxHeads}, at most 16, and as many as shared
     * memory holds) that divide {@code group}, the heads that read one key/value head, so each cached row is read once for all
     * of them (Qwen3-30B-A3B: a whole group of 8; DeepSeek-V3's 128 MLA heads on one latent cache: 16).
     */
    static int headsPerBlock(int group, int headDim, int maxHeads) {
        if (headDim > MAX_QUERY) {
            throw new UnsupportedOperationException("heads of " + headDim + " dimensions exceed the CUDA attention's "
                    + MAX_QUERY);
        }
        int best = 1;
        for (int g = 2; g <= Math.min(group, Math.min(maxHeads, MAX_HEADS)); g++) {
            if (group % g == 0 && g * headDim <= MAX_QUERY) {
                best = g;
            }
        }
        return best;
    }

    /**
     * Position splits of a launch of {@code tokens} tokens with {@code runs} runs of heads: enough blocks for
     * {@link #TARGET_BLOCKS}, at most {@link #MAX_SPLITS}, and no more than leave
     * {@link #MIN_POSITIONS_PER_SPLIT} positions to each split of a full cache of {@code capacity}.
     */
    static int splits(int runs, int tokens, int capacity) {
        long blocksPerSplit = (long) runs * tokens;
        int forBlocks = (int) ((TARGET_BLOCKS + blocksPerSplit - 1) / blocksPerSplit);
        int forPositions = Math.max(1, capacity / MIN_POSITIONS_PER_SPLIT);
        return Math.max(1, Math.min(MAX_SPLITS, Math.min(forBlocks, forPositions)));
    }
}
