package io.docswarm.agents.inputs;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;

/**
 * A source's text split into paragraphs, with the name citations use and the heading each paragraph sits under.
 * Headings are kept as context rather than text: a sentence under "Risks" is about risks even when it never says
 * so, and the drafter uses that to put it under the right heading of a deliverable.
 *
 * @param title      what citations call it (file name relative to the bucket, or the inline source's title)
 * @param paragraphs non-empty paragraphs in reading order
 * @param headings   for each paragraph, the nearest heading above it in the source ("" where there is none)
 */
public record SourceDocument(String title, List<String> paragraphs, List<String> headings) implements Serializable {

    public SourceDocument {
        paragraphs = List.copyOf(paragraphs);
        headings = List.copyOf(headings);
        if (headings.size() != paragraphs.size()) {
            throw new IllegalArgumentException(title + ": " + paragraphs.size() + " paragraphs but " + headings.size()
                    + " headings");
        }
    }

    /** A source without structure (plain text, PDF, inline text): no paragraph has a heading. */
    public SourceDocument(String title, List<String> paragraphs) {
        this(title, paragraphs, Collections.nCopies(paragraphs.size(), ""));
    }

    /** The heading paragraph {@code index} (0-based) sits under, or "" when it has none. */
    public String heading(int index) {
        return headings.get(index);
    }
}
