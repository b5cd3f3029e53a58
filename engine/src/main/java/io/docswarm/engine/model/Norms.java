package io.docswarm.engine.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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

    /**
     * In-place softmax over {@code [off, off+n)} as ggml's {@code soft_max} computes a row of {@code n} values
     * (the router's probabilities): see {@link #softmax(float[], int, int, boolean)}.
     */
    static void softmax(float[] x, int off, int n) {
        softmax(x, off, n, false);
    }

    /**
     * In-place softmax over {@code [off, off+n)} of attention scores. ggml's KV view is padded with masked
     * positions (minus infinity) to a multiple of 16 at least, so in its row the last partial group of 16 real
     * scores goes through the vector exponential too, the masked lanes adding exact zeros.
     */
    static void attentionSoftmax(float[] x, int off, int n) {
        softmax(x, off, n, true);
    }

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /**
     * ggml's {@code ggml_vec_soft_max_f32} as its AVX-512 build (the one llama.cpp picks on this engine's
     * AVX-512 machines) computes it: the maximum; then per 16 values {@code ggml_v_expf(x - max)} (a
     * range reduction to {@code 2^n * e^b} and a degree-5 polynomial in fused multiply-adds), their lanes
     * added as {@code _mm512_reduce_add_ps} adds them (halving: l + l+8, + l+4, + l+2, + l+1), that float added
     * to a double sum; the last {@code n % 16} values (unless {@code maskedTail}) through {@code expf} one at a
     * time; then every value times the float of {@code 1 / sum}. With narrower vectors, {@code expf} for all
     * (the exponential as a double, rounded), the sum in double, as ggml's scalar path.
     */
    private static void softmax(float[] x, int off, int n, boolean maskedTail) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        double sum = 0;
        int i = 0;
        if (F.length() == 16) {
            // No vector is made outside the loop: one living across it was left boxed by C2 in some compilations
            // (DecodeAllocationTest saw 576 bytes per call); broadcasts inside are hoisted by the JIT anyway.
            int end = maskedTail ? n : n - n % 16;
            for (; i < end; i += 16) {
                VectorMask<Float> lanes = F.indexInRange(i, n);
                FloatVector t = FloatVector.fromArray(F, x, off + i, lanes).sub(max);
                // ggml_v_expf: z = x log2(e) + 1.5 * 2^23 rounds n = round(x log2(e)) into z's low bits;
                // b = x - n ln(2) in two parts; e^b by the polynomial; times 2^n (scalef). Here 2^n is
                // applied as 2^(n+100) then 2^-100: one rounding, at the end, as scalef's. 2^(n+100) comes from
                // z's low bits, which covers n from -226 to 27: all a softmax needs (x - max <= 0, and n below
                // -192 is replaced by 0 anyway).
                FloatVector z = t.fma(LOG2E, SHIFTER);
                FloatVector k = z.sub(SHIFTER);
                FloatVector negK = k.neg();
                FloatVector b = negK.fma(FloatVector.broadcast(F, LN2_LOW),
                        negK.fma(FloatVector.broadcast(F, LN2_HIGH), t));
                FloatVector u = b.mul(b);
                FloatVector j = b.fma(C5, C4).fma(u, b.fma(C3, C2)).fma(u, b.fma(C1, ONE));
                FloatVector scale = z.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
                        .add((127 + 100) << 23).reinterpretAsFloats();
                FloatVector e = j.mul(scale).mul(0x1p-100f);
                // |n| > 192: 0 below (x far below the maximum), infinity above; masked lanes: 0.
                VectorMask<Float> far = k.abs().compare(VectorOperators.GT, 192f);
                e = e.blend(0f, far.and(k.compare(VectorOperators.LE, 0f)))
                        .blend(Float.POSITIVE_INFINITY, far.and(k.compare(VectorOperators.GT, 0f)))
                        .blend(0f, lanes.not());
                e.intoArray(x, off + i, lanes);
                FloatVector r = e.add(e.slice(8));
                r = r.add(r.slice(4));
                r = r.add(r.slice(2));
                r = r.add(r.slice(1));
                sum += r.lane(0);
            }
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int k = 0; k < n; k++) {
            x[off + k] *= inv;
        }
    }

    // ggml_v_expf's constants (AVX-512 build).
    private static final float SHIFTER = 0x1.8p23f;
    private static final float LOG2E = 0x1.715476p+0f;
    private static final float LN2_HIGH = 0x1.62e4p-1f;
    private static final float LN2_LOW = 0x1.7f7d1cp-20f;
    private static final float C1 = 0x1.ffffecp-1f;
    private static final float C2 = 0x1.fffdb6p-2f;
    private static final float C3 = 0x1.555e66p-3f;
    private static final float C4 = 0x1.573e2ep-5f;
    private static final float C5 = 0x1.0e4020p-7f;
    private static final float ONE = 1f;
}
