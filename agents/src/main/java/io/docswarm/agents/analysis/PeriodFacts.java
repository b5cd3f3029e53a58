package io.docswarm.agents.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts about a measure from one period to the next, for dates rolled up into weeks, months, quarters or years: how
 * the latest whole period compares with the one before ("In Feb 2026, revenue rose 12.0% on Jan 2026"), and what
 * a period the data covers only in part holds so far, per day against the period before, instead of a fall that
 * is only missing days ("Mar 2026 is partial (data to 10 Mar): revenue so far is 12,300, 1,230 a day against 1,429
 * a day in Feb 2026"; "a weekday" for business-day data, see {@link DatePeriods#activeDays}). And, for any date
 * column, that rows with stray dates stand apart ("1 row dated 31 Dec 1899 lies far outside the other dates ...").
 */
final class PeriodFacts {

    /** How many stray dates a fact names before it counts the rest. */
    private static final int NAMED_STRAYS = 3;

    private final Measure measure;
    private final Breakdown periods;
    private final int m;
    private final DatePeriods dates;

    private PeriodFacts(Measure measure, Breakdown periods, int m) {
        this.measure = measure;
        this.periods = periods;
        this.m = m;
        this.dates = periods.dimension().dates();
    }

    /**
     * The facts on measure {@code m} of {@code periods}: from one period to the next only when its dates are rolled
     * up into periods, on stray dates for every date column.
     */
    static List<String> of(Measure measure, Breakdown periods, int m) {
        List<String> facts = new ArrayList<>();
        if (periods.dimension().rollsUp() && periods.size() >= 2) {
            facts.addAll(new PeriodFacts(measure, periods, m).facts());
        }
        strays(periods.dimension()).ifPresent(facts::add);
        return facts;
    }

    /**
     * "1 row dated 31 Dec 1899 lies far outside the other dates (1 Jan 2024 to 10 Mar 2026); it is shown on its own
     * and left out of the changes over time." What a reader needs to see the row's period before the others without
     * taking it for data, and why the trend does not start there.
     */
    static Optional<String> strays(Dimension dimension) {
        DatePeriods dates = dimension.dates();
        if (dates == null || dates.strays().isEmpty()) {
            return Optional.empty();
        }
        int rows = dates.strays().rows();
        String column = ColumnLabel.of(dimension.name()).phrase();
        String dated = column.equalsIgnoreCase("date") ? "dated " : "with " + column + " ";
        boolean one = rows == 1;
        return Optional.of(rows + " " + English.plural("row", rows) + " " + dated + strayDates(dates.strays())
                + (one ? " lies" : " lie") + " far outside the other dates (" + PeriodGrain.dateOf(dates.first())
                + " to " + PeriodGrain.dateOf(dates.last()) + "); " + (one ? "it is shown on its own"
                : "they are shown on their own") + " and left out of the changes over time.");
    }

    /** "31 Dec 1899 and 31 Dec 9999"; past {@value #NAMED_STRAYS} dates, "1 Jan 1900, 2 Jan 1900 and 3 other dates". */
    private static String strayDates(StrayDates strays) {
        List<String> named = strays.dates().stream().map(PeriodGrain::dateOf).toList();
        if (named.size() <= NAMED_STRAYS) {
            return English.list(named);
        }
        List<String> listed = new ArrayList<>(named.subList(0, NAMED_STRAYS - 1));
        listed.add(named.size() - listed.size() + " other dates");
        return English.list(listed);
    }

    private List<String> facts() {
        List<String> facts = new ArrayList<>();
        latestChange().ifPresent(facts::add);
        partialLast().ifPresent(facts::add);
        partialFirst().ifPresent(facts::add);
        return facts;
    }

    /**
     * The last comparable period against the one right before it, when that one is comparable too (a rate's month
     * without rows has no mean to compare with).
     */
    private Optional<String> latestChange() {
        List<Integer> comparable = periods.comparable(m, measure.accumulates());
        comparable.removeIf(k -> start(k) == null);
        if (comparable.size() < 2) {
            return Optional.empty();
        }
        int latest = comparable.getLast();
        int previous = comparable.get(comparable.size() - 2);
        if (previous != latest - 1) {
            return Optional.empty();
        }
        double from = periods.value(m, previous);
        double to = periods.value(m, latest);
        String lead = "In " + name(latest) + ", " + measure.phrase() + " ";
        String before = name(previous);
        if (from == to) {
            return Optional.of(lead + measure.verb("was", "were") + " unchanged on " + before + ", at "
                    + measure.figure(to) + ".");
        }
        String direction = to > from ? "rose " : "fell ";
        String against = " (" + measure.figure(to) + " against " + measure.figure(from) + ").";
        if (!measure.additive()) {
            return Optional.of(lead + direction + measure.gap(Math.abs(to - from)) + " on " + before + against);
        }
        if (!Rates.comparable(from)) {
            return Optional.of(lead + measure.verb("was", "were") + " " + measure.figure(to) + ", against "
                    + measure.figure(from) + " in " + before + ".");
        }
        return Optional.of(lead + direction + Rates.percent(Math.abs(to / from - 1)) + " on " + before + against);
    }

    /**
     * "Mar 2026 is partial (data to 10 Mar): revenue so far is 12,300, 1,230 a day against 1,429 a day in Feb
     * 2026." For a level, its latest value ("the latest headcount is 134"), which is the period's: its latest date
     * with a value, which need not be the data's last.
     * For an intensive measure, its mean so far: a mean over part of a period is not biased by the missing
     * days.
     */
    private Optional<String> partialLast() {
        int last = corePeriod(dates.last());
        if (last < 0 || !dates.endsEarly(start(last)) || !periods.has(m, last)) {
            return Optional.empty();
        }
        LocalDate start = start(last);
        String lead = English.capitalised(name(last)) + " is partial (data " + dates.coverage(start).orElseThrow()
                + "): " + (measure.level() ? "the latest " + measure.phrase() + " " : measure.phrase() + " so far ")
                + measure.verb("is", "are") + " " + measure.figure(periods.value(m, last));
        int previous = last - 1;
        if (!measure.accumulates() || previous < 0 || start(previous) == null || periods.partial(previous)
                || periods.strayPeriod(previous) || dates.activeDays(start) == 0) {
            return Optional.of(lead + ".");
        }
        String aDay = " a " + dates.weekdays().dayNoun();
        return Optional.of(lead + ", " + perDay(last) + aDay + " against " + perDay(previous) + aDay + " in "
                + name(previous) + ".");
    }

    /** "Jan 2025 is partial (data from 15 Jan) and is left out of the comparisons over time." for an amount. */
    private Optional<String> partialFirst() {
        int first = corePeriod(dates.first());
        if (!measure.accumulates() || first < 0 || !dates.startsLate(start(first))) {
            return Optional.empty();
        }
        LocalDate start = start(first);
        return Optional.of(English.capitalised(name(first)) + " is partial (data " + dates.coverage(start).orElseThrow()
                + ") and is left out of the comparisons of " + measure.phrase() + " over time.");
    }

    /**
     * The index of the period holding {@code date}, the core's first or last (stray periods and the blank key may
     * come before or after it); -1 when it has no row (none of its rows has a value).
     */
    private int corePeriod(LocalDate date) {
        return periods.keyValues().indexOf(dates.periodOf(date));
    }

    /** A period's sum over the active days of it the data covers (weekdays of business-day data). */
    private String perDay(int key) {
        return measure.figure(periods.value(m, key) / dates.activeDays(start(key)));
    }

    /** The period as a sentence names it: "Feb 2026", "the week of 5 Jan 2026". */
    private String name(int key) {
        return dates.grain().phrase(start(key));
    }

    /** The first day of period {@code key}; null for the blank key. */
    private LocalDate start(int key) {
        return periods.keyValues().get(key) instanceof LocalDate date ? date : null;
    }
}
