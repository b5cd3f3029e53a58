package io.docswarm.engine.quant;

/**
 * Conversions between float and the two 16-bit float formats GGUF files use, with ggml's rounding.
 *
 * <p>IEEE half (F16): round to nearest, ties to even, as the F16C instruction {@code vcvtps2ph} that ggml
 * uses on x86 (and {@link Float#floatToFloat16}) does. Brain float (BF16): the upper 16 bits of the float,
 * rounded to nearest even; NaN stays a (quiet) NaN — ggml's {@code ggml_compute_fp32_to_bf16}.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    public static float f16ToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    public static short floatToF16(float value) {
        return Float.floatToFloat16(value);
    }

    /** {@code value} rounded to the nearest F16 and widened back. */
    public static float roundToF16(float value) {
        return Float.float16ToFloat(Float.floatToFloat16(value));
    }

    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    public static short floatToBf16(float value) {
        int u = Float.floatToRawIntBits(value);
        if ((u & 0x7fffffff) > 0x7f800000) {
            // NaN: keep sign and top payload bits, set the quiet bit so truncation cannot make it infinite.
            return (short) ((u >>> 16) | 64);
        }
        return (short) ((u + (0x7fff + ((u >>> 16) & 1))) >>> 16);
    }

    /** {@code value} rounded to the nearest BF16 and widened back. */
    public static float roundToBf16(float value) {
        return bf16ToFloat(floatToBf16(value));
    }

    /**
     * ggml's {@code nearest_int}: round to nearest, ties to even (the FPU's default mode), valid for
     * |value| &lt;= 2^22, which every caller guarantees by construction.
     */
    static int nearestInt(float value) {
        return (int) Math.rint(value);
    }

    /** C's {@code roundf}: to nearest, ties away from zero (in double, so {@code 0.49999997f} stays 0). */
    static int roundHalfAway(float value) {
        return (int) Math.copySign(Math.floor(Math.abs((double) value) + 0.5), value);
    }
}
