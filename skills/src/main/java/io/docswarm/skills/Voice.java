package io.docswarm.skills;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurable writing guidelines that drafters follow and the conformance check can measure.
 *
 * @param maxSentenceWords   longest sentence allowed in body text
 * @param maxBulletWords     longest bullet allowed
 * @param maxBulletsPerSlide most bullets on one slide
 * @param sentencesPerSection how many key sentences a narrative section carries by default
 * @param person             {@code first-plural}, {@code third} ...
 * @param tense              {@code present}, {@code past} ...
 * @param measured           what the sample's text measured (the budgets above are derived from it), null for
 *                           hand-written Skills
 */
public record Voice(int maxSentenceWords, int maxBulletWords, int maxBulletsPerSlide, int sentencesPerSection,
                    String person, String tense, VoiceProfile measured) implements Serializable {

    public Voice {
        if (maxSentenceWords < 5 || maxBulletWords < 3 || maxBulletsPerSlide < 1 || sentencesPerSection < 1) {
            throw new IllegalArgumentException("voice budgets are too small: " + this);
        }
    }

    /** Budgets without a measured profile. */
    public Voice(int maxSentenceWords, int maxBulletWords, int maxBulletsPerSlide, int sentencesPerSection,
                 String person, String tense) {
        this(maxSentenceWords, maxBulletWords, maxBulletsPerSlide, sentencesPerSection, person, tense, null);
    }

    /** The guidelines as short imperative lines, the form drafting agents receive them in. */
    public List<String> instructions() {
        List<String> lines = new ArrayList<>();
        lines.add("Keep sentences under " + maxSentenceWords + " words.");
        lines.add("Keep bullets under " + maxBulletWords + " words, at most " + maxBulletsPerSlide + " per slide.");
        lines.add("Write about " + sentencesPerSection + " key sentences per section.");
        lines.add("Write in the " + person.replace('-', ' ') + " person, " + tense + " tense.");
        if (measured != null) {
            lines.add(String.format(java.util.Locale.ROOT, "Aim for about %.0f words per sentence%s.",
                    measured.meanSentenceWords(), measured.numbersPer100Words() >= 2
                            ? " and support claims with figures (the sample uses "
                            + String.format(java.util.Locale.ROOT, "%.1f", measured.numbersPer100Words())
                            + " numbers per 100 words)" : ""));
        }
        return List.copyOf(lines);
    }

    /**
     * Statistics of a sample's text.
     *
     * @param words               words counted
     * @param sentences           sentences in body paragraphs
     * @param meanSentenceWords   mean words per sentence
     * @param p90SentenceWords    90th percentile of words per sentence
     * @param bullets             list items
     * @param meanBulletWords     mean words per bullet
     * @param maxBulletWords      longest bullet
     * @param slides              slides (decks), 0 otherwise
     * @param meanBulletsPerSlide mean bullets per slide with bullets
     * @param maxBulletsPerSlide  most bullets on one slide
     * @param numbersPer100Words  numerals per 100 words
     * @param firstPersonShare    share of sentences with first-person pronouns
     * @param pastTenseShare      share of sentences that read as past tense
     */
    public record VoiceProfile(int words, int sentences, double meanSentenceWords, int p90SentenceWords, int bullets,
                               double meanBulletWords, int maxBulletWords, int slides, double meanBulletsPerSlide,
                               int maxBulletsPerSlide, double numbersPer100Words, double firstPersonShare,
                               double pastTenseShare) implements Serializable {
    }
}
