package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * F16 weights. As in ggml, the activation is first rounded to F16 ({@link QuantizedRow} does that for
 * activation type F16); the products are then accumulated in float.
 */
public final class F16Kernel implements QuantKernel {
    static final F16Kernel INSTANCE = new F16Kernel();

    private F16Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.F16;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.F16;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.F16, src, offset, n);
        for (int i = 0; i < n; i++) {
            dst[dstOffset + i] = HalfFloats.f16ToFloat(LittleEndian.getShort(src, offset + 2L * i));
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.F16, dst, offset, n);
        for (int i = 0; i < n; i++) {
            LittleEndian.setShort(dst, offset + 2L * i, HalfFloats.floatToF16(src[srcOffset + i]));
        }
    }

    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.F16, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += HalfFloats.f16ToFloat(LittleEndian.getShort(w, offset + 2L * i)) * x.values[i];
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.F16, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        // Two accumulators hide the FMA latency.
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            acc0 = VectorSupport.loadHalfs(w, offset + 2L * i)
                    .fma(FloatVector.fromArray(F, xv, i), acc0);
            acc1 = VectorSupport.loadHalfs(w, offset + 2L * (i + L))
                    .fma(FloatVector.fromArray(F, xv, i + L), acc1);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += HalfFloats.f16ToFloat(LittleEndian.getShort(w, offset + 2L * i)) * xv[i];
        }
        return sum;
    }
}
