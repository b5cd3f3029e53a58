package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;

/**
 * A weight matrix of {@code rows} rows of {@code cols} elements in its ggml block type, uploaded as it is in
 * the file; for an expert stack ({@code [cols, rows, experts]}) expert {@code e}'s matrix starts
 * {@code e * expertBytes} bytes in.
 */
record DeviceMatrix(String name, DeviceBuffer data, GgmlType type, int rows, int cols, long expertBytes) {
    /**
     * The kernel with a block per row for rows a single warp would walk slowly (see matvec.cu's matvec_wide),
     * or null: a float matrix of few rows (a router: 128 or 256 experts) whose rows give each lane of one warp
     * at least 8 elements. Tall float matrices (an F16 model's) keep a warp per row: they have warps enough.
     */
    String wideKernel() {
        boolean fewLongRows = cols >= 8 * 32 && rows <= 1024;
        return !fewLongRows ? null : switch (type) {
            case F32 -> "matvec_wide_f32";
            case F16 -> "matvec_wide_f16";
            case BF16 -> "matvec_wide_bf16";
            default -> null;
        };
    }

    /** The matvec kernel for this weight type. */
    String kernel() {
        return switch (type) {
            case F32 -> "matvec_f32";
            case F16 -> "matvec_f16";
            case BF16 -> "matvec_bf16";
            case Q8_0 -> "matvec_q8_0";
            case Q4_0 -> "matvec_q4_0";
            case Q4_1 -> "matvec_q4_1";
            case Q5_0 -> "matvec_q5_0";
            case Q5_1 -> "matvec_q5_1";
            case Q4_K -> "matvec_q4_k";
            case Q5_K -> "matvec_q5_k";
            case Q6_K -> "matvec_q6_k";
            default -> throw new IllegalStateException("no CUDA kernel for " + type);
        };
    }
}
