package io.docswarm.agents.text;

import java.io.Serializable;

/**
 * A sentence of a source with where it came from.
 *
 * @param text      the sentence
 * @param source    the source's title
 * @param paragraph 1-based paragraph number within the source
 * @param order     position of the sentence over all sources (for stable ordering)
 */
public record Sentence(String text, String source, int paragraph, int order) implements Serializable {

    /** The citation text: source and paragraph. */
    public String citation() {
        return source + ", paragraph " + paragraph;
    }

    public int wordCount() {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }
}
