package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.research.Researcher;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import io.docswarm.agents.text.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sentence allocation as {@link SentencePicker} and {@link SectionFit} computed it before they were made
 * fast (commit c3e6de9), kept verbatim so that {@link AllocationEquivalenceTest} can compute every allocation both
 * ways: each section scores each sentence afresh, reading its wording with the cue patterns and its source heading
 * with the tokenizer every time. Slow on large sources; only for tests.
 */
final class ReferenceAllocation {

    private ReferenceAllocation() {
    }

    static Map<Integer, List<Sentence>> allocate(List<TextRank.Ranked> ranked, List<PartTask.SectionRef> sections,
                                                 int budget, int maxWords, boolean bullets) {
        return new Allocation(ranked, sections, budget, maxWords, bullets).run();
    }

    /** One run of the allocation; holds the scores it computes once. */
    private static final class Allocation {
        private final List<TextRank.Ranked> ranked;
        private final List<Fit> fits = new ArrayList<>();
        private final int budget;
        private final int maxWords;
        private final boolean bullets;
        private final double topScore;
        private final Map<Integer, Sentence> byOrder = new HashMap<>();
        private final Map<Integer, List<Sentence>> result = new LinkedHashMap<>();
        private final Map<Integer, Integer> owner = new HashMap<>();

        Allocation(List<TextRank.Ranked> ranked, List<PartTask.SectionRef> sections, int budget, int maxWords,
                   boolean bullets) {
            this.ranked = ranked;
            this.bullets = bullets;
            this.budget = budget;
            this.maxWords = maxWords;
            this.topScore = ranked.stream().mapToDouble(TextRank.Ranked::score).max().orElse(1);
            List<Sentence> all = ranked.stream().map(TextRank.Ranked::sentence).toList();
            all.forEach(s -> byOrder.put(s.order(), s));
            try (Researcher researcher = new Researcher(all)) {
                for (PartTask.SectionRef section : sections) {
                    fits.add(Fit.of(section, all, researcher));
                }
            }
            for (int s = 0; s < sections.size(); s++) {
                result.put(s, new ArrayList<>());
            }
        }

        Map<Integer, List<Sentence>> run() {
            Set<Integer> reserved = reservedForClaimingSections();
            for (int s = 0; s < fits.size(); s++) {
                if (fits.get(s).summary()) {
                    fillSummary(s, reserved);
                }
            }
            fillByFit();
            for (int s = 0; s < fits.size(); s++) {
                if (fits.get(s).generic()) {
                    topUp(s);
                }
            }
            result.values().forEach(list -> list.sort(Comparator.comparingInt(Sentence::order)));
            return result;
        }

        /** Sentences a risk, action or cause section claims by heading or wording; summaries leave them to it. */
        private Set<Integer> reservedForClaimingSections() {
            Set<Integer> reserved = new HashSet<>();
            for (Fit fit : fits) {
                if (fit.claimsFirst()) {
                    for (TextRank.Ranked r : ranked) {
                        if (fit.strongFit(r.sentence())) {
                            reserved.add(r.sentence().order());
                        }
                    }
                }
            }
            return reserved;
        }

        private void fillSummary(int section, Set<Integer> reserved) {
            List<TextRank.Ranked> candidates = new ArrayList<>(ranked);
            candidates.removeIf(r -> reserved.contains(r.sentence().order()));
            candidates.sort(Comparator.comparingDouble(this::summaryScore).reversed()
                    .thenComparingInt(r -> r.sentence().order()));
            Set<String> paragraphsUsed = new HashSet<>();
            // First one sentence per source paragraph, so the summary covers the sources instead of quoting the
            // most central paragraph three times; then whatever ranks best.
            for (boolean spread : new boolean[] {true, false}) {
                for (TextRank.Ranked r : candidates) {
                    Sentence sentence = r.sentence();
                    if (spread && paragraphsUsed.contains(sentence.citation())) {
                        continue;
                    }
                    if (place(section, sentence, false)) {
                        paragraphsUsed.add(sentence.citation());
                    }
                }
            }
        }

        /** A summary leads with news: a dated or quantified change outranks a general statement. */
        private double summaryScore(TextRank.Ranked r) {
            double news = SentenceCues.reportsChange(r.sentence().text()) ? 2 : 1;
            return weight(r) * news;
        }

