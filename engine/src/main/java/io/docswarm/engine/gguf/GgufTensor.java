package io.docswarm.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One tensor of a GGUF file: its name, element type, dimensions in ggml order ({@code dims[0]} is the
 * innermost, contiguous dimension: the row length of a weight matrix) and its bytes, a read-only slice
 * of the file's mapping (nothing is copied).
 *
 * @param offset absolute byte offset of the data in the file
 */
public record GgufTensor(String name, GgmlType type, long[] dims, long offset, MemorySegment data) {
    public GgufTensor {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return i < dims.length ? dims[i] : 1;
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteSize() {
        return data.byteSize();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensor t && name.equals(t.name) && type == t.type && Arrays.equals(dims, t.dims)
                && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims);
    }
}
