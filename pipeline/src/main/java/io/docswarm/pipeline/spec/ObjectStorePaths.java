package io.docswarm.pipeline.spec;

import io.docswarm.pipeline.storage.Storage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Spec paths in an object-store bucket ({@code s3://bucket/prefix}): joined and normalised by name, since object
 * stores have neither links nor real folders, and refused when they leave the bucket's prefix or name no object.
 */
public final class ObjectStorePaths implements SpecPaths {

    private final String root;

    public ObjectStorePaths(String root) {
        this.root = Storage.root(root);
    }

    @Override
    public String root() {
        return root;
    }

    @Override
    public Resolution resolve(String specDir, String written) {
        String joined;
        if (written.contains("://")) {
            joined = written;
        } else if (written.startsWith("/")) {
            return Resolution.refused("a path inside the bucket " + root, "'" + written
                    + "', a local absolute path");
        } else {
            joined = Storage.child(specDir, written);
        }
        String normalised = normalise(joined);
        if (normalised == null || !normalised.startsWith(root + "/")) {
            return Resolution.refused("a path inside the bucket " + root, "'" + written + "', which leaves it");
        }
        if (!Storage.exists(normalised)) {
            return Resolution.refused("an existing file", "'" + written + "', which does not exist");
        }
        return Resolution.accepted(normalised);
    }

    @Override
    public String relative(String location) {
        return location.startsWith(root + "/") ? location.substring(root.length() + 1) : location;
    }

    /** Removes {@code .} and {@code ..} segments after the scheme and bucket; null when {@code ..} climbs above. */
    static String normalise(String location) {
        int schemeEnd = location.indexOf("://");
        int bucketEnd = location.indexOf('/', schemeEnd + 3);
        if (bucketEnd < 0) {
            return location;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : location.substring(bucketEnd + 1).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return location.substring(0, bucketEnd) + "/" + String.join("/", segments);
    }
}
