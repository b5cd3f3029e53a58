package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes float values as the bytes of a GGUF tensor of a given type (for generated models). */
final class TensorEncoder {
    private TensorEncoder() {}

    static byte[] encode(GgmlType type, float[] values) {
        int n = values.length;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(type.bytesFor(n))).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> {
                for (float v : values) {
                    out.putFloat(v);
                }
            }
            case F16 -> {
                for (float v : values) {
                    out.putShort(Float.floatToFloat16(v));
                }
            }
            default -> throw new IllegalArgumentException("cannot encode " + type + " yet");
        }
        return out.array();
    }
}
