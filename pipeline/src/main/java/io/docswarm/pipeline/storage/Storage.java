package io.docswarm.pipeline.storage;

import io.docswarm.pipeline.output.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Files of buckets and outputs, wherever they are: a local folder or an object store ({@code s3://...}, and
 * {@code gs://...} where Beam's filesystem module is present), through Beam's {@link FileSystems}. Locations are
 * strings: a local absolute path or a URI. Local writes are atomic by rename; object-store writes are atomic
 * because an object becomes visible only when its upload completes. Unchanged content is never rewritten.
 */
public final class Storage {

    private Storage() {
    }

    /** Whether a location is on the local file system (a plain path or a {@code file:} URI). */
    public static boolean isLocal(String location) {
        return !location.contains("://") || location.startsWith("file://");
    }

    /** A bucket or output root: local paths made absolute, URIs without a trailing slash. */
    public static String root(String location) {
        if (isLocal(location)) {
            String path = location.startsWith("file://") ? location.substring("file://".length()) : location;
            return Path.of(path).toAbsolutePath().normalize().toString();
        }
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    /** {@code base/child}, with {@code /} as separator (local paths use it too). */
    public static String child(String base, String... names) {
        StringBuilder location = new StringBuilder(base);
        for (String name : names) {
            if (location.charAt(location.length() - 1) != '/') {
                location.append('/');
            }
            location.append(name);
        }
        return location.toString();
    }

    /** The last name of a location. */
    public static String fileName(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    public static InputStream open(String location) throws IOException {
        return Channels.newInputStream(FileSystems.open(resource(location)));
    }

    public static byte[] readAllBytes(String location) throws IOException {
        try (InputStream in = open(location)) {
            return in.readAllBytes();
        }
    }

    /** The file's metadata, or empty when there is no such file. */
    public static Optional<MatchResult.Metadata> metadata(String location) {
        try {
            MatchResult result = FileSystems.match(location, EmptyMatchTreatment.ALLOW);
            if (result.status() != MatchResult.Status.OK) {
                return Optional.empty();
            }
            return result.metadata().stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static boolean exists(String location) {
        return metadata(location).isPresent();
    }

    /** Files matching a glob such as {@code bucket/jobs/*.json}; empty when none. */
    public static List<MatchResult.Metadata> match(String glob) throws IOException {
        MatchResult result = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
        if (result.status() == MatchResult.Status.NOT_FOUND) {
            return List.of();
        }
        return new ArrayList<>(result.metadata());
    }

    /** Writes what {@code writer} produces; unchanged content leaves the existing file untouched. */
    public static AtomicFiles.Written write(String location, AtomicFiles.ContentWriter writer) throws IOException {
        if (isLocal(location)) {
            return AtomicFiles.write(Path.of(root(location)), writer);
        }
        // Stage locally first: the hash decides whether an upload is needed at all.
        Path staged = Files.createTempFile("docswarm-upload", ".tmp");
        try {
            AtomicFiles.Written written = AtomicFiles.write(staged, writer);
            Optional<MatchResult.Metadata> existing = metadata(location);
            if (existing.isPresent() && existing.get().sizeBytes() == written.size()
                    && written.sha256().equals(sha256(location))) {
                return new AtomicFiles.Written(written.size(), written.sha256(), false);
            }
            // One close only: closing the stream closes the channel, and a second close would try to complete
            // the object store's multipart upload again.
            try (OutputStream out = Channels.newOutputStream(FileSystems.create(resource(location),
                    MimeTypes.BINARY))) {
                Files.copy(staged, out);
            }
            return new AtomicFiles.Written(written.size(), written.sha256(), true);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    public static AtomicFiles.Written write(String location, byte[] content) throws IOException {
        return write(location, out -> out.write(content));
    }

    /** Hex SHA-256 of a file's content. */
    public static String sha256(String location) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(open(location), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Deletes a file if it exists. */
    public static void delete(String location) throws IOException {
        if (exists(location)) {
            FileSystems.delete(List.of(resource(location)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
        }
    }

    private static ResourceId resource(String location) {
        return FileSystems.matchNewResource(isLocal(location) ? root(location) : location, false);
    }
}
