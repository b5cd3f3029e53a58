package io.docswarm.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the GGUF header (metadata and tensor directory) of a file already in memory (normally a
 * read-only mapping). Every count and length read from the file is checked against the bytes that
 * remain before anything is allocated, so a hostile file fails with a {@link GgufFormatException}
 * rather than an OutOfMemoryError.
 *
 * <p>Layout (little-endian): magic "GGUF", u32 version (2 or 3), u64 tensor count, u64 metadata count,
 * the metadata entries, the tensor infos, padding to {@code general.alignment} (default 32), tensor data.
 */
final class GgufReader {
    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
    static final int DEFAULT_ALIGNMENT = 32;
    static final int MAX_DIMS = 4; // GGML_MAX_DIMS
    /** Nested arrays deeper than this are certainly hostile; the limit keeps recursion bounded. */
    static final int MAX_ARRAY_DEPTH = 8;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The parsed header, with tensors already sliced out of {@code file}. */
    record Contents(int version, GgufMetadata metadata, List<GgufTensor> tensors, int alignment, long dataOffset) {}

    private final String source;
    private final MemorySegment file;
    private final long size;
    private long pos;

    private GgufReader(String source, MemorySegment file) {
        this.source = source;
        this.file = file;
        this.size = file.byteSize();
    }

    static Contents read(String source, MemorySegment file) {
        return new GgufReader(source, file).readAll();
    }

    private Contents readAll() {
        if (size < 4) {
            throw fail("file too small to be GGUF (" + size + " bytes)");
        }
        int magic = file.get(U32, 0);
        if (magic != MAGIC) {
            throw fail(String.format("bad magic 0x%08x at offset 0, expected \"GGUF\" (0x%08x): not a GGUF file",
                    magic, MAGIC));
        }
        pos = 4;
        int version = u32("version");
        if (version == 1) {
            throw fail("unsupported GGUF version 1 (only versions 2 and 3 are supported)");
        }
        if (version != 2 && version != 3) {
            if (Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3) {
                throw fail("big-endian GGUF (version bytes " + Integer.reverseBytes(version)
                        + " byte-swapped) is not supported");
            }
            throw fail("unsupported GGUF version " + Integer.toUnsignedString(version)
                    + " (only versions 2 and 3 are supported)");
        }
        long tensorCount = u64("tensor count");
        long kvCount = u64("metadata count");
        // Smallest possible entries: a kv is key length (8) + type (4) + one byte; a tensor info is
        // name length (8) + n_dims (4) + one dim (8) + type (4) + offset (8).
        checkCount("metadata count", kvCount, 13);
        checkCount("tensor count", tensorCount, 32);

        Map<String, GgufValue> kv = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long entryStart = pos;
            String key = string("metadata key #" + i);
            GgufValueType type = valueType("type of metadata '" + key + "'");
            GgufValue value = value(type, "metadata '" + key + "'", 0);
            if (kv.putIfAbsent(key, value) != null) {
                throw fail("duplicate metadata key '" + key + "' at offset " + entryStart);
            }
        }
        GgufMetadata metadata = new GgufMetadata(source, kv);
        int alignment = alignment(metadata);

