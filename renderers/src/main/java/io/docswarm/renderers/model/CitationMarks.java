package io.docswarm.renderers.model;

import java.util.List;

/**
 * Where a paragraph's citation markers go, the same in every renderer: a stretch of runs citing the same source
 * (uncited runs between them included) gets one marker, after the last of them. A marker after every cited
 * sentence of a fact-by-fact paragraph would repeat one number up to a dozen times and say nothing new.
 */
public final class CitationMarks {

    private CitationMarks() {
    }

    /** Whether a marker follows run {@code index}: it cites a source the next cited run does not. */
    public static boolean after(List<Run> runs, int index) {
        Run run = runs.get(index);
        return run.hasCitation() && !run.citation().equals(nextCitation(runs, index));
    }

    private static String nextCitation(List<Run> runs, int index) {
        for (int i = index + 1; i < runs.size(); i++) {
            if (runs.get(i).hasCitation()) {
                return runs.get(i).citation();
            }
        }
        return null;
    }
}
