package io.docswarm.engine.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * A metadata array: an element type and a Java array holding the elements. The Java array type follows
 * the element type: {@code byte[]} for UINT8/INT8, {@code short[]} for UINT16/INT16, {@code int[]} for
 * UINT32/INT32, {@code long[]} for UINT64/INT64, {@code float[]}, {@code double[]}, {@code boolean[]},
 * {@code String[]}, and {@code GgufArray[]} for nested arrays. Unsigned values keep their bit pattern.
 *
 * <p>Primitive arrays keep large vocabularies (scores, token types: hundreds of thousands of entries)
 * compact. Callers must not modify the array returned by {@link #values()}.
 */
public final class GgufArray {
    private final GgufValueType elementType;
    private final Object values;

    public GgufArray(GgufValueType elementType, Object values) {
        this.elementType = Objects.requireNonNull(elementType);
        this.values = Objects.requireNonNull(values);
        Class<?> expected = javaArrayClass(elementType);
        if (values.getClass() != expected) {
            throw new IllegalArgumentException("a " + elementType + " array needs a "
                    + expected.getSimpleName() + ", got " + values.getClass().getSimpleName());
        }
    }

    public static GgufArray ofStrings(String... values) {
        return new GgufArray(GgufValueType.STRING, values);
    }

    public static GgufArray ofFloats(float... values) {
        return new GgufArray(GgufValueType.FLOAT32, values);
    }

    public static GgufArray ofInts(int... values) {
        return new GgufArray(GgufValueType.INT32, values);
    }

    static Class<?> javaArrayClass(GgufValueType elementType) {
        return switch (elementType) {
            case UINT8, INT8 -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case UINT64, INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case BOOL -> boolean[].class;
            case STRING -> String[].class;
            case ARRAY -> GgufArray[].class;
        };
    }

    public GgufValueType elementType() {
        return elementType;
    }

    /** The backing Java array (see the class comment for its type). */
    public Object values() {
        return values;
    }

    public int length() {
        return java.lang.reflect.Array.getLength(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufArray other && elementType == other.elementType
                && Arrays.deepEquals(new Object[] {values}, new Object[] {other.values});
    }

    @Override
    public int hashCode() {
        return 31 * elementType.hashCode() + Arrays.deepHashCode(new Object[] {values});
    }

    @Override
    public String toString() {
        int n = length();
        return elementType + "[" + n + "]";
    }
}