        /**
         * Every (section, sentence) pair that fits is scored; the best pairs are taken first (risk, action and
         * cause sections before the rest), so a sentence goes to the section it fits best. Repeated until nothing
         * changes, because a sentence that leans on its predecessor becomes takeable once the predecessor has been
         * placed.
         */
        private void fillByFit() {
            record Pair(int section, Sentence sentence, double score) {
            }
            List<Pair> pairs = new ArrayList<>();
            for (int s = 0; s < fits.size(); s++) {
                Fit fit = fits.get(s);
                if (fit.summary() || fit.data()) {
                    continue;
                }
                for (TextRank.Ranked r : ranked) {
                    double score = fit.score(r.sentence());
                    if (score > 0) {
                        pairs.add(new Pair(s, r.sentence(), weight(r) * score));
                    }
                }
            }
            // Risk, action and cause sections choose first: a recommendation in the competitor scan belongs under
            // "Recommendations", even though the scan's heading also matches "Competitors".
            pairs.sort(Comparator.comparing((Pair p) -> !fits.get(p.section()).claimsFirst())
                    .thenComparing(Comparator.comparingDouble(Pair::score).reversed())
                    .thenComparingInt(p -> p.sentence().order()).thenComparingInt(Pair::section));
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Pair pair : pairs) {
                    if (place(pair.section(), pair.sentence(), true)) {
                        changed = true;
                    }
                }
            }
        }

        /** A generic section ("Key points") takes the best sentences nobody else wanted. */
        private void topUp(int section) {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (TextRank.Ranked r : byLengthThenRank()) {
                    if (place(section, r.sentence(), true)) {
                        changed = true;
                    }
                }
            }
        }

        private List<TextRank.Ranked> byLengthThenRank() {
            List<TextRank.Ranked> ordered = new ArrayList<>(ranked);
            ordered.sort(Comparator.comparing((TextRank.Ranked r) -> r.sentence().wordCount() > maxWords));
            return ordered;
        }

        /** TextRank weight relative to the best sentence, halved for sentences too long for the format. */
        private double weight(TextRank.Ranked r) {
            double lengthPenalty = r.sentence().wordCount() > maxWords ? 0.5 : 1.0;
            return r.score() / topScore * lengthPenalty;
        }

        /**
         * Puts the sentence in the section if it is free and the section has room. A sentence that points back
         * ("They win on convenience") goes in only right after the sentence it points to: when that one is already
         * in the section, or, with {@code pullAntecedent}, when it is free and both fit, in which case it comes
         * along (its own antecedent too, for a chain such as "Utilities… Their offers… This model…").
         */
        private boolean place(int section, Sentence sentence, boolean pullAntecedent) {
            return place(section, sentence, pullAntecedent, 0);
        }

        /** With {@code waiting} sentences of a chain to follow this one, which must fit as well. */
        private boolean place(int section, Sentence sentence, boolean pullAntecedent, int waiting) {
            List<Sentence> taken = result.get(section);
            if (owner.containsKey(sentence.order()) || taken.size() + waiting >= budget) {
                return false;
            }
            if (SentenceCues.dependsOnPrevious(sentence.text())) {
                Sentence antecedent = antecedent(sentence);
                if (bullets || antecedent == null) {
                    return false;
                }
                boolean alreadyHere = Integer.valueOf(section).equals(owner.get(antecedent.order()));
                boolean pulled = !alreadyHere && pullAntecedent && !owner.containsKey(antecedent.order())
                        && place(section, antecedent, true, waiting + 1);
                if (!alreadyHere && !pulled) {
                    return false;
                }
            }
            give(section, sentence);
            return true;
        }

        /** The sentence right before this one in the same paragraph, or null when it opens the paragraph. */
        private Sentence antecedent(Sentence sentence) {
            Sentence previous = byOrder.get(sentence.order() - 1);
            boolean adjacent = previous != null && previous.sameParagraph(sentence)
                    && previous.position() == sentence.position() - 1;
            return adjacent ? previous : null;
        }

        private void give(int section, Sentence sentence) {
            owner.put(sentence.order(), section);
            result.get(section).add(sentence);
        }
    }

    /** The former {@link SectionFit}: sentences by order, each one's source heading tokenised for each section. */
    private record Fit(PartTask.SectionRef section, Set<SectionTopic> topics, Set<Integer> headingMatched,
                      Map<Integer, Double> relevance) {

        static Fit of(PartTask.SectionRef section, List<Sentence> sentences, Researcher researcher) {
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
            return new Fit(section, topics, matched, scaled);
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
}
