package io.docswarm.skills;

import java.io.Serializable;

/**
 * Measurable writing guidelines that drafters follow and the conformance check can measure.
 *
 * @param maxSentenceWords   longest sentence allowed in body text
 * @param maxBulletWords     longest bullet allowed
 * @param maxBulletsPerSlide most bullets on one slide
 * @param sentencesPerSection how many key sentences a narrative section carries by default
 * @param person             {@code first-plural}, {@code third} ...
 * @param tense              {@code present}, {@code past} ...
 */
public record Voice(int maxSentenceWords, int maxBulletWords, int maxBulletsPerSlide, int sentencesPerSection,
                    String person, String tense) implements Serializable {

    public Voice {
        if (maxSentenceWords < 5 || maxBulletWords < 3 || maxBulletsPerSlide < 1 || sentencesPerSection < 1) {
            throw new IllegalArgumentException("voice budgets are too small: " + this);
        }
    }
}
