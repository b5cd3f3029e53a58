package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import io.docswarm.agents.research.Researcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shares a job's ranked sentences out between the sections of one deliverable. Every part runs the same
 * deterministic allocation over the same inputs and keeps its own share, so parts drafted in parallel never
 * repeat each other and need no shared state: summaries take the best-ranked sentences, conclusions the best
 * sentences that recommend or look ahead, and the remaining sentences go to the narrative section whose heading
 * they match best (best-scoring pairs first, within each section's budget).
 */
final class SentencePicker {

    private static final Pattern FORWARD_LOOKING = Pattern.compile(
            "(?i).*\\b(should|recommend\\w*|next|plan\\w*|will|propose\\w*|priorit\\w*|must|need to|aim\\w*)\\b.*");

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
        Map<Integer, List<Sentence>> result = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        for (int s = 0; s < sections.size(); s++) {
            result.put(s, new ArrayList<>());
        }
        for (int s = 0; s < sections.size(); s++) {
            if ("summary".equals(sections.get(s).purpose())) {
                take(ranked, used, result.get(s), budget, maxWords, r -> true);
            }
        }
        for (int s = 0; s < sections.size(); s++) {
            if ("conclusion".equals(sections.get(s).purpose())) {
                take(ranked, used, result.get(s), budget, maxWords,
                        r -> FORWARD_LOOKING.matcher(r.sentence().text()).matches());
            }
        }
        List<Integer> narrative = new ArrayList<>();
        for (int s = 0; s < sections.size(); s++) {
            if ("narrative".equals(sections.get(s).purpose())) {
                narrative.add(s);
            }
        }
        // Every (section, sentence) pair is scored: the sentence's TextRank weight times its BM25 relevance to the
        // section's heading (the researcher's retrieval). The best pairs are taken first, so a sentence goes to the
        // section it is most about, and no section takes more than its budget.
        record Pair(int section, TextRank.Ranked sentence, double score) {
        }
        List<Pair> pairs = new ArrayList<>();
        List<Sentence> all = ranked.stream().map(TextRank.Ranked::sentence).toList();
        try (Researcher researcher = new Researcher(all)) {
            for (int s : narrative) {
                Map<Integer, Double> bm25 = researcher.relevance(sections.get(s).heading());
                double best = bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
                for (TextRank.Ranked r : ranked) {
                    if (!used.contains(r.sentence().order())) {
                        double relevance = bm25.getOrDefault(r.sentence().order(), 0.0) / best;
                        double lengthPenalty = r.sentence().wordCount() > maxWords ? 0.5 : 1.0;
                        pairs.add(new Pair(s, r, r.score() * (1 + 2 * relevance) * lengthPenalty));
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed()
                .thenComparingInt(p -> p.sentence().sentence().order()).thenComparingInt(Pair::section));
        for (Pair pair : pairs) {
            List<Sentence> taken = result.get(pair.section());
            if (taken.size() < budget && used.add(pair.sentence().sentence().order())) {
                taken.add(pair.sentence().sentence());
            }
        }
        result.values().forEach(list -> list.sort(Comparator.comparingInt(Sentence::order)));
        return result;
    }

    private static void take(List<TextRank.Ranked> ranked, Set<Integer> used, List<Sentence> into, int budget,
                             int maxWords, java.util.function.Predicate<TextRank.Ranked> wanted) {
        for (boolean allowLong : new boolean[] {false, true}) {
            for (TextRank.Ranked r : ranked) {
                if (into.size() >= budget) {
                    return;
                }
                boolean fits = allowLong || r.sentence().wordCount() <= maxWords;
                if (fits && wanted.test(r) && used.add(r.sentence().order())) {
                    into.add(r.sentence());
                }
            }
        }
    }

}
