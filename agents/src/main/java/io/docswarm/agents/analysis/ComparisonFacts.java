package io.docswarm.agents.analysis;

import io.docswarm.agents.analysis.SummaryFacts.Fact;
import io.docswarm.agents.inputs.DataTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Facts about a pair of measures (plan and actual, 2026 and 2027): the overall difference, where it comes from in
 * each dimension, which categories grow fastest or fall, and which rows exceed a growth limit.
 *
 * <p>A pair of intensive measures (target and actual margin %, conversion rate 2025 and 2026) is compared by its
 * means and its differences (percentage points for percentages): no share of the difference "comes from" a
 * category, since means do not add up, and no row is flagged against a growth limit, which is a limit on the
 * growth of amounts.
 */
final class ComparisonFacts {

    /** How many rows a flag lists by name before it counts the rest. */
    private static final int LISTED_ROWS = 3;

    private final DataSummary summary;
    private final MeasurePair pair;
    private final Measure base;
    private final Measure compared;

    private ComparisonFacts(DataSummary summary) {
        this.summary = summary;
        this.pair = summary.pair().orElseThrow();
        this.base = summary.metrics().get(pair.base());
        this.compared = summary.metrics().get(pair.compared());
    }

    static List<Fact> of(DataSummary summary) {
        return new ComparisonFacts(summary).facts();
    }

