package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

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
        return allocate(new SentenceIndex(ranked), sections, budget, maxWords, bullets);
    }

    /** The same over a job's index, which {@link JobText} keeps for all the allocations of the job. */
    static Map<Integer, List<Sentence>> allocate(SentenceIndex index, List<PartTask.SectionRef> sections,
                                                 int budget, int maxWords, boolean bullets) {
        return new Allocation(index, sections, budget, maxWords, bullets).run();
    }

    /**
     * One run of the allocation. Sentences are addressed by rank in the index; what depends on this run's budgets
     * (weights, the summary order, the top-up order) is computed once here, not per comparison or pass.
     */
    private static final class Allocation {
        private static final int FREE = -1;

        private final SentenceIndex index;
        private final List<SectionFit> fits = new ArrayList<>();
        private final int budget;
        private final int maxWords;
        private final boolean bullets;
        /** TextRank weight relative to the best sentence, halved for sentences too long for the format; by rank. */
        private final double[] weight;
        private final Map<Integer, List<Sentence>> result = new LinkedHashMap<>();
        /** The section each sentence went to, by rank, or {@link #FREE}. */
        private final int[] owner;

        Allocation(SentenceIndex index, List<PartTask.SectionRef> sections, int budget, int maxWords,
                   boolean bullets) {
            this.index = index;
            this.bullets = bullets;
            this.budget = budget;
            this.maxWords = maxWords;
            Map<String, SentenceIndex.Relevance> bm25 =
                    index.relevance(sections.stream().map(PartTask.SectionRef::heading).toList());
            for (PartTask.SectionRef section : sections) {
                fits.add(SectionFit.of(section, index, bm25.get(section.heading())));
            }
            for (int s = 0; s < sections.size(); s++) {
                result.put(s, new ArrayList<>());
            }
            weight = new double[index.size()];
            for (int rank = 0; rank < weight.length; rank++) {
                double lengthPenalty = tooLong(rank) ? 0.5 : 1.0;
                weight[rank] = index.score(rank) / index.topScore() * lengthPenalty;
            }
            owner = new int[index.size()];
            Arrays.fill(owner, FREE);
        }

        Map<Integer, List<Sentence>> run() {
            BitSet reserved = reservedForClaimingSections();
            if (fits.stream().anyMatch(SectionFit::summary)) {
                int[] candidates = summaryCandidates(reserved);
                for (int s = 0; s < fits.size(); s++) {
                    if (fits.get(s).summary()) {
                        fillSummary(s, candidates);
                    }
                }
            }
            fillByFit();
            int[] byLengthThenRank = byLengthThenRank();
            for (int s = 0; s < fits.size(); s++) {
                if (fits.get(s).generic()) {
                    topUp(s, byLengthThenRank);
                }
            }
            result.values().forEach(list -> list.sort(Comparator.comparingInt(Sentence::order)));
            return result;
        }

        /** Sentences a risk, action or cause section claims by heading or wording; summaries leave them to it. */
        private BitSet reservedForClaimingSections() {
            BitSet reserved = new BitSet(index.size());
            for (SectionFit fit : fits) {
                if (fit.claimsFirst()) {
                    for (int rank = 0; rank < index.size(); rank++) {
                        if (fit.strongFit(rank)) {
                            reserved.set(rank);
                        }
                    }
                }
            }
            return reserved;
        }

        /**
         * The sentences summaries may take, best first: TextRank weight doubled for news (a dated or quantified
         * change), ties in source order. The same for every summary section of the deliverable.
         */
        private int[] summaryCandidates(BitSet reserved) {
            double[] summaryScore = new double[index.size()];
            for (int rank = 0; rank < summaryScore.length; rank++) {
                double news = index.traits(rank).reportsChange() ? 2 : 1;
                summaryScore[rank] = weight[rank] * news;
            }
            Comparator<Integer> bestFirst = Comparator.comparingDouble((Integer rank) -> summaryScore[rank]).reversed()
                    .thenComparingInt(rank -> index.sentence(rank).order());
            return IntStream.range(0, index.size()).filter(rank -> !reserved.get(rank)).boxed().sorted(bestFirst)
                    .mapToInt(Integer::intValue).toArray();
        }

        private void fillSummary(int section, int[] candidates) {
            BitSet paragraphsUsed = new BitSet();
            // First one sentence per source paragraph, so the summary covers the sources instead of quoting the
            // most central paragraph three times; then whatever ranks best.
            for (boolean spread : new boolean[] {true, false}) {
                for (int rank : candidates) {
                    if (spread && paragraphsUsed.get(index.paragraph(rank))) {
                        continue;
                    }
                    if (place(section, rank, false)) {
                        paragraphsUsed.set(index.paragraph(rank));
                    }
                }
            }
        }

        /**
         * A (section, sentence) pair that fits, with what the order of taking pairs compares: risk, action and
         * cause sections choose first (a recommendation in the competitor scan belongs under "Recommendations",
         * even though the scan's heading also matches "Competitors"), then the best-fitting pairs, then source
         * order and section order, so the order is total and the outcome deterministic. Compared field by field:
         * a chain of key-extracting comparators boxed a Boolean per comparison, and a large job has a million
         * pairs.
         */
        private record Pair(int section, int rank, boolean claimsFirst, double score, int order)
                implements Comparable<Pair> {

            @Override
            public int compareTo(Pair other) {
                int c = Boolean.compare(other.claimsFirst, claimsFirst);
                if (c == 0) {
                    c = Double.compare(other.score, score);
                }
                if (c == 0) {
                    c = Integer.compare(order, other.order);
                }
                return c != 0 ? c : Integer.compare(section, other.section);
            }
        }

        /**
         * Every (section, sentence) pair that fits is scored; the best pairs are taken first (risk, action and
         * cause sections before the rest), so a sentence goes to the section it fits best. Repeated until nothing
         * changes, because a sentence that leans on its predecessor becomes takeable once the predecessor has been
         * placed.
         *
         * <p>Taking a pair of a full section, or of a sentence already taken, changes nothing, and a section is
         * full after a few pairs while it may have thousands (every sentence sharing a word with its heading). So
         * instead of sorting all pairs, the first pass draws them in taking order from one heap per section,
         * merged by their best pairs, and stops drawing from a section once it is full. Only sections left with
         * room, whose pairs have then all been drawn, take part in later passes. The outcome is the one of
         * sorting every pair and going through all of them in each pass.
         */
        private void fillByFit() {
            Map<Integer, List<Pair>> pairsBySection = fittingPairs();
            boolean changed = firstPass(pairsBySection);
            List<Pair> withRoom = new ArrayList<>();
            pairsBySection.forEach((section, pairs) -> {
                if (hasRoom(section)) {
                    withRoom.addAll(pairs);
                }
            });
            withRoom.sort(Comparator.naturalOrder());
            while (changed) {
                changed = false;
                for (Pair pair : withRoom) {
                    if (place(pair.section(), pair.rank(), true)) {
                        changed = true;
                    }
                }
            }
        }

        /** The pairs that fit, by section (summary and data sections choose otherwise), in no particular order. */
        private Map<Integer, List<Pair>> fittingPairs() {
            Map<Integer, List<Pair>> pairsBySection = new LinkedHashMap<>();
            for (int s = 0; s < fits.size(); s++) {
                SectionFit fit = fits.get(s);
                if (fit.summary() || fit.data()) {
                    continue;
                }
                List<Pair> pairs = new ArrayList<>();
                for (int rank = 0; rank < index.size(); rank++) {
                    double score = fit.score(rank);
                    if (score > 0) {
                        pairs.add(new Pair(s, rank, fit.claimsFirst(), weight[rank] * score,
                                index.sentence(rank).order()));
                    }
                }
                pairsBySection.put(s, pairs);
            }
            return pairsBySection;
        }

        /**
         * Takes the pairs in taking order, drawn from one heap per section (the heaps ordered by their best
         * pair), until every section is full or has no pair left.
         *
         * @return whether any sentence was placed
         */
        private boolean firstPass(Map<Integer, List<Pair>> pairsBySection) {
            PriorityQueue<PriorityQueue<Pair>> byBestPair =
                    new PriorityQueue<>(Comparator.comparing(PriorityQueue::peek));
            pairsBySection.forEach((section, pairs) -> {
                if (!pairs.isEmpty() && hasRoom(section)) {
                    byBestPair.add(new PriorityQueue<>(pairs));
                }
            });
            boolean changed = false;
            while (!byBestPair.isEmpty()) {
                PriorityQueue<Pair> sectionPairs = byBestPair.poll();
                Pair pair = sectionPairs.poll();
                if (place(pair.section(), pair.rank(), true)) {
                    changed = true;
                }
                if (!sectionPairs.isEmpty() && hasRoom(pair.section())) {
                    byBestPair.add(sectionPairs);
                }
            }
            return changed;
        }

        private boolean hasRoom(int section) {
            return result.get(section).size() < budget;
        }

        /** A generic section ("Key points") takes the best sentences nobody else wanted. */
        private void topUp(int section, int[] byLengthThenRank) {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int rank : byLengthThenRank) {
                    if (place(section, rank, true)) {
                        changed = true;
                    }
                }
            }
        }

        /** Sentences short enough for the format first, each group in rank order. */
        private int[] byLengthThenRank() {
            return IntStream.concat(IntStream.range(0, index.size()).filter(rank -> !tooLong(rank)),
                    IntStream.range(0, index.size()).filter(this::tooLong)).toArray();
        }

        private boolean tooLong(int rank) {
            return index.traits(rank).words() > maxWords;
        }

        /**
         * Puts the sentence in the section if it is free and the section has room. A sentence that points back
         * ("They win on convenience") goes in only right after the sentence it points to: when that one is already
         * in the section, or, with {@code pullAntecedent}, when it is free and both fit, in which case it comes
         * along (its own antecedent too, for a chain such as "Utilities… Their offers… This model…").
         */
        private boolean place(int section, int rank, boolean pullAntecedent) {
            return place(section, rank, pullAntecedent, 0);
        }

        /**
         * {@link #place(int, int, boolean)} with {@code waiting} sentences of a chain waiting to follow this one, so
         * the section must have room for all of them: a chain of three pulled into a section with room for two
         * takes none of it, rather than one sentence past the budget.
         */
        private boolean place(int section, int rank, boolean pullAntecedent, int waiting) {
            if (owner[rank] != FREE || result.get(section).size() + waiting >= budget) {
                return false;
            }
            if (index.traits(rank).pointsBack()) {
                int antecedent = index.antecedent(rank);
                if (bullets || antecedent < 0) {
                    return false;
                }
                boolean alreadyHere = owner[antecedent] == section;
                boolean pulled = !alreadyHere && pullAntecedent && owner[antecedent] == FREE
                        && place(section, antecedent, true, waiting + 1);
                if (!alreadyHere && !pulled) {
                    return false;
                }
            }
            give(section, rank);
            return true;
        }

        private void give(int section, int rank) {
            owner[rank] = section;
            result.get(section).add(index.sentence(rank));
        }
    }
}
