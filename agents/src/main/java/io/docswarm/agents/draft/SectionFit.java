package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Words;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * How well each of a job's sentences fits one section of a deliverable, from three kinds of evidence: the source
 * heading the sentence sits under (or, for a source without headings, its file name) shares a word or topic with
 * the section's heading; the sentence's wording does what the section's topic asks (see {@link SentenceCues});
 * the sentence shares the heading's words (BM25). Sentences are addressed by their rank in a {@link SentenceIndex}.
 */
final class SectionFit {

    private final PartTask.SectionRef section;
    /** What the heading is about (a conclusion is always about action). */
    private final Set<SectionTopic> topics;
    /** The sentences whose source heading matches this section's heading. */
    private final BitSet headingMatched;
    /** BM25 relevance to the heading, by rank, scaled so the best is 1; 0 for sentences sharing no term. */
    private final double[] relevance;
    /** The heading's topics that a sentence's wording can show: often none, and then no sentence is cued. */
    private final Set<SectionTopic> cuedTopics = EnumSet.noneOf(SectionTopic.class);
    private final SentenceIndex index;
    private final boolean claimsFirst;

    private SectionFit(PartTask.SectionRef section, Set<SectionTopic> topics, BitSet headingMatched,
                       double[] relevance, SentenceIndex index) {
        this.section = section;
        this.topics = topics;
        this.headingMatched = headingMatched;
        this.relevance = relevance;
        this.index = index;
        topics.stream().filter(SectionTopic::hasCue).forEach(cuedTopics::add);
        this.claimsFirst = !summary() && !data() && !cuedTopics.isEmpty();
    }

    /**
     * @param bm25 the sentences' BM25 relevance to the section's heading
     */
    static SectionFit of(PartTask.SectionRef section, SentenceIndex index, SentenceIndex.Relevance bm25) {
        Set<String> stems = new HashSet<>(Words.contentWords(section.heading()));
        Set<SectionTopic> topics = EnumSet.noneOf(SectionTopic.class);
        topics.addAll(SectionTopic.of(section.heading()));
        if ("conclusion".equals(section.purpose())) {
            topics.add(SectionTopic.ACTION);
        }
        // Every sentence under a context has that context's words and topics: one comparison per context.
        BitSet matched = new BitSet(index.size());
        for (SentenceIndex.Context context : index.contexts()) {
            boolean sharesWord = context.stems().stream().anyMatch(stems::contains);
            boolean sharesTopic = context.topics().stream().anyMatch(topics::contains);
            if (sharesWord || sharesTopic) {
                matched.or(context.ranks());
            }
        }
        // A heading over all the material (a lone source's title) cannot tell one sentence from another.
        if (matched.cardinality() == index.size()) {
            matched.clear();
        }
        double best = Arrays.stream(bm25.scores()).max().orElse(1);
        double[] scaled = new double[index.size()];
        for (int hit = 0; hit < bm25.ranks().length; hit++) {
            scaled[bm25.ranks()[hit]] = bm25.scores()[hit] / best;
        }
        return new SectionFit(section, topics, matched, scaled, index);
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
        return claimsFirst;
    }

    /** A narrative section with nothing specific to look for: it may be topped up with the best sentences left. */
    boolean generic() {
        return "narrative".equals(section.purpose()) && topics.isEmpty() && headingMatched.isEmpty();
    }

    /** The sentence sits under a matching heading or does what this section's topic asks. */
    boolean strongFit(int rank) {
        return headingMatched.get(rank) || cued(rank);
    }

    private boolean cued(int rank) {
        if (cuedTopics.isEmpty()) {
            return false;
        }
        Set<SectionTopic> cues = index.traits(rank).cues();
        for (SectionTopic topic : cuedTopics) {
            if (cues.contains(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How much the sentence belongs here, 0 when not at all. A matching source heading is the strongest evidence
     * (the source's author filed it there), the sentence's own wording next, shared heading words last.
     */
    double score(int rank) {
        boolean heading = headingMatched.get(rank);
        boolean cue = cued(rank);
        double words = relevance[rank];
        if (!heading && !cue && (claimsFirst || words == 0)) {
            return 0;
        }
        return 1 + (heading ? 3 : 0) + (cue ? 2 : 0) + 2 * words;
    }
}
