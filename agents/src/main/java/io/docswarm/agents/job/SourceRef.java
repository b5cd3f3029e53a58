package io.docswarm.agents.job;

import java.io.Serializable;

/**
 * A text source: a file inside the bucket (resolved and checked at intake) or inline text.
 *
 * @param title a name to cite it by
 * @param path  the resolved location (local path or object-store URI), or {@code null} for inline text
 * @param text  the inline text, or {@code null} for a file
 */
public record SourceRef(String title, String path, String text) implements Serializable {

    public boolean inline() {
        return path == null;
    }
}
