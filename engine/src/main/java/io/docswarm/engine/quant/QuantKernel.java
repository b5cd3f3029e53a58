package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The kernels of one weight type: its ggml block layout (dequantize, quantize) and its dot product with an
 * activation row prepared as ggml's CPU path prepares it ({@link #activationType()}).
 *
 * <p>Weight data is read in place from a {@link MemorySegment} (usually a memory-mapped GGUF file) at a byte
 * offset; nothing is copied and no call allocates. Every method takes an element count {@code n} that must
 * be a multiple of the type's block size.
 */
public sealed interface QuantKernel
        permits F32Kernel, F16Kernel, BF16Kernel, Q8_0Kernel, Q4_0Kernel, Q4_1Kernel, Q5_0Kernel, Q5_1Kernel,
        Q4KKernel, Q5KKernel, Q6KKernel {

    /** The weight type. */
    GgmlType type();

    /** What activations are turned into before the dot product (ggml's {@code vec_dot_type}). */
    GgmlType activationType();

    /** Decodes {@code n} elements stored at {@code offset} into {@code dst[dstOffset ..]} (scalar reference). */
    void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n);

    /**
     * Encodes {@code src[srcOffset .. srcOffset+n)} as blocks of this type at {@code offset}. For Q8_0, Q4_0,
     * Q4_1, Q5_0, Q5_1, F16 and BF16 this is ggml's reference encoding; for the K-quants it is a valid,
     * simpler encoding than ggml's search (used to build test fixtures, not to reproduce llama.cpp's quantizer
     * bit for bit).
     */
    void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n);

    /**
     * The dot product of {@code n} weights at {@code offset} with {@code x[0 .. n)}, computed one element at
     * a time with ggml's generic (scalar) order of operations: the reference the vector kernel is tested
     * against.
     */
    float dotReference(MemorySegment w, long offset, QuantizedRow x, int n);

    /** The same dot product with the Vector API: the one matrix products use. */
    float dot(MemorySegment w, long offset, QuantizedRow x, int n);

    /**
     * One activation row times {@code rows} consecutive weight rows, {@code rowBytes} apart from {@code offset}:
     * {@code out[outOffset + r] = dot(w, offset + r * rowBytes, x, n)}, bit for bit. The token loop's
     * matrix-vector products go through it. The 512-bit K-quant kernels run the rows in one loop, so the
     * per-call set-up (argument checks, vector constants) is paid once per range rather than once per row:
     * that is 10-20% of a row of 1,024 or 2,048 elements ({@link #runsRowRanges}). This default calls
     * {@link #dot} per row.
     */
    default void dotRows(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n, float[] out,
            int outOffset) {
        for (int r = 0; r < rows; r++) {
            out[outOffset + r] = dot(w, offset + r * rowBytes, x, n);
        }
    }

    /**
     * Whether {@link #dotRows} runs a range of rows in one loop of the kernel's own, so callers should prefer it to
     * calling {@link #dot} per row. Where it is false, callers keep their per-row loops: the default
     * {@code dotRows}, one call site shared by every kernel type, let C2 inline some kernels' {@code dot} into it
     * with vector operations left boxed (1.5 KB per token in {@code DecodeAllocationTest}'s qwen3moe Q8_0 case,
     * from its F32 router).
     */
    default boolean runsRowRanges() {
        return false;
    }

    /**
     * One weight row times several activation rows: {@code out[from + j][column] = dot(w, offset, xs[from + j], n)}
     * for {@code j < count}, bit for bit the same as {@link #dot}, except where {@link #decodesRows() decoded
     * rows} take four activation rows or more ({@link DecodedProduct}: the same value up to float rounding).
     * Kernels whose cost is in decoding the weights override it to decode each block once for a group of
     * activation rows; this default simply calls {@link #dot} per row.
     */
    default void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        for (int j = from; j < from + count; j++) {
            out[j][column] = dot(w, offset, xs[j], n);
        }
    }

    /**
     * Whether {@link #decodeRow} works for this type: the 512-bit K-quant kernels, whose prompt batches
     * {@link DecodedProduct} multiplies from decoded rows.
     */
    default boolean decodesRows() {
        return false;
    }

    /**
     * Decodes the row of {@code n} elements at {@code offset} into {@code dst} for {@link DecodedProduct}: each
     * element as the float weight it stands for, in the order of {@link QuantizedRow#dequantized}.
     */
    default void decodeRow(MemorySegment w, long offset, int n, DecodedRow dst) {
        throw new UnsupportedOperationException(type() + " rows are not decoded for batch products");
    }

    /**
     * A 512-bit kernel's one-row products over {@code rows} rows {@code rowBytes} apart, in one loop: each row's
     * result written to {@code out[outOffset + r]} unless {@code out} is null, the last one returned.
     */
    @FunctionalInterface
    interface WideRows {
        float run(MemorySegment w, long offset, long rowBytes, int rows, QuantizedRow x, int n, float[] out,
                int outOffset);
    }

    /** A kernel's one-row product for narrower vectors. */
    @FunctionalInterface
    interface NarrowDot {
        float dot(MemorySegment w, long offset, QuantizedRow x, int n);
    }

    /** {@link #dot} of a kernel built on {@link WideRows}: arguments checked, then one row, wide or narrow. */
    static float dotByRows(QuantKernel kernel, WideRows wide, NarrowDot narrow, MemorySegment w, long offset,
            QuantizedRow x, int n) {
        checkRow(kernel.type(), w, offset, n);
        checkActivation(kernel, x, n);
        return VectorSupport.L == 16 ? wide.run(w, offset, 0, 1, x, n, null, 0) : narrow.dot(w, offset, x, n);
    }

    /** {@link #dotRows} of a kernel built on {@link WideRows}: arguments checked once, then the range. */
    static void dotRowsByRows(QuantKernel kernel, WideRows wide, NarrowDot narrow, MemorySegment w, long offset,
            long rowBytes, int rows, QuantizedRow x, int n, float[] out, int outOffset) {
        checkRows(kernel.type(), w, offset, rowBytes, rows, n, out, outOffset);
        checkActivation(kernel, x, n);
        if (VectorSupport.L == 16) {
            wide.run(w, offset, rowBytes, rows, x, n, out, outOffset);
            return;
        }
        for (int r = 0; r < rows; r++) {
            out[outOffset + r] = narrow.dot(w, offset + r * rowBytes, x, n);
        }
    }

    /** A kernel's four-row dot product: each weight block decoded once for four activation rows. */
    @FunctionalInterface
    interface FourRows {
        void dot4(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2, QuantizedRow x3,
                int n, float[] out0, float[] out1, float[] out2, float[] out3, int column);
    }

    /**
     * The batching every decoding kernel shares: arguments checked once, rows in groups of four through
     * {@code four}, the remainder one by one through {@link #dot} (bit for bit the same result).
     */
    static void dotBatchByFours(QuantKernel kernel, FourRows four, MemorySegment w, long offset, QuantizedRow[] xs,
            int from, int count, int n, float[][] out, int column) {
        if (count >= 4) {
            checkRow(kernel.type(), w, offset, n); // the remainder's dot checks its own arguments
        }
        int j = from;
        for (; j + 4 <= from + count; j += 4) {
            for (int i = j; i < j + 4; i++) {
                checkActivation(kernel, xs[i], n);
            }
            four.dot4(w, offset, xs[j], xs[j + 1], xs[j + 2], xs[j + 3], n, out[j], out[j + 1], out[j + 2],
                    out[j + 3], column);
        }
        for (; j < from + count; j++) {
            out[j][column] = kernel.dot(w, offset, xs[j], n);
        }
    }

    /** The kernel for weights of {@code type}; fails clearly for types the engine does not compute with. */
    static QuantKernel of(GgmlType type) {
        Objects.requireNonNull(type, "type");
        return switch (type) {
            case F32 -> F32Kernel.INSTANCE;
            case F16 -> F16Kernel.INSTANCE;
            case BF16 -> BF16Kernel.INSTANCE;
            case Q8_0 -> Q8_0Kernel.INSTANCE;
            case Q4_0 -> Q4_0Kernel.INSTANCE;
            case Q4_1 -> Q4_1Kernel.INSTANCE;
            case Q5_0 -> Q5_0Kernel.INSTANCE;
            case Q5_1 -> Q5_1Kernel.INSTANCE;
            case Q4_K -> Q4KKernel.INSTANCE;
            case Q5_K -> Q5KKernel.INSTANCE;
            case Q6_K -> Q6KKernel.INSTANCE;
            default -> throw new IllegalArgumentException("no kernel for weight type " + type
                    + " (supported: " + supportedWeightTypes() + ")");
        };
    }

    /** The weight types {@link #of} has a kernel for, in GGUF id order, for error messages. */
    static String supportedWeightTypes() {
        StringBuilder out = new StringBuilder();
        for (GgmlType t : GgmlType.values()) {
            if (t.supported() && !t.activationOnly()) {
                out.append(out.isEmpty() ? "" : ", ").append(t);
            }
        }
        return out.toString();
    }

    /**
     * Checks the arguments every kernel method shares: {@code n} whole blocks, the bytes inside the segment,
     * and (for dot products) an activation of the right type and length. Kernels call it once per row so the
     * inner loops need no checks of their own beyond the JIT's.
     */
    static void checkRow(GgmlType type, MemorySegment data, long offset, int n) {
        if (n <= 0 || n % type.blockSize() != 0) {
            throw new IllegalArgumentException(type + " rows need a positive multiple of " + type.blockSize()
                    + " elements, got " + n);
        }
        long bytes = type.bytesFor(n);
        if (offset < 0 || offset > data.byteSize() - bytes) {
            throw new IndexOutOfBoundsException(type + " row of " + n + " elements (" + bytes
                    + " bytes) at offset " + offset + " does not fit in " + data.byteSize() + " bytes");
        }
    }

    /**
     * {@link #checkRow} for the first and the last of {@code rows} rows {@code rowBytes} apart (every row between
     * lies between them), and room for the results in {@code out}.
     */
    static void checkRows(GgmlType type, MemorySegment data, long offset, long rowBytes, int rows, int n,
            float[] out, int outOffset) {
        Objects.checkFromIndexSize(outOffset, rows, out.length);
        if (rows > 0) {
            if (rowBytes < 0) {
                throw new IllegalArgumentException("row stride must not be negative, got " + rowBytes);
            }
            checkRow(type, data, offset, n);
            checkRow(type, data, offset + (rows - 1) * rowBytes, n);
        }
    }

    static void checkActivation(QuantKernel kernel, QuantizedRow x, int n) {
        if (x.type() != kernel.activationType()) {
            throw new IllegalArgumentException(kernel.type() + " weights need a " + kernel.activationType()
                    + " activation row, got " + x.type());
        }
        if (x.length() < n) {
            throw new IllegalArgumentException("activation row has " + x.length() + " elements, the dot needs " + n);
        }
        if (x.lean) {
            throw new IllegalArgumentException(kernel.type() + " weights read in place need a full activation row, "
                    + "got one prepared for packed weights only");
        }
    }
}
