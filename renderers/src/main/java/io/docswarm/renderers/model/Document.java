package io.docswarm.renderers.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A deliverable in format-neutral form. Report-like formats (DOCX, PDF) render {@link #sections()}, decks
 * render {@link #slides()}, workbooks render {@link #sheets()}; agents fill the parts the format needs.
 *
 * @param metadata title, author, language and the date stamped into the file
 * @param sections the body of a report, in reading order
 * @param slides   the slides of a deck, in order
 * @param sheets   the sheets of a workbook, in order
 */
public record Document(DocumentMetadata metadata, List<Section> sections, List<Slide> slides, List<Sheet> sheets)
        implements Serializable {

    public Document {
        sections = sections == null ? List.of() : List.copyOf(sections);
        slides = slides == null ? List.of() : List.copyOf(slides);
        sheets = sheets == null ? List.of() : List.copyOf(sheets);
        ComputedColumns.checkSources(sheets);
    }

    /**
     * @param title    document title (cover, file properties)
     * @param subtitle a line under the title, may be empty
     * @param author   who the document is from
     * @param language BCP 47 tag, e.g. {@code en}
     * @param created  the timestamp written into file properties; fixed per job so output is reproducible
     */
    public record DocumentMetadata(String title, String subtitle, String author, String language, Instant created)
            implements Serializable {
    }
}
