package io.docswarm.agents.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the reader asked about: the words of the section being written and of the job's brief, and any growth
 * threshold the job's guidance sets. It decides what a summary says first (the dimensions and measures these words
 * name) and lets growth be flagged against the job's own limit rather than an invented one.
 *
 * @param heading         word stems of the section heading; they weigh more than the brief's, since a section
 *                        titled "Sales by region" is about regions even when the brief also names product lines
 * @param brief           word stems of the job's brief
 * @param growthThreshold a growth rate (0.05 for five percent) above which rows must be flagged, if one is set
 */
public record Focus(Set<String> heading, Set<String> brief, OptionalDouble growthThreshold) {

    /** No brief: summaries keep the table's own order and flag growth against the overall rate. */
    public static final Focus NONE = new Focus(Set.of(), Set.of(), OptionalDouble.empty());

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "of", "in", "by", "for", "a", "an", "to",
            "on", "per", "with", "from", "at", "or", "is", "are", "how", "what", "which", "we", "our", "it");

    public Focus {
        heading = Set.copyOf(heading);
        brief = Set.copyOf(brief);
    }

    /**
     * @param heading  the heading of the section, slide or sheet being written
     * @param brief    the job's brief
     * @param guidance texts that may set rules for the figures (the job's sources), scanned for a growth threshold
     */
    public static Focus of(String heading, String brief, List<String> guidance) {
        return new Focus(stems(heading), stems(brief), GrowthThreshold.find(guidance));
    }

    /**
     * How strongly the focus names a column: 2 when the heading uses one of its words, plus 1 when the brief does;
     * 0 when neither does. Whether a word is named counts, not how many, so long headers gain nothing.
     */
    public int relevance(String label) {
        Set<String> words = stems(label);
        return (words.stream().anyMatch(heading::contains) ? 2 : 0) + (words.stream().anyMatch(brief::contains) ? 1 : 0);
    }

    /** Word stems for matching: lowercased, a plural s dropped, so "regions" matches "region". */
    static Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() < 2 || STOP_WORDS.contains(word)) {
                continue;
            }
            stems.add(word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")
                    ? word.substring(0, word.length() - 1) : word);
        }
        return stems;
    }
}
