package io.docswarm.engine.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * The shortcut that keeps masks cheap inside free text. In a string, almost every token is allowed, so a
 * trie walk would visit the whole vocabulary. Instead, tokens made only of plain string bytes (no quote,
 * backslash or control byte) are classified once: whether they are valid UTF-8 given how many
 * continuation bytes they start with, and how many characters they start. Inside a string, which of them
 * are allowed then depends only on the pending UTF-8 state and the characters left before maxLength; the
 * answers are precomputed bitsets. Only tokens that contain a quote or backslash (a few thousand) still
 * need the automaton, through their own small trie; tokens with a raw control byte are never allowed there.
 */
final class StringContentTokens {
    /** Precomputed "at most r characters" sets up to this r; longer tokens are added one by one. */
    private static final int MAX_PRECOMPUTED = 24;

    private final int words;
    /** {@code upTo[r]}: plain tokens that start no continuation and start at most r characters. */
    private final long[][] upTo;
    /** Plain tokens starting more than MAX_PRECOMPUTED characters, by ascending character count. */
    private final int[] longIds;
    private final int[] longChars;
    /** Plain tokens that begin with continuation bytes (they finish a character a previous token began). */
    private final int[] tailIds;
    private final int[] tailLead;      // continuation bytes at the start (1-3)
    private final int[] tailFirst;     // the first byte
    private final int[] tailChars;     // characters started after them
    private final boolean[] tailOnly;  // nothing but continuation bytes
    /** Tokens whose first non-plain byte is a quote or backslash. */
    private final int[] escapingIds;

    StringContentTokens(byte[][] bytes, int[] candidates) {
        int vocab = bytes.length;
        this.words = (vocab + 63) >>> 6;
        int maxChars = 0;
        List<int[]> plain = new ArrayList<>(); // {id, chars}
        List<int[]> tails = new ArrayList<>(); // {id, lead, first, chars, only}
        List<Integer> escaping = new ArrayList<>();
        for (int id : candidates) {
            byte[] t = bytes[id];
            int special = firstNonPlain(t);
            if (special >= 0) {
                int b = t[special] & 0xFF;
                if (b == '"' || b == '\\') {
                    escaping.add(id);
                }
                continue; // a raw control byte is never allowed inside a string
            }
            int lead = 0;
            while (lead < t.length && Utf8.isContinuation(t[lead] & 0xFF)) {
                lead++;
            }
            int chars = validChars(t, lead);
            if (lead > 3 || chars < 0) {
                continue; // invalid UTF-8 whatever came before
            }
            if (lead == 0) {
                plain.add(new int[] {id, chars});
                maxChars = Math.max(maxChars, chars);
            } else {
                tails.add(new int[] {id, lead, t[0] & 0xFF, chars, lead == t.length ? 1 : 0});
            }
        }
        int top = Math.min(maxChars, MAX_PRECOMPUTED);
        this.upTo = new long[top + 1][words];
        plain.sort((a, b) -> Integer.compare(a[1], b[1]));
        List<int[]> longer = new ArrayList<>();
        for (int[] p : plain) {
            if (p[1] > top) {
                longer.add(p);
                continue;
            }
            for (int r = p[1]; r <= top; r++) {
                upTo[r][p[0] >>> 6] |= 1L << p[0];
            }
        }
        this.longIds = longer.stream().mapToInt(p -> p[0]).toArray();
        this.longChars = longer.stream().mapToInt(p -> p[1]).toArray();
        this.tailIds = tails.stream().mapToInt(p -> p[0]).toArray();
        this.tailLead = tails.stream().mapToInt(p -> p[1]).toArray();
        this.tailFirst = tails.stream().mapToInt(p -> p[2]).toArray();
        this.tailChars = tails.stream().mapToInt(p -> p[3]).toArray();
        this.tailOnly = new boolean[tails.size()];
        for (int i = 0; i < tails.size(); i++) {
            tailOnly[i] = tails.get(i)[4] == 1;
        }
        this.escapingIds = escaping.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Tokens with a quote or backslash where the string content ends; the caller walks them in a trie. */
    int[] escapingIds() {
        return escapingIds;
    }

    /** The index of the first byte that is not plain string content (quote, backslash, control), or -1. */
    private static int firstNonPlain(byte[] t) {
        for (int i = 0; i < t.length; i++) {
            int b = t[i] & 0xFF;
            if (b < 0x20 || b == '"' || b == '\\') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Characters started in {@code t} after its first {@code lead} bytes if those bytes are valid UTF-8 (the
     * last character may be cut off at the end of the token), else -1.
     */
    private static int validChars(byte[] t, int lead) {
        int chars = 0;
        int i = lead;
        while (i < t.length) {
            int b = t[i++] & 0xFF;
            chars++;
            if (b < 0x80) {
                continue;
            }
            int info = Utf8.leadInfo(b);
            if (info < 0) {
                return -1;
            }
            for (int k = 0; k < Utf8.need(info) && i < t.length; k++) {
                int c = t[i++] & 0xFF;
                int lo = k == 0 ? Utf8.lo(info) : 0x80;
                int hi = k == 0 ? Utf8.hi(info) : 0xBF;
                if (c < lo || c > hi) {
                    return -1;
                }
            }
        }
        return chars;
    }

    /**
     * Sets the bits of the plain tokens allowed inside a string.
     *
     * @param need      continuation bytes due for the current character
     * @param lo        the allowed range of the next continuation byte
     * @param remaining characters that may still be started
     */
    void collect(int need, int lo, int hi, int remaining, long[] allowed) {
        if (need == 0) {
            long[] base = upTo[Math.min(remaining, upTo.length - 1)];
            for (int w = 0; w < words; w++) {
                allowed[w] |= base[w];
            }
            for (int i = 0; i < longIds.length && longChars[i] <= remaining; i++) {
                allowed[longIds[i] >>> 6] |= 1L << longIds[i];
            }
            return;
        }
        for (int i = 0; i < tailIds.length; i++) {
            if (tailFirst[i] < lo || tailFirst[i] > hi) {
                continue;
            }
            boolean fits = tailOnly[i] ? tailLead[i] <= need
                    : tailLead[i] == need && tailChars[i] <= remaining;
            if (fits) {
                allowed[tailIds[i] >>> 6] |= 1L << tailIds[i];
            }
        }
    }
}
