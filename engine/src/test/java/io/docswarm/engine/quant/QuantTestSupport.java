package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/** Random data and encoded rows for the quant tests. */
final class QuantTestSupport {
    static final GgmlType[] WEIGHT_TYPES = {
        GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
        GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K
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
        boolean quantized = row.type() == GgmlType.Q8_0 || row.type() == GgmlType.Q8_K;
        for (int i = 0; i < out.length; i++) {
            out[i] = quantized ? row.quant(i) * row.scale(i / row.type().blockSize()) : row.value(i);
        }
        return out;
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s / x.length);
    }
}
