package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;

/**
 * Keys and values of every layer for every position so far. Layout per layer: {@code [position][kvWidth]}.
 *
 * <p>{@link GgmlType#F32} keeps them as computed (what the llama.cpp comparison tests use by default);
 * {@link GgmlType#F16}, llama.cpp's default cache type, halves the memory: values are rounded to the nearest
 * F16 (ties to even, as ggml's {@code vcvtps2ph} and {@link Float#floatToFloat16}) when stored, and kept as
 * their 16 bits. Only the arrays of the chosen type are allocated.
 */
final class KvCache {
    final GgmlType type;
    final int layers;
    final int capacity;
    final int width;
    /** F32 caches: the values; {@code null} for F16. */
    final float[][] keys;
    final float[][] values;
    /** F16 caches: the values' F16 bits; {@code null} for F32. */
    final short[][] keys16;
    final short[][] values16;

    KvCache(int layers, int capacity, int width) {
        this(layers, capacity, width, GgmlType.F32);
    }

    KvCache(int layers, int capacity, int width, GgmlType type) {
        if (type != GgmlType.F32 && type != GgmlType.F16) {
            throw new IllegalArgumentException("the KV cache holds F32 or F16, not " + type);
        }
        this.type = type;
        this.layers = layers;
        this.capacity = capacity;
        this.width = width;
        if ((long) capacity * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("KV cache of " + capacity + " positions x " + width
                    + " values per layer is too large; use a smaller context (" + bytes() + " bytes)");
        }
        boolean f16 = type == GgmlType.F16;
        this.keys = f16 ? null : new float[layers][capacity * width];
        this.values = f16 ? null : new float[layers][capacity * width];
        this.keys16 = f16 ? new short[layers][capacity * width] : null;
        this.values16 = f16 ? new short[layers][capacity * width] : null;
    }

    long bytes() {
        return 2L * layers * capacity * width * (type == GgmlType.F16 ? 2 : Float.BYTES);
    }

    /** Key {@code i} of position {@code pos} in {@code layer} as the attention reads it (tests). */
    float key(int layer, int pos, int i) {
        int at = pos * width + i;
        return type == GgmlType.F16 ? Float.float16ToFloat(keys16[layer][at]) : keys[layer][at];
    }

    float value(int layer, int pos, int i) {
        int at = pos * width + i;
        return type == GgmlType.F16 ? Float.float16ToFloat(values16[layer][at]) : values[layer][at];
    }
}
