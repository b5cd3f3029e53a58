package io.docswarm.engine.sampling;

import java.util.List;
import java.util.Set;

/**
 * Decides when generation ends and what text may be shown so far: after {@code maxTokens} tokens, at an
 * end-of-generation token, or when the decoded text contains a stop string. Stop strings are matched on
 * the text, so they are found even when split across tokens; text that might be the start of a stop string
 * is held back until it is clear, and the stop string itself is never emitted. One per generation.
 */
public final class StopCondition {
    /** Why generation ended. */
    public enum Reason {
        MAX_TOKENS, END_OF_GENERATION, STOP_STRING,
        /** A schema-constrained output is a complete document and nothing may follow it. */
        DOCUMENT_COMPLETE
    }

    private final int maxTokens;
    private final List<String> stopStrings;
    private final Set<Integer> endTokens;
    private final StringBuilder held = new StringBuilder();
    private int tokens;
    private Reason reason;

    /**
     * @param maxTokens   the most tokens to generate (&gt; 0)
     * @param stopStrings texts that end generation (empty strings are ignored)
     * @param endTokens   token ids that end generation (not emitted)
     */
    public StopCondition(int maxTokens, List<String> stopStrings, Set<Integer> endTokens) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("max tokens must be positive, got " + maxTokens);
        }
        this.maxTokens = maxTokens;
        this.stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
        this.endTokens = Set.copyOf(endTokens);
    }

    /**
     * Feeds one generated token and the text it decoded to; returns the text that can be shown now.
     *
     * @throws IllegalStateException if generation has already ended
     */
    public String accept(int token, String text) {
        if (reason != null) {
            throw new IllegalStateException("generation already ended (" + reason + ")");
        }
        tokens++;
        if (endTokens.contains(token)) {
            reason = Reason.END_OF_GENERATION;
            return drain(held.length());
        }
        held.append(text);
        int stopAt = earliestStop();
        if (stopAt >= 0) {
            reason = Reason.STOP_STRING;
            String out = held.substring(0, stopAt);
            held.setLength(0);
            return out;
        }
        if (tokens >= maxTokens) {
            reason = Reason.MAX_TOKENS;
            return drain(held.length());
        }
        return drain(held.length() - longestStopPrefixSuffix());
    }

    public boolean isDone() {
        return reason != null;
    }

    /** Why generation ended, or null while it goes on. */
    public Reason reason() {
        return reason;
    }

    public int tokenCount() {
        return tokens;
    }

    /** Ends generation for a reason decided outside this condition; returns the text still held back. */
    public String end(Reason why) {
        if (reason == null) {
            reason = why;
        }
        return flush();
    }

    /** Text still held back (a possible stop-string start); call when generation ends for another reason. */
    public String flush() {
        return drain(held.length());
    }

    private String drain(int length) {
        String out = held.substring(0, length);
        held.delete(0, length);
        return out;
    }

    private int earliestStop() {
        int best = -1;
        for (String stop : stopStrings) {
            int at = held.indexOf(stop);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    /** The length of the longest end of the held text that some stop string starts with. */
    private int longestStopPrefixSuffix() {
        int longest = 0;
        String text = held.toString();
        for (String stop : stopStrings) {
            for (int len = Math.min(stop.length() - 1, text.length()); len > longest; len--) {
                if (text.regionMatches(text.length() - len, stop, 0, len)) {
                    longest = len;
                    break;
                }
            }
        }
        return longest;
    }
}
