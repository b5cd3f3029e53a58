package io.docswarm.renderers.model;

import java.io.Serializable;

/**
 * A stretch of text with one set of inline properties.
 *
 * @param text     the characters
 * @param bold     strong emphasis
 * @param italic   emphasis
 * @param citation where the text comes from (a source file and location), rendered as a trailing reference;
 *                 empty for none
 */
public record Run(String text, boolean bold, boolean italic, String citation) implements Serializable {

    public Run {
        citation = citation == null ? "" : citation;
    }

    public static Run plain(String text) {
        return new Run(text, false, false, "");
    }

    public static Run bold(String text) {
        return new Run(text, true, false, "");
    }

    public static Run cited(String text, String citation) {
        return new Run(text, false, false, citation);
    }
}
