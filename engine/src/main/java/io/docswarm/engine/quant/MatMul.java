package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.util.Objects;

/**
 * Matrix products of {@link WeightMatrix} weights with float activations, spread over a fixed pool of
 * threads: {@link #matVec} for decoding (one activation row) and {@link #matMul} for a prompt batch.
 *
 * <p>Like ggml's CPU path, each activation row is first prepared once for the weight type (quantized to
 * Q8_0/Q8_K, rounded to F16/BF16; see {@link QuantizedRow}) and then reused for every weight row. Scratch
 * buffers are kept and only grow when a wider matrix or a larger batch than any before is seen, so a token
 * loop allocates nothing.
 *
 * <p>One instance serves one thread at a time (the forward pass); it is not reentrant. {@link #close} stops
 * the worker threads.
 */
public final class MatMul implements AutoCloseable {
    /** Below this many weight bytes a product runs on the calling thread alone: waking workers costs more. */
    private static final long PARALLEL_MIN_BYTES = 48 * 1024;
    /** Weight bytes per chunk of work: small enough to balance, large enough to amortize the claim. */
    private static final long CHUNK_BYTES = 32 * 1024;
    /**
     * Activation rows per tile in {@link #matMul} through {@link QuantKernel#dotBatch}: their floats stay in L2
     * while weight rows stream past. Through {@link DecodedProduct}, its own {@link DecodedProduct#TOKEN_TILE}.
     */
    private static final int ACTIVATION_TILE = 8;

    private final WorkerPool pool;
    private QuantizedRow vectorRow = new QuantizedRow(256);
    private QuantizedRow[] batchRows = new QuantizedRow[0];
    /** {@link #matMul}'s results, one array per activation row (the layout kernels write batches in). */
    private float[][] batchOut = new float[0][];

    // The current job's operands, set before each pool run (the jobs below are allocated once).
    private WeightMatrix weights;
    private QuantKernel kernel;
    private QuantizedRow[] rows;
    private float[] input;
    private float[] output;
    private int batch;
    private int rowsPerChunk;
    private int rowChunks;
    private int activationTile = ACTIVATION_TILE;
    private final WorkerPool.Job matVecJob = this::matVecChunk;
    private final WorkerPool.Job matMulJob = this::matMulChunk;
    private final WorkerPool.Job quantizeJob = this::quantizeChunk;
    private final QuantizedRow[] single = new QuantizedRow[1];

    /** A pool of {@code threads} threads in all (the caller plus {@code threads - 1} workers). */
    public MatMul(int threads) {
        this.pool = new WorkerPool(threads);
    }

