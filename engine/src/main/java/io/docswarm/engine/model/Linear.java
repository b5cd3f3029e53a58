package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.quant.DecodedProduct;
import io.docswarm.engine.quant.InterleavedRows;
import io.docswarm.engine.quant.QuantKernel;
import io.docswarm.engine.quant.QuantizedRow;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A weight matrix of {@code rows} rows of {@code cols} elements, read in place from the mapped file, and
 * the kernel for its type. {@code y = W·x}: one dot product per row, each against the activation row
 * prepared as ggml prepares it for this weight type ({@link #activationType()}). Where the model's
 * {@link WeightPacker} packs the matrix ({@link InterleavedRows}), the packed copy replaces the file's bytes
 * for every product, sixteen rows at a time; row ranges then start and end on whole groups of sixteen.
 */
final class Linear {
    /** Tokens per pass over a chunk of rows: their activations stay in L1/L2 while the rows stream past. */
    private static final int TOKEN_TILE = 8;

    final String name;
    final MemorySegment data;
    final GgmlType type;
    final int rows;
    final int cols;
    final long rowBytes;
    final QuantKernel kernel;
    /** The packed copy that every product reads instead of {@link #data}, or null; and its layout. */
    private final MemorySegment packed;
    private final InterleavedRows layout;
    /** The model's packer, which knows whether activation rows for this matrix may be lean; or null. */
    private final WeightPacker packer;

    private Linear(String name, MemorySegment data, GgmlType type, int rows, int cols, MemorySegment packed,
            WeightPacker packer) {
        this.name = name;
        this.data = data;
        this.type = type;
        this.rows = rows;
        this.cols = cols;
        this.rowBytes = type.bytesFor(cols);
        this.kernel = QuantKernel.of(type);
        this.packed = packed;
        this.layout = packed == null ? null : InterleavedRows.forType(type);
        this.packer = packer;
    }

    /**
     * A 2-D tensor {@code [cols, rows]} in ggml order (checks the expected shape), packed by {@code packer} where
     * it packs this matrix ({@code packer} may be null: read in place).
     */
    static Linear of(GgufTensor t, String source, int cols, int rows, WeightPacker packer) {
        checkType(t, source);
        if (t.rank() != 2 || t.dim(0) != cols || t.dim(1) != rows) {
            throw new GgufFormatException(source + ": tensor '" + t.name() + "' has shape "
                    + java.util.Arrays.toString(t.dims()) + ", expected [" + cols + ", " + rows + "]");
        }
        MemorySegment packed = packer == null ? null : packer.pack(t.data(), t.type(), rows, cols, rows);
        return new Linear(t.name(), t.data(), t.type(), rows, cols, packed, packer);
    }

    /** The per-expert matrices of a 3-D tensor {@code [cols, rows, experts]}, read in place. */
    static Linear[] experts(GgufTensor t, String source, int cols, int rows, int experts) {
        return experts(t, source, cols, rows, experts, null);
    }

    /** The same, packed by {@code packer} where it packs them ({@code packer} may be null: never). */
    static Linear[] experts(GgufTensor t, String source, int cols, int rows, int experts, WeightPacker packer) {
        checkType(t, source);
        if (t.rank() != 3 || t.dim(0) != cols || t.dim(1) != rows || t.dim(2) != experts) {
            throw new GgufFormatException(source + ": tensor '" + t.name() + "' has shape "
                    + java.util.Arrays.toString(t.dims()) + ", expected [" + cols + ", " + rows + ", " + experts + "]");
        }
        long bytes = t.type().bytesFor((long) cols) * rows;
        MemorySegment packed = packer == null ? null
                : packer.pack(t.data(), t.type(), (long) rows * experts, cols, rows);
        long packedBytes = packed == null ? 0 : InterleavedRows.forType(t.type()).packedBytes(rows, cols);
        Linear[] out = new Linear[experts];
        for (int e = 0; e < experts; e++) {
            out[e] = new Linear(t.name() + "[" + e + "]", t.data().asSlice(e * bytes, bytes), t.type(), rows, cols,
                    packed == null ? null : packed.asSlice(e * packedBytes, packedBytes), packer);
        }
        return out;
    }

    /** The per-expert matrices of a file that keeps one 2-D tensor {@code [cols, rows]} per expert. */
    static Linear[] experts(List<GgufTensor> perExpert, String source, int cols, int rows, WeightPacker packer) {
        Linear[] out = new Linear[perExpert.size()];
        for (int e = 0; e < out.length; e++) {
            out[e] = of(perExpert.get(e), source, cols, rows, packer);
        }
        return out;
    }

    private static void checkType(GgufTensor t, String source) {
        if (!t.type().supported() || t.type().activationOnly()) {
            throw new GgufFormatException(source + ": tensor '" + t.name() + "' has type " + t.type()
                    + ", which this engine does not compute with (supported: " + QuantKernel.supportedWeightTypes()
                    + ")");
        }
    }

    GgmlType activationType() {
        return kernel.activationType();
    }

    /**
     * Whether this matrix's inputs may be prepared as {@linkplain QuantizedRow#QuantizedRow(int, boolean) lean}
     * rows: every matrix of the model with the same activation type is packed. Asked once the model is loaded.
     */
    boolean leanActivations() {
        return packer != null && packer.leanActivations(activationType());
    }

    /** One row's product (for matrices read in place: packed ones compute sixteen rows at a time). */
    float dot(int row, QuantizedRow x) {
        if (packed != null) {
            throw new IllegalStateException(name + " is packed: its rows are multiplied sixteen at a time");
        }
        return kernel.dot(data, row * rowBytes, x, cols);
    }

    /** Decodes row {@code row} into {@code dst[0 .. cols)} (embedding lookups). */
    void dequantizeRow(int row, float[] dst) {
        if (packed != null) {
            layout.dequantizeRow(packed, cols, row, dst, 0);
        } else {
            kernel.dequantize(data, row * rowBytes, dst, 0, cols);
        }
    }

    /**
     * {@code out[t][outOffset + r] = row r · x[t]} for rows {@code [rowStart, rowEnd)} and tokens
     * {@code [0, n)}. K-quant and Q8_0 weights on 512-bit machines, from {@link DecodedProduct#MIN_TOKENS}
     * tokens up, go through {@link DecodedProduct} (each row decoded once per tile of tokens); one token through
     * {@link QuantKernel#dotRows} where the kernel {@link QuantKernel#runsRowRanges runs row ranges}. Otherwise a few
     * tokens at a time go over all the rows (a chunk's rows stay in cache, and so do those tokens'
     * activations), and the kernel decodes each weight block once for the tokens of a group.
     */
    void multiply(QuantizedRow[] x, int n, float[][] out, int outOffset, int rowStart, int rowEnd) {
        if (packed != null) {
            if (rowStart % InterleavedRows.ROWS != 0 || rowEnd % InterleavedRows.ROWS != 0) {
                throw new IllegalArgumentException(name + " is packed in groups of " + InterleavedRows.ROWS
                        + " rows, asked for rows " + rowStart + " to " + rowEnd);
            }
            layout.multiply(packed, cols, x, 0, n, out, outOffset, rowStart / InterleavedRows.ROWS,
                    rowEnd / InterleavedRows.ROWS);
            return;
        }
        if (n >= DecodedProduct.MIN_TOKENS && DecodedProduct.supports(kernel)) {
            DecodedProduct.multiply(kernel, data, rowBytes, cols, x, 0, n, out, outOffset, rowStart, rowEnd);
            return;
        }
        if (n == 1 && kernel.runsRowRanges()) {
            kernel.dotRows(data, rowStart * rowBytes, rowBytes, rowEnd - rowStart, x[0], cols, out[0],
                    outOffset + rowStart);
            return;
        }
        for (int t = 0; t < n; t += TOKEN_TILE) {
            int count = Math.min(TOKEN_TILE, n - t);
            for (int r = rowStart; r < rowEnd; r++) {
                kernel.dotBatch(data, r * rowBytes, x, t, count, cols, out, outOffset + r);
            }
        }
    }

    /** The whole product on all threads of {@code team}. */
    void multiply(ThreadTeam team, QuantizedRow[] x, int n, float[][] out) {
        pendingX = x;
        pendingN = n;
        pendingOut = out;
        try {
            if (packed != null) {
                int groupRows = InterleavedRows.ROWS;
                team.parallelFor(rows / groupRows, Math.max(1, grain() / groupRows), groupsTask);
            } else {
                team.parallelFor(rows, grain(), rowsTask);
            }
        } finally {
            pendingX = null;
            pendingOut = null;
        }
    }

    // The product being computed by multiply(team, ...), read by rowsTask on the team's threads (the team's
    // hand-off publishes them). A task made once instead of a capturing lambda per call: the token loop
    // allocates nothing. A model runs one forward pass at a time, so one set per matrix suffices.
    private QuantizedRow[] pendingX;
    private int pendingN;
    private float[][] pendingOut;
    private final ThreadTeam.RangeTask rowsTask = this::multiplyPending;
    private final ThreadTeam.RangeTask groupsTask = this::multiplyPendingGroups;

    private void multiplyPending(int rowStart, int rowEnd) {
        multiply(pendingX, pendingN, pendingOut, 0, rowStart, rowEnd);
    }

    private void multiplyPendingGroups(int groupStart, int groupEnd) {
        multiply(pendingX, pendingN, pendingOut, 0, groupStart * InterleavedRows.ROWS, groupEnd * InterleavedRows.ROWS);
    }

    /** Rows per work chunk: enough work per chunk to amortise hand-out costs. */
    int grain() {
        return Math.max(1, 16384 / cols);
    }
}
