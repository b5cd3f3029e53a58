package io.docswarm.engine.gguf;

import java.util.Objects;

/**
 * One typed metadata value. The Java type of {@code value} follows {@code type}: {@code Byte} for
 * UINT8/INT8, {@code Short} for UINT16/INT16, {@code Integer} for UINT32/INT32, {@code Long} for
 * UINT64/INT64, {@code Float}, {@code Double}, {@code Boolean}, {@code String}, {@link GgufArray}.
 * Unsigned values keep their bit pattern; {@link #asLong()} widens them correctly.
 */
public record GgufValue(GgufValueType type, Object value) {
    public GgufValue {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        Class<?> expected = switch (type) {
            case UINT8, INT8 -> Byte.class;
            case UINT16, INT16 -> Short.class;
            case UINT32, INT32 -> Integer.class;
            case UINT64, INT64 -> Long.class;
            case FLOAT32 -> Float.class;
            case FLOAT64 -> Double.class;
            case BOOL -> Boolean.class;
            case STRING -> String.class;
            case ARRAY -> GgufArray.class;
        };
        if (value.getClass() != expected) {
            throw new IllegalArgumentException("a " + type + " value needs a " + expected.getSimpleName()
                    + ", got " + value.getClass().getSimpleName());
        }
    }

    public static GgufValue ofString(String s) {
        return new GgufValue(GgufValueType.STRING, s);
    }

    public static GgufValue ofUint16(short v) {
        return new GgufValue(GgufValueType.UINT16, v);
    }

    public static GgufValue ofUint32(int v) {
        return new GgufValue(GgufValueType.UINT32, v);
    }

    public static GgufValue ofInt32(int v) {
        return new GgufValue(GgufValueType.INT32, v);
    }

    public static GgufValue ofUint64(long v) {
        return new GgufValue(GgufValueType.UINT64, v);
    }

    public static GgufValue ofFloat32(float v) {
        return new GgufValue(GgufValueType.FLOAT32, v);
    }

    public static GgufValue ofBool(boolean v) {
        return new GgufValue(GgufValueType.BOOL, v);
    }

    public static GgufValue ofArray(GgufArray a) {
        return new GgufValue(GgufValueType.ARRAY, a);
    }

    /**
     * The value as a signed 64-bit integer, widening unsigned types without sign extension; only for
     * integer types. A UINT64 above {@link Long#MAX_VALUE} is reported, not wrapped.
     */
    long asLong() {
        return switch (type) {
            case UINT8 -> Byte.toUnsignedLong((Byte) value);
            case INT8 -> (Byte) value;
            case UINT16 -> Short.toUnsignedLong((Short) value);
            case INT16 -> (Short) value;
            case UINT32 -> Integer.toUnsignedLong((Integer) value);
            case INT32 -> (Integer) value;
            case INT64 -> (Long) value;
            case UINT64 -> {
                long v = (Long) value;
                if (v < 0) {
                    throw new ArithmeticException(Long.toUnsignedString(v) + " does not fit in a signed long");
                }
                yield v;
            }
            default -> throw new IllegalStateException(type + " is not an integer type");
        };
    }

    @Override
    public String toString() {
        return type == GgufValueType.STRING ? '"' + (String) value + '"' : String.valueOf(value);
    }
}
