package io.docswarm.engine.quant;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the kernels use. Floats use the widest preferred species (512 bits on AVX-512, 256 on
 * AVX2); the narrower byte and short species hold exactly as many lanes as a float vector, so that widening
 * them to float is one lane-preserving conversion (e.g. {@code vpmovsxbd} + {@code vcvtdq2ps}) with no
 * shuffles. Below 256 bits there is no byte species with that many lanes, so 256 is the floor.
 *
 * <p>Rules the kernels follow, learned from the JIT: a vector must never cross a method call that may not be
 * inlined (it would be boxed: an allocation per call), so hot loops are written out in one method and helper
 * methods return floats; hot methods stay small enough to be compiled well; and byte-lane shifts, which x86
 * lacks, are done on the same bits reinterpreted as int lanes and then masked per byte.
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
    /**
     * 32 shorts, for the 512-bit kernels' integer products (only used where {@link #L} is 16: on narrower
     * machines those paths do not run and this species is never loaded from).
     */
    static final VectorSpecies<Short> S32 = ShortVector.SPECIES_512;

    private VectorSupport() {
    }

    /**
     * The sum of the lanes, always in the same (pairwise) order. {@code reduceLanes(ADD)} may add in a
     * different order once the JIT compiles it than when interpreted, so the same call would give different
     * roundings before and after warm-up — and a fixed seed would not reproduce its output.
     */
    static float sum(FloatVector v) {
        if (L == 16) {
            v = v.add(v.slice(8));
        }
        v = v.add(v.slice(4));
        v = v.add(v.slice(2));
        v = v.add(v.slice(1));
        return v.lane(0);
    }
}
