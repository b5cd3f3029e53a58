package io.docswarm.agents.job;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A text source: a file inside the bucket (resolved and checked at intake) or inline text.
 *
 * @param title a name to cite it by
 * @param path  the resolved file, or {@code null} for inline text
 * @param text  the inline text, or {@code null} for a file
 */
public record SourceRef(String title, String path, String text) implements Serializable {

    public boolean inline() {
        return path == null;
    }

    public Path file() {
        return Path.of(path);
    }
}
