package io.docswarm.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open GGUF file: metadata, tensor directory, and the tensors' bytes as slices of read-only memory
 * mappings. Nothing is copied, so files of tens of GB open in milliseconds and the OS pages weights in on
 * demand. A model split into parts ({@link GgufSplit}: {@code NAME-00001-of-00003.gguf} and so on, as large
 * models are published) opens from its first part, and its tensors come from all parts. The mappings live in
 * one shared arena (tensors are read from many threads), released by {@link #close()}; tensor segments must
 * not be used afterwards.
 */
public final class GgufFile implements AutoCloseable {
    private final String source;
    private final Arena arena;
    private final long fileSize;
    private final int parts;
    private final int version;
    private final GgufMetadata metadata;
    private final List<GgufTensor> tensors;
    private final Map<String, GgufTensor> byName;
    private final int alignment;
    private final long dataOffset;

    /**
     * @param first the first (or only) part, whose metadata is the model's
     * @param tensors every part's tensors, in part order
     * @param fileSize all parts' bytes
     */
    private GgufFile(String source, Arena arena, GgufReader.Contents first, List<GgufTensor> tensors, long fileSize,
                     int parts) {
        this.source = source;
        this.arena = arena;
        this.fileSize = fileSize;
        this.parts = parts;
        this.version = first.version();
        this.metadata = first.metadata();
        this.tensors = List.copyOf(tensors);
        this.alignment = first.alignment();
        this.dataOffset = first.dataOffset();
        Map<String, GgufTensor> map = new LinkedHashMap<>();
        for (GgufTensor t : this.tensors) {
            if (map.put(t.name(), t) != null) {
                throw new GgufFormatException(source + ": tensor '" + t.name() + "' appears in more than one part");
            }
        }
        this.byName = map;
    }

    /** Maps {@code path} read-only and parses its header; the first part of a split model brings the others. */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            GgufReader.Contents first = read(path, arena);
            int count = GgufSplit.partCount(path.toString(), first.metadata());
            if (count == 1) {
                return new GgufFile(path.toString(), arena, first, first.tensors(), Files.size(path), 1);
            }
            List<GgufTensor> tensors = new ArrayList<>(first.tensors());
            long size = Files.size(path);
            for (int part = 1; part < count; part++) {
                Path other = GgufSplit.partPath(path, part, count);
                if (!Files.isRegularFile(other)) {
                    throw new GgufFormatException(path + ": part " + (part + 1) + " of " + count + " is missing: " + other);
                }
                GgufReader.Contents contents = read(other, arena);
                GgufSplit.checkPart(other.toString(), contents.metadata(), part, count);
                tensors.addAll(contents.tensors());
                size += Files.size(other);
            }
            GgufSplit.checkTensorCount(path.toString(), first.metadata(), tensors.size());
            return new GgufFile(path.toString(), arena, first, tensors, size, count);
        } catch (RuntimeException | IOException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static GgufReader.Contents read(Path path, Arena arena) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return GgufReader.read(path.toString(), mapping);
        }
    }

    /** Parses a GGUF image already in memory (one part only); {@code source} names it in error messages. */
    public static GgufFile parse(String source, MemorySegment image) {
        GgufReader.Contents contents = GgufReader.read(source, image);
        return new GgufFile(source, null, contents, contents.tensors(), image.byteSize(), 1);
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

    /** Bytes of the file, or of all its parts together. */
    public long fileSize() {
        return fileSize;
    }

    /** How many files the model is split into (1 for a single file). */
    public int parts() {
        return parts;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