        record Info(String name, GgmlType type, long[] dims, long relOffset, long bytes) {}
        List<Info> infos = new ArrayList<>((int) tensorCount);
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = string("name of tensor #" + i);
            if (!names.add(name)) {
                throw fail("duplicate tensor name '" + name + "'");
            }
            int nDims = u32("dimension count of tensor '" + name + "'");
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw fail("tensor '" + name + "' has " + Integer.toUnsignedString(nDims)
                        + " dimensions (must be 1 to " + MAX_DIMS + ")");
            }
            long[] dims = new long[nDims];
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                dims[d] = u64("dimension " + d + " of tensor '" + name + "'");
                if (dims[d] <= 0) {
                    throw fail("tensor '" + name + "' has dimension " + d + " = "
                            + Long.toUnsignedString(dims[d]) + " (must be positive)");
                }
                try {
                    elements = Math.multiplyExact(elements, dims[d]);
                } catch (ArithmeticException e) {
                    throw fail("tensor '" + name + "' dimensions overflow a 64-bit element count");
                }
            }
            int typeId = u32("type of tensor '" + name + "'");
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) {
                throw fail("tensor '" + name + "' has unknown ggml type id " + Integer.toUnsignedString(typeId));
            }
            if (dims[0] % type.blockSize() != 0) {
                throw fail("tensor '" + name + "' of type " + type + " has row length " + dims[0]
                        + ", not a multiple of the block size " + type.blockSize());
            }
            long bytes;
            try {
                bytes = type.bytesFor(elements);
            } catch (ArithmeticException e) {
                throw fail("tensor '" + name + "' byte size overflows 64 bits");
            }
            long relOffset = u64("data offset of tensor '" + name + "'");
            if (relOffset < 0 || relOffset % alignment != 0) {
                throw fail("tensor '" + name + "' has data offset " + Long.toUnsignedString(relOffset)
                        + ", not a multiple of the alignment " + alignment);
            }
            infos.add(new Info(name, type, dims, relOffset, bytes));
        }

        long dataOffset = alignUp(pos, alignment);
        List<GgufTensor> tensors = new ArrayList<>(infos.size());
        for (Info info : infos) {
            long start = dataOffset + info.relOffset();
            if (start < dataOffset || start > size || info.bytes() > size - start) {
                throw fail("tensor '" + info.name() + "' data (" + info.bytes() + " bytes at offset "
                        + Long.toUnsignedString(start) + ") extends past the end of the file (" + size
                        + " bytes): truncated or corrupt file");
            }
            tensors.add(new GgufTensor(info.name(), info.type(), info.dims(), start,
                    file.asSlice(start, info.bytes()).asReadOnly()));
        }
        return new Contents(version, metadata, List.copyOf(tensors), alignment, dataOffset);
    }

    private int alignment(GgufMetadata metadata) {
        if (!metadata.has("general.alignment")) {
            return DEFAULT_ALIGNMENT;
        }
        GgufValue v = metadata.get("general.alignment");
        if (v.type() != GgufValueType.UINT32) {
            throw fail("general.alignment has type " + v.type() + ", expected UINT32");
        }
        int a = (Integer) v.value();
        if (a <= 0 || Integer.bitCount(a) != 1) {
            throw fail("general.alignment = " + Integer.toUnsignedString(a) + " is not a positive power of two");
        }
        return a;
    }

    static long alignUp(long offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    private GgufValue value(GgufValueType type, String what, int depth) {
        return switch (type) {
            case UINT8, INT8 -> new GgufValue(type, bytes(1, what).get(ValueLayout.JAVA_BYTE, 0));
            case UINT16, INT16 -> new GgufValue(type, bytes(2, what).get(U16, 0));
            case UINT32, INT32 -> new GgufValue(type, bytes(4, what).get(U32, 0));
            case UINT64, INT64 -> new GgufValue(type, bytes(8, what).get(U64, 0));
            case FLOAT32 -> new GgufValue(type, bytes(4, what).get(F32, 0));
            case FLOAT64 -> new GgufValue(type, bytes(8, what).get(F64, 0));
            case BOOL -> new GgufValue(type, bool(what));
            case STRING -> new GgufValue(type, string(what));
            case ARRAY -> new GgufValue(type, array(what, depth));
        };
    }

    private boolean bool(String what) {
        byte b = bytes(1, what).get(ValueLayout.JAVA_BYTE, 0);
        if (b != 0 && b != 1) {
            throw fail(what + ": invalid boolean byte " + b + " at offset " + (pos - 1));
        }
        return b == 1;
    }

    private GgufArray array(String what, int depth) {
        if (depth >= MAX_ARRAY_DEPTH) {
            throw fail(what + ": arrays nested deeper than " + MAX_ARRAY_DEPTH + " levels");
        }
        GgufValueType elementType = valueType("element type of " + what);
        long count = u64("length of " + what);
        checkCount("length of " + what + " (array of " + elementType + ")", count, elementType.minBytes());
        int n = (int) count;
        String elementWhat = what + " element";
        // Fixed-size elements are bulk-copied; checkCount proved they fit in the remaining bytes.
        return switch (elementType) {
            case UINT8, INT8 -> new GgufArray(elementType, bytes(n, what).toArray(ValueLayout.JAVA_BYTE));
            case UINT16, INT16 -> new GgufArray(elementType, bytes(2L * n, what).toArray(U16));
            case UINT32, INT32 -> new GgufArray(elementType, bytes(4L * n, what).toArray(U32));
            case UINT64, INT64 -> new GgufArray(elementType, bytes(8L * n, what).toArray(U64));
            case FLOAT32 -> new GgufArray(elementType, bytes(4L * n, what).toArray(F32));
            case FLOAT64 -> new GgufArray(elementType, bytes(8L * n, what).toArray(F64));
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = bool(elementWhat);
                }
                yield new GgufArray(elementType, out);
            }
            case STRING -> {
                String[] out = new String[n];
                for (int i = 0; i < n; i++) {
                    out[i] = string(elementWhat);
                }
                yield new GgufArray(elementType, out);
            }
            case ARRAY -> {
                GgufArray[] out = new GgufArray[n];
                for (int i = 0; i < n; i++) {
                    out[i] = array(elementWhat, depth + 1);
                }
                yield new GgufArray(elementType, out);
            }
        };
    }

    private GgufValueType valueType(String what) {
        int id = u32(what);
        GgufValueType type = GgufValueType.byId(Integer.toUnsignedLong(id));
        if (type == null) {
            throw fail(what + ": unknown metadata value type id " + Integer.toUnsignedString(id)
                    + " at offset " + (pos - 4));
        }
        return type;
    }

    private String string(String what) {
        long len = u64("length of " + what);
        if (len < 0 || len > size - pos) {
            throw fail(what + ": string length " + Long.toUnsignedString(len) + " at offset " + (pos - 8)
                    + " exceeds the " + (size - pos) + " bytes left in the file");
        }
        if (len > Integer.MAX_VALUE - 8) {
            throw fail(what + ": string length " + len + " is too large");
        }
        return new String(bytes(len, what).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** Rejects a count that could not fit in the remaining bytes even if each item took {@code minBytes}. */
    private void checkCount(String what, long count, int minBytes) {
        long remaining = size - pos;
        if (count < 0 || count > remaining / minBytes || count > Integer.MAX_VALUE - 8) {
            throw fail(what + " " + Long.toUnsignedString(count) + " is impossible: only " + remaining
                    + " bytes remain after offset " + pos);
        }
    }

    private int u32(String what) {
        return bytes(4, what).get(U32, 0);
    }

    private long u64(String what) {
        return bytes(8, what).get(U64, 0);
    }

    /** The next {@code n} bytes as a slice, advancing; fails cleanly when the file ends first. */
    private MemorySegment bytes(long n, String what) {
        if (n > size - pos) {
            throw fail("truncated file: " + what + " needs " + n + " bytes at offset " + pos + " but the file has "
                    + size + " bytes");
        }
        MemorySegment s = file.asSlice(pos, n);
        pos += n;
        return s;
    }

    private GgufFormatException fail(String problem) {
        return new GgufFormatException(source + ": " + problem);
    }
}