    private List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(headline(), SummaryFacts.HEADLINE));
        if (pair.kind() != MeasurePair.Kind.PLAN && compared.additive()) {
            growthFlag().ifPresent(f -> facts.add(new Fact(f, SummaryFacts.FLAG)));
        }
        for (Breakdown breakdown : SummaryFacts.described(summary)) {
            int rank = SummaryFacts.rankOf(summary, breakdown.dimension());
            if (breakdown.size() < 2) {
                continue;
            }
            if (breakdown.dimension().period()) {
                facts.add(new Fact(periodsAboveBase(breakdown), rank));
                DistributionFacts.trend(compared, breakdown, pair.compared())
                        .ifPresent(t -> facts.add(new Fact(t, rank)));
                PeriodFacts.of(compared, breakdown, pair.compared()).forEach(f -> facts.add(new Fact(f, rank)));
            } else {
                if (compared.additive()) {
                    contribution(breakdown).ifPresent(f -> facts.add(new Fact(f, rank)));
                }
                if (pair.kind() != MeasurePair.Kind.PLAN && breakdown.size() >= 3) {
                    pace(breakdown).ifPresent(f -> facts.add(new Fact(f, rank)));
                }
            }
        }
        return facts;
    }

    /**
     * "Actual spend totals 1,715,500, 45,500 (2.7%) above planned spend (1,670,000)." or, for rates, "The average
     * actual margin is 34.0%, 2.0 points above the average target margin (32.0%)."
     */
    private String headline() {
        double from = summary.primary().overall(pair.base());
        double to = summary.primary().overall(pair.compared());
        String subject = compared.subject() + " " + (compared.additive() ? compared.verb("totals", "total")
                : compared.verb("is", "are")) + " " + compared.figure(to);
        if (from == to) {
            return subject + ", the same as " + base.phrase() + ".";
        }
        if (!compared.additive()) {
            return subject + ", " + compared.gap(Math.abs(to - from)) + (to > from ? " above " : " below ")
                    + base.phrase() + " (" + base.figure(from) + ").";
        }
        String rate = Rates.comparable(from) ? " (" + Rates.percent(Math.abs(to - from) / from) + ")" : "";
        return subject + ", " + compared.figure(Math.abs(to - from)) + rate + (to > from ? " above " : " below ")
                + base.phrase() + " (" + base.figure(from) + ").";
    }

    /**
     * "Actual spend exceeded planned spend in 4 of 7 months, most in 2026-10 (+24,700, +8.0%) and 2026-11
     * (+21,200, +7.6%)." Periods are counted on the side the overall difference falls.
     */
    private String periodsAboveBase(Breakdown periods) {
        boolean above = overallDifference() >= 0;
        List<Integer> sameSide = new ArrayList<>();
        for (int k = 0; k < periods.size(); k++) {
            if (above ? difference(periods, k) > 0 : difference(periods, k) < 0) {
                sameSide.add(k);
            }
        }
        sameSide.sort(Comparator.comparingDouble((Integer k) -> -Math.abs(difference(periods, k))));
        String sentence = compared.subject() + (above ? " exceeded " : " stayed below ")
                + base.phrase() + " in " + sameSide.size() + " of " + periods.size() + " "
                + English.plural(periods.dimension().phrase(), periods.size());
        List<String> largest = sameSide.stream().limit(2).map(k -> periods.phrase(k) + " ("
                + differenceAndRate(periods, k) + ")").toList();
        return sentence + (largest.isEmpty() ? "" : ", most in " + English.list(largest)) + ".";
    }

    /**
     * "By department, 54.9% of the increase comes from Engineering (+645,000, +11.0%), followed by Customer success
     * (+205,000, +13.5%)." Only categories on the side of the overall difference count.
     */
    private Optional<String> contribution(Breakdown categories) {
        double overall = overallDifference();
        if (overall == 0) {
            return Optional.empty();
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < categories.size(); k++) {
            if (difference(categories, k) / overall > 0) {
                order.add(k);
            }
        }
        order.sort(Comparator.comparingDouble((Integer k) -> -Math.abs(difference(categories, k))));
        if (order.isEmpty()) {
            return Optional.empty();
        }
        int top = order.getFirst();
        String noun = pair.kind() == MeasurePair.Kind.PLAN ? "variance" : overall > 0 ? "increase" : "decrease";
        String sentence = "By " + categories.dimension().phrase() + ", "
                + Rates.percent(difference(categories, top) / overall) + " of the " + noun + " comes from "
                + categories.keys().get(top) + " (" + differenceAndRate(categories, top) + ")";
        if (order.size() > 1) {
            int next = order.get(1);
            sentence += ", followed by " + categories.keys().get(next) + " (" + differenceAndRate(categories, next) + ")";
        }
        return Optional.of(sentence + ".");
    }

    /**
     * "By cost type, growth is fastest in Events (+25.0%); the declines are in Agencies (-30.0%) and Travel
     * (-8.1%)." Without declines, the slowest growth instead. For rates, the change in points: "By region, the
     * rise is largest in North (+1.2 points) and smallest in South (+0.2 points)."
     */
    private Optional<String> pace(Breakdown categories) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < categories.size(); k++) {
            if (categories.has(pair.base(), k) && categories.has(pair.compared(), k)
                    && compared.changeable(categories.value(pair.base(), k))) {
                order.add(k);
            }
        }
        if (order.size() < 2) {
            return Optional.empty();
        }
        order.sort(Comparator.comparingDouble((Integer k) -> -change(categories, k)));
        int fastest = order.getFirst();
        String by = "By " + categories.dimension().phrase() + ", ";
        String sentence = by + (compared.additive() ? "growth is fastest in "
                : change(categories, fastest) > 0 ? "the rise is largest in " : "the fall is smallest in ")
                + categories.keys().get(fastest) + " (" + changeText(categories, fastest) + ")";
        List<Integer> declines = order.stream().filter(k -> k != fastest && change(categories, k) < 0)
                .sorted(Comparator.comparingDouble(k -> change(categories, k))).limit(2).toList();
        if (declines.isEmpty()) {
            int slowest = order.getLast();
            return Optional.of(sentence + (compared.additive() ? " and slowest in " : " and smallest in ")
                    + categories.keys().get(slowest) + " (" + changeText(categories, slowest) + ").");
        }
        List<String> named = declines.stream().map(k -> categories.keys().get(k) + " ("
                + changeText(categories, k) + ")").toList();
        return Optional.of(sentence + "; " + (named.size() == 1 ? "the only decline is in "
                : "the declines are in ") + English.list(named) + ".");
    }

    /**
     * "Of 14 lines, 9 grow by more than the 5% threshold, led by Sales / Events (+25.0%), ..." The threshold is the
     * focus's (a limit stated in the job's guidance); without one, rows growing faster than the whole are named,
     * and nothing is said when the whole does not grow or no row has a base to grow from.
     */
    private Optional<String> growthFlag() {
        OptionalDouble stated = summary.focus().growthThreshold();
        double overall = summary.primary().overall(pair.base());
        if (stated.isEmpty() && (!Rates.comparable(overall) || overallDifference() <= 0)) {
            return Optional.empty();
        }
        double threshold = stated.orElse(overallDifference() / overall);
        DataTable table = summary.source();
        List<Integer> flagged = new ArrayList<>();
        boolean anyComparable = false;
        for (int r = 0; r < table.rows().size(); r++) {
            double from = rowValue(r, base);
            anyComparable |= Rates.comparable(from);
            if (Rates.comparable(from) && rowValue(r, compared) / from - 1 > threshold) {
                flagged.add(r);
            }
        }
        if (!anyComparable) {
            return Optional.empty();
        }
        flagged.sort(Comparator.comparingDouble((Integer r) -> -(rowValue(r, compared) / rowValue(r, base))));
        String limit = stated.isPresent() ? "the " + Rates.limit(threshold) + " threshold"
                : "the overall " + Rates.percent(threshold);
        String rows = English.plural("line", table.rows().size());
        if (flagged.isEmpty()) {
            return Optional.of("None of the " + table.rows().size() + " " + rows + " grows by more than " + limit + ".");
        }
        List<String> named = flagged.stream().limit(LISTED_ROWS).map(r -> rowLabel(r) + " ("
                + Rates.signed(rowValue(r, compared) / rowValue(r, base) - 1) + ")").toList();
        String lead = flagged.size() > LISTED_ROWS ? ", led by " : ": ";
        return Optional.of("Of " + table.rows().size() + " " + rows + ", " + flagged.size() + " "
                + (flagged.size() == 1 ? "grows" : "grow") + " by more than " + limit + lead + English.list(named) + ".");
    }

    /** A row named by its category values ("Sales / Events"), else by its first text cell, else by its number. */
    private String rowLabel(int row) {
        List<Object> cells = summary.source().rows().get(row);
        List<String> parts = new ArrayList<>();
        for (Breakdown breakdown : summary.breakdowns()) {
            if (!breakdown.dimension().period()) {
                parts.add(Breakdown.label(cells.get(breakdown.dimension().column())));
            }
        }
        int text = summary.source().firstColumn(DataTable.ColumnKind.TEXT);
        if (parts.isEmpty() && text >= 0) {
            parts.add(Breakdown.label(cells.get(text)));
        }
        return parts.isEmpty() ? "row " + (row + 1) : String.join(" / ", parts);
    }

    private double rowValue(int row, Measure measure) {
        return summary.source().rows().get(row).get(measure.column()) instanceof Double d ? d : 0;
    }

    private double overallDifference() {
        return summary.primary().overall(pair.compared()) - summary.primary().overall(pair.base());
    }

    private double difference(Breakdown breakdown, int key) {
        return breakdown.value(pair.compared(), key) - breakdown.value(pair.base(), key);
    }

    /**
     * How a category moved from the base to the compared measure, which orders the categories: the growth rate of
     * an amount, the difference of an intensive measure.
     */
    private double change(Breakdown breakdown, int key) {
        return compared.additive() ? difference(breakdown, key) / breakdown.value(pair.base(), key)
                : difference(breakdown, key);
    }

    /** {@link #change} as written: "+8.0%" for an amount, "+1.2 points" for a rate. */
    private String changeText(Breakdown breakdown, int key) {
        return compared.additive() ? Rates.signed(change(breakdown, key))
                : compared.difference(difference(breakdown, key));
    }

    /** "+24,700, +8.0%", or only the amount where the base is not positive; "+0.9 points" for a rate. */
    private String differenceAndRate(Breakdown breakdown, int key) {
        String amount = compared.difference(difference(breakdown, key));
        return compared.additive() && Rates.comparable(breakdown.value(pair.base(), key))
                ? amount + ", " + Rates.signed(change(breakdown, key)) : amount;
    }
}
