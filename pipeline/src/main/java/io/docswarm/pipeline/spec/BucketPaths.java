package io.docswarm.pipeline.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Spec paths in a local bucket: relative to the spec's folder, never outside the bucket. A path that climbs out
 * with {@code ..}, an absolute path elsewhere, or a symbolic link that points outside is refused.
 */
public final class BucketPaths implements SpecPaths {

    private final Path bucketRoot;

    /** @param bucketRoot the bucket's folder; it must exist */
    public BucketPaths(Path bucketRoot) {
        try {
            this.bucketRoot = bucketRoot.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("bucket " + bucketRoot + " does not exist", e);
        }
    }

    @Override
    public String root() {
        return bucketRoot.toString();
    }

    @Override
    public Resolution resolve(String specDir, String written) {
        Path candidate;
        try {
            Path asWritten = Path.of(written);
            candidate = (asWritten.isAbsolute() ? asWritten : Path.of(specDir).resolve(asWritten)).normalize();
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
            return Resolution.accepted(real.toString());
        } catch (IOException e) {
            return Resolution.refused("a readable file", "'" + written + "' (" + e.getMessage() + ")");
        }
    }

    @Override
    public String relative(String location) {
        Path path = Path.of(location).toAbsolutePath().normalize();
        try {
            Path real = path.toRealPath();
            if (real.startsWith(bucketRoot)) {
                return bucketRoot.relativize(real).toString();
            }
        } catch (IOException e) {
            // Not there (any more): name it by where it was.
        }
        // A link that points out of the bucket, or a file that is gone, is named by where it sits in the bucket
        // (its folder's real path), never by the absolute path it was given or the one it points to.
        Path parent = path.getParent();
        if (parent != null && path.getFileName() != null) {
            try {
                Path sitting = parent.toRealPath().resolve(path.getFileName());
                if (sitting.startsWith(bucketRoot)) {
                    return bucketRoot.relativize(sitting).toString();
                }
            } catch (IOException e) {
                // The folder is gone too.
            }
        }
        return path.startsWith(bucketRoot) ? bucketRoot.relativize(path).toString() : location;
    }

    @Override
    public Optional<String> refuseSpec(String location) {
        Path path = Path.of(location).toAbsolutePath().normalize();
        try {
            Path real = path.toRealPath();
            Path jobs = bucketRoot.resolve("jobs");
            Path realJobs = Files.isDirectory(jobs) ? jobs.toRealPath() : jobs;
            if (!real.startsWith(realJobs)) {
                return Optional.of("a link to a file outside the bucket's jobs/ folder (specs are read only from "
                        + "jobs/)");
            }
            if (!Files.isRegularFile(real)) {
                return Optional.of("something that is not a regular file");
            }
        } catch (IOException e) {
            return Optional.empty(); // Missing: the reader says so.
        }
        return Optional.empty();
    }
}
