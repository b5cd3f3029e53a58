package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.research.Researcher;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shares a job's ranked sentences out between the sections of one deliverable. Every part runs the same
 * deterministic allocation over the same inputs and keeps its own share, so parts drafted in parallel never
 * repeat each other without talking to each other (JobText only saves a part from recomputing what another part
 * in the same JVM already computed).
 *
 * <p>A sentence belongs under a deliverable's heading when its source put it under a matching heading ("## Risks"
 * for "Risks"), when its wording does what the section is for (recommends, for "Next steps"; flags a risk, for
 * "Risks"), or, more weakly, when it shares the heading's words (BM25). The allocation runs in four passes:
 * <ol>
 *   <li>sentences that a risk, action or cause section claims (by source heading or wording) are set aside for
 *       it;</li>
 *   <li>summaries take the best remaining sentences, TextRank weight raised for dated or quantified changes, at
 *       most one per source paragraph until every paragraph has had its turn;</li>
 *   <li>the other sections take the sentences that fit them, best-fitting pairs first, within budget; a section
 *       whose heading names a topic takes nothing that does not fit it, so "Risks" never lists a sales fact;</li>
 *   <li>sections with generic headings ("Key points") are topped up with the best sentences left.</li>
 * </ol>
 * A sentence that opens with a pronoun pointing back ("They", "This model", "Both said") is only taken right
 * after the sentence it points to, in the same section (bringing that sentence along when it is free), and never
 * as a bullet of its own; otherwise the reader could not tell what it is about.
 */
final class SentencePicker {

    private SentencePicker() {
    }

    /**
     * @param ranked     the job's sentences, best first
     * @param sections   the deliverable's sections in order
     * @param budget     sentences per section
     * @param maxWords   sentences longer than this are chosen only when nothing shorter is left (slides)
     * @return sentences per section index, each list in source order
     */
    static Map<Integer, List<Sentence>> allocate(List<TextRank.Ranked> ranked, List<PartTask.SectionRef> sections,
                                                 int budget, int maxWords) {
        return allocate(ranked, sections, budget, maxWords, false);
    }

    /**
     * @param bullets whether each sentence becomes a bullet of its own (slides): a bullet reading "They rarely
     *                sell directly" is dangling even right under its antecedent's bullet, so such sentences are
     *                left out altogether
     */
    static Map<Integer, List<Sentence>> allocate(List<TextRank.Ranked> ranked, List<PartTask.SectionRef> sections,
                                                 int budget, int maxWords, boolean bullets) {
        return new Allocation(ranked, sections, budget, maxWords, bullets).run();
    }

    /** One run of the allocation; holds the scores it computes once. */
    private static final class Allocation {
        private final List<TextRank.Ranked> ranked;
        private final List<SectionFit> fits = new ArrayList<>();
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
                    fits.add(SectionFit.of(section, all, researcher));
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
            for (SectionFit fit : fits) {
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
         * cause sections before the rest), so a sentence goes to the section it fits best. Repeated until nothing changes, because a sentence that leans on its
         * predecessor becomes takeable once the predecessor has been placed.
         */
        private void fillByFit() {
            record Pair(int section, Sentence sentence, double score) {
            }
            List<Pair> pairs = new ArrayList<>();
            for (int s = 0; s < fits.size(); s++) {
                SectionFit fit = fits.get(s);
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
            List<Sentence> taken = result.get(section);
            if (owner.containsKey(sentence.order()) || taken.size() >= budget) {
                return false;
            }
            if (SentenceCues.dependsOnPrevious(sentence.text())) {
                Sentence antecedent = antecedent(sentence);
                if (bullets || antecedent == null) {
                    return false;
                }
                boolean alreadyHere = Integer.valueOf(section).equals(owner.get(antecedent.order()));
                boolean pulled = !alreadyHere && pullAntecedent && !owner.containsKey(antecedent.order())
                        && taken.size() + 1 < budget && place(section, antecedent, true);
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
}
