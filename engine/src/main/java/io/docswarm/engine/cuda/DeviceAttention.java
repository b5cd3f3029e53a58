package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;

/**
 * Causal attention of a batch's query heads over one layer's cache on the device, for both cache layouts:
 * grouped-query attention (separate key and value rows, F32 or F16) and multi-head latent attention (one
 * latent row per position, its first {@code valueDim} floats the values). Prompt batches go through ops.cu's
 * {@code attention}, one block per (token, run of heads); a decode step (one token) goes through the
 * kernels split over positions ({@code attention_scores}, {@code attention_stats}, {@code attention_values},
 * {@code attention_combine}),
 * because one block per run of heads would leave most of the GPU idle while each block walks the whole
 * cache. Owns the scratch both need, allocated at construction (before the weights are placed).
 *
 * @see "ops.cu, the comments on attention and on the split form"
 */
final class DeviceAttention {
    /** Tokens whose attention scores share the scratch buffer at once. */
    static final int TOKENS_PER_LAUNCH = 16;
    /** ops.cu's ATT_MAX_HEADS and ATT_MAX_QUERY: query heads per attention block, and their floats. */
    private static final int MAX_HEADS = 16;
    private static final int MAX_QUERY = 16 * 576;
    /**
     * Blocks a prompt launch should keep: sharing cached rows between heads must not leave too few blocks to
     * spread over the GPU. A first guess, to be tuned on a device (unmeasured).
     */
    private static final int MIN_BLOCKS = 32;
    /** Blocks a decode step's split launch aims at: two per multiprocessor of an H100/H200 (132). */
    private static final int DECODE_TARGET_BLOCKS = 264;
    /** Splits of a decode step at most, and positions per split at least when the cache is full. */
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
    }

    private final DeviceOps ops;
    private final Shape shape;
    private final int capacity;
    private final DeviceBuffer scores;
    private final int decodeHeadsPerBlock;
    private final int decodeSplits;
    private final DeviceBuffer partial;
    /** A decode step's per-head softmax max and 1 / sum (attention_stats). */
    private final DeviceBuffer stats;

    /** @param capacity cached positions per layer; {@code maxBatch} tokens per forward batch at most */
    DeviceAttention(DeviceOps ops, Shape shape, int capacity, int maxBatch) {
        this.ops = ops;
        this.shape = shape;
        this.capacity = capacity;
        Gpu cuda = ops.gpu();
        scores = cuda.allocate(4L * Math.min(maxBatch, TOKENS_PER_LAUNCH) * shape.heads() * capacity);
        decodeHeadsPerBlock = headsPerBlock(shape.heads(), shape.group(), shape.headDim(), Integer.MAX_VALUE);
        decodeSplits = decodeSplits(shape.heads() / decodeHeadsPerBlock, capacity);
        partial = decodeSplits > 1 ? cuda.allocate(4L * decodeSplits * shape.heads() * shape.valueDim()) : null;
        stats = cuda.allocate(4L * 2 * shape.heads());
    }

    /**
     * Attention of tokens {@code 0 .. n-1} (token t at position {@code *startPos + t}, its query heads at
     * {@code q + t * qStride}) over positions {@code 0 .. *startPos + t} of the layer's cache, into
     * {@code out + t * outStride} (head h's values at {@code h * valueDim}).
     */
    void run(DeviceBuffer q, int qStride, DeviceBuffer keys, DeviceBuffer values, DeviceBuffer startPos, int n,
             float scale, DeviceBuffer out, int outStride) {
        if (n == 1) {
            decode(q, qStride, keys, values, startPos, scale, out, outStride);
            return;
        }
        Shape s = shape;
        for (int t0 = 0; t0 < n; t0 += TOKENS_PER_LAUNCH) {
            int tokens = Math.min(TOKENS_PER_LAUNCH, n - t0);
            int perBlock = headsPerBlock(s.heads(), s.group(), s.headDim(), tokens);
            ops.launch(s.f16() ? "attention_f16" : "attention", s.heads() / perBlock, tokens, DeviceOps.THREADS, q,
                    qStride, keys, values, s.kvw(), s.heads(), s.kvHeads(), s.headDim(), s.valueDim(), perBlock,
                    startPos, t0, scale, scores, capacity, out, outStride);
        }
    }

    /**
     * {@link #run}, then the output, as rows of {@code inputCols}, becomes the input of the next products,
     * whose weights take {@code next} activations: a decode step split over positions writes the Q8_K form
     * while combining the splits (one launch less).
     */
    void runIntoInput(DeviceBuffer q, int qStride, DeviceBuffer keys, DeviceBuffer values, DeviceBuffer startPos,
                      int n, float scale, DeviceBuffer out, int inputCols, GgmlType next) {
        Shape s = shape;
        int width = s.heads() * s.valueDim();
        if (n == 1 && decodeSplits > 1 && next == GgmlType.Q8_K && width % 256 == 0 && inputCols % 256 == 0
                && width % inputCols == 0) {
            scoresAndValues(q, qStride, keys, values, startPos, scale, partial);
            DeviceActivations.Form f = ops.inputProducedBy(out, inputCols, width / inputCols, inputCols, GgmlType.Q8_K);
            ops.launch("attention_combine_q8_k", DeviceOps.blocks(32L * (width / 256)), 1, DeviceOps.THREADS, partial,
                    decodeSplits, s.heads(), s.valueDim(), out, f.q(), f.d(), f.s());
            return;
        }
        run(q, qStride, keys, values, startPos, n, scale, out, width);
        ops.input(out, inputCols, n * width / inputCols, inputCols);
    }

    private void decode(DeviceBuffer q, int qStride, DeviceBuffer keys, DeviceBuffer values, DeviceBuffer startPos,
                        float scale, DeviceBuffer out, int outStride) {
        if (decodeSplits == 1) {
            // One split: its partial sums are the output (partial's layout is out's with one split per head).
            scoresAndValues(q, qStride, keys, values, startPos, scale, out);
            return;
        }
        scoresAndValues(q, qStride, keys, values, startPos, scale, partial);
        Shape s = shape;
        ops.elementwise("attention_combine", (long) s.heads() * s.valueDim(), partial, decodeSplits, 1, s.heads(),
                s.valueDim(), out, outStride);
    }

    /**
     * A decode step's scores, the softmax's max and sum per head (once, not in every split), then each split's
     * sums of probability x value into {@code sums}.
     */
    private void scoresAndValues(DeviceBuffer q, int qStride, DeviceBuffer keys, DeviceBuffer values,
                                 DeviceBuffer startPos, float scale, DeviceBuffer sums) {
        Shape s = shape;
        String suffix = s.f16() ? "_f16" : "";
        int blocks = s.heads() / decodeHeadsPerBlock * decodeSplits;
        ops.launch("attention_scores" + suffix, blocks, 1, DeviceOps.THREADS, q, qStride, keys, s.kvw(), s.heads(),
                s.kvHeads(), s.headDim(), decodeHeadsPerBlock, decodeSplits, startPos, 0, scale, scores, capacity);
        ops.launch("attention_stats", s.heads(), 1, DeviceOps.THREADS, scores, s.heads(), capacity, startPos, 0, stats);
        ops.launch("attention_values" + suffix, blocks, 1, DeviceOps.THREADS, values, s.kvw(), s.heads(), s.kvHeads(),
                s.headDim(), s.valueDim(), decodeHeadsPerBlock, decodeSplits, startPos, 0, scores, capacity, stats,
                sums);
    }

    int decodeSplits() {
        return decodeSplits;
    }

    /**
     * Query heads one attention block takes when each run of heads gets {@code blocksPerRun} blocks (the
     * tokens of a prompt launch; unbounded for a decode step, whose blocks come from splitting positions):
     * the most (up to 16, and as many as shared memory holds) that divide {@code group}, the heads that read
     * one key/value head, so each cached row is read once for all of them, while the launch keeps at least
     * {@link #MIN_BLOCKS} blocks where one head per block would (a 16-token prompt chunk of a GQA model: whole
     * groups; of DeepSeek-V3's 128 MLA heads: 16 per block; a single token without splitting: one per block).
     */
    static int headsPerBlock(int heads, int group, int headDim, int blocksPerRun) {
        if (headDim > MAX_QUERY) {
            throw new UnsupportedOperationException("heads of " + headDim + " dimensions exceed the CUDA attention's "
                    + MAX_QUERY);
        }
        int best = 1;
        for (int g = 2; g <= Math.min(group, MAX_HEADS); g++) {
            if (group % g == 0 && g * headDim <= MAX_QUERY && (long) heads / g * blocksPerRun >= MIN_BLOCKS) {
                best = g;
            }
        }
        return best;
    }

    /**
     * Position splits of a decode step with {@code runs} runs of heads: enough blocks for
     * {@link #DECODE_TARGET_BLOCKS}, at most {@link #MAX_SPLITS}, and no more than leave
     * {@link #MIN_POSITIONS_PER_SPLIT} positions to each split of a full cache of {@code capacity}.
     */
    static int decodeSplits(int runs, int capacity) {
        int forBlocks = (DECODE_TARGET_BLOCKS + runs - 1) / runs;
        int forPositions = Math.max(1, capacity / MIN_POSITIONS_PER_SPLIT);
        return Math.max(1, Math.min(MAX_SPLITS, Math.min(forBlocks, forPositions)));
    }
}
