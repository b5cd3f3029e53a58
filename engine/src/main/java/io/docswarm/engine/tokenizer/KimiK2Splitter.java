package io.docswarm.engine.tokenizer;

import java.util.List;

/**
 * Kimi K2's pre-tokenizer ({@code tokenizer.ggml.pre = "kimi-k2"}) as llama.cpp applies it. Moonshot's pattern
 * (from its tiktoken tokenizer) is {@code [\p{Han}]+}, then letter words that exclude Han characters with an
 * optional leading non-letter and an optional English contraction, {@code \p{N}{1,3}}, punctuation runs, and
 * the usual whitespace rules. llama.cpp implements it by hand, and where the two differ this follows llama.cpp
 * (agreement with it is what the tests check): a letter word is one run of letters, so {@code getUserName} stays
 * one word (the pattern's upper/lower-case alternatives would cut it), and combining marks are not part of it.
 */
final class KimiK2Splitter implements PreTokenizer {
    @Override
    public List<String> split(String text) {
        return HandWrittenSplitting.words(text, KimiK2Splitter::matchEnd);
    }

    /** The end of the word that starts at {@code pos}. */
    private static int matchEnd(int[] cps, int pos) {
        int n = cps.length;
        int cp = cps[pos];

        // [\p{Han}]+
        if (isHan(cp)) {
            int end = pos + 1;
            while (end < n && isHan(cps[end])) {
                end++;
            }
            return end;
        }

        // [^\r\n\p{L}\p{N}]? then letters that are not Han, then an optional contraction.
        boolean leading = cp != '\r' && cp != '\n' && !CodepointFlags.isLetter(cp) && !CodepointFlags.isNumber(cp);
        if (isWordLetter(cp) || leading && pos + 1 < n && isWordLetter(cps[pos + 1])) {
            int end = leading ? pos + 1 : pos;
            while (end < n && isWordLetter(cps[end])) {
                end++;
            }
            return contractionEnd(cps, end);
        }

        // \p{N}{1,3}
        if (CodepointFlags.isNumber(cp)) {
            int end = pos + 1;
            while (end < n && end - pos < 3 && CodepointFlags.isNumber(cps[end])) {
                end++;
            }
            return end;
        }

        return HandWrittenSplitting.punctuationOrSpaceEnd(cps, pos);
    }

    /** After a letter word ending at {@code end}: past {@code 's 't 'm 'd 're 've 'll} (any case), if one follows. */
    private static int contractionEnd(int[] cps, int end) {
        int n = cps.length;
        if (end + 1 >= n || cps[end] != '\'') {
            return end;
        }
        int c1 = Character.toLowerCase(cps[end + 1]);
        if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') {
            return end + 2;
        }
        if (end + 2 < n) {
            int c2 = Character.toLowerCase(cps[end + 2]);
            if (c1 == 'r' && c2 == 'e' || c1 == 'v' && c2 == 'e' || c1 == 'l' && c2 == 'l') {
                return end + 3;
            }
        }
        return end;
    }

    private static boolean isWordLetter(int cp) {
        return CodepointFlags.isLetter(cp) && !isHan(cp);
    }

    /** The CJK ideograph blocks llama.cpp counts as Han: unified (with extensions A to F) and compatibility. */
    static boolean isHan(int cp) {
        return cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x20000 && cp <= 0x2A6DF
                || cp >= 0x2A700 && cp <= 0x2EBEF || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x2F800 && cp <= 0x2FA1F;
    }
}
