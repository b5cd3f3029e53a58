package io.docswarm.agents.inputs;

import java.io.Serializable;
import java.util.List;

/**
 * A source's text split into paragraphs, with the name citations use.
 *
 * @param title      what citations call it (file name relative to the bucket, or the inline source's title)
 * @param paragraphs non-empty paragraphs in reading order
 */
public record SourceDocument(String title, List<String> paragraphs) implements Serializable {
    public SourceDocument {
        paragraphs = List.copyOf(paragraphs);
    }
}
