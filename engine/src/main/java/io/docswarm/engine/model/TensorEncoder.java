package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.quant.QuantKernel;
import java.lang.foreign.MemorySegment;

/** Encodes float values as the bytes of a GGUF tensor of a given type (for generated models). */
final class TensorEncoder {
    private TensorEncoder() {}

    /** {@code values} is a whole number of rows of {@code rowLength} elements. */
    static byte[] encode(GgmlType type, float[] values, int rowLength) {
        QuantKernel kernel = QuantKernel.of(type);
        long rowBytes = type.bytesFor(rowLength);
        int rows = values.length / rowLength;
        byte[] out = new byte[Math.toIntExact(rowBytes * rows)];
        MemorySegment dst = MemorySegment.ofArray(out);
        for (int r = 0; r < rows; r++) {
            kernel.quantize(values, r * rowLength, dst, r * rowBytes, rowLength);
        }
        return out;
    }
}
