package io.docswarm.agents.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders a summary's facts: the headline first, then facts about each dimension, the ones the focus names first,
 * then the other measures. The order is stable, so without a focus the facts follow the table's column order.
 */
final class SummaryFacts {

    /** A sentence and its rank; higher ranks come first. */
    record Fact(String text, int rank) {
    }

    static final int HEADLINE = Integer.MAX_VALUE;
    static final int FLAG = HEADLINE - 1;
    static final int OTHER_MEASURE = -1;
    private static final int MAX_MEASURES = 3;

    private SummaryFacts() {
    }

    static List<String> of(DataSummary summary) {
        if (!summary.hasMeasures()) {
            return List.of();
        }
        List<Fact> facts = new ArrayList<>(summary.pair().isPresent() ? ComparisonFacts.of(summary)
                : DistributionFacts.of(summary));
        List<Integer> described = new ArrayList<>(List.of(summary.mainMeasure()));
        summary.pair().ifPresent(pair -> described.add(pair.base()));
        int room = MAX_MEASURES - described.size();
        int written = 0;
        for (int m = 0; m < summary.metrics().size() && written < room; m++) {
            if (!described.contains(m) && summary.overview().withValues(m).isEmpty()) {
                continue; // a running balance by category, which has none
            }
            if (!described.contains(m)) {
                facts.add(new Fact(DistributionFacts.otherMeasure(summary, m, written), OTHER_MEASURE));
                if (!summary.metrics().get(m).additive()) {
                    // A rate's mean says little on its own; how it moved is what a reader asks of it.
                    DistributionFacts.otherTrend(summary, m).ifPresent(t -> facts.add(new Fact(t, OTHER_MEASURE)));
                }
                written++;
            }
        }
        facts.sort(Comparator.comparingInt(Fact::rank).reversed());
        return facts.stream().map(Fact::text).toList();
    }

    /** A dimension's rank: how much the focus names it, so facts about "region" lead a section on regions. */
    static int rankOf(DataSummary summary, Dimension dimension) {
        return summary.focus().relevance(dimension.name());
    }

    /** The dimensions facts are written for: every breakdown, or the item column when the table has no dimension. */
    static List<Breakdown> described(DataSummary summary) {
        Breakdown overview = summary.overview();
        if (!summary.breakdowns().isEmpty() || overview.dimension().isRows()) {
            return summary.breakdowns();
        }
        return List.of(overview);
    }
}
