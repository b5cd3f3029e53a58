package io.docswarm.agents.draft;

import io.docswarm.agents.text.Words;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a heading is about, beyond its literal words: "Risks" and a source's "Concerns" are the same topic, as are
 * "Decisions and next steps" and "Recommendations". Some topics also have a cue in the sentence's own wording
 * (a risk section wants sentences that flag risks); for those, heading words alone never qualify a sentence,
 * because "Recommendations" must not collect every sentence that happens to contain "recommended".
 */
enum SectionTopic {
    RISK(SentenceCues::flagsRisk, "risk", "concern", "threat", "issue", "challenge", "exposure", "uncertainty",
            "headwind", "problem", "blocker", "watch"),
    ACTION(SentenceCues::callsForAction, "next", "step", "decision", "action", "recommendation", "recommend",
            "proposal", "forward", "ask", "approval", "approve", "conclusion"),
    CAUSE(SentenceCues::explainsCause, "drove", "drive", "driver", "driven", "cause", "reason", "why"),
    CUSTOMER(null, "customer", "household", "buyer", "consumer", "homeowner", "interviewee", "interview", "client",
            "user", "buy", "purchase"),
    COMPETITION(null, "competitor", "competition", "competitive", "rival", "landscape", "player");

    private final Predicate<String> cue;
    private final Set<String> stems;

    SectionTopic(Predicate<String> cue, String... words) {
        this.cue = cue;
        this.stems = Set.copyOf(Words.contentWords(String.join(" ", words)));
    }

    /** The topics a heading's words name. */
    static Set<SectionTopic> of(String heading) {
        return of(Words.contentWords(heading));
    }

    static Set<SectionTopic> of(List<String> stems) {
        Set<SectionTopic> topics = EnumSet.noneOf(SectionTopic.class);
        for (SectionTopic topic : values()) {
            if (stems.stream().anyMatch(topic.stems::contains)) {
                topics.add(topic);
            }
        }
        return topics;
    }

    /**
     * Whether the topic can be recognised from a sentence's wording. Sections on such a topic get first call on
     * the sentences that show it: a leadership reader looks for risks, decisions and causes under their own
     * headings, so a summary or a broader section must not take them first.
     */
    boolean hasCue() {
        return cue != null;
    }

    boolean cues(String sentence) {
        return cue != null && cue.test(sentence);
    }
}
