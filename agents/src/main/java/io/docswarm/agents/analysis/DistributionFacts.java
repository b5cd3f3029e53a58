package io.docswarm.agents.analysis;

import io.docswarm.agents.analysis.SummaryFacts.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts about how one measure is spread: its total, its split by each category, its course over time and, where
 * the table has both, who leads in the latest period and who grew fastest.
 */
final class DistributionFacts {

    private DistributionFacts() {
    }

    static List<Fact> of(DataSummary summary) {
        int m = summary.mainMeasure();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(headline(summary, m), SummaryFacts.HEADLINE));
        Breakdown overview = summary.overview();
        for (Breakdown breakdown : SummaryFacts.described(summary)) {
            int rank = SummaryFacts.rankOf(summary, breakdown.dimension());
            if (breakdown.dimension().period()) {
                if (!breakdown.dimension().equals(overview.dimension())) {
                    trend(summary.metrics().get(m), breakdown, m).ifPresent(t -> facts.add(new Fact(t, rank)));
                }
            } else if (breakdown.size() >= 2) {
                facts.add(new Fact(split(summary.metrics().get(m), breakdown, m), rank));
            }
        }
        for (Breakdown category : summary.breakdowns()) {
            if (!category.dimension().period()) {
                facts.addAll(periodByCategory(summary, category, m));
            }
        }
        return facts;
    }

    /** The course over time where the table is a time series, else the total and what it spans. */
    private static String headline(DataSummary summary, int m) {
        Measure measure = summary.metrics().get(m);
        Breakdown overview = summary.overview();
        if (overview.dimension().period()) {
            Optional<String> trend = trend(measure, overview, m);
            if (trend.isPresent()) {
                return trend.get();
            }
        }
        List<String> spans = new ArrayList<>();
        for (Breakdown breakdown : SummaryFacts.described(summary)) {
            spans.add(breakdown.size() + " " + English.plural(breakdown.dimension().phrase(), breakdown.size()));
        }
        if (spans.isEmpty()) {
            spans.add(overview.size() + " " + English.plural("row", overview.size()));
        }
        return measure.label().subject() + " " + measure.label().verb("totals", "total") + " "
                + measure.amount(overview.total(m)) + " across " + English.list(spans) + ".";
    }

    /** "Installations rose from 13,100 in 2022 to 46,000 in 2025, 3.5 times the 2022 level." */
    static Optional<String> trend(Measure measure, Breakdown periods, int m) {
        int last = periods.size() - 1;
        if (last < 1) {
            return Optional.empty();
        }
        double from = periods.value(m, 0);
        double to = periods.value(m, last);
        String first = periods.keys().getFirst();
        String subject = measure.label().subject();
        if (from == to) {
            return Optional.of(subject + " " + measure.label().verb("was", "were") + " " + measure.amount(to)
                    + " in both " + first + " and " + periods.keys().getLast() + ".");
        }
        StringBuilder sentence = new StringBuilder(subject).append(to > from ? " rose" : " fell").append(" from ")
                .append(measure.amount(from)).append(" in ").append(first).append(" to ").append(measure.amount(to))
                .append(" in ").append(periods.keys().getLast());
        if (Rates.comparable(from)) {
            sentence.append(Rates.multiple(from, to) ? ", " + Rates.growth(from, to) + " the " + first + " level"
                    : " (" + Rates.growth(from, to) + ")");
        }
        int peak = periods.leader(m);
        if (peak != 0 && peak != last) {
            sentence.append(", peaking at ").append(measure.amount(periods.value(m, peak))).append(" in ")
                    .append(periods.keys().get(peak));
        }
        return Optional.of(sentence.append('.').toString());
    }

    /**
     * Two categories: "By product line, revenue splits 68.8% Trailhead tents (1,702,900) and 31.2% Summit
     * backpacks (770,750)." More: the largest with its amount and share, the runner-up and the smallest with
     * their shares; the amounts are in the table, and the sentence stays within a slide bullet's word budget.
     */
    static String split(Measure measure, Breakdown breakdown, int m) {
        List<Integer> ranked = breakdown.ranked(m);
        String by = "By " + breakdown.dimension().phrase() + ", ";
        if (breakdown.size() == 2) {
            int big = ranked.getFirst();
            int small = ranked.getLast();
            return by + measure.label().phrase() + " " + measure.label().verb("splits", "split") + " "
                    + Rates.percent(breakdown.share(m, big)) + " " + breakdown.keys().get(big) + " ("
                    + measure.amount(breakdown.value(m, big)) + ") and " + Rates.percent(breakdown.share(m, small))
                    + " " + breakdown.keys().get(small) + " (" + measure.amount(breakdown.value(m, small)) + ").";
        }
        int lead = ranked.getFirst();
        int second = ranked.get(1);
        int least = ranked.getLast();
        return by + measure.label().phrase() + " " + measure.label().verb("is", "are") + " highest in "
                + breakdown.keys().get(lead) + " at " + share(measure, breakdown, m, lead) + ", then "
                + breakdown.keys().get(second) + " (" + Rates.percent(breakdown.share(m, second)) + "); lowest in "
                + breakdown.keys().get(least) + " (" + Rates.percent(breakdown.share(m, least)) + ").";
    }

    /** "778,550 (31.5%)". */
    private static String share(Measure measure, Breakdown breakdown, int m, int key) {
        return measure.amount(breakdown.value(m, key)) + " (" + Rates.percent(breakdown.share(m, key)) + ")";
    }

    /**
     * For the table's first period dimension and {@code category}: who holds the largest and smallest share in the
     * latest period, and who grew fastest since the first.
     */
    static List<Fact> periodByCategory(DataSummary summary, Breakdown category, int m) {
        Optional<Breakdown> period = summary.breakdowns().stream().filter(b -> b.dimension().period()).findFirst();
        if (period.isEmpty() || period.get().size() < 2 || category.size() < 2) {
            return List.of();
        }
        Measure measure = summary.metrics().get(m);
        CrossTab cross = CrossTab.of(summary.source(), period.get().dimension(), category.dimension(), measure);
        int rank = Math.max(SummaryFacts.rankOf(summary, period.get().dimension()),
                SummaryFacts.rankOf(summary, category.dimension()));
        List<Fact> facts = new ArrayList<>();
        latestShares(measure, cross).ifPresent(f -> facts.add(new Fact(f, rank)));
        fastestGrowth(measure, cross).ifPresent(f -> facts.add(new Fact(f, rank)));
        return facts;
    }

    /** "In 2025, Sweden accounted for 65.0% of installations (29,900) and Norway for 4.1% (1,900)." */
    private static Optional<String> latestShares(Measure measure, CrossTab cross) {
        double total = cross.lastTotal();
        if (total <= 0) {
            return Optional.empty();
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < cross.categories().size(); c++) {
            if (!Double.isNaN(cross.last(c))) {
                order.add(c);
            }
        }
        if (order.size() < 2) {
            return Optional.empty();
        }
        order.sort((a, b) -> Double.compare(cross.last(b), cross.last(a)));
        int lead = order.getFirst();
        int least = order.getLast();
        return Optional.of("In " + cross.periods().getLast() + ", " + cross.categories().get(lead) + " accounted for "
                + Rates.percent(cross.last(lead) / total) + " of " + measure.label().phrase() + " ("
                + measure.amount(cross.last(lead)) + ") and " + cross.categories().get(least) + " for "
                + Rates.percent(cross.last(least) / total) + " (" + measure.amount(cross.last(least)) + ").");
    }

    /** "From 2022 to 2025, installations grew fastest in Finland (8.2 times) and slowest in Norway (2.7 times)." */
    private static Optional<String> fastestGrowth(Measure measure, CrossTab cross) {
        int best = -1;
        int worst = -1;
        for (int c = 0; c < cross.categories().size(); c++) {
            if (!cross.spansAllPeriods(c) || !Rates.comparable(cross.first(c))) {
                continue;
            }
            best = best < 0 || growth(cross, c) > growth(cross, best) ? c : best;
            worst = worst < 0 || growth(cross, c) < growth(cross, worst) ? c : worst;
        }
        if (best < 0 || best == worst) {
            return Optional.empty();
        }
        String bestChange = Rates.growth(cross.first(best), cross.last(best));
        String worstChange = Rates.growth(cross.first(worst), cross.last(worst));
        String from = "From " + cross.periods().getFirst() + " to " + cross.periods().getLast() + ", ";
        String bestPart = cross.categories().get(best) + " (" + bestChange + ")";
        String worstName = cross.categories().get(worst);
        if (growth(cross, best) <= 0) {
            return Optional.of(from + measure.label().phrase() + " fell least in " + bestPart + " and most in "
                    + worstName + " (" + worstChange + ").");
        }
        String rest = growth(cross, worst) < 0 ? ", while it fell in " + worstName + " (" + worstChange + ")"
                : " and slowest in " + worstName + " (" + worstChange + ")";
        return Optional.of(from + measure.label().phrase() + " grew fastest in " + bestPart + rest + ".");
    }

    private static double growth(CrossTab cross, int category) {
        return cross.last(category) / cross.first(category) - 1;
    }

    /**
     * One sentence on a measure other than the main one: its course over time, or its total and leader, worded
     * differently from one measure to the next so consecutive facts do not read as a template.
     */
    static String otherMeasure(DataSummary summary, int m, int ordinal) {
        Measure measure = summary.metrics().get(m);
        Breakdown primary = summary.overview();
        if (primary.dimension().period()) {
            Optional<String> trend = trend(measure, primary, m);
            if (trend.isPresent()) {
                return trend.get();
            }
        }
        String total = measure.amount(primary.total(m));
        if (primary.dimension().isRows() || primary.size() < 2) {
            return measure.label().subject() + " " + measure.label().verb("totals", "total") + " " + total + ".";
        }
        int lead = primary.leader(m);
        String leader = primary.keys().get(lead);
        String leadShare = measure.amount(primary.value(m, lead)) + " (" + Rates.percent(primary.share(m, lead)) + ")";
        return ordinal % 2 == 0
                ? measure.label().subject() + " " + measure.label().verb("totals", "total") + " " + total
                + ", led by " + leader + " with " + leadShare + "."
                : "The largest " + primary.dimension().phrase() + " by " + measure.label().phrase() + " is " + leader
                + ", with " + leadShare + " of " + total + ".";
    }
}
