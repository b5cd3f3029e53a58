package io.docswarm.engine.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantLayoutTest {

    /** Relative RMS error of quantize then dequantize on Gaussian data, per type (a loose upper bound). */
    @ParameterizedTest
    @CsvSource({"F32, 0", "F16, 0.0003", "BF16, 0.003", "Q8_0, 0.007", "Q4_0, 0.11", "Q4_1, 0.1", "Q5_0, 0.055",
            "Q5_1, 0.05", "Q4_K, 0.095", "Q5_K, 0.047", "Q6_K, 0.023"})
    void roundTripErrorIsWithinTheTypesPrecision(GgmlType type, double bound) {
        int rows = 3;
        int cols = 512;
        float[] x = QuantTestSupport.gaussian(new Random(7), rows * cols, 0.8f);
        x[5] = 0f; // a zero and a lone outlier do not break the encoding
        x[700] = 6f;
        float[] y = QuantTestSupport.decode(type, QuantTestSupport.encode(type, x, rows, cols), rows, cols);
        float[] diff = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            diff[i] = y[i] - x[i];
        }
        double relative = QuantTestSupport.rms(diff) / QuantTestSupport.rms(x);
        assertTrue(relative <= bound, type + ": relative RMS error " + relative + " > " + bound);
        if (type == GgmlType.F32) {
            assertArrayEquals(x, y);
        }
    }

    @ParameterizedTest
    @CsvSource({"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void allZeroBlocksDecodeToZero(GgmlType type) {
        float[] zeros = new float[256];
        float[] decoded = QuantTestSupport.decode(type, QuantTestSupport.encode(type, zeros, 1, 256), 1, 256);
        for (float v : decoded) {
            assertEquals(0f, v, 0f); // Q4_0's d = 0 / -8 is -0, as in ggml: compare numerically
        }
    }

    @Test
    void q8_0BlockLayout() {
        MemorySegment block = Arena.ofAuto().allocate(34);
        LittleEndian.setShort(block, 0, HalfFloats.floatToF16(0.5f));
        for (int j = 0; j < 32; j++) {
            block.set(ValueLayout.JAVA_BYTE, 2 + j, (byte) (j - 16));
        }
        float[] out = new float[32];
        QuantKernel.of(GgmlType.Q8_0).dequantize(block, 0, out, 0, 32);
        for (int j = 0; j < 32; j++) {
            assertEquals((j - 16) * 0.5f, out[j]);
        }
    }

    @Test
    void q4_0BlockLayoutPutsLowNibblesFirst() {
        MemorySegment block = Arena.ofAuto().allocate(18);
        LittleEndian.setShort(block, 0, HalfFloats.floatToF16(2f));
        for (int j = 0; j < 16; j++) {
            block.set(ValueLayout.JAVA_BYTE, 2 + j, (byte) (j | (15 - j) << 4));
        }
        float[] out = new float[32];
        QuantKernel.of(GgmlType.Q4_0).dequantize(block, 0, out, 0, 32);
        for (int j = 0; j < 16; j++) {
            assertEquals((j - 8) * 2f, out[j]);
            assertEquals((15 - j - 8) * 2f, out[j + 16]);
        }
    }

    @Test
    void q4_1BlockLayoutIsScaleMinThenNibbles() {
        MemorySegment block = Arena.ofAuto().allocate(20);
        LittleEndian.setShort(block, 0, HalfFloats.floatToF16(0.5f));
        LittleEndian.setShort(block, 2, HalfFloats.floatToF16(-3f));
        for (int j = 0; j < 16; j++) {
            block.set(ValueLayout.JAVA_BYTE, 4 + j, (byte) (j | (15 - j) << 4));
        }
        float[] out = new float[32];
        QuantKernel.of(GgmlType.Q4_1).dequantize(block, 0, out, 0, 32);
        for (int j = 0; j < 16; j++) {
            assertEquals(j * 0.5f - 3f, out[j]);
            assertEquals((15 - j) * 0.5f - 3f, out[j + 16]);
        }
    }

    /** Bit j of qh is the fifth bit of element j; bits 16-31 those of the high nibbles (elements 16-31). */
    @Test
    void q5_0FifthBitsComeFromQh() {
        MemorySegment block = Arena.ofAuto().allocate(22);
        LittleEndian.setShort(block, 0, HalfFloats.floatToF16(2f));
        int qh = 1 << 3 | 1 << 15 | 1 << (16 + 2) | 1 << 31;
        LittleEndian.setInt(block, 2, qh);
        for (int j = 0; j < 16; j++) {
            block.set(ValueLayout.JAVA_BYTE, 6 + j, (byte) (5 | 9 << 4));
        }
        float[] out = new float[32];
        QuantKernel.of(GgmlType.Q5_0).dequantize(block, 0, out, 0, 32);
        for (int j = 0; j < 32; j++) {
            int nibble = j < 16 ? 5 : 9;
            int fifth = (qh >>> j & 1) << 4;
            assertEquals(((nibble | fifth) - 16) * 2f, out[j], "element " + j);
        }
        assertEquals((21 - 16) * 2f, out[3]);
        assertEquals((25 - 16) * 2f, out[31]);
        assertEquals((9 - 16) * 2f, out[17]);
    }

    @Test
    void q5_1BlockLayoutIsScaleMinQhThenNibbles() {
        MemorySegment block = Arena.ofAuto().allocate(24);
        LittleEndian.setShort(block, 0, HalfFloats.floatToF16(0.25f));
        LittleEndian.setShort(block, 2, HalfFloats.floatToF16(1f));
        LittleEndian.setInt(block, 4, 1 << 0 | 1 << 20);
        for (int j = 0; j < 16; j++) {
            block.set(ValueLayout.JAVA_BYTE, 8 + j, (byte) (j | 3 << 4));
        }
        float[] out = new float[32];
        QuantKernel.of(GgmlType.Q5_1).dequantize(block, 0, out, 0, 32);
        assertEquals(16 * 0.25f + 1f, out[0]);
        assertEquals(7 * 0.25f + 1f, out[7]);
        assertEquals(3 * 0.25f + 1f, out[16]);
        assertEquals(19 * 0.25f + 1f, out[20]);
    }

    /**
     * Values already on a type's grid survive ggml's reference quantizers exactly: the scale comes from the
     * element of largest magnitude (Q5_0, whose sign makes it level 0) or from min and max (Q4_1, Q5_1).
     */
    @Test
    void referenceQuantizersReproduceValuesOnTheirGrid() {
        float[] x = new float[64];
        for (int j = 0; j < 32; j++) {
            x[j] = (j - 16) * 0.25f;      // amax 4 is negative: d = 0.25, levels 0..31
            x[32 + j] = (16 - j) * 0.125f; // amax 2 is positive: d = -0.125
        }
        assertArrayEquals(x, roundTrip(GgmlType.Q5_0, x), 0f); // numerically: level 16 of a negative d is -0
        float[] y = new float[64];
        for (int j = 0; j < 64; j++) {
            y[j] = -1.5f + 0.5f * ((j * 7) % 32); // min -1.5, max 14: d = 0.5
        }
        assertArrayEquals(y, roundTrip(GgmlType.Q5_1, y));
        float[] z = new float[64];
        for (int j = 0; j < 64; j++) {
            z[j] = 2f + 0.25f * ((j * 5) % 16); // min 2, max 5.75: d = 0.25
        }
        assertArrayEquals(z, roundTrip(GgmlType.Q4_1, z));
    }

    private static float[] roundTrip(GgmlType type, float[] x) {
        return QuantTestSupport.decode(type, QuantTestSupport.encode(type, x, 1, x.length), 1, x.length);
    }

    /** Sub-blocks 0-3 keep 6-bit scale/min in bytes j, j+4; 4-7 split them over byte j+4 and top bits. */
    @Test
    void q4_kScalesAndMinsUnpackAsGgml() {
        MemorySegment block = Arena.ofAuto().allocate(144);
        LittleEndian.setShort(block, 0, HalfFloats.floatToF16(1f));
        LittleEndian.setShort(block, 2, HalfFloats.floatToF16(0.5f));
        // sub-block 1: scale 3, min 4; sub-block 5: scale 0b10_0110 = 38, min 0b11_0001 = 49
        block.set(ValueLayout.JAVA_BYTE, 4 + 1, (byte) (3 | 0b10 << 6));       // scale[1] | scale[5] top bits
        block.set(ValueLayout.JAVA_BYTE, 4 + 5, (byte) (4 | 0b11 << 6));       // min[1]   | min[5] top bits
        block.set(ValueLayout.JAVA_BYTE, 4 + 9, (byte) (0b0110 | 0b0001 << 4)); // low bits of scale[5], min[5]
        for (int l = 0; l < 32; l++) {
            block.set(ValueLayout.JAVA_BYTE, 16 + l, (byte) (7 << 4));     // sub-block 1 (high nibbles of 0..31)
            block.set(ValueLayout.JAVA_BYTE, 16 + 64 + l, (byte) (9 << 4)); // sub-block 5 (high nibbles of 64..95)
        }
        float[] out = new float[256];
        QuantKernel.of(GgmlType.Q4_K).dequantize(block, 0, out, 0, 256);
        assertEquals(3 * 7 - 0.5f * 4, out[32 + 10]);
        assertEquals(38 * 9 - 0.5f * 49, out[160 + 10]);
        assertEquals(0f, out[0]);
    }

    @Test
    void q5_kFifthBitComesFromQh() {
        MemorySegment block = Arena.ofAuto().allocate(176);
        LittleEndian.setShort(block, 0, HalfFloats.floatToF16(1f));
        block.set(ValueLayout.JAVA_BYTE, 4 + 2, (byte) 1);  // sub-block 2: scale 1, min 0
        block.set(ValueLayout.JAVA_BYTE, 4 + 3, (byte) 1);  // sub-block 3: scale 1, min 0
        block.set(ValueLayout.JAVA_BYTE, 16 + 4, (byte) (1 << 2 | 1 << 3)); // qh[4]: bits of sub-blocks 2 and 3
        block.set(ValueLayout.JAVA_BYTE, 48 + 32 + 4, (byte) (5 | 6 << 4)); // qs[32 + 4]
        float[] out = new float[256];
        QuantKernel.of(GgmlType.Q5_K).dequantize(block, 0, out, 0, 256);
        assertEquals(16 + 5, out[64 + 4]);
        assertEquals(16 + 6, out[96 + 4]);
    }

    @Test
    void q6_kLayout() {
        MemorySegment block = Arena.ofAuto().allocate(210);
        LittleEndian.setShort(block, 208, HalfFloats.floatToF16(0.25f));
        block.set(ValueLayout.JAVA_BYTE, 192 + 8 + 4, (byte) -3); // scale of elements 192..207 (second half, +64)
        // element 128 + 64 + 3 = 195: high nibble of ql[64 + 3], bits 4-5 of qh[32 + 3]
        block.set(ValueLayout.JAVA_BYTE, 64 + 3, (byte) (0xA << 4));
        block.set(ValueLayout.JAVA_BYTE, 128 + 32 + 3, (byte) (0b11 << 4));
        float[] out = new float[256];
        QuantKernel.of(GgmlType.Q6_K).dequantize(block, 0, out, 0, 256);
        assertEquals(0.25f * -3 * ((0xA | 0b11 << 4) - 32), out[195]);
        assertEquals(0f, out[0], 0f); // scale 0 (gives -0, as in ggml)
    }

    @Test
    void f16RoundsToNearestEven() {
        assertEquals(1f, HalfFloats.roundToF16(1f + 0x1p-11f));                 // tie, to even
        assertEquals(1f + 0x1p-9f, HalfFloats.roundToF16(1f + 3 * 0x1p-11f));   // tie, to even (up)
        assertEquals(1f + 0x1p-10f, HalfFloats.roundToF16(1f + 0x1p-11f + 0x1p-20f));
        assertEquals(0x1p-24f, HalfFloats.roundToF16(0x1p-24f));                // smallest subnormal
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.roundToF16(65520f));   // rounds past the max
        assertEquals(65504f, HalfFloats.roundToF16(65519f));
    }

    @Test
    void bf16RoundsToNearestEvenAndKeepsNaN() {
        assertEquals(1f, HalfFloats.roundToBf16(1f + 0x1p-8f));
        assertEquals(1f + 0x1p-6f, HalfFloats.roundToBf16(1f + 3 * 0x1p-8f));
        assertEquals(-2f, HalfFloats.roundToBf16(-2f - 0x1p-9f));
        assertTrue(Float.isNaN(HalfFloats.roundToBf16(Float.intBitsToFloat(0x7f800001))));
        assertEquals((short) 0x3f80, HalfFloats.floatToBf16(1f));
    }

    @Test
    void q8_0ActivationRoundsTiesToEvenLikeGgmlsX86Path() {
        float[] x = new float[32];
        x[0] = 254f; // amax: d = 2, multiplier 127/254 = 0.5
        x[1] = 1f;   // 0.5 -> 0
        x[2] = 3f;   // 1.5 -> 2
        x[3] = 5f;   // 2.5 -> 2
        x[4] = -3f;  // -1.5 -> -2
        x[5] = -5f;  // -2.5 -> -2
        x[6] = 7f;   // 3.5 -> 4
        QuantizedRow row = new QuantizedRow(64);
        row.quantize(GgmlType.Q8_0, x, 0, 32);
        assertEquals(2f, row.scale(0));
        byte[] expected = {127, 0, 2, 2, -2, -2, 4};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], row.quant(i), "quant " + i);
        }
    }

    @Test
    void q8_0ActivationEdgeCases() {
        QuantizedRow row = new QuantizedRow(64);
        float[] x = new float[64];
        for (int i = 32; i < 64; i++) {
            x[i] = i % 2 == 0 ? -127f : 127f * (i - 32) / 31f;
        }
        row.quantize(GgmlType.Q8_0, x, 0, 64);
        assertEquals(0f, row.scale(0)); // all zeros: d = 0, quants 0
        assertEquals(0, row.quant(3));
        assertEquals(1f, row.scale(1));  // max magnitude 127: d = 1, quants are the values rounded
        assertEquals(-127, row.quant(32));
        assertEquals(127, row.quant(63));
        assertEquals(Math.round(127f * 3 / 31f), row.quant(35));
        // d is stored as F16: 1/127 of an amax of 1 rounds to the nearest half
        float[] small = new float[32];
        small[0] = 1f;
        row.quantize(GgmlType.Q8_0, small, 0, 32);
        assertEquals(HalfFloats.roundToF16(1f / 127f), row.scale(0));
        assertEquals(127, row.quant(0));
    }

    /**
     * Q8_1 has Q8_0's quants and F16 scale, and a block sum {@code s} computed from the scale before its F16
     * rounding ({@code amax / 127}), then rounded to F16 itself, as ggml's x86 {@code quantize_row_q8_1}.
     */
    @Test
    void q8_1ActivationAddsTheF16BlockSumOfTheUnroundedScale() {
        float[] x = QuantTestSupport.gaussian(new Random(21), 96, 1f);
        x[32] = 3f; // block 1: amax 3, so d = 3/127 is not an F16, and 31 quants of 13: sum 530
        for (int i = 33; i < 64; i++) {
            x[i] = 13f * 3f / 127f;
        }
        for (int i = 64; i < 96; i++) {
            x[i] = 0f; // block 2: all zero
        }
        QuantizedRow q80 = new QuantizedRow(96);
        q80.quantize(GgmlType.Q8_0, x, 0, 96);
        QuantizedRow q81 = new QuantizedRow(96);
        q81.quantize(GgmlType.Q8_1, x, 0, 96);
        assertEquals(GgmlType.Q8_1, q81.type());
        for (int i = 0; i < 96; i++) {
            assertEquals(q80.quant(i), q81.quant(i), "quant " + i);
            // regrouped by fours for the legacy kernels: quant 4l + r of a block at 8r + l
            int grouped = i / 32 * 32 + 8 * (i % 4) + (i % 32) / 4;
            assertEquals(q81.quant(i), q81.byFours[grouped], "quant " + i + " regrouped");
            assertEquals(q80.quant(i), q80.byFours[grouped], "Q8_0 quant " + i + " regrouped");
        }
        for (int b = 0; b < 3; b++) {
            assertEquals(q80.scale(b), q81.scale(b), "scale " + b);
            float amax = 0f;
            int sum = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[32 * b + j]));
                sum += q81.quant(32 * b + j);
            }
            assertEquals(HalfFloats.roundToF16(amax / 127f * sum), q81.blockSum(b), "block sum " + b);
        }
        assertEquals(0f, q81.blockSum(2));
        // The unrounded scale matters here: the F16 scale times the sum would round to another F16.
        assertEquals(HalfFloats.roundToF16(3f / 127f * 530), q81.blockSum(1));
        assertTrue(HalfFloats.roundToF16(q81.scale(1) * 530) != q81.blockSum(1));
        assertThrows(IllegalStateException.class, () -> q80.blockSum(0));
    }

    @Test
    void q8_kActivationFollowsGgmlReference() {
        float[] x = new float[256];
        x[0] = 3f;    // max magnitude is the negative -254 below: iscale = -127 / -254 = 0.5
        x[1] = 5f;    // 2.5 -> 2 (nearest_int rounds ties to even)
        x[2] = 1f;    // 0.5 -> 0
        x[3] = -254f; // -127
        x[17] = 7f;   // 3.5 -> 4, second group
        x[200] = 254f; // same magnitude later: the first one decides the sign
        QuantizedRow row = new QuantizedRow(512);
        row.quantize(GgmlType.Q8_K, x, 0, 256);
        assertEquals(2f, row.scale(0));
        assertEquals(2, row.quant(0));
        assertEquals(2, row.quant(1));
        assertEquals(0, row.quant(2));
        assertEquals(-127, row.quant(3));
        assertEquals(4, row.quant(17));
        assertEquals(127, row.quant(200));
        assertEquals(2 + 2 + 0 - 127, row.bsum(0));
        assertEquals(4, row.bsum(1));
        assertEquals(127, row.bsum(12));

        float[] zeros = new float[256];
        row.quantize(GgmlType.Q8_K, zeros, 0, 256);
        assertEquals(0f, row.scale(0));
        assertEquals(0, row.bsum(0));

        // So small that 127 / max overflows: ggml's nearest_int makes every quant 0 (no Inf, no NaN).
        float[] tiny = new float[256];
        tiny[5] = 1e-38f;
        tiny[6] = -3e-39f;
        row.quantize(GgmlType.Q8_K, tiny, 0, 256);
        for (int i = 0; i < 256; i++) {
            assertEquals(0, row.quant(i));
            assertEquals(0f, row.value(i));
        }
        assertEquals(0, row.bsum(0));
        assertEquals(0f, row.scale(0));
        if (VectorSupport.L == 16) {
            assertEquals(0f, row.dequantized[5]);
        }
    }

    /**
     * ggml's {@code quantize_row_q8_K} element by element, written plainly, against the vectorized quantization
     * and its 512-bit layouts: every bit, over blocks with ties at the maximum, exact halves, zeros and a NaN.
     */
    @Test
    void q8_kMatchesItsScalarDefinitionBitForBit() {
        Random random = new Random(12);
        int blocks = 6;
        float[] x = QuantTestSupport.gaussian(random, 256 * blocks, 3f);
        x[40] = -x[7] * 0f; // a signed zero
        x[300] = 9f; // block 1: the maximum twice, the first one positive
        x[400] = -9f;
        for (int i = 512; i < 768; i++) {
            x[i] = 0f; // block 2: all zero
        }
        x[800] = Float.NaN; // block 3: NaN is passed over for the maximum and quantizes to 0
        for (int i = 1024; i < 1280; i++) {
            x[i] = (i % 5 - 2) * 0.5f; // block 4: ties at the maximum, many exact halves of iscale
        }
        QuantizedRow row = new QuantizedRow(256 * blocks);
        row.quantize(GgmlType.Q8_K, x, 0, 256 * blocks);
        for (int b = 0; b < blocks; b++) {
            float max = 0f;
            float amax = 0f;
            for (int j = 0; j < 256; j++) {
                float ax = Math.abs(x[256 * b + j]);
                if (ax > amax) {
                    amax = ax;
                    max = x[256 * b + j];
                }
            }
            float iscale = amax == 0f ? 0f : -127f / max;
            assertEquals(amax == 0f ? 0f : 1f / iscale, row.scale(b), "block " + b);
            int[] q = new int[256];
            for (int j = 0; j < 256; j++) {
                q[j] = amax == 0f ? 0 : Math.min(127, (int) Math.rint(iscale * x[256 * b + j]));
                assertEquals(q[j], row.quant(256 * b + j), "block " + b + " element " + j);
                assertEquals(Float.floatToRawIntBits(q[j]), Float.floatToRawIntBits(row.value(256 * b + j)));
            }
            for (int g = 0; g < 16; g++) {
                int sum = 0;
                for (int j = 0; j < 16; j++) {
                    sum += q[16 * g + j];
                }
                assertEquals(sum, row.bsum(16 * b + g));
                if (g % 2 == 1) {
                    assertEquals(row.bsum(16 * b + g - 1) + sum, row.sums32[8 * b + g / 2]);
                }
            }
            if (VectorSupport.L != 16) {
                continue;
            }
            for (int half = 0; half < 2; half++) {
                for (int j = 0; j < 8; j++) {
                    for (int l = 0; l < 16; l++) {
                        int place = 256 * b + 128 * half + 16 * j + l;
                        float expected = q[128 * half + 64 * (l / 8) + 32 * (j % 2) + 4 * (l % 8) + j / 2];
                        assertEquals(expected * row.scale(b), row.dequantized[place]);
                    }
                }
            }
            // Q4_K/Q5_K: read r of qs, short lane j, nibble k; Q6_K: half j / 16, group g, byte k of lane j.
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < 4; k++) {
                    for (int j = 0; j < 32; j++) {
                        int qsByte = 64 * r + 2 * j + k / 2;
                        int element = 64 * (qsByte / 32) + qsByte % 32 + (k % 2 == 0 ? 0 : 32);
                        assertEquals(q[element], row.byNibblePairs[256 * b + 32 * (4 * r + k) + j]);
                    }
                }
            }
            for (int g = 0; g < 4; g++) {
                for (int k = 0; k < 2; k++) {
                    for (int j = 0; j < 32; j++) {
                        int element = 128 * (j / 16) + 32 * g + 2 * (j % 16) + k;
                        assertEquals(q[element], row.byGroupPairs[256 * b + 32 * (2 * g + k) + j]);
                    }
                }
            }
        }
    }

    @Test
    void q8_kQuantsNeverExceed127AndScaleSignFollowsMax() {
        float[] x = QuantTestSupport.gaussian(new Random(3), 256, 1f);
        x[9] = 10f;
        QuantizedRow row = new QuantizedRow(256);
        row.quantize(GgmlType.Q8_K, x, 0, 256);
        assertEquals(-127, row.quant(9));
        assertEquals(10f / -127f, row.scale(0), 1e-9f);
        for (int i = 0; i < 256; i++) {
            assertEquals(x[i], row.quant(i) * row.scale(0), Math.abs(row.scale(0)) * 0.5f + 1e-6f);
        }
    }

    @Test
    void activationBlocksHaveGgmlsByteLayout() {
        float[] x = QuantTestSupport.gaussian(new Random(11), 256, 1f);
        QuantizedRow row = new QuantizedRow(256);
        row.quantize(GgmlType.Q8_0, x, 0, 256);
        MemorySegment q80 = Arena.ofAuto().allocate(GgmlType.Q8_0.bytesFor(256));
        row.writeBlocks(q80, 0);
        assertEquals(row.scale(3), LittleEndian.getHalf(q80, 3 * 34));
        assertEquals(row.quant(3 * 32 + 5), q80.get(ValueLayout.JAVA_BYTE, 3 * 34 + 2 + 5));

        row.quantize(GgmlType.Q8_1, x, 0, 256);
        MemorySegment q81 = Arena.ofAuto().allocate(GgmlType.Q8_1.bytesFor(256));
        row.writeBlocks(q81, 0);
        assertEquals(row.scale(5), LittleEndian.getHalf(q81, 5 * 36));
        assertEquals(row.blockSum(5), LittleEndian.getHalf(q81, 5 * 36 + 2));
        assertEquals(row.quant(5 * 32 + 31), q81.get(ValueLayout.JAVA_BYTE, 5 * 36 + 4 + 31));

        row.quantize(GgmlType.Q8_K, x, 0, 256);
        MemorySegment q8k = Arena.ofAuto().allocate(292);
        row.writeBlocks(q8k, 0);
        assertEquals(row.scale(0), LittleEndian.getFloat(q8k, 0));
        assertEquals(row.quant(77), q8k.get(ValueLayout.JAVA_BYTE, 4 + 77));
        assertEquals(row.bsum(15), LittleEndian.getShort(q8k, 4 + 256 + 2 * 15));
        int sum = 0;
        for (int i = 240; i < 256; i++) {
            sum += row.quant(i);
        }
        assertEquals(sum, row.bsum(15));
    }

    @Test
    void badSizesAndTypesFailClearly() {
        QuantizedRow row = new QuantizedRow(512);
        float[] x = new float[512];
        var e = assertThrows(IllegalArgumentException.class, () -> row.quantize(GgmlType.Q8_0, x, 0, 33));
        assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> row.quantize(GgmlType.Q8_K, x, 0, 300));
        assertTrue(e.getMessage().contains("multiple of 256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> row.quantize(GgmlType.Q8_0, new float[1024], 0, 1024));

        MemorySegment data = Arena.ofAuto().allocate(4096);
        e = assertThrows(IllegalArgumentException.class,
                () -> QuantKernel.of(GgmlType.Q4_K).dequantize(data, 0, new float[300], 0, 300));
        assertTrue(e.getMessage().contains("Q4_K") && e.getMessage().contains("256"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> QuantKernel.of(GgmlType.Q8_0).dequantize(data, 4096 - 33, new float[32], 0, 32));
        e = assertThrows(IllegalArgumentException.class, () -> QuantKernel.of(GgmlType.Q2_K));
        assertTrue(e.getMessage().contains("Q2_K"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(data, GgmlType.Q4_0, 2, 48));
        assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(data, GgmlType.Q8_0, 200, 32));
        assertTrue(e.getMessage().contains("needs 6800 bytes"), e.getMessage());

        row.quantize(GgmlType.Q8_0, x, 0, 256);
        e = assertThrows(IllegalArgumentException.class,
                () -> QuantKernel.of(GgmlType.Q6_K).dot(data, 0, row, 256));
        assertTrue(e.getMessage().contains("Q8_K"), e.getMessage());
    }
}
