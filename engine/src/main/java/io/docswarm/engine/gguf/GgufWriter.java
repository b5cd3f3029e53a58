package io.docswarm.engine.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes GGUF version 3 files: metadata in insertion order, the tensor directory, then each tensor's
 * bytes padded to the alignment ({@code general.alignment} if set, else 32). Tensor bytes are asked for
 * one at a time at write time, so a writer can produce files larger than the heap.
 */
public final class GgufWriter {
    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<PendingTensor> tensors = new ArrayList<>();

    private record PendingTensor(String name, GgmlType type, long[] dims, long bytes, Supplier<ByteBuffer> data) {}

    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
        if (key.equals("general.alignment")) {
            if (value.type() != GgufValueType.UINT32 || (Integer) value.value() <= 0
                    || Integer.bitCount((Integer) value.value()) != 1) {
                throw new IllegalArgumentException("general.alignment must be a UINT32 power of two, got " + value);
            }
        }
        metadata.put(key, value);
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufValue.ofString(value));
    }

    public GgufWriter putUint32(String key, int value) {
        return put(key, GgufValue.ofUint32(value));
    }

    public GgufWriter putInt32(String key, int value) {
        return put(key, GgufValue.ofInt32(value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValue.ofFloat32(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValue.ofBool(value));
    }

    public GgufWriter putArray(String key, GgufArray value) {
        return put(key, GgufValue.ofArray(value));
    }

    /** Adds a tensor whose bytes are already in memory ({@code data.length} must match type and dims). */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, byte[] data) {
        long expected = checkedSize(name, type, dims);
        if (data.length != expected) {
            throw new IllegalArgumentException("tensor '" + name + "' of type " + type + " and dims "
                    + Arrays.toString(dims) + " needs " + expected + " bytes, got " + data.length);
        }
        return addTensor(name, type, dims, () -> ByteBuffer.wrap(data));
    }

    /**
     * Adds a tensor whose bytes are produced when the file is written; the supplier must return exactly
     * the tensor's byte size (checked).
     */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, Supplier<ByteBuffer> data) {
        long bytes = checkedSize(name, type, dims);
        for (PendingTensor t : tensors) {
            if (t.name().equals(name)) {
                throw new IllegalArgumentException("duplicate tensor name '" + name + "'");
            }
        }
        tensors.add(new PendingTensor(name, type, dims.clone(), bytes, data));
        return this;
    }

    private static long checkedSize(String name, GgmlType type, long[] dims) {
        if (dims.length < 1 || dims.length > GgufReader.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "' must have 1 to 4 dimensions");
        }
        long n = 1;
        for (long d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a non-positive dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        if (dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': row length " + dims[0]
                    + " is not a multiple of " + type + "'s block size " + type.blockSize());
        }
        return type.bytesFor(n);
    }

    public void write(Path path) throws IOException {
        int alignment = metadata.containsKey("general.alignment")
                ? (Integer) metadata.get("general.alignment").value()
                : GgufReader.DEFAULT_ALIGNMENT;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            HeaderBuffer h = new HeaderBuffer();
            h.u32(GgufReader.MAGIC);
            h.u32(3);
            h.u64(tensors.size());
            h.u64(metadata.size());
            for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
                h.string(e.getKey());
                h.u32(e.getValue().type().id());
                h.value(e.getValue());
            }
            long offset = 0;
            for (PendingTensor t : tensors) {
                h.string(t.name());
                h.u32(t.dims().length);
                for (long d : t.dims()) {
                    h.u64(d);
                }
                h.u32(t.type().id());
                h.u64(offset);
                offset = GgufReader.alignUp(offset + t.bytes(), alignment);
            }
            h.padTo(alignment);
            writeFully(ch, h.toByteBuffer());
            long written = 0;
            for (PendingTensor t : tensors) {
                ByteBuffer data = t.data().get();
                if (data.remaining() != t.bytes()) {
                    throw new IllegalStateException("tensor '" + t.name() + "' supplied " + data.remaining()
                            + " bytes, expected " + t.bytes());
                }
                writeFully(ch, data);
                written += t.bytes();
                long padded = GgufReader.alignUp(written, alignment);
                if (padded != written) {
                    writeFully(ch, ByteBuffer.allocate((int) (padded - written)));
                    written = padded;
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** A growable little-endian buffer for the header. */
    private static final class HeaderBuffer {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(long more) {
            if (buf.remaining() < more) {
                long need = buf.position() + more;
                long cap = Math.max(need, 2L * buf.capacity());
                if (cap > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("GGUF header larger than 2 GB");
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) cap).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void u8(byte v) {
            ensure(1);
            buf.put(v);
        }

        void u16(short v) {
            ensure(2);
            buf.putShort(v);
        }

        void u32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void u64(long v) {
            ensure(8);
            buf.putLong(v);
        }

        void f32(float v) {
            ensure(4);
            buf.putFloat(v);
        }

        void f64(double v) {
            ensure(8);
            buf.putDouble(v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            ensure(b.length);
            buf.put(b);
        }

        void value(GgufValue v) {
            switch (v.type()) {
                case UINT8, INT8 -> u8((Byte) v.value());
                case UINT16, INT16 -> u16((Short) v.value());
                case UINT32, INT32 -> u32((Integer) v.value());
                case UINT64, INT64 -> u64((Long) v.value());
                case FLOAT32 -> f32((Float) v.value());
                case FLOAT64 -> f64((Double) v.value());
                case BOOL -> u8((byte) ((Boolean) v.value() ? 1 : 0));
                case STRING -> string((String) v.value());
                case ARRAY -> array((GgufArray) v.value());
            }
        }

        void array(GgufArray a) {
            u32(a.elementType().id());
            u64(a.length());
            switch (a.elementType()) {
                case UINT8, INT8 -> { for (byte x : (byte[]) a.values()) u8(x); }
                case UINT16, INT16 -> { for (short x : (short[]) a.values()) u16(x); }
                case UINT32, INT32 -> { for (int x : (int[]) a.values()) u32(x); }
                case UINT64, INT64 -> { for (long x : (long[]) a.values()) u64(x); }
                case FLOAT32 -> { for (float x : (float[]) a.values()) f32(x); }
                case FLOAT64 -> { for (double x : (double[]) a.values()) f64(x); }
                case BOOL -> { for (boolean x : (boolean[]) a.values()) u8((byte) (x ? 1 : 0)); }
                case STRING -> { for (String x : (String[]) a.values()) string(x); }
                case ARRAY -> { for (GgufArray x : (GgufArray[]) a.values()) array(x); }
            }
        }

        void padTo(int alignment) {
            long padded = GgufReader.alignUp(buf.position(), alignment);
            ensure(padded - buf.position());
            while (buf.position() < padded) {
                buf.put((byte) 0);
            }
        }

        ByteBuffer toByteBuffer() {
            return buf.duplicate().flip();
        }
    }
}
