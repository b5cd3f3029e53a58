package io.docswarm.engine;

/**
 * Receives generated tokens as they are produced. {@code text} is what the token adds to the output: it
 * may be empty (a token holding part of a UTF-8 character, or text held back because it might begin a
 * stop string) and then arrive with a later token.
 */
@FunctionalInterface
public interface TokenListener {
    TokenListener NONE = (id, text) -> { };

    void onToken(int tokenId, String text);
}
