package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/** Random data and encoded rows for the quant tests. */
final class QuantTestSupport {
    static final GgmlType[] WEIGHT_TYPES = {
        GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0,
        GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K
    };

    private QuantTestSupport() {
    }

    static float[] gaussian(Random random, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * scale;
        }
        return x;
    }

    /** {@code rows} rows of {@code values} (rows*cols floats) encoded as {@code type}, in a fresh segment. */
    static MemorySegment encode(GgmlType type, float[] values, int rows, int cols) {
        long rowBytes = type.bytesFor(cols);
        MemorySegment data = Arena.ofAuto().allocate(rowBytes * rows, 64);
        QuantKernel kernel = QuantKernel.of(type);
        for (int r = 0; r < rows; r++) {
            kernel.quantize(values, r * cols, data, r * rowBytes, cols);
        }
        return data;
    }

    static float[] decode(GgmlType type, MemorySegment data, int rows, int cols) {
        float[] out = new float[rows * cols];
        long rowBytes = type.bytesFor(cols);
        for (int r = 0; r < rows; r++) {
            QuantKernel.of(type).dequantize(data, r * rowBytes, out, r * cols, cols);
        }
        return out;
    }

    static QuantizedRow activation(GgmlType weightType, float[] x) {
        QuantizedRow row = new QuantizedRow(x.length);
        row.quantize(QuantKernel.of(weightType).activationType(), x, 0, x.length);
        return row;
    }

    /** The activation as the kernels see it, in real units (quant times block scale for Q8 rows). */
    static float[] activationValues(QuantizedRow row) {
        float[] out = new float[row.length()];
        boolean quantized = row.type() == GgmlType.Q8_0 || row.type() == GgmlType.Q8_1 || row.type() == GgmlType.Q8_K;
        for (int i = 0; i < out.length; i++) {
            out[i] = quantized ? row.quant(i) * row.scale(i / row.type().blockSize()) : row.value(i);
        }
        return out;
    }

    /**
     * For Q4_1/Q5_1 weights (else 0): what ggml's dot product adds to the product of dequantized weights and
     * activation, because it multiplies each block's min {@code m} by the Q8_1 activation's F16 {@code s}
     * rather than by the sum of the block's dequantized activations: {@code sum_b m_b * (s_b - xd_b * sum(xq))}.
     * {@code m} is read at byte 2 of each block, where both layouts keep it.
     */
    static double minTermCorrection(GgmlType type, MemorySegment w, long offset, QuantizedRow x, int n) {
        if (type != GgmlType.Q4_1 && type != GgmlType.Q5_1) {
            return 0;
        }
        double correction = 0;
        for (int b = 0; b < n / 32; b++) {
            double m = LittleEndian.getHalf(w, offset + (long) b * type.bytesPerBlock() + 2);
            long sum = 0;
            for (int j = 0; j < 32; j++) {
                sum += x.quant(32 * b + j);
            }
            correction += m * (x.blockSum(b) - (double) x.scale(b) * sum);
        }
        return correction;
    }

    /**
     * The sum of the magnitudes of the products of row {@code offset}'s dequantized weights with the activation:
     * what a float dot product's rounding error is proportional to.
     */
    static double productMagnitude(GgmlType type, MemorySegment w, long offset, QuantizedRow x, int n) {
        float[] weights = new float[n];
        QuantKernel.of(type).dequantize(w, offset, weights, 0, n);
        float[] values = activationValues(x);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs((double) weights[i] * values[i]);
        }
        return sum;
    }

    /**
     * How far a matrix product of {@code tokens} activation rows ({@link MatMul#matMul}, the model's linear
     * layers) may be from {@link QuantKernel#dot}: nothing, unless {@link DecodedProduct} takes the batch (K-quants
     * and Q8_0 on 512-bit machines, from {@link DecodedProduct#MIN_TOKENS} tokens), which sums float products
     * where {@code dot} sums exact integers per block: then float rounding over the row.
     */
    static double batchTolerance(GgmlType type, MemorySegment w, long offset, QuantizedRow x, int n, int tokens) {
        boolean decoded = tokens >= DecodedProduct.MIN_TOKENS && DecodedProduct.supports(QuantKernel.of(type));
        return decoded ? 2e-5 * productMagnitude(type, w, offset, x, n) : 0;
    }

    /**
     * The same for one weight row's {@link QuantKernel#dotBatch} of {@code count} activation rows: only the
     * K-quants' 512-bit kernels hand a batch to {@link DecodedProduct}, from four rows; every other
     * {@code dotBatch} gives {@code dot}'s bits.
     */
    static double dotBatchTolerance(GgmlType type, MemorySegment w, long offset, QuantizedRow x, int n, int count) {
        boolean kQuant = type == GgmlType.Q4_K || type == GgmlType.Q5_K || type == GgmlType.Q6_K;
        boolean decoded = kQuant && count >= 4 && DecodedProduct.supports(QuantKernel.of(type));
        return decoded ? 2e-5 * productMagnitude(type, w, offset, x, n) : 0;
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s / x.length);
    }
}
