package io.docswarm.agents.draft;

import io.docswarm.agents.research.Researcher;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import io.docswarm.agents.text.Words;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job's ranked sentences with everything {@link SentencePicker} reads from them worked out once, so that an
 * allocation costs about one pass over the sentences per section instead of a tokenisation and a dozen regular
 * expressions per section and sentence: each sentence's {@link SentenceTraits}, the sentence it leans on, the
 * source paragraph it comes from, the source contexts (headings, or file names) with the sentences under each, so
 * a section's heading is compared with each context once, and each heading's BM25 relevance (one Lucene index for
 * all the headings asked about, not one per allocation).
 *
 * <p>Sentences are addressed by rank, their place in the ranked list. {@link JobText} keeps one index per source
 * set, shared by the allocations of all the job's deliverables, which may run in parallel. Sentence orders must be
 * unique, as {@link io.docswarm.agents.text.Sentences#split} numbers them.
 */
final class SentenceIndex {

    /** Headings whose relevance is kept: a deliverable has at most 100 sections, a job's outlines share most. */
    private static final int HEADINGS_CACHED = 256;
    private static final Pattern FOLDERS = Pattern.compile(".*[/\\\\]");
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,5}$");
    private static final Pattern SEPARATORS = Pattern.compile("[-_]+");

    /**
     * The sentences under one source context.
     *
     * @param stems  the context's content words
     * @param topics the topics they name
     * @param ranks  the sentences under it, by rank
     */
    record Context(List<String> stems, Set<SectionTopic> topics, BitSet ranks) {
    }

    /**
     * BM25 relevance of the sentences to one heading, as Lucene scores them.
     *
     * @param ranks  the sentences sharing a term with the heading, by rank
     * @param scores their scores, in the same order
     */
    record Relevance(int[] ranks, double[] scores) {
    }

    private final List<TextRank.Ranked> ranked;
    private final List<Sentence> sentences;
    private final Map<Integer, Integer> rankOfOrder = new HashMap<>();
    private final SentenceTraits[] traits;
    private final int[] antecedent;
    private final int[] paragraph;
    private final List<Context> contexts;
    private final double topScore;
    private final Map<String, Relevance> relevance = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Relevance> eldest) {
            return size() > HEADINGS_CACHED;
        }
    };

    SentenceIndex(List<TextRank.Ranked> ranked) {
        this.ranked = List.copyOf(ranked);
        this.sentences = this.ranked.stream().map(TextRank.Ranked::sentence).toList();
        int n = sentences.size();
        for (int rank = 0; rank < n; rank++) {
            if (rankOfOrder.put(sentences.get(rank).order(), rank) != null) {
                throw new IllegalArgumentException("two sentences have order " + sentences.get(rank).order());
            }
        }
        traits = new SentenceTraits[n];
        antecedent = new int[n];
        paragraph = new int[n];
        Map<String, Integer> paragraphs = new HashMap<>();
        Map<String, Context> byContext = new LinkedHashMap<>();
        for (int rank = 0; rank < n; rank++) {
            Sentence sentence = sentences.get(rank);
            traits[rank] = SentenceTraits.of(sentence);
            antecedent[rank] = findAntecedent(sentence);
            paragraph[rank] = paragraphs.computeIfAbsent(sentence.citation(), k -> paragraphs.size());
            byContext.computeIfAbsent(context(sentence), text -> {
                List<String> stems = Words.contentWords(text);
                return new Context(stems, SectionTopic.of(stems), new BitSet(n));
            }).ranks().set(rank);
        }
        contexts = List.copyOf(byContext.values());
        topScore = ranked.stream().mapToDouble(TextRank.Ranked::score).max().orElse(1);
    }

    /** The sentence right before this one in the same paragraph, by rank, or -1 when it opens the paragraph. */
    private int findAntecedent(Sentence sentence) {
        Integer rank = rankOfOrder.get(sentence.order() - 1);
        if (rank == null) {
            return -1;
        }
        Sentence previous = sentences.get(rank);
        boolean adjacent = previous.sameParagraph(sentence) && previous.position() == sentence.position() - 1;
        return adjacent ? rank : -1;
    }

    /** The sentence's source heading, or for a source without headings its file name ("customer interviews"). */
    static String context(Sentence sentence) {
        if (!sentence.heading().isBlank()) {
            return sentence.heading();
        }
        String name = EXTENSION.matcher(FOLDERS.matcher(sentence.source()).replaceAll("")).replaceFirst("");
        return SEPARATORS.matcher(name).replaceAll(" ");
    }

    int size() {
        return sentences.size();
    }

    Sentence sentence(int rank) {
        return sentences.get(rank);
    }

    double score(int rank) {
        return ranked.get(rank).score();
    }

    /** The best TextRank score (1 when there are no sentences). */
    double topScore() {
        return topScore;
    }

    SentenceTraits traits(int rank) {
        return traits[rank];
    }

    /** The rank of the sentence this one leans on (right before it in its paragraph), or -1 when there is none. */
    int antecedent(int rank) {
        return antecedent[rank];
    }

    /** The sentence's source paragraph, numbered over all sources (sentences with the same citation share it). */
    int paragraph(int rank) {
        return paragraph[rank];
    }

    List<Context> contexts() {
        return contexts;
    }

    /**
     * BM25 relevance of the sentences to each of the headings. Headings not asked about before are scored with one
     * Lucene index, built for them and closed at once; the others come from the cache.
     */
    synchronized Map<String, Relevance> relevance(Collection<String> headings) {
        Map<String, Relevance> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String heading : headings) {
            Relevance known = relevance.get(heading);
            if (known != null) {
                found.put(heading, known);
            } else {
                missing.add(heading);
            }
        }
        if (!missing.isEmpty()) {
            try (Researcher researcher = new Researcher(sentences)) {
                for (String heading : missing) {
                    Relevance computed = byRank(researcher.relevance(heading));
                    relevance.put(heading, computed);
                    found.put(heading, computed);
                }
            }
        }
        return found;
    }

    private Relevance byRank(Map<Integer, Double> scoresByOrder) {
        List<Map.Entry<Integer, Double>> hits = new ArrayList<>(scoresByOrder.entrySet());
        int[] ranks = new int[hits.size()];
        double[] scores = new double[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            ranks[i] = rankOfOrder.get(hits.get(i).getKey());
            scores[i] = hits.get(i).getValue();
        }
        return new Relevance(ranks, scores);
    }
}
