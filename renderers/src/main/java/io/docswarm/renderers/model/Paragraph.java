package io.docswarm.renderers.model;

import java.util.List;
import java.util.stream.Collectors;

/** A paragraph of inline runs. */
public record Paragraph(List<Run> runs) implements Block {

    public Paragraph {
        runs = List.copyOf(runs);
    }

    public static Paragraph of(String text) {
        return new Paragraph(List.of(Run.plain(text)));
    }

    /** The paragraph's text without formatting. */
    public String text() {
        return runs.stream().map(Run::text).collect(Collectors.joining());
    }
}
