package io.docswarm.engine.tokenizer;

/** The subword algorithm applied to one stretch of plain text (no special tokens inside). */
interface TextEncoder {

    /**
     * Appends the token ids of {@code text} to {@code out}.
     *
     * @param afterSpecial whether the text starts the input or follows a special token (SentencePiece then
     *                     prefixes a space when the model asks for it)
     */
    void encode(String text, boolean afterSpecial, TokenIds out);

    /** The bytes a normal (non-special, non-byte) token stands for. */
    byte[] normalTokenBytes(String tokenText);
}
