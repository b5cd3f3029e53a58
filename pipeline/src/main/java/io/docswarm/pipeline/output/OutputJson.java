package io.docswarm.pipeline.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.docswarm.pipeline.storage.Storage;
import java.nio.file.Path;
import java.util.Optional;

/** JSON for manifests and failure reports: stable key order and indentation so files diff well. */
public final class OutputJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OutputJson() {
    }

    /** One compact JSON object per line, for logs such as {@code trace.jsonl}. */
    public static byte[] jsonLines(java.util.List<?> values) {
        StringBuilder lines = new StringBuilder();
        for (Object value : values) {
            try {
                lines.append(LINES.writeValueAsString(value)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final ObjectMapper LINES = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a manifest; empty when there is none or it cannot be read (then the job is simply redone). */
    public static Optional<Manifest> readManifest(String location) {
        if (!Storage.exists(location)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(location, Manifest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static <T> T read(String location, Class<T> type) throws IOException {
        return MAPPER.readValue(Storage.readAllBytes(location), type);
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }
}
