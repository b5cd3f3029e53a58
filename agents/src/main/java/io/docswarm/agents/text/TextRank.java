package io.docswarm.agents.text;

import java.util.ArrayList;
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

    /** Sentences in descending score order; ties keep source order. */
    public static List<Ranked> rankSentences(List<Sentence> sentences) {
        int n = sentences.size();
        List<Set<String>> words = new ArrayList<>(n);
        for (Sentence sentence : sentences) {
            words.add(new HashSet<>(Words.contentWords(sentence.text())));
        }
        double[][] weights = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double similarity = similarity(words.get(i), words.get(j));
                weights[i][j] = similarity;
                weights[j][i] = similarity;
            }
        }
        double[] scores = pageRank(weights);
        List<Ranked> ranked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranked.add(new Ranked(sentences.get(i), scores[i]));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparingInt(r -> r.sentence().order()));
        return ranked;
    }

    private static double similarity(Set<String> a, Set<String> b) {
        if (a.size() < 2 || b.size() < 2) {
            return 0;
        }
        int shared = 0;
        for (String word : a) {
            if (b.contains(word)) {
                shared++;
            }
        }
        return shared / (Math.log(a.size()) + Math.log(b.size()));
    }

    /** Weighted PageRank by power iteration. */
    static double[] pageRank(double[][] weights) {
        int n = weights.length;
        double[] outSum = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                outSum[i] += weights[i][j];
            }
        }
        double[] scores = new double[n];
        java.util.Arrays.fill(scores, 1.0);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = new double[n];
            double change = 0;
            for (int i = 0; i < n; i++) {
                double incoming = 0;
                for (int j = 0; j < n; j++) {
                    if (weights[j][i] > 0) {
                        incoming += weights[j][i] / outSum[j] * scores[j];
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

    /** The top {@code limit} key phrases of the text, best first. */
    public static List<String> keyPhrases(List<Sentence> sentences, int limit) {
        return keyPhrases(sentences, limit, 1);
    }

    /**
     * The top {@code limit} key phrases of at least {@code minWords} words, best first, each spelt as the text
     * spells it ("southern Sweden").
     */
    public static List<String> keyPhrases(List<Sentence> sentences, int limit, int minWords) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        List<List<String>> sequences = new ArrayList<>();
        for (Sentence sentence : sentences) {
            List<String> sequence = new ArrayList<>();
            List<String> written = Words.surfaceTokens(sentence.text());
            for (int t = 0; t < written.size(); t++) {
                String token = written.get(t).toLowerCase(Locale.ROOT);
                if (Words.isContent(token)) {
                    String stem = Words.stem(token);
                    index.putIfAbsent(stem, index.size());
                    // A sentence's first word is capitalised by position, not because it is a name.
                    String spelling = t == 0 ? token : written.get(t);
                    spellings.computeIfAbsent(stem, k -> new LinkedHashMap<>()).merge(spelling, 1, Integer::sum);
                    sequence.add(stem);
                } else {
                    sequence.add(null);
                }
            }
            sequences.add(sequence);
        }
        Map<String, String> surface = new HashMap<>();
        spellings.forEach((stem, counts) -> surface.put(stem, mostCommon(counts)));
        int n = index.size();
        if (n == 0) {
            return List.of();
        }
        double[][] weights = new double[n][n];
        for (List<String> sequence : sequences) {
            for (int i = 0; i < sequence.size(); i++) {
                if (sequence.get(i) == null) {
                    continue;
                }
                for (int j = i + 1; j < Math.min(sequence.size(), i + WINDOW); j++) {
                    if (sequence.get(j) != null && !sequence.get(j).equals(sequence.get(i))) {
                        int a = index.get(sequence.get(i));
                        int b = index.get(sequence.get(j));
                        weights[a][b] += 1;
                        weights[b][a] += 1;
                    }
                }
            }
        }
        double[] scores = pageRank(weights);
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
