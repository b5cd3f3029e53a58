package io.docswarm.agents.analysis;

import io.docswarm.agents.analysis.SummaryFacts.Fact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Facts about how one measure is spread: its total (or, for an intensive measure, its mean), its split by each
 * category, its course over time and, where the table has both, who leads in the latest period and who grew
 * fastest. An intensive measure is never shared out: its categories are compared by their means, and its changes
 * are differences (percentage points for percentages).
 */
final class DistributionFacts {

    private DistributionFacts() {
    }

    static List<Fact> of(DataSummary summary) {
        int m = summary.mainMeasure();
        Measure measure = summary.metrics().get(m);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(headline(summary, m), SummaryFacts.HEADLINE));
        Breakdown overview = summary.overview();
        boolean entitiesSaid = false;
        for (Breakdown breakdown : SummaryFacts.described(summary)) {
            int rank = SummaryFacts.rankOf(summary, breakdown.dimension());
            if (breakdown.dimension().period()) {
                if (!breakdown.dimension().equals(overview.dimension())) {
                    trend(measure, breakdown, m).ifPresent(t -> facts.add(new Fact(t, rank)));
                }
                PeriodFacts.of(measure, breakdown, m).forEach(f -> facts.add(new Fact(f, rank)));
                levelGaps(measure, breakdown, m).forEach(f -> facts.add(new Fact(f, rank)));
                if (!entitiesSaid) {
                    // Said once, by the finest period breakdown (the date's months, not also the Year column's years).
                    List<String> entities = levelEntities(measure, breakdown, m);
                    entities.forEach(f -> facts.add(new Fact(f, rank)));
                    entitiesSaid = !entities.isEmpty();
                }
            } else {
                split(measure, breakdown, m).ifPresent(s -> facts.add(new Fact(s, rank)));
            }
        }
        for (Breakdown category : summary.breakdowns()) {
            if (!category.dimension().period()) {
                facts.addAll(periodByCategory(summary, category, m));
            }
        }
        return facts;
    }

    /** The course over time where the table is a time series, else the total (or mean) and what it spans. */
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
            // A level is one time's figure: it spans the departments, not the months.
            if (!(measure.level() && breakdown.dimension().period())) {
                spans.add(breakdown.size() + " " + English.plural(breakdown.dimension().phrase(), breakdown.size()));
            }
        }
        if (spans.isEmpty() && !measure.level()) {
            spans.add(overview.size() + " " + English.plural("row", overview.size()));
        }
        String across = spans.isEmpty() ? "" : " across " + English.list(spans);
        if (measure.level()) {
            return measure.subject() + " " + measure.verb("is", "are") + " " + measure.figure(overview.overall(m))
                    + asOf(summary, m) + across + ".";
        }
        if (measure.additive()) {
            return measure.subject() + " " + measure.verb("totals", "total") + " "
                    + measure.figure(overview.overall(m)) + asOf(summary, m) + across + ".";
        }
        return measure.subject() + " " + measure.verb("is", "are") + " " + measure.figure(overview.overall(m))
                + across + " (" + basis(summary, overview, m) + ").";
    }

    /**
     * "Mar 2026 has no headcount for Sales and is left out of the comparisons over time.": the latest two periods
     * that lack some entity's level (see {@link LevelCoverage#gaps}), naming at most three of them.
     */
    static List<String> levelGaps(Measure measure, Breakdown periods, int m) {
        SortedMap<Integer, List<String>> levelGaps = periods.levelCoverage().get(m).gaps();
        List<Integer> gaps = new ArrayList<>(levelGaps.keySet());
        gaps.sort(Comparator.reverseOrder());
        List<String> facts = new ArrayList<>();
        for (int k : gaps.subList(0, Math.min(2, gaps.size()))) {
            List<String> missing = levelGaps.get(k);
            List<String> named = new ArrayList<>(missing.subList(0, Math.min(3, missing.size())));
            if (missing.size() > named.size()) {
                named.add((missing.size() - named.size()) + " more");
            }
            facts.add(English.capitalised(periods.phrase(k)) + " has no " + measure.phrase() + " for "
                    + English.list(named) + " and is left out of the comparisons over time.");
        }
        return facts;
    }

    /**
     * "Headcount starts in Jul 2025 for Marketing (12), so the figures from Jul 2025 on include it.", "Headcount
     * stops after Oct 2025 for Support (8)." and "Headcount includes Temp (7) in Mar 2025 only.": entities a level's
     * total gains or loses within the data (see {@link LevelCoverage}), the latest two periods of each, naming at
     * most three entities a period.
     */
    static List<String> levelEntities(Measure measure, Breakdown periods, int m) {
        LevelCoverage coverage = periods.levelCoverage().get(m);
        List<String> facts = new ArrayList<>();
        latestTwo(coverage.arrivals()).forEach((k, named) -> facts.add(measure.subject() + " "
                + measure.verb("starts", "start") + " in " + periods.phrase(k) + " for " + listed(measure, named)
                + ", so the figures from " + periods.phrase(k) + " on include " + (named.size() == 1 ? "it" : "them")
                + "."));
        latestTwo(coverage.departures()).forEach((k, named) -> facts.add(measure.subject() + " "
                + measure.verb("stops", "stop") + " after " + periods.phrase(k) + " for " + listed(measure, named)
                + "."));
        latestTwo(coverage.brief()).forEach((k, named) -> facts.add(measure.subject() + " "
                + measure.verb("includes", "include") + " " + listed(measure, named) + " in " + periods.phrase(k)
                + " only."));
        return facts;
    }

    /** The entries of the latest two periods, in time order. */
    private static <V> SortedMap<Integer, V> latestTwo(SortedMap<Integer, V> byPeriod) {
        TreeMap<Integer, V> latest = new TreeMap<>(byPeriod);
        while (latest.size() > 2) {
            latest.pollFirstEntry();
        }
        return latest;
    }

    /** "Marketing (12), Legal (4) and 2 more". */
    private static String listed(Measure measure, List<LevelCoverage.Named> named) {
        List<String> items = new ArrayList<>();
        for (LevelCoverage.Named entity : named.subList(0, Math.min(3, named.size()))) {
            items.add(entity.name() + " (" + measure.figure(entity.value()) + ")");
        }
        if (named.size() > items.size()) {
            items.add((named.size() - items.size()) + " more");
        }
        return English.list(items);
    }

    /** " in Mar 2026" after a level's figure (what a headcount by department is as of); empty for other measures. */
    private static String asOf(DataSummary summary, int m) {
        return summary.levelAsOf(m).map(time -> " " + time).orElse("");
    }

    /**
     * What an intensive measure's overall figure is, said where it is stated: "orders divided by visits" for the
     * quotient of two amounts, else "an unweighted mean of 18 rows".
     */
    static String basis(DataSummary summary, Breakdown breakdown, int m) {
        RatioOf ratio = summary.metrics().get(m).ratio();
        if (ratio != null) {
            return ColumnLabel.of(summary.source().columns().get(ratio.numerator())).phrase() + " divided by "
                    + ColumnLabel.of(summary.source().columns().get(ratio.denominator())).phrase();
        }
        return unweightedMean(breakdown, m);
    }

    /** "an unweighted mean of 18 rows". */
    private static String unweightedMean(Breakdown breakdown, int m) {
        int rows = 0;
        for (int count : breakdown.counts()[m]) {
            rows += count;
        }
        return "an unweighted mean of " + rows + " " + English.plural("row", rows);
    }

    /**
     * "Installations rose from 13,100 in 2022 to 46,000 in 2025, 3.5 times the 2022 level." or, for a rate, "The
     * average conversion rate rose from 3.1% in 2026-01 to 4.0% in 2026-06 (+0.9 points)." Periods without a value
     * of an intensive measure are passed over, and so are the partial periods of an amount (the data to 10 March is
     * not March).
     */
    static Optional<String> trend(Measure measure, Breakdown periods, int m) {
        List<Integer> present = periods.comparable(m, measure.accumulates());
        if (present.size() < 2) {
            return Optional.empty();
        }
        int start = present.getFirst();
        int end = present.getLast();
        double from = periods.value(m, start);
        double to = periods.value(m, end);
        String first = periods.phrase(start);
        String last = periods.phrase(end);
        String subject = measure.subject();
        StringBuilder sentence = new StringBuilder(subject);
        if (measure.figure(from).equals(measure.figure(to))) {
            // Equal as printed: "rose from 2.2% to 2.2% (+0.0 points)" would contradict itself.
            sentence.append(' ').append(measure.verb("was", "were")).append(' ').append(measure.figure(to))
                    .append(" in both ").append(first).append(" and ").append(last);
        } else {
            sentence.append(to > from ? " rose" : " fell").append(" from ").append(measure.figure(from))
                    .append(" in ").append(first).append(" to ").append(measure.figure(to)).append(" in ")
                    .append(last);
            if (!measure.additive()) {
                sentence.append(" (").append(measure.difference(to - from)).append(")");
            } else if (Rates.comparable(from)) {
                String level = first.startsWith("the ") ? "the level of " + first : "the " + first + " level";
                sentence.append(Rates.multiple(from, to) ? ", " + Rates.growth(from, to) + " " + level
                        : " (" + Rates.growth(from, to) + ")");
            }
        }
        int peak = present.stream().max(Comparator.comparingDouble((Integer k) -> periods.value(m, k))
                .thenComparing(Comparator.reverseOrder())).orElseThrow();
        String peakFigure = measure.figure(periods.value(m, peak));
        if (peak != start && peak != end && !peakFigure.equals(measure.figure(Math.max(from, to)))) {
            sentence.append(", peaking at ").append(peakFigure).append(" in ")
                    .append(periods.phrase(peak));
        }
        return Optional.of(sentence.append('.').toString());
    }

    /**
     * Two categories: "By product line, revenue splits 68.8% Trailhead tents (1,702,900) and 31.2% Summit
     * backpacks (770,750)." More: the largest with its amount and share, the runner-up and the smallest with
     * their shares; the amounts are in the table, and the sentence stays within a slide bullet's word budget. An
     * intensive measure is compared by its means instead: "By region, the average conversion rate is highest in
     * North (4.1%), then South (3.6%); lowest in East (2.9%)."
     */
    static Optional<String> split(Measure measure, Breakdown breakdown, int m) {
        List<Integer> ranked = breakdown.ranked(m);
        if (ranked.size() < 2) {
            return Optional.empty();
        }
        String by = "By " + breakdown.dimension().phrase() + ", ";
        int big = ranked.getFirst();
        int small = ranked.getLast();
        if (!measure.additive()) {
            return Optional.of(by + measure.phrase() + " " + measure.verb("is", "are") + (ranked.size() == 2
                    ? " " + figureIn(measure, breakdown, m, big) + " and " + figureIn(measure, breakdown, m, small)
                    : " highest in " + breakdown.keys().get(big) + " (" + measure.figure(breakdown.value(m, big))
                    + "), then " + breakdown.keys().get(ranked.get(1)) + " ("
                    + measure.figure(breakdown.value(m, ranked.get(1))) + "); lowest in "
                    + breakdown.keys().get(small) + " (" + measure.figure(breakdown.value(m, small)) + ")") + ".");
        }
        if (ranked.size() == 2) {
            return Optional.of(by + measure.phrase() + " " + measure.verb("splits", "split") + " "
                    + Rates.percent(breakdown.share(m, big)) + " " + breakdown.keys().get(big) + " ("
                    + measure.figure(breakdown.value(m, big)) + ") and " + Rates.percent(breakdown.share(m, small))
                    + " " + breakdown.keys().get(small) + " (" + measure.figure(breakdown.value(m, small)) + ").");
        }
        int second = ranked.get(1);
        return Optional.of(by + measure.phrase() + " " + measure.verb("is", "are") + " highest in "
                + breakdown.keys().get(big) + " at " + share(measure, breakdown, m, big) + ", then "
                + breakdown.keys().get(second) + " (" + Rates.percent(breakdown.share(m, second)) + "); lowest in "
                + breakdown.keys().get(small) + " (" + Rates.percent(breakdown.share(m, small)) + ").");
    }

    /** "4.1% in North". */
    private static String figureIn(Measure measure, Breakdown breakdown, int m, int key) {
        return measure.figure(breakdown.value(m, key)) + " in " + breakdown.keys().get(key);
    }

    /** "778,550 (31.5%)". */
    private static String share(Measure measure, Breakdown breakdown, int m, int key) {
        return measure.figure(breakdown.value(m, key)) + " (" + Rates.percent(breakdown.share(m, key)) + ")";
    }

    /**
     * For the table's first period dimension and {@code category}: who holds the largest and smallest share (or,
     * for an intensive measure, the highest and lowest mean) in the latest period, and who grew fastest since the
     * first.
     */
    static List<Fact> periodByCategory(DataSummary summary, Breakdown category, int m) {
        Optional<Breakdown> period = summary.breakdowns().stream().filter(b -> b.dimension().period()).findFirst();
        if (period.isEmpty() || period.get().size() < 2 || category.size() < 2) {
            return List.of();
        }
        Measure measure = summary.metrics().get(m);
        List<Integer> latest = period.get().withValues(m);
        if (!latest.isEmpty() && period.get().levelCoverage().get(m).gaps().containsKey(latest.getLast())) {
            return List.of(); // the latest period lacks some entity's level: no one's share of it is known
        }
        CrossTab cross = CrossTab.of(summary.source(), period.get().dimension(), category.dimension(), measure,
                summary.levelClock().orElse(null));
        if (cross.periods().size() < 2) {
            return List.of();
        }
        int rank = Math.max(SummaryFacts.rankOf(summary, period.get().dimension()),
                SummaryFacts.rankOf(summary, category.dimension()));
        List<Fact> facts = new ArrayList<>();
        (measure.additive() ? latestShares(measure, cross) : latestRange(measure, cross))
                .ifPresent(f -> facts.add(new Fact(f, rank)));
        fastestChange(measure, cross).ifPresent(f -> facts.add(new Fact(f, rank)));
        return facts;
    }

    /** The categories with a value in the latest period, largest first. */
    private static List<Integer> latestOrder(CrossTab cross) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < cross.categories().size(); c++) {
            if (!Double.isNaN(cross.last(c))) {
                order.add(c);
            }
        }
        order.sort((a, b) -> Double.compare(cross.last(b), cross.last(a)));
        return order;
    }

    /** "In 2025, Sweden accounted for 65.0% of installations (29,900) and Norway for 4.1% (1,900)." */
    private static Optional<String> latestShares(Measure measure, CrossTab cross) {
        double total = cross.lastTotal();
        List<Integer> order = latestOrder(cross);
        if (total <= 0 || order.size() < 2) {
            return Optional.empty();
        }
        int lead = order.getFirst();
        int least = order.getLast();
        return Optional.of("In " + cross.periods().getLast() + ", " + cross.categories().get(lead) + " accounted for "
                + Rates.percent(cross.last(lead) / total) + " of " + measure.phrase() + " ("
                + measure.figure(cross.last(lead)) + ") and " + cross.categories().get(least) + " for "
                + Rates.percent(cross.last(least) / total) + " (" + measure.figure(cross.last(least)) + ").");
    }

    /** "In 2026-06, the average conversion rate was highest in North (4.3%) and lowest in East (3.0%)." */
    private static Optional<String> latestRange(Measure measure, CrossTab cross) {
        List<Integer> order = latestOrder(cross);
        if (order.size() < 2) {
            return Optional.empty();
        }
        int high = order.getFirst();
        int low = order.getLast();
        return Optional.of("In " + cross.periods().getLast() + ", " + measure.phrase() + " "
                + measure.verb("was", "were") + " highest in " + cross.categories().get(high) + " ("
                + measure.figure(cross.last(high)) + ") and lowest in " + cross.categories().get(low) + " ("
                + measure.figure(cross.last(low)) + ").");
    }

    /**
     * "From 2022 to 2025, installations grew fastest in Finland (8.2 times) and slowest in Norway (2.7 times)." For
     * an intensive measure the change is a difference: "From 2026-01 to 2026-06, the average conversion rate rose
     * most in North (+1.2 points) and least in East (+0.3 points)."
     */
    private static Optional<String> fastestChange(Measure measure, CrossTab cross) {
        int best = -1;
        int worst = -1;
        for (int c = 0; c < cross.categories().size(); c++) {
            if (!cross.spansAllPeriods(c) || !measure.changeable(cross.first(c))) {
                continue;
            }
            best = best < 0 || change(measure, cross, c) > change(measure, cross, best) ? c : best;
            worst = worst < 0 || change(measure, cross, c) < change(measure, cross, worst) ? c : worst;
        }
        if (best < 0 || best == worst) {
            return Optional.empty();
        }
        String bestChange = measure.change(cross.first(best), cross.last(best));
        String worstChange = measure.change(cross.first(worst), cross.last(worst));
        String from = "From " + cross.periods().getFirst() + " to " + cross.periods().getLast() + ", ";
        String bestPart = cross.categories().get(best) + " (" + bestChange + ")";
        String worstName = cross.categories().get(worst);
        if (change(measure, cross, best) <= 0) {
            return Optional.of(from + measure.phrase() + " fell least in " + bestPart + " and most in "
                    + worstName + " (" + worstChange + ").");
        }
        boolean additive = measure.additive();
        String rest = change(measure, cross, worst) < 0 ? ", while it fell in " + worstName + " (" + worstChange + ")"
                : (additive ? " and slowest in " : " and least in ") + worstName + " (" + worstChange + ")";
        return Optional.of(from + measure.phrase() + (additive ? " grew fastest in " : " rose most in ") + bestPart
                + rest + ".");
    }

    /** How a category changed from the first period to the last: growth of an amount, difference of a rate. */
    private static double change(Measure measure, CrossTab cross, int category) {
        return measure.additive() ? cross.last(category) / cross.first(category) - 1
                : cross.last(category) - cross.first(category);
    }

    /**
     * The course of a measure other than the main one over the table's first period dimension, when
     * {@link #otherMeasure} did not already state it (the overview is not that period).
     */
    static Optional<String> otherTrend(DataSummary summary, int m) {
        if (summary.overview().dimension().period()) {
            return Optional.empty();
        }
        return summary.breakdowns().stream().filter(b -> b.dimension().period()).findFirst()
                .flatMap(period -> trend(summary.metrics().get(m), period, m));
    }

    /**
     * One sentence on a measure other than the main one: its course over time, or its total (mean) and leader,
     * worded differently from one measure to the next so consecutive facts do not read as a template.
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
        String overall = measure.figure(primary.overall(m));
        int lead = primary.leader(m);
        if (!measure.additive()) {
            String mean = " (" + basis(summary, primary, m) + ")";
            if (primary.dimension().isRows() || primary.withValues(m).size() < 2) {
                return measure.subject() + " " + measure.verb("is", "are") + " " + overall + mean + ".";
            }
            String leader = primary.keys().get(lead) + " (" + measure.figure(primary.value(m, lead)) + ")";
            return ordinal % 2 == 0
                    ? measure.subject() + " " + measure.verb("is", "are") + " " + overall + mean + ", highest in "
                    + leader + "."
                    : "The highest " + measure.noun() + " by " + primary.dimension().phrase() + " is in " + leader
                    + ", against " + overall + " overall" + mean + ".";
        }
        overall += asOf(summary, m);
        if (measure.level() && (primary.dimension().period() || primary.withValues(m).size() < 2)) {
            return measure.subject() + " " + measure.verb("is", "are") + " " + overall + "."; // one time's figure
        }
        if (primary.dimension().isRows() || primary.withValues(m).size() < 2 || lead < 0) {
            return measure.subject() + " " + measure.verb("totals", "total") + " " + overall + ".";
        }
        String leader = primary.keys().get(lead);
        String leadShare = measure.figure(primary.value(m, lead)) + " (" + Rates.percent(primary.share(m, lead)) + ")";
        return ordinal % 2 == 0
                ? measure.subject() + " " + measure.verb("totals", "total") + " " + overall
                + ", led by " + leader + " with " + leadShare + "."
                : "The largest " + primary.dimension().phrase() + " by " + measure.phrase() + " is " + leader
                + ", with " + leadShare + " of " + overall + ".";
    }
}
