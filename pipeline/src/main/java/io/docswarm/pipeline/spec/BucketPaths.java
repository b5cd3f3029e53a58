package io.docswarm.pipeline.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves paths written in a spec: relative to the spec's folder, and never outside the bucket. A path that
 * climbs out with {@code ..}, an absolute path elsewhere, or a symbolic link that points outside is refused.
 */
public final class BucketPaths {

    private final Path bucketRoot;

    /** @param bucketRoot the bucket's real (symlink-free) root */
    public BucketPaths(Path bucketRoot) {
        try {
            this.bucketRoot = bucketRoot.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("bucket " + bucketRoot + " does not exist", e);
        }
    }

    public Path root() {
        return bucketRoot;
    }

    /**
     * @param specDir the folder holding the spec
     * @param written the path as written in the spec
     * @return the real path, or a reason it is refused
     */
    public Resolution resolve(Path specDir, String written) {
        Path candidate;
        try {
            Path asWritten = Path.of(written);
            candidate = (asWritten.isAbsolute() ? asWritten : specDir.resolve(asWritten)).normalize();
        } catch (InvalidPathException e) {
            return Resolution.refused("a valid path", "'" + written + "' (" + e.getReason() + ")");
        }
        if (!candidate.startsWith(bucketRoot)) {
            return Resolution.refused("a path inside the bucket " + bucketRoot, "'" + written + "', which leaves it");
        }
        if (!Files.exists(candidate)) {
            return Resolution.refused("an existing file", "'" + written + "', which does not exist");
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(bucketRoot)) {
                return Resolution.refused("a file inside the bucket", "'" + written
                        + "', a link to " + real + " outside it");
            }
            if (!Files.isRegularFile(real)) {
                return Resolution.refused("a regular file", "'" + written + "', which is not one");
            }
            return new Resolution(Optional.of(real), "", "");
        } catch (IOException e) {
            return Resolution.refused("a readable file", "'" + written + "' (" + e.getMessage() + ")");
        }
    }

    /** The bucket-relative name of a resolved file, as citations and manifests show it. */
    public String relative(Path real) {
        return bucketRoot.relativize(real).toString();
    }

    /**
     * @param path     the real path when accepted
     * @param expected what was expected, when refused
     * @param found    what was found, when refused
     */
    public record Resolution(Optional<Path> path, String expected, String found) {
        static Resolution refused(String expected, String found) {
            return new Resolution(Optional.empty(), expected, found);
        }
    }
}
