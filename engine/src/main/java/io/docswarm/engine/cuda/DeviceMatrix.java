package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import java.util.Locale;

/**
 * A weight matrix of {@code rows} rows of {@code cols} elements in its ggml block type, uploaded as it is in
 * the file; for an expert stack ({@code [cols, rows, experts]}) expert {@code e}'s matrix starts
 * {@code e * expertBytes} bytes in. The product kernels are named by family and weight type
 * ({@code matvec_q4_k}, {@code swiglu_q4_k}, {@code matvec_wide_f32}, ...), one per type in matvec.cu.
 */
record DeviceMatrix(String name, DeviceBuffer data, GgmlType type, int rows, int cols, long expertBytes) {
    /**
     * Whether expert products take matvec.cu's coalesced layout (Q4_K and Q6_K; a warp's loads one 128-byte line
     * each). On by default; {@code -Ddocswarm.cuda.coalescedExperts=false} keeps the warp-per-row layout, for
     * timing one against the other in a whole model.
     */
    static final boolean COALESCED_EXPERTS =
            Boolean.parseBoolean(System.getProperty("docswarm.cuda.coalescedExperts", "true"));

    /** The product kernel, a warp per row. */
    String kernel() {
        return "matvec_" + typeSuffix();
    }

    /** The product kernel for expert slots ({@code experts}) or for plain rows. */
    String kernel(boolean experts) {
        return kernel() + layoutSuffix(experts);
    }

    /** The kernel of SwiGLU's gate and up products with this matrix as the gate (the up matrix alike). */
    String swigluKernel() {
        return "swiglu_" + typeSuffix();
    }

    /** {@link #swigluKernel()} for expert slots ({@code experts}) or for plain rows. */
    String swigluKernel(boolean experts) {
        return swigluKernel() + layoutSuffix(experts);
    }

    /**
     * "_coalesced" where expert products take the coalesced layout: an H200 timed it faster for expert-sized
     * matrices (768 x 2048 and 2048 x 768) and slower for the 151,936-row output matrix (docs/benchmarks.md).
     */
    private String layoutSuffix(boolean experts) {
        return experts && COALESCED_EXPERTS && (type == GgmlType.Q4_K || type == GgmlType.Q6_K) ? "_coalesced" : "";
    }

    /**
     * The kernel with a block per row for rows a single warp would walk slowly (matvec.cu's BLOCK_ROW layout),
     * or null: a float matrix of few rows (a router: 128 or 256 experts) whose rows give each lane of one warp
     * at least 8 elements. Tall float matrices (an F16 model's) keep a warp per row: they have warps enough.
     */
    String wideKernel() {
        boolean floats = type == GgmlType.F32 || type == GgmlType.F16 || type == GgmlType.BF16;
        return floats && cols >= 8 * 32 && rows <= 1024 ? "matvec_wide_" + typeSuffix() : null;
    }

    private String typeSuffix() {
        return switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K -> type.name().toLowerCase(Locale.ROOT);
            default -> throw new IllegalStateException("no CUDA kernel for " + type);
        };
    }
}
