package io.docswarm.engine.gguf;

/**
 * Tensor element types as numbered in GGUF files (ggml's {@code ggml_type}).
 *
 * <p>Quantized types store elements in fixed-size blocks; {@link #blockSize()} elements take
 * {@link #bytesPerBlock()} bytes. Only the types this engine computes with are marked
 * {@link #supported()}; the others are listed so a file using them gets a precise error instead of
 * "unknown type".
 */
public enum GgmlType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, true),
    Q5_0(6, 32, 22, true),
    Q5_1(7, 32, 24, true),
    Q8_0(8, 32, 34, true),
    /** Activation-only block type (for Q4_1/Q5_1 weights): f16 scale, f16 scale times quant sum, 32 int8 quants. */
    Q8_1(9, 32, 36, true),
    Q2_K(10, 256, 84, false),
    Q3_K(11, 256, 110, false),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, true),
    Q6_K(14, 256, 210, true),
    /** Activation-only block type: f32 scale, 256 int8 quants, 16 int16 partial sums. */
    Q8_K(15, 256, 292, true),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    BF16(30, 1, 2, true);

    private final int id;
    private final int blockSize;
    private final int bytesPerBlock;
    private final boolean supported;

    GgmlType(int id, int blockSize, int bytesPerBlock, boolean supported) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
        this.supported = supported;
    }

    public int id() {
        return id;
    }

    public int blockSize() {
        return blockSize;
    }

    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Whether the engine's kernels can compute with tensors of this type (as weights, or as activations). */
    public boolean supported() {
        return supported;
    }

    /**
     * Block types ggml only turns activations into, before dot products with quantized weights (its
     * {@code vec_dot_type}s Q8_1 and Q8_K): the engine never reads weights of these types.
     */
    public boolean activationOnly() {
        return this == Q8_1 || this == Q8_K;
    }

    /** Bytes taken by {@code elements} elements; {@code elements} must be a multiple of the block size. */
    public long bytesFor(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    this + " needs a multiple of " + blockSize + " elements, got " + elements);
        }
        return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
    }

    /** The type with this GGUF id, or {@code null} when the id is not one ggml defines (or not listed here). */
    public static GgmlType byId(int id) {
        for (GgmlType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        return null;
    }
}
