package io.docswarm.engine.gguf;

/** Metadata value types as numbered in GGUF ({@code gguf_type}). */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    /** u64 byte length followed by UTF-8 bytes. */
    STRING(8, 8),
    /** u32 element type, u64 count, elements. */
    ARRAY(9, 12),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private final int id;
    private final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    public int id() {
        return id;
    }

    /**
     * The fewest bytes one value of this type occupies in a file; used to reject element counts that
     * could not possibly fit in what remains of the file before allocating anything.
     */
    int minBytes() {
        return minBytes;
    }

    boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    /** The type with this id, or {@code null}. */
    public static GgufValueType byId(long id) {
        for (GgufValueType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        return null;
    }
}