    /** Uses every available processor. */
    public MatMul() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return pool.threads();
    }

    /** {@code out[r] = dot(w row r, x[0 .. w.cols()))} for every row r of {@code w}. */
    public void matVec(WeightMatrix w, float[] x, float[] out) {
        Objects.requireNonNull(w, "w");
        checkLength("x", x, w.cols());
        vectorRow = ensureCapacity(vectorRow, w.cols());
        vectorRow.quantize(QuantKernel.of(w.type()).activationType(), x, 0, w.cols());
        matVec(w, vectorRow, out);
    }

    /**
     * The same with an activation already prepared for this weight type — for several matrices that read
     * the same input (e.g. the gate and up projections of the selected experts), so it is quantized once.
     * {@code x.type()} must be {@code QuantKernel.of(w.type()).activationType()}.
     */
    public void matVec(WeightMatrix w, QuantizedRow x, float[] out) {
        Objects.requireNonNull(w, "w");
        checkLength("out", out, w.rows());
        QuantKernel k = QuantKernel.of(w.type());
        QuantKernel.checkActivation(k, x, w.cols());
        single[0] = x;
        start(w, k, single, out, 1);
        pool.run(matVecJob, rowChunks);
        clear();
    }

    /**
     * A batch: {@code xs} holds {@code n} activation rows of {@code w.cols()} floats each, one after the other;
     * {@code out} receives {@code n} rows of {@code w.rows()} floats: {@code out[j * w.rows() + r]} is row r
     * of {@code w} times activation row j (ggml's layout for a batch of tokens).
     */
    public void matMul(WeightMatrix w, float[] xs, int n, float[] out) {
        Objects.requireNonNull(w, "w");
        if (n <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + n);
        }
        checkLength("xs", xs, Math.multiplyExact(n, w.cols()));
        checkLength("out", out, Math.multiplyExact(n, w.rows()));
        QuantKernel k = QuantKernel.of(w.type());
        if (batchRows.length < n) {
            batchRows = java.util.Arrays.copyOf(batchRows, Math.max(n, 2 * batchRows.length));
        }
        for (int j = 0; j < n; j++) {
            batchRows[j] = ensureCapacity(batchRows[j], w.cols());
        }
        if (batchOut.length < n || batchOut[0].length < w.rows()) {
            int rowsOut = Math.max(w.rows(), batchOut.length > 0 ? batchOut[0].length : 0);
            batchOut = new float[Math.max(n, batchOut.length)][rowsOut];
        }
        start(w, k, batchRows, out, n);
        input = xs;
        pool.run(quantizeJob, n);
        // Decoded rows (DecodedProduct) pay their decoding once per tile: a larger one for them.
        activationTile = DecodedProduct.supports(k) ? DecodedProduct.TOKEN_TILE : ACTIVATION_TILE;
        int tiles = (n + activationTile - 1) / activationTile;
        pool.run(matMulJob, rowChunks * tiles);
        for (int j = 0; j < n; j++) {
            System.arraycopy(batchOut[j], 0, out, j * w.rows(), w.rows());
        }
        clear();
    }

    private void start(WeightMatrix w, QuantKernel k, QuantizedRow[] activations, float[] out, int n) {
        weights = w;
        kernel = k;
        rows = activations;
        output = out;
        batch = n;
        long perChunk = Math.max(1, CHUNK_BYTES / w.rowBytes());
        int fair = (w.rows() + threads() - 1) / threads(); // never fewer chunks than threads if rows allow
        rowsPerChunk = (int) Math.max(1, Math.min(perChunk, fair));
        if (rowsPerChunk > 3 && DecodedProduct.supports(k)) {
            rowsPerChunk &= ~3; // decoded rows go in fours: other chunks leave rows to the slower one-row kernel
        }
        if (n == 1 && w.rowBytes() * w.rows() < PARALLEL_MIN_BYTES) {
            rowsPerChunk = w.rows(); // one chunk: the caller does it alone
        }
        rowChunks = (w.rows() + rowsPerChunk - 1) / rowsPerChunk;
    }

    private void clear() {
        weights = null;
        kernel = null;
        rows = null;
        input = null;
        output = null;
        single[0] = null;
    }

    private void quantizeChunk(int j) {
        int cols = weights.cols();
        rows[j].quantize(kernel.activationType(), input, j * cols, cols);
    }

    private void matVecChunk(int chunk) {
        WeightMatrix w = weights;
        QuantKernel k = kernel;
        QuantizedRow x = rows[0];
        float[] out = output;
        int cols = w.cols();
        long rowBytes = w.rowBytes();
        int first = chunk * rowsPerChunk;
        int end = Math.min(w.rows(), first + rowsPerChunk);
        if (k.runsRowRanges()) {
            k.dotRows(w.data(), first * rowBytes, rowBytes, end - first, x, cols, out, first);
            return;
        }
        for (int r = first; r < end; r++) {
            out[r] = k.dot(w.data(), r * rowBytes, x, cols);
        }
    }

    private void matMulChunk(int chunk) {
        WeightMatrix w = weights;
        QuantKernel k = kernel;
        int rowChunk = chunk % rowChunks;
        int tile = chunk / rowChunks;
        int first = rowChunk * rowsPerChunk;
        int end = Math.min(w.rows(), first + rowsPerChunk);
        int j0 = tile * activationTile;
        int j1 = Math.min(batch, j0 + activationTile);
        int cols = w.cols();
        long rowBytes = w.rowBytes();
        float[][] results = batchOut;
        // The whole batch decides, not this tile: a last tile of one or two tokens takes the same float sums as
        // the rest (as Linear's products do), so a token's result does not depend on where the batch ends.
        if (batch >= DecodedProduct.MIN_TOKENS && DecodedProduct.supports(k)) {
            DecodedProduct.multiply(k, w.data(), rowBytes, cols, rows, j0, j1 - j0, results, 0, first, end);
            return;
        }
        for (int r = first; r < end; r++) {
            k.dotBatch(w.data(), r * rowBytes, rows, j0, j1 - j0, cols, results, r);
        }
    }

    private static QuantizedRow ensureCapacity(QuantizedRow row, int n) {
        return row != null && row.capacity() >= n ? row : new QuantizedRow(n);
    }

    private static void checkLength(String name, float[] array, int needed) {
        Objects.requireNonNull(array, name);
        if (array.length < needed) {
            throw new IllegalArgumentException(name + " has " + array.length + " elements, needs " + needed);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The activation type rows of {@code w} are multiplied with. */
    public static GgmlType activationType(WeightMatrix w) {
        return QuantKernel.of(w.type()).activationType();
    }
}
