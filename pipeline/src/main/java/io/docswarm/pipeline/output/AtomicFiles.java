package io.docswarm.pipeline.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Writes files so that readers only ever see a complete file: content goes to a hidden temporary file in the
 * same folder, which is then renamed over the target. When the target already has exactly these bytes it is
 * left untouched, so re-running changes no file.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes what {@code writer} produces to {@code target}. */
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param size    bytes written
     * @param sha256  hex SHA-256 of the content
     * @param changed whether the target was (re)written
     */
    public record Written(long size, String sha256, boolean changed) {
    }

    public static Written write(Path target, ContentWriter writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                writer.writeTo(out);
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            long size = Files.size(temp);
            if (Files.isRegularFile(target) && Files.size(target) == size && hash.equals(sha256Of(target))) {
                Files.delete(temp);
                return new Written(size, hash, false);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Written(size, hash, true);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static Written write(Path target, byte[] content) throws IOException {
        return write(target, out -> out.write(content));
    }

    /** Hex SHA-256 of a file's content. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
