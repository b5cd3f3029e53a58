package io.docswarm.renderers.model;

/**
 * Content after this starts on a new page (a new slide in decks).
 */
public record PageBreak() implements Block {
}
