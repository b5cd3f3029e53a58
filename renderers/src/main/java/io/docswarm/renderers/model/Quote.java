package io.docswarm.renderers.model;

/**
 * A call-out: a quotation or highlighted statement.
 *
 * @param text        the statement
 * @param attribution who said it or where it is from; may be empty
 */
public record Quote(String text, String attribution) implements Block {
    public Quote {
        attribution = attribution == null ? "" : attribution;
    }
}
