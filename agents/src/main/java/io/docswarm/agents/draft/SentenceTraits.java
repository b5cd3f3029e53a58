package io.docswarm.agents.draft;

import io.docswarm.agents.text.Sentence;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the allocation reads from a sentence's own wording. Each of these is a regular expression over the text;
 * read once per job here, they no longer run again for every section that considers the sentence, every
 * comparison of a sort and every pass of a fill.
 *
 * @param words         {@link Sentence#wordCount()}
 * @param pointsBack    {@link SentenceCues#dependsOnPrevious}: it opens with "They", "This model", "Both said"...
 * @param reportsChange {@link SentenceCues#reportsChange}: a dated or quantified change, news for a summary
 * @param cues          the topics whose cue the wording shows ({@link SectionTopic#cues})
 */
record SentenceTraits(int words, boolean pointsBack, boolean reportsChange, Set<SectionTopic> cues) {

    static SentenceTraits of(Sentence sentence) {
        String text = sentence.text();
        Set<SectionTopic> cues = EnumSet.noneOf(SectionTopic.class);
        for (SectionTopic topic : SectionTopic.values()) {
            if (topic.cues(text)) {
                cues.add(topic);
            }
        }
        return new SentenceTraits(sentence.wordCount(), SentenceCues.dependsOnPrevious(text),
                SentenceCues.reportsChange(text), cues);
    }
}
