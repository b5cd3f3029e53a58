package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.research.Researcher;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.Words;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well each of a job's sentences fits one section of a deliverable, from three kinds of evidence: the source
 * heading the sentence sits under (or, for a source without headings, its file name) shares a word or topic with
 * the section's heading; the sentence's wording does what the section's topic asks (see {@link SentenceCues});
 * the sentence shares the heading's words (BM25).
 *
 * @param section        the section
 * @param topics         what the heading is about (a conclusion is always about action)
 * @param headingMatched orders of the sentences whose source heading matches this section's heading
 * @param relevance      BM25 relevance to the heading, by sentence order, scaled so the best is 1
 */
record SectionFit(PartTask.SectionRef section, Set<SectionTopic> topics, Set<Integer> headingMatched,
                  Map<Integer, Double> relevance) {

    static SectionFit of(PartTask.SectionRef section, List<Sentence> sentences, Researcher researcher) {
        Set<String> stems = new HashSet<>(Words.contentWords(section.heading()));
        Set<SectionTopic> topics = EnumSet.noneOf(SectionTopic.class);
        topics.addAll(SectionTopic.of(section.heading()));
        if ("conclusion".equals(section.purpose())) {
            topics.add(SectionTopic.ACTION);
        }
        Set<Integer> matched = new HashSet<>();
        for (Sentence sentence : sentences) {
            List<String> context = Words.contentWords(context(sentence));
            boolean sharesWord = context.stream().anyMatch(stems::contains);
            boolean sharesTopic = SectionTopic.of(context).stream().anyMatch(topics::contains);
            if (sharesWord || sharesTopic) {
                matched.add(sentence.order());
            }
        }
        // A heading over all the material (a lone source's title) cannot tell one sentence from another.
        if (matched.size() == sentences.size()) {
            matched.clear();
        }
        Map<Integer, Double> bm25 = researcher.relevance(section.heading());
        double best = bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        Map<Integer, Double> scaled = new HashMap<>();
        bm25.forEach((order, score) -> scaled.put(order, score / best));
        return new SectionFit(section, topics, matched, scaled);
    }

    /** The sentence's source heading, or for a source without headings its file name ("customer interviews"). */
    static String context(Sentence sentence) {
        if (!sentence.heading().isBlank()) {
            return sentence.heading();
        }
        String name = sentence.source().replaceAll(".*[/\\\\]", "").replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        return name.replaceAll("[-_]+", " ");
    }

    boolean summary() {
        return "summary".equals(section.purpose());
    }

    boolean data() {
        return "data".equals(section.purpose());
    }

    /**
     * A section whose topic can be read from a sentence's wording (risks, actions, causes): it takes its sentences
     * before any summary or other section does, and only sentences that show its topic or sit under a matching
     * source heading, because sharing the word "recommend" does not make a sentence a recommendation.
     */
    boolean claimsFirst() {
        return !summary() && !data() && topics.stream().anyMatch(SectionTopic::hasCue);
    }

    /** A narrative section with nothing specific to look for: it may be topped up with the best sentences left. */
    boolean generic() {
        return "narrative".equals(section.purpose()) && topics.isEmpty() && headingMatched.isEmpty();
    }

    /** The sentence sits under a matching heading or does what this section's topic asks. */
    boolean strongFit(Sentence sentence) {
        return headingMatched.contains(sentence.order()) || cued(sentence);
    }

    private boolean cued(Sentence sentence) {
        return topics.stream().anyMatch(topic -> topic.cues(sentence.text()));
    }

    /**
     * How much the sentence belongs here, 0 when not at all. A matching source heading is the strongest evidence
     * (the source's author filed it there), the sentence's own wording next, shared heading words last.
     */
    double score(Sentence sentence) {
        boolean heading = headingMatched.contains(sentence.order());
        boolean cue = cued(sentence);
        double words = relevance.getOrDefault(sentence.order(), 0.0);
        if (!heading && !cue && (claimsFirst() || words == 0)) {
            return 0;
        }
        return 1 + (heading ? 3 : 0) + (cue ? 2 : 0) + 2 * words;
    }
}
