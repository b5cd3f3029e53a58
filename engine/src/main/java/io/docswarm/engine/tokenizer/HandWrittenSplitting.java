package io.docswarm.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * What the hand-written pre-tokenizers share: cutting a fragment word after word, and the tail that their
 * Llama-3-style patterns share, as llama.cpp's hand-written splitters apply
 * it once the letter and number alternatives have not matched: {@code ' ?[^\s\p{L}\p{N}]+[\r\n]*'},
 * {@code \s*[\r\n]+}, {@code \s+(?!\S)}, {@code \s+}, and else a word of one character.
 */
final class HandWrittenSplitting {
    /** Where the word that starts at a position of a fragment's code points ends. */
    @FunctionalInterface
    interface WordEnd {
        int at(int[] cps, int pos);
    }

    private HandWrittenSplitting() {
    }

    /** {@code text} cut into words one after another, each ending where {@code end} says. */
    static List<String> words(String text, WordEnd end) {
        int[] cps = text.codePoints().toArray();
        List<String> words = new ArrayList<>();
        int pos = 0;
        while (pos < cps.length) {
            int next = end.at(cps, pos);
            words.add(new String(cps, pos, next - pos));
            pos = next;
        }
        return words;
    }

    /** The end of the word that starts at {@code pos} under these rules. */
    static int punctuationOrSpaceEnd(int[] cps, int pos) {
        int n = cps.length;
        int cp = cps[pos];

        // ' ?[^\s\p{L}\p{N}]+[\r\n]*' -- a lone trailing space also ends up here, as a one-space word.
        int start = cp == ' ' ? pos + 1 : pos;
        if (start >= n || !CodepointFlags.isSpaceLetterOrNumber(cps[start])) {
            int end = start;
            while (end < n && !CodepointFlags.isSpaceLetterOrNumber(cps[end])) {
                end++;
            }
            while (end < n && (cps[end] == '\r' || cps[end] == '\n')) {
                end++;
            }
            return end;
        }

        int end = pos;
        int afterLastNewline = -1;
        while (end < n && CodepointFlags.isWhitespace(cps[end])) {
            if (cps[end] == '\r' || cps[end] == '\n') {
                afterLastNewline = end + 1;
            }
            end++;
        }
        // \s*[\r\n]+
        if (afterLastNewline >= 0) {
            return afterLastNewline;
        }
        // \s+(?!\S): leave the last space to prefix the next word
        if (end - pos > 1 && end < n) {
            return end - 1;
        }
        // \s+
        if (end > pos) {
            return end;
        }
        // nothing matched (a control character, say): a word of its own
        return pos + 1;
    }
}
