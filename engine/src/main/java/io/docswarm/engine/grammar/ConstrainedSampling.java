package io.docswarm.engine.grammar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Schema-constrained generation, one step at a time, for a generate loop:
 * <pre>{@code
 * ConstrainedSampling c = constraint.newSampling();
 * while (!c.isFinished() && generated < maxTokens) {
 *     float[] logits = model.forward(...);
 *     c.mask(logits);                 // disallowed tokens get -infinity
 *     int token = sampler.sample(logits);
 *     c.accept(token);
 *     if (c.isEnded()) break;         // an end token after a complete document
 * }
 * if (c.finishReason() == FinishReason.COMPLETE) use(c.document()); else report the truncation;
 * }</pre>
 * The model may only pick tokens that keep the output a valid prefix of a document matching the schema;
 * an end token is allowed only once the document is complete, and a complete document that nothing can
 * follow (a closed top-level object) is {@linkplain #isFinished() finished} without one. Not thread-safe.
 */
public final class ConstrainedSampling {
    private final SchemaConstraint constraint;
    private final TokenVocabulary vocabulary;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private MatchState state;
    private TokenMask currentMask;
    private boolean ended;
    private Boolean canContinue;

    ConstrainedSampling(SchemaConstraint constraint, MatchState initial) {
        this.constraint = constraint;
        this.vocabulary = constraint.vocabulary();
        this.state = initial;
    }

    /**
     * Sets the logit of every token that may not come next to negative infinity. {@code logits} may be
     * longer than the vocabulary (models pad their output rows): the extra entries are disallowed too.
     *
     * @throws IllegalStateException if generation has ended, or no token of the vocabulary can continue
     */
    public void mask(float[] logits) {
        if (logits.length < vocabulary.size()) {
            throw new IllegalArgumentException("expected at least " + vocabulary.size() + " logits, got " + logits.length);
        }
        currentMask().apply(logits);
    }

    /** Whether {@code token} may come next. */
    public boolean allows(int token) {
        return !ended && currentMask().allows(token);
    }

    /** Number of tokens allowed next. */
    public int allowedCount() {
        return ended ? 0 : currentMask().count();
    }

    private TokenMask currentMask() {
        if (ended) {
            throw new IllegalStateException("generation has ended: the document is complete");
        }
        if (currentMask == null) {
            currentMask = constraint.mask(state);
            if (currentMask.count() == 0) {
                throw new IllegalStateException("no token of the vocabulary can continue the document after: "
                        + text());
            }
        }
        return currentMask;
    }

    /**
     * Records the token chosen.
     *
     * @throws IllegalArgumentException if the token is not allowed here (the document is left unchanged)
     */
    public void accept(int token) {
        if (ended) {
            throw new IllegalStateException("generation has ended: the document is complete");
        }
        if (vocabulary.isEndToken(token) && state.isComplete()) {
            ended = true;
            return;
        }
        byte[] bytes = token >= 0 && token < vocabulary.size() ? vocabulary.bytes(token) : null;
        MatchState next = bytes == null ? null : state.advance(bytes);
        if (next == null) {
            throw new IllegalArgumentException("token " + token + (bytes == null ? "" : " ("
                    + new String(bytes, StandardCharsets.UTF_8) + ")") + " does not continue a document matching the "
                    + "schema after: " + text());
        }
        state = next;
        text.write(bytes, 0, bytes.length);
        currentMask = null;
        canContinue = null;
    }

    /** Whether the text so far is a complete document (an end token may be accepted now). */
    public boolean isComplete() {
        return state.isComplete();
    }

    /** Whether an end token was accepted. */
    public boolean isEnded() {
        return ended;
    }

    /**
     * Whether generation should stop: an end token was accepted, or the document is complete and only an
     * end token could follow.
     */
    public boolean isFinished() {
        if (ended) {
            return true;
        }
        if (!state.isComplete()) {
            return false;
        }
        if (canContinue == null) {
            canContinue = state.canContinue();
        }
        return !canContinue;
    }

    /**
     * {@link FinishReason#COMPLETE} if the document is complete, else {@link FinishReason#MAX_TOKENS}: the
     * constraint never lets generation end early, so an incomplete document means the token limit (or the
     * caller) cut it off.
     */
    public FinishReason finishReason() {
        return state.isComplete() ? FinishReason.COMPLETE : FinishReason.MAX_TOKENS;
    }

    /** The text generated so far (possibly an incomplete document). */
    public String text() {
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * The complete document.
     *
     * @throws IllegalStateException if it is not complete (a truncated document is never returned as one)
     */
    public String document() {
        if (!state.isComplete()) {
            throw new IllegalStateException("the document is incomplete (finish reason " + finishReason()
                    + "): " + text());
        }
        return text();
    }
}
