package io.docswarm.engine.grammar;

/** How a schema-constrained generation ended. */
public enum FinishReason {
    /** The document is complete and valid. */
    COMPLETE,
    /**
     * The token limit (or the caller) stopped generation before the document was complete: the text is a
     * valid prefix only, never to be used as a document.
     */
    MAX_TOKENS
}
