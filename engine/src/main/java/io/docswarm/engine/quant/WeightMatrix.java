package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A 2-D weight tensor as ggml stores it: {@code rows} rows of {@code cols} elements each, row-major, every
 * row encoded as {@code cols / type.blockSize()} consecutive blocks of {@code type}, little-endian, starting
 * at byte 0 of {@code data} (typically a slice of a memory-mapped GGUF file; never copied).
 *
 * <p>In ggml terms {@code cols} is {@code ne[0]} (the dot-product length) and {@code rows} is {@code ne[1]}.
 */
public record WeightMatrix(MemorySegment data, GgmlType type, int rows, int cols) {
    public WeightMatrix {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(type, "type");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("weight matrix needs positive dimensions, got " + rows + "x" + cols);
        }
        QuantKernel.of(type); // rejects types without kernels, with the type's name
        if (cols % type.blockSize() != 0) {
            throw new IllegalArgumentException(type + " rows need a multiple of " + type.blockSize()
                    + " columns, got " + cols);
        }
        long needed = Math.multiplyExact(type.bytesFor(cols), (long) rows);
        if (data.byteSize() < needed) {
            throw new IllegalArgumentException(rows + "x" + cols + " " + type + " matrix needs " + needed
                    + " bytes, data has " + data.byteSize());
        }
    }

    /** Bytes per row. */
    public long rowBytes() {
        return type.bytesFor(cols);
    }

    /** Byte offset of row {@code row} in {@link #data()}. */
    public long rowOffset(int row) {
        return row * rowBytes();
    }
}
