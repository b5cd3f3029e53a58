package io.docswarm.agents.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TextRank (Mihalcea and Tarau, 2004): sentences ranked by PageRank over a graph whose edges weigh the words two
 * sentences share, normalised by their lengths; keywords ranked by PageRank over word co-occurrence, then joined
 * into key phrases where they stand next to each other in the text.
 */
public final class TextRank {

    private static final double DAMPING = 0.85;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-6;
    private static final int WINDOW = 3;
    private static final int MAX_PHRASE_WORDS = 3;

    private TextRank() {
    }

    /** A sentence with its score. */
    public record Ranked(Sentence sentence, double score) {
    }

    /**
     * Sentences in descending score order; ties keep source order.
     *
     * <p>The similarity graph is sparse: an inverted index (word → sentences that use it) finds the pairs that
     * share a word, so memory and time grow with the number of such pairs, not with the square of the sentence
     * count. Each sentence's neighbours are kept in ascending order, so the scores are the ones the dense
     * computation gives, bit for bit. When the sources are so large that the pairs would exceed
     * {@link #MAX_PAIRS}, the words used by the most sentences (the least telling) stop counting as shared
     * words until the bound holds; a sentence's length still counts all its words. Only very large sources
     * (tens of thousands of sentences) reach the bound.
     */
    public static List<Ranked> rankSentences(List<Sentence> sentences) {
        int n = sentences.size();
        List<Set<String>> words = new ArrayList<>(n);
        for (Sentence sentence : sentences) {
            words.add(new HashSet<>(Words.contentWords(sentence.text())));
        }
        double[] scores = pageRank(sentenceGraph(words));
        List<Ranked> ranked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranked.add(new Ranked(sentences.get(i), scores[i]));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparingInt(r -> r.sentence().order()));
        return ranked;
    }

    /** Most sentence pairs (each counted both ways) the similarity graph may hold; see {@link #rankSentences}. */
    static final long MAX_PAIRS = 8_000_000L;

    /**
     * A weighted undirected graph as adjacency lists: node {@code i}'s neighbours in ascending order with the
     * edge weights, every edge listed at both ends.
     */
    record Graph(int[][] neighbours, double[][] weights) {
        int size() {
            return neighbours.length;
        }
    }

    /** The sentence similarity graph: an edge wherever two sentences of two or more words share a word. */
    static Graph sentenceGraph(List<Set<String>> words) {
        int n = words.size();
        // Inverted index over the sentences that can have a similarity at all (two or more words).
        Map<String, List<Integer>> postings = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (words.get(i).size() >= 2) {
                for (String word : words.get(i)) {
                    postings.computeIfAbsent(word, k -> new ArrayList<>()).add(i);
                }
            }
        }
        Set<String> shared = sharedWordsWithinBudget(postings);
        double[] logSize = new double[n];
        for (int i = 0; i < n; i++) {
            logSize[i] = Math.log(words.get(i).size());
        }
        int[][] neighbours = new int[n][];
        double[][] weights = new double[n][];
        int[] count = new int[n];
        int[] touched = new int[n];
        for (int i = 0; i < n; i++) {
            int touchedCount = 0;
            if (words.get(i).size() >= 2) {
                for (String word : words.get(i)) {
                    if (!shared.contains(word)) {
                        continue;
                    }
                    for (int j : postings.get(word)) {
                        if (j != i && count[j]++ == 0) {
                            touched[touchedCount++] = j;
                        }
                    }
                }
            }
            Arrays.sort(touched, 0, touchedCount);
            neighbours[i] = Arrays.copyOf(touched, touchedCount);
            weights[i] = new double[touchedCount];
            for (int k = 0; k < touchedCount; k++) {
                int j = touched[k];
                // The dense formula, term for term, so the weights are the same doubles.
                weights[i][k] = count[j] / (logSize[i] + logSize[j]);
                count[j] = 0;
            }
        }
        return new Graph(neighbours, weights);
    }

    /**
     * The words that count as shared: all of them, unless their pairs exceed {@link #MAX_PAIRS}; then the words
     * of most sentences are left out, most common first, until the rest fit.
     */
    private static Set<String> sharedWordsWithinBudget(Map<String, List<Integer>> postings) {
        long pairs = 0;
        for (List<Integer> list : postings.values()) {
            pairs += (long) list.size() * (list.size() - 1);
        }
        Set<String> kept = new HashSet<>(postings.keySet());
        if (pairs <= MAX_PAIRS) {
            return kept;
        }
        List<String> byFrequency = new ArrayList<>(postings.keySet());
        byFrequency.sort(Comparator.comparingInt((String w) -> postings.get(w).size()).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (String word : byFrequency) {
            if (pairs <= MAX_PAIRS) {
                break;
            }
            long size = postings.get(word).size();
            pairs -= size * (size - 1);
            kept.remove(word);
        }
        return kept;
    }

    /**
     * Weighted PageRank by power iteration over adjacency lists (the graph is undirected, so a node's incoming
     * edges are its own list). Summation runs in ascending neighbour order, as a dense matrix walk would.
     */
    static double[] pageRank(Graph graph) {
        int n = graph.size();
        double[] outSum = new double[n];
        for (int i = 0; i < n; i++) {
            for (double weight : graph.weights()[i]) {
                outSum[i] += weight;
            }
        }
        double[] scores = new double[n];
        Arrays.fill(scores, 1.0);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = new double[n];
            double change = 0;
            for (int i = 0; i < n; i++) {
                int[] from = graph.neighbours()[i];
                double[] weight = graph.weights()[i];
                double incoming = 0;
                for (int k = 0; k < from.length; k++) {
                    if (weight[k] > 0) {
                        int j = from[k];
                        incoming += weight[k] / outSum[j] * scores[j];
                    }
                }
                next[i] = (1 - DAMPING) + DAMPING * incoming;
                change = Math.max(change, Math.abs(next[i] - scores[i]));
            }
            scores = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        return scores;
    }

    /**
     * The top {@code limit} key phrases of at least {@code minWords} words, best first, each spelt as the text
     * spells it ("southern Sweden").
     */
    public static List<String> keyPhrases(List<Sentence> sentences, int limit, int minWords) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        Map<String, Map<String, Integer>> initialSpellings = new HashMap<>();
        List<List<String>> sequences = new ArrayList<>();
        for (Sentence sentence : sentences) {
            List<String> sequence = new ArrayList<>();
            List<String> written = Words.surfaceTokens(sentence.text());
            for (int t = 0; t < written.size(); t++) {
                String token = written.get(t).toLowerCase(Locale.ROOT);
                if (Words.isContent(token)) {
                    String stem = Words.stem(token);
                    index.putIfAbsent(stem, index.size());
                    // A sentence's first word is capitalised by position, not because it is a name: its spelling
                    // counts only for words never seen inside a sentence ("Sweden" that always starts one).
                    (t == 0 ? initialSpellings : spellings).computeIfAbsent(stem, k -> new LinkedHashMap<>())
                            .merge(written.get(t), 1, Integer::sum);
                    sequence.add(stem);
                } else {
                    sequence.add(null);
                }
            }
            sequences.add(sequence);
        }
        Map<String, String> surface = new HashMap<>();
        initialSpellings.forEach((stem, counts) -> surface.put(stem, mostCommon(counts)));
        spellings.forEach((stem, counts) -> surface.put(stem, mostCommon(counts)));
        int n = index.size();
        if (n == 0) {
            return List.of();
        }
        List<java.util.TreeMap<Integer, Double>> cooccurrence = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cooccurrence.add(new java.util.TreeMap<>());
        }
        for (List<String> sequence : sequences) {
            for (int i = 0; i < sequence.size(); i++) {
                if (sequence.get(i) == null) {
                    continue;
                }
                for (int j = i + 1; j < Math.min(sequence.size(), i + WINDOW); j++) {
                    if (sequence.get(j) != null && !sequence.get(j).equals(sequence.get(i))) {
                        int a = index.get(sequence.get(i));
                        int b = index.get(sequence.get(j));
                        cooccurrence.get(a).merge(b, 1.0, Double::sum);
                        cooccurrence.get(b).merge(a, 1.0, Double::sum);
                    }
                }
            }
        }
        int[][] neighbours = new int[n][];
        double[][] weights = new double[n][];
        for (int i = 0; i < n; i++) {
            var row = cooccurrence.get(i);
            neighbours[i] = row.keySet().stream().mapToInt(Integer::intValue).toArray();
            weights[i] = row.values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        cooccurrence = null;
        double[] scores = pageRank(new Graph(neighbours, weights));
        List<String> vocabulary = new ArrayList<>(index.keySet());
        Set<String> top = new HashSet<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed().thenComparing(i -> i));
        for (int i = 0; i < Math.max(1, n / 3); i++) {
            top.add(vocabulary.get(order.get(i)));
        }
        // Adjacent top keywords form phrases of up to three words. A phrase of several words must recur to count
        // (a one-off run of keywords is usually a clause, not a theme); it scores the sum of its words' scores.
        Map<String, Double> phrases = new LinkedHashMap<>();
        Map<String, Integer> occurrences = new HashMap<>();
        for (List<String> sequence : sequences) {
            List<String> run = new ArrayList<>();
            for (String stem : append(sequence)) {
                if (stem != null && top.contains(stem) && run.size() < MAX_PHRASE_WORDS) {
                    run.add(stem);
                    continue;
                }
                if (!run.isEmpty()) {
                    String phrase = String.join(" ", run.stream().map(surface::get).toList());
                    double score = run.stream().mapToDouble(s -> scores[index.get(s)]).sum();
                    phrases.merge(phrase, score, Math::max);
                    occurrences.merge(phrase, 1, Integer::sum);
                    run.clear();
                }
                if (stem != null && top.contains(stem)) {
                    run.add(stem);
                }
            }
        }
        phrases.keySet().removeIf(phrase -> phrase.contains(" ") && occurrences.get(phrase) < 2);
        phrases.keySet().removeIf(phrase -> phrase.split(" ").length < minWords);
        List<String> ranked = phrases.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        // A theme that repeats a word of a better-ranked one ("battery" after "battery brand") adds nothing.
        List<String> chosen = new ArrayList<>();
        for (String phrase : ranked) {
            if (chosen.size() == limit) {
                break;
            }
            boolean overlaps = chosen.stream().anyMatch(other -> sharesAWord(other, phrase));
            if (!overlaps) {
                chosen.add(phrase);
            }
        }
        return chosen;
    }

    /**
     * The spelling a word has most often away from the start of a sentence ("Sweden", "battery"); a word seen
     * only at the start of sentences keeps its lower-case form.
     */
    private static String mostCommon(Map<String, Integer> counts) {
        String best = null;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (best == null || entry.getValue() > counts.get(best)) {
                best = entry.getKey();
            }
        }
        return best;
    }

    private static boolean sharesAWord(String a, String b) {
        Set<String> words = new HashSet<>(List.of(a.split(" ")));
        for (String word : b.split(" ")) {
            if (words.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> append(List<String> sequence) {
        List<String> copy = new ArrayList<>(sequence);
        copy.add(null);
        return copy;
    }
}
