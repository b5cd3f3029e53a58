package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.List;

/**
 * One slide of a deck.
 *
 * @param role  which layout serves it
 * @param title the slide title
 * @param body  content blocks (text, a list, a table, a chart or a picture; a page break starts a continuation
 *              slide)
 * @param notes speaker notes, may be empty
 */
public record Slide(SlideRole role, String title, List<Block> body, String notes) implements Serializable {
    public Slide {
        body = List.copyOf(body);
        notes = notes == null ? "" : notes;
    }

    /** Layout roles a Skill maps to its own slide layouts. */
    public enum SlideRole {
        TITLE, SECTION, CONTENT, TWO_CONTENT, CHART, TABLE, PICTURE, CLOSING
    }
}
