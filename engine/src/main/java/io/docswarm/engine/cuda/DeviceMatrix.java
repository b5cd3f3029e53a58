package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A weight matrix of {@code rows} rows of {@code cols} elements in its ggml block type, uploaded as it is in
 * the file; for an expert stack ({@code [cols, rows, experts]}) expert {@code e}'s matrix starts
 * {@code e * expertBytes} bytes in. The product kernels are named by family and weight type
 * ({@code matvec_q4_k}, {@code swiglu_q4_k}, {@code matvec_wide_f32}, ...), one per type in matvec.cu.
 */
record DeviceMatrix(String name, DeviceBuffer data, GgmlType type, int rows, int cols, long expertBytes) {
    /** The product kernel, a warp per row. */
    String kernel() {
        return "matvec_" + typeSuffix();
    }

    /** The kernel of SwiGLU's gate and up products with this matrix as the gate (the up matrix alike). */
    String swigluKernel() {
        return "swiglu_" + typeSuffix();
    }

    /**
     * The kernel that computes this matrix's product and {@code second}'s (fixed matrices, as {@link #kernel}
     * each) in one launch, or null where matvec.cu has none for the two types: pairs of distinct K-quants, whose
     * activations share the Q8_K form.
     */
    String pairKernel(DeviceMatrix second) {
        boolean kQuants = PAIRED_TYPES.contains(type) && PAIRED_TYPES.contains(second.type());
        return kQuants && type != second.type() && expertBytes == 0 && second.expertBytes() == 0
                && cols == second.cols() ? "matvec_pair_" + typeSuffix() + "_" + second.typeSuffix() : null;
    }

    private static final Set<GgmlType> PAIRED_TYPES = EnumSet.of(GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K);

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
