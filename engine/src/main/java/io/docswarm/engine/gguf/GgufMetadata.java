package io.docswarm.engine.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key/value metadata of a GGUF file, in file order, with typed accessors. Every accessor fails with a
 * {@link GgufFormatException} naming the file and the key when the key is missing or holds another type,
 * so a model loader can state its requirements as plain calls.
 */
public final class GgufMetadata {
    private final String source;
    private final Map<String, GgufValue> values;

    public GgufMetadata(String source, Map<String, GgufValue> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The file (or other origin) the metadata came from, as used in error messages. */
    public String source() {
        return source;
    }

    public Map<String, GgufValue> asMap() {
        return values;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<GgufValue> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public GgufValue get(String key) {
        GgufValue v = values.get(key);
        if (v == null) {
            throw new GgufFormatException(source + ": missing metadata key '" + key + "'");
        }
        return v;
    }

    public String getString(String key) {
        return (String) require(key, GgufValueType.STRING).value();
    }

    public String getString(String key, String fallback) {
        return has(key) ? getString(key) : fallback;
    }

    /** Any integer type whose value fits in an {@code int}. */
    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new GgufFormatException(source + ": metadata '" + key + "' = " + v + " does not fit in an int");
        }
        return (int) v;
    }

    public int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : fallback;
    }

    /** Any integer type; a UINT64 above {@link Long#MAX_VALUE} is an error. */
    public long getLong(String key) {
        GgufValue v = get(key);
        if (!v.type().isInteger()) {
            throw wrongType(key, v, "an integer");
        }
        try {
            return v.asLong();
        } catch (ArithmeticException e) {
            throw new GgufFormatException(source + ": metadata '" + key + "': " + e.getMessage());
        }
    }

    /** FLOAT32 or FLOAT64 (narrowed). */
    public float getFloat(String key) {
        GgufValue v = get(key);
        return switch (v.type()) {
            case FLOAT32 -> (Float) v.value();
            case FLOAT64 -> (float) (double) (Double) v.value();
            default -> throw wrongType(key, v, "a float");
        };
    }

    public float getFloat(String key, float fallback) {
        return has(key) ? getFloat(key) : fallback;
    }

    public boolean getBoolean(String key) {
        return (Boolean) require(key, GgufValueType.BOOL).value();
    }

    public boolean getBoolean(String key, boolean fallback) {
        return has(key) ? getBoolean(key) : fallback;
    }

    public GgufArray getArray(String key) {
        return (GgufArray) require(key, GgufValueType.ARRAY).value();
    }

    public String[] getStringArray(String key) {
        return (String[]) requireElements(key, GgufValueType.STRING).values();
    }

    public float[] getFloatArray(String key) {
        return (float[]) requireElements(key, GgufValueType.FLOAT32).values();
    }

    /** An array of any integer element type up to 32 bits, widened to {@code int} (unsigned types as such). */
    public int[] getIntArray(String key) {
        GgufArray a = getArray(key);
        Object raw = a.values();
        return switch (a.elementType()) {
            case INT32, UINT32 -> ((int[]) raw).clone();
            case INT16 -> widen((short[]) raw, false);
            case UINT16 -> widen((short[]) raw, true);
            case INT8 -> widen((byte[]) raw, false);
            case UINT8 -> widen((byte[]) raw, true);
            default -> throw new GgufFormatException(source + ": metadata '" + key
                    + "' is an array of " + a.elementType() + ", expected an array of integers");
        };
    }

    private static int[] widen(short[] in, boolean unsigned) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = unsigned ? Short.toUnsignedInt(in[i]) : in[i];
        }
        return out;
    }

    private static int[] widen(byte[] in, boolean unsigned) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = unsigned ? Byte.toUnsignedInt(in[i]) : in[i];
        }
        return out;
    }

    private GgufValue require(String key, GgufValueType type) {
        GgufValue v = get(key);
        if (v.type() != type) {
            throw wrongType(key, v, type.toString());
        }
        return v;
    }

    private GgufArray requireElements(String key, GgufValueType elementType) {
        GgufArray a = getArray(key);
        if (a.elementType() != elementType) {
            throw new GgufFormatException(source + ": metadata '" + key + "' is an array of "
                    + a.elementType() + ", expected an array of " + elementType);
        }
        return a;
    }

    private GgufFormatException wrongType(String key, GgufValue v, String expected) {
        return new GgufFormatException(source + ": metadata '" + key + "' has type " + v.type()
                + ", expected " + expected);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
