package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.I;
import static io.docswarm.engine.quant.VectorSupport.S;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * BF16 weights. As in ggml, the activation is first rounded to BF16 (activation type BF16); the products are
 * then accumulated in float.
 */
public final class BF16Kernel implements QuantKernel {
    static final BF16Kernel INSTANCE = new BF16Kernel();

    private BF16Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.BF16;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.BF16;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.BF16, src, offset, n);
        for (int i = 0; i < n; i++) {
            dst[dstOffset + i] = HalfFloats.bf16ToFloat(LittleEndian.getShort(src, offset + 2L * i));
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.BF16, dst, offset, n);
        for (int i = 0; i < n; i++) {
            LittleEndian.setShort(dst, offset + 2L * i, HalfFloats.floatToBf16(src[srcOffset + i]));
        }
    }

    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.BF16, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += HalfFloats.bf16ToFloat(LittleEndian.getShort(w, offset + 2L * i)) * x.values[i];
        }
        return sum;
    }

    /** BF16 is a float's upper half: widen to int lanes and shift. */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.BF16, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector value = ((IntVector) ShortVector.fromMemorySegment(S, w, offset + 2L * i, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats();
            if ((i & L) == 0) {
                acc0 = value.fma(FloatVector.fromArray(F, xv, i), acc0);
            } else {
                acc1 = value.fma(FloatVector.fromArray(F, xv, i), acc1);
            }
        }
        float sum = VectorSupport.sum(acc0.add(acc1));
        for (; i < n; i++) {
            sum += HalfFloats.bf16ToFloat(LittleEndian.getShort(w, offset + 2L * i)) * xv[i];
        }
        return sum;
    }
}
