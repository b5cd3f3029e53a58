package io.docswarm.engine.tokenizer;

import java.util.List;

/**
 * The Qwen2 and Llama-3 pre-tokenizer, written out by hand instead of as a regex:
 * <pre>
 * (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * </pre>
 * with D = 1 for Qwen2/Qwen3 and D = 3 for Llama-3. llama.cpp also uses a hand-written matcher for these
 * (a regex engine would need llama.cpp's notion of whitespace and Unicode classes); the alternatives are
 * tried in order at each position, and the end of the fragment counts as "not \S".
 */
final class GptStyleSplitter implements PreTokenizer {
    private final int maxDigits;

    GptStyleSplitter(int maxDigits) {
        this.maxDigits = maxDigits;
    }

    @Override
    public List<String> split(String text) {
        return HandWrittenSplitting.words(text, this::matchEnd);
    }

    /** The end of the word that starts at {@code pos}. */
    private int matchEnd(int[] cps, int pos) {
        int n = cps.length;
        int cp = cps[pos];

        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if (cp == '\'' && pos + 1 < n) {
            int c1 = Character.toLowerCase(cps[pos + 1]);
            if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') {
                return pos + 2;
            }
            if (pos + 2 < n) {
                int c2 = Character.toLowerCase(cps[pos + 2]);
                if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) {
                    return pos + 3;
                }
            }
        }

        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (cp != '\r' && cp != '\n' && !CodepointFlags.isNumber(cp)) {
            if (CodepointFlags.isLetter(cp) || (pos + 1 < n && CodepointFlags.isLetter(cps[pos + 1]))) {
                int end = pos + 1;
                while (end < n && CodepointFlags.isLetter(cps[end])) {
                    end++;
                }
                return end;
            }
        }

        // \p{N}{1,maxDigits}
        if (CodepointFlags.isNumber(cp)) {
            int end = pos + 1;
            while (end < n && end - pos < maxDigits && CodepointFlags.isNumber(cps[end])) {
                end++;
            }
            return end;
        }

        return HandWrittenSplitting.punctuationOrSpaceEnd(cps, pos);
    }
}
