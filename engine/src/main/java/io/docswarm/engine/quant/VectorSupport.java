package io.docswarm.engine.quant;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the kernels use. Floats use the widest preferred species (512 bits on AVX-512, 256 on
 * AVX2); the narrower byte and short species hold exactly as many lanes as a float vector, so that widening
 * them to float is one lane-preserving conversion (e.g. {@code vpmovsxbd} + {@code vcvtdq2ps}) with no
 * shuffles. Below 256 bits there is no 64-bit-or-wider byte species with that many lanes, so 256 is the floor.
 */
final class VectorSupport {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            ? FloatVector.SPECIES_PREFERRED
            : FloatVector.SPECIES_256;
    /** Float lanes per vector: 16 (AVX-512) or 8. */
    static final int L = F.length();
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    /** {@link #L} bytes. */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    /** {@link #L} shorts. */
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));

    private VectorSupport() {
    }

    /**
     * {@link #L} F16 values at {@code offset} widened to float, exactly: the magnitude bits shifted into a
     * float's place and scaled by 2^112 re-bias the exponent (and turn F16 subnormals into float normals);
     * infinities and NaNs get the all-ones exponent back; then the sign.
     */
    static FloatVector loadHalfs(MemorySegment w, long offset) {
        IntVector h = (IntVector) ShortVector.fromMemorySegment(S, w, offset, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0);
        IntVector magnitude = h.and(0x7fff);
        IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
        IntVector bits = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
        bits = bits.blend(shifted.or(0x7f800000), magnitude.compare(VectorOperators.GE, 0x7c00));
        return bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    /** {@link #L} BF16 values at {@code offset} widened to float (a shift: BF16 is a float's upper half). */
    static FloatVector loadBf16s(MemorySegment w, long offset) {
        return ((IntVector) ShortVector.fromMemorySegment(S, w, offset, LittleEndian.ORDER)
                .convertShape(VectorOperators.S2I, I, 0))
                .lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
    }

    /** {@link #L} signed bytes widened to float. */
    static FloatVector toFloats(ByteVector b) {
        return (FloatVector) b.convertShape(VectorOperators.B2F, F, 0);
    }
}
