package io.docswarm.pipeline.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The Skill library reads packages from a folder. For a local bucket that is {@code BUCKET/skills}; for an
 * object-store bucket the packages (small JSON and template files) are copied once per worker into a local
 * temporary folder.
 */
public final class SkillMirror {

    private SkillMirror() {
    }

    public static Path localSkills(String bucket) throws IOException {
        String root = Storage.root(bucket);
        if (Storage.isLocal(root)) {
            return Path.of(root, "skills");
        }
        Path mirror = Files.createTempDirectory("docswarm-skills");
        String prefix = Storage.child(root, "skills") + "/";
        for (MatchResult.Metadata file : Storage.match(prefix + "**")) {
            String location = file.resourceId().toString();
            Path target = mirror.resolve(location.substring(prefix.length())).normalize();
            if (!target.startsWith(mirror) || file.resourceId().isDirectory()) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = Storage.open(location)) {
                Files.copy(in, target);
            }
        }
        return mirror;
    }
}
