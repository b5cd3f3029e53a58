package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.List;

/**
 * A headed section of a report.
 *
 * @param heading the section heading
 * @param level   1 for top-level sections
 * @param blocks  the section's content in order
 */
public record Section(String heading, int level, List<Block> blocks) implements Serializable {
    public Section {
        blocks = List.copyOf(blocks);
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("heading level must be 1..6, was " + level);
        }
    }
}
