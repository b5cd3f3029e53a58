package io.docswarm.engine.grammar;

import java.nio.charset.StandardCharsets;

/**
 * Follows a document being written, byte by byte (UTF-8), and says which bytes may come next so that the
 * output stays a prefix of a document accepted by a {@link JsonSchemaGrammar}, and whether it is complete.
 * A rejected byte leaves the matcher unchanged. Not thread-safe; cheap to {@link #copy()}.
 */
public final class JsonPrefixMatcher {
    private MatchState state;

    JsonPrefixMatcher(MatchState state) {
        this.state = state;
    }

    /** Whether byte {@code b} (0-255) may come next. */
    public boolean allows(int b) {
        return state.advance(b & 0xFF) != null;
    }

    /** Consumes one byte if allowed; returns whether it was. */
    public boolean accept(int b) {
        MatchState next = state.advance(b & 0xFF);
        if (next == null) {
            return false;
        }
        state = next;
        return true;
    }

    /** Consumes all bytes if together they continue the document; otherwise changes nothing and returns false. */
    public boolean accept(byte[] bytes) {
        MatchState next = state.advance(bytes);
        if (next == null) {
            return false;
        }
        state = next;
        return true;
    }

    /** {@link #accept(byte[])} of the text's UTF-8 bytes. */
    public boolean accept(String text) {
        return accept(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the bytes so far are a complete document. */
    public boolean isComplete() {
        return state.isComplete();
    }

    /** Whether any byte may still follow (false once e.g. the top-level object is closed). */
    public boolean canContinue() {
        return state.canContinue();
    }

    public JsonPrefixMatcher copy() {
        return new JsonPrefixMatcher(state);
    }

    MatchState state() {
        return state;
    }
}
