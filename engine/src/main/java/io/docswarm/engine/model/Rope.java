package io.docswarm.engine.model;

/**
 * Rotary position embedding as ggml's {@code rope_ext} computes it without YaRN: for pair {@code i} of a
 * head of {@code d} dimensions, {@code theta = pos · base^(-2i/d) · freqScale / factor[i]}. The angles
 * are built by repeated multiplication in float, as ggml does, so they round the same way.
 */
final class Rope {
    private final int headDim;
    private final float thetaScale;
    private final float freqScale;
    private final float[] freqFactors; // llama-3 style per-pair divisors, or null
    private final Architecture.RopeStyle style;

    Rope(int headDim, float base, float freqScale, float[] freqFactors, Architecture.RopeStyle style) {
        this.headDim = headDim;
        this.thetaScale = (float) Math.pow(base, -2.0f / headDim);
        this.freqScale = freqScale;
        this.freqFactors = freqFactors;
        this.style = style;
    }

    /** Fills {@code cos[0 .. d/2)} and {@code sin[0 .. d/2)} for position {@code pos}. */
    void angles(int pos, float[] cos, float[] sin) {
        float theta = pos;
        for (int i = 0; i < headDim / 2; i++) {
            float ff = freqFactors == null ? 1f : freqFactors[i];
            float t = freqScale * (theta / ff);
            cos[i] = (float) Math.cos(t);
            sin[i] = (float) Math.sin(t);
            theta *= thetaScale;
        }
    }

    /** Rotates {@code heads} consecutive heads of {@code x} starting at {@code off}, in place. */
    void apply(float[] x, int off, int heads, float[] cos, float[] sin) {
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            int base = off + h * headDim;
            for (int i = 0; i < half; i++) {
                int a = style == Architecture.RopeStyle.NEOX ? base + i : base + 2 * i;
                int b = style == Architecture.RopeStyle.NEOX ? base + i + half : base + 2 * i + 1;
                float x0 = x[a];
                float x1 = x[b];
                x[a] = x0 * cos[i] - x1 * sin[i];
                x[b] = x0 * sin[i] + x1 * cos[i];
            }
        }
    }
}
