package io.docswarm.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open GGUF file: metadata, tensor directory, and the tensors' bytes as slices of one read-only
 * memory mapping. Nothing is copied, so files of tens of GB open in milliseconds and the OS pages
 * weights in on demand. The mapping lives in a shared arena (tensors are read from many threads) and is
 * released by {@link #close()}; tensor segments must not be used afterwards.
 */
public final class GgufFile implements AutoCloseable {
    private final String source;
    private final Arena arena;
    private final MemorySegment mapping;
    private final int version;
    private final GgufMetadata metadata;
    private final List<GgufTensor> tensors;
    private final Map<String, GgufTensor> byName;
    private final int alignment;
    private final long dataOffset;

    private GgufFile(String source, Arena arena, MemorySegment mapping, GgufReader.Contents contents) {
        this.source = source;
        this.arena = arena;
        this.mapping = mapping;
        this.version = contents.version();
        this.metadata = contents.metadata();
        this.tensors = contents.tensors();
        this.alignment = contents.alignment();
        this.dataOffset = contents.dataOffset();
        Map<String, GgufTensor> map = new LinkedHashMap<>();
        for (GgufTensor t : tensors) {
            map.put(t.name(), t);
        }
        this.byName = map;
    }

    /** Maps {@code path} read-only and parses its header. */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return new GgufFile(path.toString(), arena, mapping, GgufReader.read(path.toString(), mapping));
        } catch (RuntimeException | IOException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Parses a GGUF image already in memory; {@code source} names it in error messages. */
    public static GgufFile parse(String source, MemorySegment image) {
        return new GgufFile(source, null, image, GgufReader.read(source, image));
    }

    public String source() {
        return source;
    }

    public int version() {
        return version;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    public List<GgufTensor> tensors() {
        return tensors;
    }

    public Optional<GgufTensor> findTensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The named tensor; a missing one is a {@link GgufFormatException} naming the file. */
    public GgufTensor tensor(String name) {
        GgufTensor t = byName.get(name);
        if (t == null) {
            throw new GgufFormatException(source + ": missing tensor '" + name + "'");
        }
        return t;
    }

    public int alignment() {
        return alignment;
    }

    /** Absolute file offset where tensor data begins. */
    public long dataOffset() {
        return dataOffset;
    }

    public long fileSize() {
        return mapping.byteSize();
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
