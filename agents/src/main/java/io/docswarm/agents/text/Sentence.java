package io.docswarm.agents.text;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A sentence of a source with where it came from.
 *
 * @param text      the sentence
 * @param source    the source's title
 * @param paragraph 1-based paragraph number within the source
 * @param order     position of the sentence over all sources (for stable ordering)
 * @param heading   the source heading the sentence sits under ("" where the source has none)
 * @param position  0-based position of the sentence within its paragraph, counting dropped fragments too, so 0
 *                  means it opens the paragraph
 */
public record Sentence(String text, String source, int paragraph, int order, String heading, int position)
        implements Serializable {

    /** What separates words; compiled once ({@code String.split("\\s+")} compiles its pattern on every call). */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A sentence with no heading, opening its paragraph. */
    public Sentence(String text, String source, int paragraph, int order) {
        this(text, source, paragraph, order, "", 0);
    }

    /** The citation text: source and paragraph. */
    public String citation() {
        return source + ", paragraph " + paragraph;
    }

    public int wordCount() {
        return text.isBlank() ? 0 : WHITESPACE.split(text.trim()).length;
    }

    /** Whether {@code other} comes from the same paragraph of the same source. */
    public boolean sameParagraph(Sentence other) {
        return source.equals(other.source) && paragraph == other.paragraph;
    }
}
