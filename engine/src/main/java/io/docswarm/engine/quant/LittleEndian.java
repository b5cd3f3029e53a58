package io.docswarm.engine.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Unaligned little-endian accessors for GGUF tensor data, whatever the platform's byte order. */
final class LittleEndian {
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private LittleEndian() {
    }

    static byte getByte(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset);
    }

    static int getUnsignedByte(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    static void setByte(MemorySegment s, long offset, int value) {
        s.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    static short getShort(MemorySegment s, long offset) {
        return s.get(SHORT, offset);
    }

    static void setShort(MemorySegment s, long offset, short value) {
        s.set(SHORT, offset, value);
    }

    static int getInt(MemorySegment s, long offset) {
        return s.get(INT, offset);
    }

    static void setInt(MemorySegment s, long offset, int value) {
        s.set(INT, offset, value);
    }

    static long getLong(MemorySegment s, long offset) {
        return s.get(LONG, offset);
    }

    static float getFloat(MemorySegment s, long offset) {
        return s.get(FLOAT, offset);
    }

    static void setFloat(MemorySegment s, long offset, float value) {
        s.set(FLOAT, offset, value);
    }

    /** The f16 at {@code offset} widened to float (exact). */
    static float getHalf(MemorySegment s, long offset) {
        return Float.float16ToFloat(s.get(SHORT, offset));
    }
}
