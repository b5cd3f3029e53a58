package io.docswarm.engine.model;

/**
 * Keys and values of every layer for every position so far, in F32 (what the llama.cpp comparison uses;
 * its default F16 cache alone moves logits by about 2e-3). Layout per layer: {@code [position][kvWidth]}.
 */
final class KvCache {
    final int layers;
    final int capacity;
    final int width;
    final float[][] keys;
    final float[][] values;

    KvCache(int layers, int capacity, int width) {
        long bytes = 2L * layers * capacity * width * Float.BYTES;
        if ((long) capacity * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("KV cache of " + capacity + " positions x " + width
                    + " floats per layer is too large; use a smaller context (" + bytes + " bytes)");
        }
        this.layers = layers;
        this.capacity = capacity;
        this.width = width;
        this.keys = new float[layers][capacity * width];
        this.values = new float[layers][capacity * width];
    }

    long bytes() {
        return 2L * layers * capacity * width * Float.BYTES;
    }
}
