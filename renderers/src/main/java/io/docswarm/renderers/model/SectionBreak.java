package io.docswarm.renderers.model;

/**
 * Content after this starts a new page section with its own orientation, e.g. a landscape stretch for a wide
 * table. Headers, footers and margins carry over. Decks treat it like a {@link PageBreak}.
 *
 * @param orientation the orientation of the pages that follow
 */
public record SectionBreak(Orientation orientation) implements Block {

    public SectionBreak {
        orientation = orientation == null ? Orientation.PORTRAIT : orientation;
    }

    /** Page orientation of a section. */
    public enum Orientation {
        PORTRAIT, LANDSCAPE
    }
}
