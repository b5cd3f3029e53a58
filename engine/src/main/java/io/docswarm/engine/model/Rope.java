package io.docswarm.engine.model;

/**
 * Rotary position embedding as ggml's {@code rope_ext} computes it: for pair {@code i} of a rotated span of
 * {@code d} dimensions, {@code theta = pos · base^(-2i/d) / factor[i]}, scaled by {@code freqScale}. The angles
 * are built by repeated multiplication in float, as ggml does, so they round the same way.
 *
 * <p>With YaRN ({@link Yarn#extFactor()} non-zero) each pair blends the interpolated angle
 * ({@code freqScale · theta}) with the original one by a ramp over the pair index between the two
 * "correction dimensions", and cos/sin are multiplied by {@code attnFactor · (1 + 0.1·ln(1/freqScale))}.
 */
public final class Rope {
    private final int dims;
    private final float thetaScale;
    private final float freqScale;
    private final float[] freqFactors; // llama-3 style per-pair divisors, or null
    private final Architecture.RopeStyle style;
    private final Yarn yarn;

    /**
     * YaRN parameters as llama.cpp hands them to ggml: {@code extFactor} 1 for YaRN files (0: plain
     * scaling), the magnitude factor, and the ramp's correction dimensions {@code [low, high]}.
     */
    record Yarn(float extFactor, float attnFactor, float corrLow, float corrHigh) {
        static final Yarn NONE = new Yarn(0f, 1f, 0f, 0f);

        /**
         * ggml's {@code ggml_rope_yarn_corr_dims}: the pair indices where a rotation of {@code betaFast}
         * (resp. {@code betaSlow}) turns fits into the original context.
         */
        static Yarn of(float extFactor, float attnFactor, int dims, int originalContext, float base,
                       float betaFast, float betaSlow) {
            float low = (float) Math.floor(corrDim(dims, originalContext, betaFast, base));
            float high = (float) Math.ceil(corrDim(dims, originalContext, betaSlow, base));
            return new Yarn(extFactor, attnFactor, Math.max(0f, low), Math.min(dims - 1f, high));
        }

        private static float corrDim(int dims, int originalContext, float rotations, float base) {
            return dims * (float) Math.log(originalContext / (rotations * 2 * (float) Math.PI))
                    / (2 * (float) Math.log(base));
        }
    }

    Rope(int dims, float base, float freqScale, float[] freqFactors, Architecture.RopeStyle style) {
        this(dims, base, freqScale, freqFactors, style, Yarn.NONE);
    }

    Rope(int dims, float base, float freqScale, float[] freqFactors, Architecture.RopeStyle style, Yarn yarn) {
        this.dims = dims;
        this.thetaScale = (float) Math.pow(base, -2.0f / dims);
        this.freqScale = freqScale;
        this.freqFactors = freqFactors;
        this.style = style;
        this.yarn = yarn;
    }

    /** Dimensions rotated per head (pairs: half of it). */
    public int dims() {
        return dims;
    }

    /** Fills {@code cos[0 .. d/2)} and {@code sin[0 .. d/2)} for position {@code pos}. */
    public void angles(int pos, float[] cos, float[] sin) {
        float theta = pos;
        float mscale = yarn.attnFactor();
        if (yarn.extFactor() != 0f) {
            mscale *= 1.0f + 0.1f * (float) Math.log(1.0f / freqScale);
        }
        for (int i = 0; i < dims / 2; i++) {
            float ff = freqFactors == null ? 1f : freqFactors[i];
            float extrapolated = theta / ff;
            float t = freqScale * extrapolated;
            if (yarn.extFactor() != 0f) {
                float y = (i - yarn.corrLow()) / Math.max(0.001f, yarn.corrHigh() - yarn.corrLow());
                float ramp = 1 - Math.min(1f, Math.max(0f, y));
                float mix = ramp * yarn.extFactor();
                t = t * (1 - mix) + extrapolated * mix;
            }
            cos[i] = (float) Math.cos(t) * mscale;
            sin[i] = (float) Math.sin(t) * mscale;
            theta *= thetaScale;
        }
    }

    /** Rotates {@code heads} consecutive spans of {@code d} values of {@code x} starting at {@code off}, in place. */
    void apply(float[] x, int off, int heads, float[] cos, float[] sin) {
        int half = dims / 2;
        for (int h = 0; h < heads; h++) {
            int base = off + h * dims;
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
