package io.docswarm.agents.draft;

import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import java.util.List;

/**
 * The "Key themes" list under a summary: recurring multi-word phrases from the sources ("Spot price", "Electricity
 * contracts"), spelt as the sources spell them. Single keywords are left out: "Team", "System" or "Slightly"
 * tell a reader nothing the summary sentences do not. When the sources do not yield a few real themes, the list
 * is left out altogether rather than padded.
 */
final class KeyThemes {

    /** Fewer themes than this read as an accident, not a list. */
    static final int MIN_THEMES = 3;
    private static final int MIN_WORDS = 2;

    private KeyThemes() {
    }

    /** Up to {@code limit} themes, best first, or none when there are fewer than {@link #MIN_THEMES}. */
    static List<String> of(List<Sentence> sentences, int limit) {
        List<String> themes = TextRank.keyPhrases(sentences, limit, MIN_WORDS).stream()
                .map(KeyThemes::capitalise).toList();
        return themes.size() >= MIN_THEMES ? themes : List.of();
    }

    /** Only the first letter: "southern Sweden" becomes "Southern Sweden", never "Southern sweden". */
    private static String capitalise(String phrase) {
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }
}
