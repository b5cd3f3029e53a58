package io.docswarm.engine.model;

/**
 * The attention cache of multi-head latent attention: per layer and position only the normalised
 * compressed latent ({@code kvLoraRank} floats) followed by the RoPE-rotated key shared by all heads
 * ({@code ropeDim} floats). Keys and values per head are never materialised: queries are mapped into the
 * latent space instead (see {@link DeepSeek2Model}). F32, as the llama.cpp comparison runs it.
 */
final class LatentCache {
    final int layers;
    final int capacity;
    final int latentDim;
    final int ropeDim;
    /** Floats per position: {@code latentDim + ropeDim}. */
    final int width;
    /** Per layer: {@code [position][latent | rope key]}. */
    final float[][] rows;

    LatentCache(int layers, int capacity, int latentDim, int ropeDim) {
        this.layers = layers;
        this.capacity = capacity;
        this.latentDim = latentDim;
        this.ropeDim = ropeDim;
        this.width = latentDim + ropeDim;
        if ((long) capacity * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("latent cache of " + capacity + " positions x " + width
                    + " floats per layer is too large; use a smaller context");
        }
        this.rows = new float[layers][capacity * width];
    }

    /** Bytes per cached token over all layers. */
    long bytesPerToken() {
        return (long) layers * width * Float.BYTES;
    }

    long bytes() {
        return bytesPerToken() * capacity;
    }
}
