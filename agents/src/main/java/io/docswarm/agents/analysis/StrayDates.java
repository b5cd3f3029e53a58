package io.docswarm.agents.analysis;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Placeholder dates at either end of a date column, far from all the others: a spreadsheet's zero date
 * (1899-12-31, 1900-01-01), the Unix epoch (1970-01-01), a "never" (9999-12-31, 2099-12-31). Left in the span,
 * one such row turns two years of months into a century of years. The span, the periods and their gaps are chosen
 * on the other dates, the core; stray rows keep periods of their own outside it.
 *
 * <p>The rule, on the column's distinct dates: the first (or last) few dates are strays when the gap that separates
 * them from the next date is
 * <ol>
 *   <li>longer than the whole span of the core (by more than a leap day), the dates left once the strays of both
 *       ends are set aside: a stray lies farther from the data than the data's own extent, so a long series with a
 *       gap (yearly figures since 1995, one year missing) never has strays, nor do three year-end dates;</li>
 *   <li>at least a year: a first date three weeks before two weeks of data is early data, not a placeholder;</li>
 * </ol>
 * and they are few: at most {@code max(1, n / 100)} of the n distinct dates at each end, since a placeholder is an
 * exception and two clusters of data are both data. The core keeps at least {@value #MIN_CORE} dates, so the two
 * dates of a column of two are not strays of each other.
 *
 * <p>Setting strays aside at one end only shortens the core, which helps the other end's qualify (1899-12-31 is
 * no stray of a span that runs to 9999-12-31, but is of the two years between): every pair of cuts is tried, at
 * most {@code (max(1, n / 100) + 1)^2} checks of a gap each.
 *
 * @param early the strays before the core, oldest first
 * @param late  the strays after the core, oldest first
 * @param rows  how many rows hold a stray date
 */
record StrayDates(List<LocalDate> early, List<LocalDate> late, int rows) {

    /** No strays. */
    static final StrayDates NONE = new StrayDates(List.of(), List.of(), 0);

    static final int MIN_CORE = 2;
    /** Days a gap may exceed the core's span by and still be one of its own: a leap day's, and one more. */
    private static final int LEAP_SLACK = 2;
    private static final int PER_HUNDRED = 100;

    StrayDates {
        early = List.copyOf(early);
        late = List.copyOf(late);
    }

    /** The strays among {@code dates}, one per row (a date repeats for each row that holds it). */
    static StrayDates in(Collection<LocalDate> dates) {
        List<LocalDate> distinct = new ArrayList<>(new TreeSet<>(dates));
        Cuts cuts = Cuts.widest(distinct);
        if (cuts.from() == 0 && cuts.to() == distinct.size()) {
            return NONE;
        }
        LocalDate coreFirst = distinct.get(cuts.from());
        LocalDate coreLast = distinct.get(cuts.to() - 1);
        int rows = (int) dates.stream().filter(d -> d.isBefore(coreFirst) || d.isAfter(coreLast)).count();
        return new StrayDates(distinct.subList(0, cuts.from()), distinct.subList(cuts.to(), distinct.size()), rows);
    }

    /**
     * Where the core of distinct dates starts and ends: from index {@code from} up to, not including, {@code to}.
     */
    private record Cuts(int from, int to) {

        /**
         * The widest cuts that qualify together. Any two pairs of cuts that qualify still do when both are made
         * (each gap then only has a shorter core to exceed), so these are the largest of each end's.
         */
        static Cuts widest(List<LocalDate> distinct) {
            int n = distinct.size();
            int most = Math.max(1, n / PER_HUNDRED);
            int from = 0;
            int to = n;
            for (int early = 0; early <= most; early++) {
                for (int late = 0; late <= most; late++) {
                    if (qualify(distinct, early, n - late)) {
                        from = Math.max(from, early);
                        to = Math.min(to, n - late);
                    }
                }
            }
            return new Cuts(from, to);
        }
    }

    /**
     * Whether the dates before index {@code from} and from index {@code to} on are strays of the core between:
     * each cut made is a far gap.
     */
    private static boolean qualify(List<LocalDate> distinct, int from, int to) {
        if (to - from < MIN_CORE) {
            return false;
        }
        long span = ChronoUnit.DAYS.between(distinct.get(from), distinct.get(to - 1));
        return (from == 0 || farApart(distinct.get(from - 1), distinct.get(from), span))
                && (to == distinct.size() || farApart(distinct.get(to - 1), distinct.get(to), span));
    }

    /**
     * Whether a gap from {@code before} to {@code after} exceeds {@code span} days, with a leap day's slack, and a
     * year: three year-end dates are a series, though a leap year's gap is a day longer than the other.
     */
    private static boolean farApart(LocalDate before, LocalDate after, long span) {
        // A calendar year, not 365 days: a stray then never shares a year with the core.
        return ChronoUnit.DAYS.between(before, after) > span + LEAP_SLACK && !before.plusYears(1).isAfter(after);
    }

    boolean isEmpty() {
        return early.isEmpty() && late.isEmpty();
    }

    /** Every stray, oldest first. */
    List<LocalDate> dates() {
        List<LocalDate> all = new ArrayList<>(early);
        all.addAll(late);
        return all;
    }

    /** The dates of {@code distinct} (the column's, in order) less the strays. */
    NavigableSet<LocalDate> core(NavigableSet<LocalDate> distinct) {
        LocalDate from = early.isEmpty() ? distinct.first() : distinct.higher(early.getLast());
        LocalDate to = late.isEmpty() ? distinct.last() : distinct.lower(late.getFirst());
        return distinct.subSet(from, true, to, true);
    }
}
