package io.docswarm.engine.model;

/** RMS normalisation and the small element-wise functions of the forward pass, in ggml's arithmetic. */
final class Norms {
    private Norms() {}

    /**
     * {@code out[i] = x[i] / sqrt(mean(x²) + eps) * w[i]} over {@code [off, off+n)}. Like ggml, the squares
     * are summed in double and the scale is applied before the weight (two float roundings, as ggml's
     * rms_norm followed by mul).
     */
    static void rmsNorm(float[] x, int off, int n, float[] w, int wOff, float eps, float[] out, int outOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            sum += v * v;
        }
        float mean = (float) (sum / n);
        float scale = 1.0f / (float) Math.sqrt(mean + eps);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (x[off + i] * scale) * w[wOff + i];
        }
    }

    /** SiLU as ggml computes it: x / (1 + e^-x). */
    static float silu(float x) {
        return x / (1.0f + (float) Math.exp(-x));
    }

    /** In-place softmax over {@code [off, off+n)}; the sum in double, as ggml. */
    static void softmax(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < n; i++) {
            x[off + i] *= inv;
        }
    }
}
