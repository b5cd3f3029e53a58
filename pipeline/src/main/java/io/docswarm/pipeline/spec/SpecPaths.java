package io.docswarm.pipeline.spec;

import io.docswarm.pipeline.storage.Storage;
import java.util.Optional;

/**
 * Resolves the paths a spec names: relative to the spec's folder, never outside the bucket. Local buckets also
 * follow symbolic links to check where they really point ({@link BucketPaths}); object stores have no links,
 * so their paths are checked by name ({@link ObjectStorePaths}).
 */
public interface SpecPaths {

    /** The bucket root this resolver guards. */
    String root();

    /**
     * @param specDir the folder holding the spec
     * @param written the path as written in the spec
     */
    Resolution resolve(String specDir, String written);

    /** The bucket-relative name of a resolved location, as citations and manifests show it. */
    String relative(String location);

    /**
     * Why the spec at {@code location} may not be read, or empty when it may: a local spec whose real path is
     * outside the bucket's {@code jobs/} folder (a symbolic link to elsewhere) is refused before it is opened, so
     * nothing of the file it points to can leak into reports. Object stores have no links.
     */
    default Optional<String> refuseSpec(String location) {
        return Optional.empty();
    }

    static SpecPaths forBucket(String bucket) {
        String root = Storage.root(bucket);
        return Storage.isLocal(root) ? new BucketPaths(java.nio.file.Path.of(root)) : new ObjectStorePaths(root);
    }

    /**
     * @param location the resolved location when accepted
     * @param expected what was expected, when refused
     * @param found    what was found, when refused
     */
    record Resolution(Optional<String> location, String expected, String found) {
        static Resolution refused(String expected, String found) {
            return new Resolution(Optional.empty(), expected, found);
        }

        static Resolution accepted(String location) {
            return new Resolution(Optional.of(location), "", "");
        }
    }
}
