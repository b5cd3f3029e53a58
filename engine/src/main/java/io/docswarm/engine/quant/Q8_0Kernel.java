package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.B;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q8_0 weights ({@code block_q8_0}, 34 bytes per 32 elements): {@code f16 d} then {@code int8 qs[32]};
 * element {@code j} is {@code d * qs[j]}. Dot products take a Q8_0 activation: per block the integer sum of
 * {@code qs[j] * xq[j]}, times {@code d * xd}.
 */
public final class Q8_0Kernel implements QuantKernel {
    static final Q8_0Kernel INSTANCE = new Q8_0Kernel();
    static final int BLOCK = 32;
    static final int BYTES = 34;

    private Q8_0Kernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q8_0;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_0;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q8_0, src, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at);
            for (int j = 0; j < BLOCK; j++) {
                dst[dstOffset + b * BLOCK + j] = LittleEndian.getByte(src, at + 2 + j) * d;
            }
        }
    }

    /** ggml's {@code quantize_row_q8_0_ref}: {@code d = amax / 127}, {@code q = roundf(x / d)}. */
    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q8_0, dst, offset, n);
        for (int b = 0; b < n / BLOCK; b++) {
            int base = srcOffset + b * BLOCK;
            long at = offset + (long) b * BYTES;
            float amax = 0f;
            for (int j = 0; j < BLOCK; j++) {
                amax = Math.max(amax, Math.abs(src[base + j]));
            }
            float d = amax / 127f;
            float id = d != 0f ? 1f / d : 0f;
            LittleEndian.setShort(dst, at, HalfFloats.floatToF16(d));
            for (int j = 0; j < BLOCK; j++) {
                LittleEndian.setByte(dst, at + 2 + j, HalfFloats.roundHalfAway(src[base + j] * id));
            }
        }
    }

    /** ggml's {@code ggml_vec_dot_q8_0_q8_0_generic}. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q8_0, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float sum = 0f;
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            int sumi = 0;
            for (int j = 0; j < BLOCK; j++) {
                sumi += LittleEndian.getByte(w, at + 2 + j) * x.quants[b * BLOCK + j];
            }
            sum += sumi * (LittleEndian.getHalf(w, at) * x.scales[b]);
        }
        return sum;
    }

    /**
     * Each block's products are summed lane-wise in float, which is exact (|sum| &lt;= 32 * 127 * 127 &lt; 2^24),
     * then scaled by {@code d * xd} into a float accumulator, as ggml's AVX2 kernel does. Even and odd blocks
     * use separate accumulators to halve the FMA dependency chain.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q8_0, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        float[] xs = x.scales;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            FloatVector block = FloatVector.zero(F);
            for (int k = 0; k < BLOCK; k += L) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B, w, at + 2 + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0);
                block = q.fma(FloatVector.fromArray(F, xv, xi + k), block);
            }
            FloatVector scale = FloatVector.broadcast(F, LittleEndian.getHalf(w, at) * xs[b]);
            if ((b & 1) == 0) {
                acc0 = block.fma(scale, acc0);
            } else {
                acc1 = block.fma(scale, acc1);
            }
        }
        return VectorSupport.sum(acc0.add(acc1));
    }

    @Override
    public boolean decodesRows() {
        return L == 16;
    }

    /** Each weight as a float, {@code d * q} (exact: an F16 times an int8), in element order. */
    @Override
    public void decodeRow(MemorySegment w, long offset, int n, DecodedRow dst) {
        dst.checkFits(GgmlType.Q8_0, w, offset, n);
        float[] values = dst.values;
        for (int b = 0; b < n / BLOCK; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(w, at);
            for (int k = 0; k < BLOCK; k += L) {
                ((FloatVector) ByteVector.fromMemorySegment(B, w, at + 2 + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0)).mul(d).intoArray(values, b * BLOCK + k);
            }
        }
    }

    /**
     * Groups of four activation rows share each weight block's load and int8-to-float widening (the part of
     * {@link #dot} that does not depend on the activation); per row the arithmetic is exactly {@link #dot}'s.
     * On 512-bit machines {@link MatMul} and the model's linear layers hand batches of
     * {@link DecodedProduct#MIN_TOKENS} tokens or more to {@link DecodedProduct} instead of calling this.
     */
    @Override
    public void dotBatch(MemorySegment w, long offset, QuantizedRow[] xs, int from, int count, int n,
            float[][] out, int column) {
        QuantKernel.dotBatchByFours(this, Q8_0Kernel::dot4, w, offset, xs, from, count, n, out, column);
    }

    private static void dot4(MemorySegment w, long offset, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        float[] v0 = x0.values;
        float[] v1 = x1.values;
        float[] v2 = x2.values;
        float[] v3 = x3.values;
        FloatVector acc00 = FloatVector.zero(F);
        FloatVector acc01 = FloatVector.zero(F);
        FloatVector acc10 = FloatVector.zero(F);
        FloatVector acc11 = FloatVector.zero(F);
        FloatVector acc20 = FloatVector.zero(F);
        FloatVector acc21 = FloatVector.zero(F);
        FloatVector acc30 = FloatVector.zero(F);
        FloatVector acc31 = FloatVector.zero(F);
        int blocks = n / BLOCK;
        for (int b = 0; b < blocks; b++) {
            long at = offset + (long) b * BYTES;
            int xi = b * BLOCK;
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = FloatVector.zero(F);
            FloatVector s2 = FloatVector.zero(F);
            FloatVector s3 = FloatVector.zero(F);
            for (int k = 0; k < BLOCK; k += L) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B, w, at + 2 + k, LittleEndian.ORDER)
                        .convertShape(VectorOperators.B2F, F, 0);
                s0 = q.fma(FloatVector.fromArray(F, v0, xi + k), s0);
                s1 = q.fma(FloatVector.fromArray(F, v1, xi + k), s1);
                s2 = q.fma(FloatVector.fromArray(F, v2, xi + k), s2);
                s3 = q.fma(FloatVector.fromArray(F, v3, xi + k), s3);
            }
            float d = LittleEndian.getHalf(w, at);
            if ((b & 1) == 0) {
                acc00 = s0.fma(FloatVector.broadcast(F, d * x0.scales[b]), acc00);
                acc10 = s1.fma(FloatVector.broadcast(F, d * x1.scales[b]), acc10);
                acc20 = s2.fma(FloatVector.broadcast(F, d * x2.scales[b]), acc20);
                acc30 = s3.fma(FloatVector.broadcast(F, d * x3.scales[b]), acc30);
            } else {
                acc01 = s0.fma(FloatVector.broadcast(F, d * x0.scales[b]), acc01);
                acc11 = s1.fma(FloatVector.broadcast(F, d * x1.scales[b]), acc11);
                acc21 = s2.fma(FloatVector.broadcast(F, d * x2.scales[b]), acc21);
                acc31 = s3.fma(FloatVector.broadcast(F, d * x3.scales[b]), acc31);
            }
        }
        // VectorSupport.sum's order written out: no vector may cross a call the JIT might not inline.
        FloatVector r0 = acc00.add(acc01);
        FloatVector r1 = acc10.add(acc11);
        FloatVector r2 = acc20.add(acc21);
        FloatVector r3 = acc30.add(acc31);
        if (L == 16) {
            r0 = r0.add(r0.slice(8));
            r1 = r1.add(r1.slice(8));
            r2 = r2.add(r2.slice(8));
            r3 = r3.add(r3.slice(8));
        }
        r0 = r0.add(r0.slice(4));
        r1 = r1.add(r1.slice(4));
        r2 = r2.add(r2.slice(4));
        r3 = r3.add(r3.slice(4));
        r0 = r0.add(r0.slice(2));
        r1 = r1.add(r1.slice(2));
        r2 = r2.add(r2.slice(2));
        r3 = r3.add(r3.slice(2));
        r0 = r0.add(r0.slice(1));
        r1 = r1.add(r1.slice(1));
        r2 = r2.add(r2.slice(1));
        r3 = r3.add(r3.slice(1));
        out0[column] = r0.lane(0);
        out1[column] = r1.lane(0);
        out2[column] = r2.lane(0);
        out3[column] = r3.lane(0);
    }
}
