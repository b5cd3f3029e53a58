package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** F32 weights: plain float dot product with the activation as is. */
public final class F32Kernel implements QuantKernel {
    static final F32Kernel INSTANCE = new F32Kernel();

    private F32Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.F32;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.F32;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.F32, src, offset, n);
        MemorySegment.copy(src, LittleEndian.FLOAT, offset, dst, dstOffset, n);
    }

    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.F32, dst, offset, n);
        MemorySegment.copy(src, srcOffset, dst, LittleEndian.FLOAT, offset, n);
    }

    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.F32, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += LittleEndian.getFloat(w, offset + 4L * i) * x.values[i];
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.F32, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        // Two accumulators hide the FMA latency.
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            acc0 = FloatVector.fromMemorySegment(F, w, offset + 4L * i, LittleEndian.ORDER)
                    .fma(FloatVector.fromArray(F, xv, i), acc0);
            acc1 = FloatVector.fromMemorySegment(F, w, offset + 4L * (i + L), LittleEndian.ORDER)
                    .fma(FloatVector.fromArray(F, xv, i + L), acc1);
        }
        float sum = VectorSupport.sum(acc0.add(acc1));
        for (; i < n; i++) {
            sum += LittleEndian.getFloat(w, offset + 4L * i) * xv[i];
        }
        return sum;
    }
}
