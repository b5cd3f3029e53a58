package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.KQuants.QK_K;
import static io.docswarm.engine.quant.VectorSupport.B;
import static io.docswarm.engine.quant.VectorSupport.F;
import static io.docswarm.engine.quant.VectorSupport.L;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K weights ({@code block_q5_K}, 144 bytes per 256 elements): {@code f16 d}, {@code f16 dmin},
 * {@code uint8 scales[12]} (eight 6-bit scales and mins, see {@link KQuants#scaleMin}), {@code uint8 qs[128]}.
 * Each 64 elements use 32 bytes of {@code qs}: the low nibbles are sub-block {@code 2i}, the high nibbles
 * sub-block {@code 2i+1}; element = {@code d * scale * q - dmin * min}. Dot products take a Q8_K activation,
 * whose per-16 sums turn the min term into 8 multiplications per block.
 */
public final class Q5KKernel implements QuantKernel {
    static final Q5KKernel INSTANCE = new Q5KKernel();
    static final int BYTES = 176;
    private static final int SCALES = 4;
    private static final int QH = 16;
    private static final int QS = 48;

    private Q5KKernel() {
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_K;
    }

    @Override
    public GgmlType activationType() {
        return GgmlType.Q8_K;
    }

    @Override
    public void dequantize(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_K, src, offset, n);
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            float d = LittleEndian.getHalf(src, at);
            float dmin = LittleEndian.getHalf(src, at + 2);
            int y = dstOffset + b * QK_K;
            for (int i = 0; i < 4; i++) {
                int sm0 = KQuants.scaleMin(src, at + SCALES, 2 * i);
                int sm1 = KQuants.scaleMin(src, at + SCALES, 2 * i + 1);
                float d1 = d * (sm0 & 0xFF);
                float m1 = dmin * (sm0 >> 8);
                float d2 = d * (sm1 & 0xFF);
                float m2 = dmin * (sm1 >> 8);
                for (int l = 0; l < 32; l++) {
                    int q = LittleEndian.getUnsignedByte(src, at + QS + 32 * i + l);
                    int h = LittleEndian.getUnsignedByte(src, at + QH + l) >> (2 * i);
                    dst[y + 64 * i + l] = d1 * ((q & 0xF) | (h & 1) << 4) - m1;
                    dst[y + 64 * i + 32 + l] = d2 * ((q >> 4) | (h & 2) << 3) - m2;
                }
            }
        }
    }

    @Override
    public void quantize(float[] src, int srcOffset, MemorySegment dst, long offset, int n) {
        QuantKernel.checkRow(GgmlType.Q5_K, dst, offset, n);
        int[] levels = new int[QK_K];
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            KQuants.quantizeScaleMinBlock(src, srcOffset + b * QK_K, 31, dst, at, levels);
            for (int l = 0; l < 32; l++) {
                int h = 0;
                for (int i = 0; i < 4; i++) {
                    int lo = levels[64 * i + l];
                    int hi = levels[64 * i + 32 + l];
                    LittleEndian.setByte(dst, at + QS + 32 * i + l, (lo & 0xF) | (hi & 0xF) << 4);
                    h |= (lo >> 4) << (2 * i) | (hi >> 4) << (2 * i + 1);
                }
                LittleEndian.setByte(dst, at + QH + l, h);
            }
        }
    }

    /** ggml's {@code ggml_vec_dot_q5_K_q8_K_generic}: 8 integer lanes per block, then float. */
    @Override
    public float dotReference(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q5_K, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] sums = new float[8];
        int[] aux32 = new int[8];
        float sumf = 0f;
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            java.util.Arrays.fill(aux32, 0);
            int sumMins = 0;
            for (int g = 0; g < 16; g++) {
                sumMins += x.bsums[b * 16 + g] * (KQuants.scaleMin(w, at + SCALES, g / 2) >> 8);
            }
            for (int e = 0; e < QK_K; e++) {
                int sub = e / 32;
                int byteIndex = 32 * (sub / 2) + e % 32;
                int q = LittleEndian.getUnsignedByte(w, at + QS + byteIndex);
                int high = (LittleEndian.getUnsignedByte(w, at + QH + e % 32) >> sub) & 1;
                int level = (sub % 2 == 0 ? q & 0xF : q >> 4) | high << 4;
                int scale = KQuants.scaleMin(w, at + SCALES, sub) & 0xFF;
                aux32[e % 8] += scale * (x.quants[b * QK_K + e] * level);
            }
            float d = LittleEndian.getHalf(w, at) * x.scales[b];
            for (int l = 0; l < 8; l++) {
                sums[l] += d * aux32[l];
            }
            float dmin = LittleEndian.getHalf(w, at + 2) * x.scales[b];
            sumf -= dmin * sumMins;
        }
        for (int l = 0; l < 8; l++) {
            sumf += sums[l];
        }
        return sumf;
    }

    /**
     * Per sub-block of 32 the 5-bit-times-quant products are summed lane-wise in float (exact: at most
     * 32 * 31 * 127), then scaled by {@code d * xd * scale} into two row accumulators; the min term is integer
     * per block (from the Q8_K sums). One method for the whole row: a single lane sum per row, and no vector
     * crosses a call.
     */
    @Override
    public float dot(MemorySegment w, long offset, QuantizedRow x, int n) {
        QuantKernel.checkRow(GgmlType.Q5_K, w, offset, n);
        QuantKernel.checkActivation(this, x, n);
        float[] xv = x.values;
        float[] xs = x.scales;
        int[] sums32 = x.sums32;
        FloatVector accLo = FloatVector.zero(F);
        FloatVector accHi = FloatVector.zero(F);
        float minTerm = 0f;
        for (int b = 0; b < n / QK_K; b++) {
            long at = offset + (long) b * BYTES;
            int dd = LittleEndian.getInt(w, at); // f16 d, f16 dmin
            long lo = LittleEndian.getLong(w, at + SCALES);
            int hi = LittleEndian.getInt(w, at + SCALES + 8);
            int sumMins = KQuants.dot4(KQuants.mins0123(lo), sums32, 8 * b)
                    + KQuants.dot4(KQuants.mins4567(lo, hi), sums32, 8 * b + 4);
            minTerm += Float.float16ToFloat((short) (dd >>> 16)) * xs[b] * sumMins;
            float d = Float.float16ToFloat((short) dd) * xs[b];
            long scales = (KQuants.scales0123(lo) & 0xFFFFFFFFL) | (long) KQuants.scales4567(lo, hi) << 32;
            long qs = at + QS;
            long qh = at + QH;
            int xi = b * QK_K;
            for (int i = 0; i < 4; i++) {
                FloatVector sumLo = FloatVector.zero(F);
                FloatVector sumHi = FloatVector.zero(F);
                for (int k = 0; k < 32; k += L) {
                    ByteVector q = ByteVector.fromMemorySegment(B, w, qs + 32 * i + k, LittleEndian.ORDER);
                    // Fifth bits: bit 2i of qh tops the low nibbles, bit 2i+1 the high ones; move each to bit 4
                    // (right shift first, so no bit leaves the int lane).
                    IntVector hs = ByteVector.fromMemorySegment(B, w, qh + k, LittleEndian.ORDER).reinterpretAsInts()
                            .lanewise(VectorOperators.LSHR, 2 * i);
                    ByteVector qlo = q.and((byte) 0x0F)
                            .or(hs.lanewise(VectorOperators.LSHL, 4).reinterpretAsBytes().and((byte) 0x10));
                    ByteVector qhi = q.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                            .and((byte) 0x0F).or(hs.lanewise(VectorOperators.LSHL, 3).reinterpretAsBytes().and((byte) 0x10));
                    sumLo = ((FloatVector) qlo.convertShape(VectorOperators.B2F, F, 0))
                            .fma(FloatVector.fromArray(F, xv, xi + 64 * i + k), sumLo);
                    sumHi = ((FloatVector) qhi.convertShape(VectorOperators.B2F, F, 0))
                            .fma(FloatVector.fromArray(F, xv, xi + 64 * i + 32 + k), sumHi);
                }
                accLo = sumLo.fma(FloatVector.broadcast(F, d * ((scales >>> (16 * i)) & 0xFF)), accLo);
                accHi = sumHi.fma(FloatVector.broadcast(F, d * ((scales >>> (16 * i + 8)) & 0xFF)), accHi);
            }
        }
        // VectorSupport.sum written out: this method is too big for the JIT to inline a vector-taking helper.
        FloatVector acc = accLo.add(accHi);
        if (L == 16) {
            acc = acc.add(acc.slice(8));
        }
        acc = acc.add(acc.slice(4));
        acc = acc.add(acc.slice(2));
        acc = acc.add(acc.slice(1));
        return acc.lane(0) - minTerm;
    }
}
