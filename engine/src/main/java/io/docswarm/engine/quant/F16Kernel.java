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

    /**
     * {@link VectorSupport#L} F16 values widened to float exactly, in registers: the magnitude bits moved into a
     * float's place and scaled by 2^112 re-bias the exponent (and turn F16 subnormals into float normals);
     * infinities and NaNs get the all-ones exponent back (the scaled mantissa is kept); then the sign. Written out in the loop (not a helper)
     * so no vector crosses a call the JIT might not inline.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.F16, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= n; i += L) {
            IntVector h = (IntVector) ShortVector.fromMemorySegment(S, w, offset + 2L * i, LittleEndian.ORDER)
                    .convertShape(VectorOperators.S2I, I, 0);
            IntVector magnitude = h.and(0x7fff);
            IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
            IntVector bits = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            // All ones where the exponent is all ones (inf, NaN), else zero: arithmetic instead of a compare and
            // blend, whose masks C2 does not always keep in registers (a boxed mask allocates per call).
            IntVector special = magnitude.add(0x0400).lanewise(VectorOperators.LSHR, 15).neg();
            bits = bits.or(special.and(0x7f800000));
            FloatVector value = bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
            if ((i & L) == 0) {
                acc0 = value.fma(FloatVector.fromArray(F, xv, i), acc0);
            } else {
                acc1 = value.fma(FloatVector.fromArray(F, xv, i), acc1);
            }
        }
        float sum = VectorSupport.sum(acc0.add(acc1));
        for (; i < n; i++) {
            sum += HalfFloats.f16ToFloat(LittleEndian.getShort(w, offset + 2L * i)) * xv[i];
        }
        return sum;
    }
}
