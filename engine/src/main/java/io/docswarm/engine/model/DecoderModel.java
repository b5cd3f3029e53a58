package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufMetadata;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.quant.QuantizedRow;
import io.docswarm.engine.sampling.HostLogits;
import io.docswarm.engine.sampling.LogitSource;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the decoder-only transformers here share: token embedding, the residual stream, the KV cache,
 * the final norm and the output projection, and the forward-pass driver that feeds tokens through in
 * batches. Each architecture's subclass implements {@link #layer} — one transformer block — so its
 * class reads like the architecture's definition.
 *
 * <p>All buffers are sized at load time for batches of up to {@code maxBatch} tokens: prompt processing
 * runs matrix-matrix products over a batch, decoding is the same code with a batch of one, and neither
 * allocates in the token loop. Not thread-safe: one generation at a time per model.
 */
public abstract sealed class DecoderModel implements LanguageModel permits Qwen3MoeModel, LlamaModel, OlmoeModel,
        DeepSeek2Model {
    protected final ModelConfig config;
    protected final String source;
    protected final GgufFile file;
    protected final ThreadTeam team;
    /** The packed copies of the weight matrices that pack; closed with the model. */
    private final WeightPacker packer;
    protected final int maxBatch;
    /** Positions the model can hold. */
    protected final int capacity;
    /** The per-head key/value cache and its attention; null for models with their own (deepseek2's latent cache). */
    protected final KvCache cache;
    protected final Attention attention;
    protected final Rope rope;

    private final Linear tokenEmbedding;
    private final float[] outputNorm;
    private final Linear output;

    // Residual stream and per-layer scratch, [token][width].
    protected final float[][] x;
    protected final float[][] xn;
    protected final float[][] q;
    protected final float[][] k;
    protected final float[][] v;
    protected final float[][] attnOut;
    protected final float[][] tmp;
    protected final PreparedBatch normed;
    protected final PreparedBatch attnPrepared;
    protected final float[][] ropeCos;
    protected final float[][] ropeSin;

    private float[][] logits = new float[1][];
    private final float[][] finalNormed;
    private final PreparedBatch finalPrepared;
    private int position;
    private LayerProbe probe;

    protected DecoderModel(GgufFile file, ModelConfig config, ModelOptions options) {
        this(file, config, options, rope(file, config), true);
    }

    /**
     * The position embedding of the grouped-query architectures: over whole heads, with the file's frequency
     * factors, and YaRN where the file declares it (as extended-context Qwen3 files do).
     */
    public static Rope rope(GgufFile file, ModelConfig config) {
        return new Rope(config.headDim(), config.ropeFreqBase(), config.ropeFreqScale(),
                file.findTensor("rope_freqs.weight").map(t -> floats(file.source(), t, config.headDim() / 2)).orElse(null),
                config.architecture().ropeStyle(), yarn(file.metadata(), config));
    }

    /**
     * YaRN as llama.cpp sets it up for these architectures: extrapolation factor 1, the file's magnitude factor
     * ({@code rope.scaling.attn_factor}, default 1), its original context and ramp bounds (32 and 1 rotations
     * unless the file says otherwise).
     */
    static Rope.Yarn yarn(GgufMetadata m, ModelConfig c) {
        String p = c.architecture().ggufName() + ".";
        if (!m.getString(p + "rope.scaling.type", "linear").equals("yarn")) {
            return Rope.Yarn.NONE;
        }
        return Rope.Yarn.of(1f, m.getFloat(p + "rope.scaling.attn_factor", 1f), c.headDim(),
                m.getInt(p + "rope.scaling.original_context_length", c.contextLength()), c.ropeFreqBase(),
                m.getFloat(p + "rope.scaling.yarn_beta_fast", 32f), m.getFloat(p + "rope.scaling.yarn_beta_slow", 1f));
    }

    /**
     * @param rope the position embedding whose angles {@link #ropeCos}/{@link #ropeSin} hold per token
     * @param perHeadCache whether to allocate the per-head {@link KvCache} and its {@link Attention}
     *     (false where the subclass keeps its own cache)
     */
    protected DecoderModel(GgufFile file, ModelConfig config, ModelOptions options, Rope rope, boolean perHeadCache) {
        this.file = file;
        this.config = config;
        this.source = file.source();
        this.team = options.team();
        this.maxBatch = options.maxBatch();
        int ctx = Math.min(options.contextLength() > 0 ? options.contextLength() : config.contextLength(),
                config.contextLength());
        int e = config.embeddingLength();
        int qw = config.queryWidth();
        int kvw = config.kvWidth();
        this.capacity = ctx;
        this.cache = perHeadCache ? new KvCache(config.blockCount(), ctx, kvw, options.kvCacheType()) : null;
        this.rope = rope;
        this.attention = perHeadCache
                ? new Attention(config.headCount(), config.headCountKv(), config.headDim(), ctx, team.size(),
                        options.activationJitter()) : null;
        this.packer = new WeightPacker(team, options.packWeights());
        Optional<GgufTensor> out = file.findTensor("output.weight");
        // The embedding is only looked up row by row unless it is also the output matrix (tied weights).
        this.tokenEmbedding = Linear.of(file.tensor("token_embd.weight"), source, e, config.vocabSize(),
                out.isPresent() ? null : packer);
        this.outputNorm = norm("output_norm.weight", e);
        this.output = out.isPresent() ? Linear.of(out.get(), source, e, config.vocabSize(), packer) : tokenEmbedding;
        int wide = Math.max(Math.max(e, qw), kvw);
        this.x = new float[maxBatch][e];
        this.xn = new float[maxBatch][wide];
        this.q = new float[maxBatch][qw];
        this.k = new float[maxBatch][perHeadCache ? kvw : 0];
        this.v = new float[maxBatch][perHeadCache ? kvw : 0];
        this.attnOut = new float[maxBatch][perHeadCache ? qw : 0];
        this.tmp = new float[maxBatch][e];
        this.normed = new PreparedBatch(maxBatch, wide, options.activationJitter());
        this.attnPrepared = new PreparedBatch(maxBatch, qw, options.activationJitter());
        this.ropeCos = new float[maxBatch][rope.dims() / 2];
        this.ropeSin = new float[maxBatch][rope.dims() / 2];
        this.finalNormed = new float[maxBatch][e];
        this.finalPrepared = new PreparedBatch(maxBatch, e, options.activationJitter());
    }

    public ModelConfig config() {
        return config;
    }

    /** Positions the KV cache holds. */
    public int contextLength() {
        return capacity;
    }

    /** Tokens processed so far (the position of the next token). */
    public int position() {
        return position;
    }

    /** Forgets all tokens: the next {@link #forward} starts at position 0. */
    public void reset() {
        position = 0;
    }

    /** Moves back to position {@code p} (keeping the cache before it), e.g. to reuse a shared prompt prefix. */
    public void rewind(int p) {
        if (p < 0 || p > position) {
            throw new IllegalArgumentException("cannot rewind to " + p + " from " + position);
        }
        position = p;
    }

    /**
     * Feeds {@code tokens[off .. off+n)} at the current position. When {@code allLogits}, the logits of
     * every one of these tokens are kept ({@link #logits(int)} with 0..n-1; needs {@code n <= maxBatch});
     * otherwise only the last token's ({@link #logits(int)} with 0). Returns the number of logit rows.
     */
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
            if (t < 0 || t >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + t + " is outside the vocabulary of " + config.vocabSize());
            }
        }
        int rows = 0;
        for (int done = 0; done < n; ) {
            int b = Math.min(maxBatch, n - done);
            rows = batch(tokens, off + done, b, allLogits);
            done += b;
        }
        return rows;
    }

    /** Logits of row {@code row} of the last {@link #forward} call (valid until the next call). */
    public float[] logits(int row) {
        return logits[row];
    }

    @Override
    public LogitSource logitSource(int row) {
        return hostLogits.point(logits[row]);
    }

    @Override
    public void probeLayers(LayerProbe probe) {
        this.probe = probe;
    }

    private final HostLogits hostLogits = new HostLogits();

    private int batch(int[] tokens, int off, int n, boolean allLogits) {
        int pos = position;
        for (int t = 0; t < n; t++) {
            tokenEmbedding.dequantizeRow(tokens[off + t], x[t]);
            rope.angles(pos + t, ropeCos[t], ropeSin[t]);
        }
        for (int layer = 0; layer < config.blockCount(); layer++) {
            if (probe != null) {
                probe.atLayer(layer, pos, x, n);
            }
            layer(layer, n, pos);
        }
        if (probe != null) {
            probe.atLayer(config.blockCount(), pos, x, n);
        }
        position = pos + n;
        // Final norm and output projection, only for the rows whose logits are wanted.
        int first = allLogits ? 0 : n - 1;
        int rows = n - first;
        for (int r = 0; r < rows; r++) {
            Norms.rmsNorm(x[first + r], 0, config.embeddingLength(), outputNorm, 0, config.rmsEps(), finalNormed[r], 0);
        }
        ensureLogitRows(rows);
        finalPrepared.reset(finalNormed, rows, config.embeddingLength());
        QuantizedRow[] in = finalPrepared.get(team, output);
        output.multiply(team, in, rows, logits);
        return rows;
    }

    private void ensureLogitRows(int rows) {
        if (logits.length < rows || logits[0] == null) {
            float[][] bigger = new float[Math.max(rows, logits.length)][];
            for (int i = 0; i < bigger.length; i++) {
                bigger[i] = i < logits.length && logits[i] != null ? logits[i] : new float[config.vocabSize()];
            }
            logits = bigger;
        }
    }

    /** One transformer block over tokens {@code [0, n)} of the batch at positions {@code startPos..}. */
    protected abstract void layer(int layer, int n, int startPos);

    // ---- building blocks shared by the architectures ----

    /** {@code xn[t] = rmsNorm(x[t]) * w} for the batch, and points {@link #normed} at it. */
    protected void normInput(float[] w, int n) {
        int e = config.embeddingLength();
        for (int t = 0; t < n; t++) {
            Norms.rmsNorm(x[t], 0, e, w, 0, config.rmsEps(), xn[t], 0);
        }
        normed.reset(xn, n, e);
    }

    /** {@code q, k, v = Wq·xn, Wk·xn, Wv·xn}. */
    protected void projectQkv(Linear wq, Linear wk, Linear wv, int n) {
        wq.multiply(team, normed.get(team, wq), n, q);
        wk.multiply(team, normed.get(team, wk), n, k);
        wv.multiply(team, normed.get(team, wv), n, v);
    }

    /** RMS-normalises each head of {@code rows} separately ({@code heads} heads of head_dim). */
    protected void normHeads(float[][] rows, int heads, float[] w, int n) {
        int d = config.headDim();
        for (int t = 0; t < n; t++) {
            for (int h = 0; h < heads; h++) {
                Norms.rmsNorm(rows[t], h * d, d, w, 0, config.rmsEps(), rows[t], h * d);
            }
        }
    }

    /** RMS-normalises the whole {@code width} of each row. */
    protected void normRows(float[][] rows, int width, float[] w, int n) {
        for (int t = 0; t < n; t++) {
            Norms.rmsNorm(rows[t], 0, width, w, 0, config.rmsEps(), rows[t], 0);
        }
    }

    /** Applies RoPE to q and k of every token of the batch. */
    protected void rotate(int n) {
        for (int t = 0; t < n; t++) {
            rope.apply(q[t], 0, config.headCount(), ropeCos[t], ropeSin[t]);
            rope.apply(k[t], 0, config.headCountKv(), ropeCos[t], ropeSin[t]);
        }
    }

    /** Caches k and v, attends, and projects: {@code tmp = Wo·attention(q)}. */
    protected void attend(int layer, Linear wo, int n, int startPos) {
        attention.store(cache, layer, k, v, n, startPos);
        attention.compute(team, cache, layer, q, attnOut, n, startPos);
        attnPrepared.reset(attnOut, n, config.queryWidth());
        wo.multiply(team, attnPrepared.get(team, wo), n, tmp);
    }

    /** {@code x[t] += tmp[t]}: the residual connection. */
    protected void addResidual(int n) {
        int e = config.embeddingLength();
        for (int t = 0; t < n; t++) {
            float[] xt = x[t];
            float[] d = tmp[t];
            for (int i = 0; i < e; i++) {
                xt[i] = d[i] + xt[i];
            }
        }
    }

    // ---- loading helpers ----

    protected Linear matrix(String name, int cols, int rows) {
        return Linear.of(file.tensor(name), source, cols, rows, packer);
    }

    /** A layer's expert matrices, stacked in one tensor or one per expert (see {@link ExpertTensors}). */
    protected Linear[] expertMatrices(String name, int cols, int rows) {
        return ExpertTensors.perExpert(file, name, config.expertCount())
                .map(perExpert -> Linear.experts(perExpert, source, cols, rows, packer))
                .orElseGet(() -> Linear.experts(file.tensor(name), source, cols, rows, config.expertCount(), packer));
    }

    /** A 1-D F32 norm weight of the given length, copied to the heap (it is tiny and read constantly). */
    protected float[] norm(String name, int length) {
        return floats(source, file.tensor(name), length);
    }

    private static float[] floats(String source, GgufTensor t, int length) {
        if (t.type() != GgmlType.F32 || t.rank() != 1 || t.dim(0) != length) {
            throw new GgufFormatException(source + ": tensor '" + t.name() + "' should be F32 [" + length + "], is "
                    + t.type() + " " + Arrays.toString(t.dims()));
        }
        return t.data().toArray(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
    }

    /** Bytes of the weights repacked at load time (see {@link ModelOptions#packWeights}); 0 if none. */
    @Override
    public long packedWeightBytes() {
        return packer.packedBytes();
    }

    /** Bytes of the KV cache. */
    public long kvCacheBytes() {
        return cache.bytes();
    }

    /** The KV cache's element type (F32 where a subclass keeps its own cache). */
    public GgmlType kvCacheType() {
        return cache != null ? cache.type : GgmlType.F32;
    }

    @Override
    public void close() {
        // The file and team belong to whoever opened them (see ModelLoader); the packed weights to the model.
        packer.close();
    }
}
