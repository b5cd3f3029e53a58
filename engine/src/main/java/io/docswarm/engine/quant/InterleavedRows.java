package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * A weight layout that keeps {@link #ROWS} rows side by side, repacked at load time from the file's row-major
 * blocks, so that one vector operation serves sixteen rows: the per-block work a one-row product pays for every
 * row (scales, block sums, adding the lanes up) is paid once per sixteen rows, in lanes that each stand for a
 * row. llama.cpp's CPU backend repacks some types for x86 in the same spirit; these layouts are our own, built
 * for the Vector API: 16-bit integer products for the K-quants (Q8_K activations), float products of exact
 * integers for Q8_0 (Q8_0 activations). Only on machines with 512-bit vectors; {@link #forType} says which types.
 */
public sealed interface InterleavedRows permits InterleavedQ4K, InterleavedQ6K, InterleavedQ8_0 {
    /** Rows per group: one float lane each. */
    int ROWS = 16;

    /** The layout for {@code type} weights on this machine, or null where there is none. */
    static InterleavedRows forType(GgmlType type) {
        if (VectorSupport.L != 16) {
            return null;
        }
        return switch (type) {
            case Q4_K -> InterleavedQ4K.INSTANCE;
            case Q6_K -> InterleavedQ6K.INSTANCE;
            case Q8_0 -> InterleavedQ8_0.INSTANCE;
            default -> null;
        };
    }

    /** The weight type this layout repacks. */
    GgmlType type();

    /** Columns of one of the file's blocks (a K-quant super-block: 256). */
    default int blockColumns() {
        return KQuants.QK_K;
    }

    /** The activations' type: the rows that {@link #multiply} takes. */
    default GgmlType activationType() {
        return GgmlType.Q8_K;
    }

    /** Whether a matrix of this many rows and columns packs: whole groups of rows, whole blocks. */
    default boolean packs(int rows, int cols) {
        return rows > 0 && rows % ROWS == 0 && cols > 0 && cols % blockColumns() == 0;
    }

    /** Bytes of one group-block: sixteen rows of one block. */
    int groupBlockBytes();

    /** Bytes of a packed {@code rows x cols} matrix: group-blocks, per group in column order, groups in order. */
    default long packedBytes(int rows, int cols) {
        return (long) rows / ROWS * (cols / blockColumns()) * groupBlockBytes();
    }

    /**
     * Packs row groups {@code [groupStart, groupEnd)} of the row-major matrix {@code src} ({@code cols} columns)
     * into {@code dst}, which holds the whole packed matrix. Groups are independent: threads may pack different
     * ranges at once.
     */
    default void pack(MemorySegment src, int cols, MemorySegment dst, int groupStart, int groupEnd) {
        int blocks = cols / blockColumns();
        int blockBytes = (int) type().bytesFor(blockColumns());
        long rowBytes = type().bytesFor(cols);
        // Each group-block is put together in a heap buffer from a heap copy of its sixteen source blocks, then
        // copied out whole: the byte shuffling then runs on one kind of segment, and the mapped file and the
        // packed memory see only bulk copies. Reading and writing them field by field ran at 250-500 MB/s.
        MemorySegment in = MemorySegment.ofArray(new byte[ROWS * blockBytes]);
        MemorySegment out = MemorySegment.ofArray(new byte[groupBlockBytes()]);
        for (int g = groupStart; g < groupEnd; g++) {
            for (int b = 0; b < blocks; b++) {
                for (int r = 0; r < ROWS; r++) {
                    MemorySegment.copy(src, ((long) g * ROWS + r) * rowBytes + (long) b * blockBytes, in,
                            (long) r * blockBytes, blockBytes);
                }
                for (int r = 0; r < ROWS; r++) {
                    packRowBlock(in, (long) r * blockBytes, out, 0, r);
                }
                MemorySegment.copy(out, 0, dst, ((long) g * blocks + b) * groupBlockBytes(), groupBlockBytes());
            }
        }
    }

    /** Writes the file's block at {@code at} of {@code src} as row {@code r} of group-block {@code out}. */
    void packRowBlock(MemorySegment src, long at, MemorySegment dst, long out, int r);

    /** Row {@code row} decoded to floats, in column order, exactly as the type's kernel decodes the file's row. */
    void dequantizeRow(MemorySegment packed, int cols, int row, float[] dst, int dstOffset);

    /**
     * {@code out[t][outOffset + 16 g + r]} = row {@code 16 g + r} times {@code xs[t]} for groups
     * {@code [groupStart, groupEnd)} and tokens {@code [from, from + count)} ({@link #activationType} rows of
     * {@code cols} elements). Tokens go several at a time (a weight read and unpacked once for all of them), the
     * few left over one at a time, with the same numbers; each group's weights stay in cache while the tokens
     * pass. Allocates nothing.
     */
    default void multiply(MemorySegment packed, int cols, QuantizedRow[] xs, int from, int count, float[][] out,
            int outOffset, int groupStart, int groupEnd) {
        multiplyEachGroup(packed, cols, xs, from, count, out, outOffset, groupStart, groupEnd);
    }

    /** {@link #multiply} one group at a time ({@link #multiplyGroup}). */
    default void multiplyEachGroup(MemorySegment packed, int cols, QuantizedRow[] xs, int from, int count,
            float[][] out, int outOffset, int groupStart, int groupEnd) {
        checkActivations(cols, xs, from, count);
        int tile = tokenTile(cols);
        for (int t0 = from; t0 < from + count; t0 += tile) {
            int t1 = Math.min(from + count, t0 + tile);
            for (int g = groupStart; g < groupEnd; g++) {
                multiplyGroup(packed, cols, g, xs, t0, t1, out, outOffset);
            }
        }
    }

    /** One block {@code b} of groups {@code g} and {@code g + 1} times a layout's run of tokens from {@code t}. */
    @FunctionalInterface
    interface GroupPairProduct {
        void multiply(MemorySegment packed, int cols, int g, int b, QuantizedRow[] xs, int t, float[][] out,
                int outOffset);
    }

    /**
     * {@link #multiply} two groups at a time, {@code tokens} tokens at a time through {@code product}, which
     * shares each activation broadcast between both groups' rows (a one-group product pays one per sixteen rows).
     * Fewer tokens, the tokens left over and a last lone group go through {@link #multiplyEachGroup}: compiled
     * inside these loops, the one-token product kept vectors boxed (DecodeAllocationTest: 34,848 bytes per token).
     */
    default void multiplyGroupPairs(int tokens, GroupPairProduct product, MemorySegment packed, int cols,
            QuantizedRow[] xs, int from, int count, float[][] out, int outOffset, int groupStart, int groupEnd) {
        if (count < tokens || groupEnd - groupStart < 2) {
            multiplyEachGroup(packed, cols, xs, from, count, out, outOffset, groupStart, groupEnd);
            return;
        }
        checkActivations(cols, xs, from, count);
        int tile = tokenTile(cols);
        int blocks = cols / blockColumns();
        for (int t0 = from; t0 < from + count; t0 += tile) {
            int t1 = Math.min(from + count, t0 + tile);
            int g = groupStart;
            for (; g + 2 <= groupEnd; g += 2) {
                int t = t0;
                for (; t + tokens <= t1; t += tokens) {
                    for (int b = 0; b < blocks; b++) {
                        product.multiply(packed, cols, g, b, xs, t, out, outOffset);
                    }
                }
                if (t < t1) {
                    multiplyEachGroup(packed, cols, xs, t, t1 - t, out, outOffset, g, g + 2);
                }
            }
            if (g < groupEnd) {
                multiplyEachGroup(packed, cols, xs, t0, t1 - t0, out, outOffset, g, groupEnd);
            }
        }
    }

    /** One token times group {@code g} (or groups {@code g} and {@code g + 1}), whole rows, into {@code out}. */
    @FunctionalInterface
    interface OneTokenProduct {
        void multiply(MemorySegment packed, int cols, int g, QuantizedRow x, float[] out, int outOffset);
    }

    /**
     * {@link #multiply} a token at a time, two groups per call through {@code pair} (which shares each activation
     * broadcast between both groups' rows), a last lone group through {@code single}: how the layouts decode.
     */
    default void multiplyOneTokenGroupPairs(OneTokenProduct pair, OneTokenProduct single, MemorySegment packed,
            int cols, QuantizedRow[] xs, int from, int count, float[][] out, int outOffset, int groupStart,
            int groupEnd) {
        checkActivations(cols, xs, from, count);
        for (int t = from; t < from + count; t++) {
            int g = groupStart;
            for (; g + 2 <= groupEnd; g += 2) {
                pair.multiply(packed, cols, g, xs[t], out[t], outOffset);
            }
            if (g < groupEnd) {
                single.multiply(packed, cols, g, xs[t], out[t], outOffset);
            }
        }
    }

    /** {@link #multiply} for group {@code g} and tokens {@code [from, to)}, whose activations are checked. */
    void multiplyGroup(MemorySegment packed, int cols, int g, QuantizedRow[] xs, int from, int to, float[][] out,
            int outOffset);

    /**
     * Tokens per pass over a range of groups: their activations (Q8_K pairs: two bytes per column, Q8_0 quants
     * as floats: four) stay in a 512 KiB share of the L2 cache while the weights stream past; a
     * multiple of 8. With rows of 12,288 columns and all 64 tokens in one pass, Q4_K's prompt products ran at
     * half the speed of decoded floats (activations re-read from L3 for every group).
     */
    private int tokenTile(int cols) {
        int bytesPerColumn = activationType() == GgmlType.Q8_K ? 2 : Float.BYTES;
        return Math.max(8, (512 * 1024 / (bytesPerColumn * cols)) & ~7);
    }

    /** Refuses activations that are not {@link #activationType} rows of {@code cols} elements (Q8_K: 512-bit). */
    default void checkActivations(int cols, QuantizedRow[] xs, int from, int count) {
        GgmlType wanted = activationType();
        for (int t = from; t < from + count; t++) {
            QuantizedRow x = xs[t];
            if (x.type() != wanted || x.length() != cols || (wanted == GgmlType.Q8_K && x.pairs.length < cols / 2)) {
                throw new IllegalArgumentException("packed " + type() + " rows of " + cols + " columns need "
                        + (wanted == GgmlType.Q8_K ? "512-bit " : "") + wanted + " activations of that length, got "
                        + x.type() + " of " + x.length());
            }
        }
    }
}
