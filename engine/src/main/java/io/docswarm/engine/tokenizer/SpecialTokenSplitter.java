package io.docswarm.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts special tokens out of raw text before the subword algorithm sees it, as llama.cpp's
 * {@code tokenizer_st_partition} does: special tokens are tried longest first, and each one splits every
 * remaining text fragment at all of its occurrences.
 *
 * <p>Control and unknown tokens are only recognised when parsing special tokens; user-defined tokens
 * (added vocabulary such as {@code <think>}) always are.
 */
final class SpecialTokenSplitter {

    /** A piece of the input: plain text ({@code token == -1}) or one special token. */
    record Fragment(String text, int token) {
        boolean isText() {
            return token < 0;
        }
    }

    private final Vocabulary vocab;
    private final int[] candidates;

    SpecialTokenSplitter(Vocabulary vocab) {
        this.vocab = vocab;
        candidates = vocab.idsOfTypes(TokenType.CONTROL, TokenType.USER_DEFINED, TokenType.UNKNOWN).stream()
                .sorted(Comparator.comparingInt((Integer id) -> -utf8Length(vocab.text(id))).thenComparingInt(id -> id))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** llama.cpp orders by byte length, which differs from UTF-16 length for non-ASCII special tokens. */
    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) {
            return fragments;
        }
        fragments.add(new Fragment(text, -1));
        for (int id : candidates) {
            TokenType type = vocab.type(id);
            if (!parseSpecial && type != TokenType.USER_DEFINED) {
                continue;
            }
            String special = vocab.text(id);
            if (!text.contains(special)) {
                continue; // cheap pre-check: absent from the whole input means absent from every fragment
            }
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment fragment : fragments) {
                if (!fragment.isText()) {
                    next.add(fragment);
                    continue;
                }
                String raw = fragment.text;
                int from = 0;
                for (int at = raw.indexOf(special); at >= 0; at = raw.indexOf(special, from)) {
                    if (at > from) {
                        next.add(new Fragment(raw.substring(from, at), -1));
                    }
                    next.add(new Fragment(special, id));
                    from = at + special.length();
                }
                if (from < raw.length()) {
                    next.add(new Fragment(from == 0 ? raw : raw.substring(from), -1));
                }
            }
            fragments = next;
        }
        return fragments;
    }
}
