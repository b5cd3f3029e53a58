package io.docswarm.agents.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.SourceDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sparse TextRank gives what the dense n×n computation gave, and scales to large sources. */
class TextRankTest {

    @Test
    void sparseRankingEqualsTheDenseComputationOnTheSampleSources() throws IOException {
        List<SourceDocument> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../samples/sources"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(md|txt)")).sorted().toList()) {
                List<String> paragraphs = Arrays.stream(Files.readString(file).split("\\n\\s*\\n"))
                        .map(String::strip).filter(p -> !p.isEmpty()).toList();
                sources.add(new SourceDocument(file.getFileName().toString(), paragraphs));
            }
        }
        List<Sentence> sentences = Sentences.split(sources, Locale.ENGLISH);
        assertTrue(sentences.size() > 50, "a fixture of some size: " + sentences.size());

        List<TextRank.Ranked> sparse = TextRank.rankSentences(sentences);
        List<TextRank.Ranked> dense = DenseReference.rankSentences(sentences);
        assertEquals(dense, sparse, "same sentences, same order, same scores (bit for bit)");
    }

    @Test
    void sparsePageRankEqualsDenseOnARandomWeightedGraph() {
        Random random = new Random(7);
        int n = 120;
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (random.nextInt(10) == 0) {
                    matrix[i][j] = matrix[j][i] = 1 + random.nextInt(4);
                }
            }
        }
        int[][] neighbours = new int[n][];
        double[][] weights = new double[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> row = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (matrix[i][j] > 0) {
                    row.add(j);
                }
            }
            neighbours[i] = row.stream().mapToInt(Integer::intValue).toArray();
            int rowIndex = i;
            weights[i] = row.stream().mapToDouble(j -> matrix[rowIndex][j]).toArray();
        }
        assertArrayEquals(DenseReference.pageRank(matrix), TextRank.pageRank(new TextRank.Graph(neighbours, weights)));
    }

    @Test
    void rankingThirtyThousandSentencesStaysSparse() {
        // Zipf-distributed words, as in real text: the commonest words are in most sentences, so the pairs
        // sharing a word far exceed the graph's bound and the commonest words stop counting.
        Random random = new Random(42);
        int vocabulary = 3000;
        double[] cumulative = new double[vocabulary];
        double total = 0;
        for (int w = 0; w < vocabulary; w++) {
            total += 1.0 / (w + 1);
            cumulative[w] = total;
        }
        List<Sentence> sentences = new ArrayList<>();
        for (int s = 0; s < 30_000; s++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 8; k++) {
                int w = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                text.append(word(w < 0 ? -w - 1 : w)).append(k == 7 ? "." : " ");
            }
            sentences.add(new Sentence(text.toString(), "big.md", s / 10 + 1, s));
        }
        List<TextRank.Ranked> ranked = TextRank.rankSentences(sentences);

        assertEquals(sentences.size(), ranked.size());
        Set<Integer> orders = new HashSet<>();
        ranked.forEach(r -> orders.add(r.sentence().order()));
        assertEquals(sentences.size(), orders.size(), "every sentence ranked once");
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(ranked.get(i - 1).score() >= ranked.get(i).score(), "descending scores");
        }
        // Unnormalised PageRank (1 - d) + d * sum(in): at the fixed point the scores of a graph where every node
        // has an edge sum to the node count; a node with no edge keeps 1 - d and passes nothing on.
        List<Set<String>> words = sentences.stream()
                .map(s -> (Set<String>) new HashSet<>(Words.contentWords(s.text()))).toList();
        TextRank.Graph graph = TextRank.sentenceGraph(words);
        long edges = Arrays.stream(graph.neighbours()).mapToLong(a -> a.length).sum();
        assertTrue(edges <= TextRank.MAX_PAIRS, "graph within its bound: " + edges);
        double[] scores = TextRank.pageRank(graph);
        double isolated = 0;
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            sum += scores[i];
            if (graph.neighbours()[i].length == 0) {
                isolated += scores[i];
                assertEquals(1 - 0.85, scores[i], 1e-12);
            }
        }
        double expected = scores.length * (1 - 0.85) + 0.85 * (sum - isolated);
        assertEquals(expected, sum, scores.length * 1e-5, "PageRank's fixed point");
        assertEquals(sum, ranked.stream().mapToDouble(TextRank.Ranked::score).sum(), scores.length * 1e-9,
                "rankSentences returns the graph's scores");
    }

    private static String word(int index) {
        StringBuilder word = new StringBuilder("w");
        int i = index;
        do {
            word.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return word.append("x").toString();
    }

    /** The dense computation TextRank used before: an n×n similarity matrix. Small inputs only. */
    static final class DenseReference {
        static List<TextRank.Ranked> rankSentences(List<Sentence> sentences) {
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
            List<TextRank.Ranked> ranked = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ranked.add(new TextRank.Ranked(sentences.get(i), scores[i]));
            }
            ranked.sort(java.util.Comparator.comparingDouble(TextRank.Ranked::score).reversed()
                    .thenComparingInt(r -> r.sentence().order()));
            return ranked;
        }

        static double similarity(Set<String> a, Set<String> b) {
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

        static double[] pageRank(double[][] weights) {
            int n = weights.length;
            double[] outSum = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    outSum[i] += weights[i][j];
                }
            }
            double[] scores = new double[n];
            Arrays.fill(scores, 1.0);
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] next = new double[n];
                double change = 0;
                for (int i = 0; i < n; i++) {
                    double incoming = 0;
                    for (int j = 0; j < n; j++) {
                        if (weights[j][i] > 0) {
                            incoming += weights[j][i] / outSum[j] * scores[j];
                        }
                    }
                    next[i] = (1 - 0.85) + 0.85 * incoming; // as TextRank writes it: 1 - 0.85 is not the double 0.15
                    change = Math.max(change, Math.abs(next[i] - scores[i]));
                }
                scores = next;
                if (change < 1e-6) {
                    break;
                }
            }
            return scores;
        }
    }
}
