package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The periods a date column's rows are summarised by: one row per date only when there are few dates, otherwise
 * weeks, months, quarters or years, so a year of daily sales reads as twelve months rather than 365 days.
 *
 * <p>The rule, on the column's distinct dates and the span from the first to the last, strays set aside (see
 * below):
 * <ol>
 *   <li>at most {@value #MAX_DAYS} distinct dates: by day, one row per date (a fortnight of days or a handful of
 *       snapshot dates reads fine as it is, and rolling them up would hide what was asked); but at least
 *       {@value #MIN_REGULAR} dates one each in consecutive weeks, months, quarters or years (month-end headcounts,
 *       quarter-end balances) are those periods, named as such ("Mar 2025", not "2025-03-31");</li>
 *   <li>a span that touches fewer than {@value #MIN_MONTHS} calendar months: by week, since two or three months
 *       say too little about daily data (at most about 17 weeks);</li>
 *   <li>else the finest of month, quarter and year that gives at most {@value #MAX_PERIODS} periods (two years of
 *       months or six years of quarters: as many rows as a table or a line chart shows at a glance), else years.</li>
 * </ol>
 * Months, quarters and years are the calendar's; weeks are ISO weeks, Monday to Sunday. Every period from the
 * core's first date to its last is a row, with or without data (a month without sales is a month of 0, not a month left
 * out); dates are not filled in by day.
 *
 * <p>Stray dates ({@link StrayDates}: a 1899-12-31 zero date or a 9999-12-31 "never", far from all the others) are
 * set aside before anything else, so one placeholder row does not turn two years of months into a century of
 * years. The grain, the periods filled in and the partial periods are those of the other dates, the core; each
 * stray row still counts, in a period of its own outside the core's ("Dec 1899" before the months of 2024), which
 * no comparison over time reads ({@link #strayPeriod}).
 *
 * <p>A period the data covers only in part (data from 15 January, or to 10 March) is flagged, so its sum is not
 * read as a fall: it is partial when the data starts (or stops) more than the usual gap between its dates after the
 * period's first day (before its last). The usual gap is the 90th percentile of the gaps between consecutive dates,
 * so the spacing of month-start snapshots does not count as missing days. Both are counted in active days, the days
 * on the weekdays the data holds dates on ({@link WeekdayPattern}): calendar days for daily data, Monday to Friday
 * for business-day data, whose weekends are then neither a gap nor missing days. So a single missing day at a
 * period's edge is tolerated (daily data from the 2nd, business days from a Tuesday) and two are not (business days
 * from a Wednesday: two of a week's five days).
 *
 * @param grain    the length of the periods
 * @param first    the core's earliest date
 * @param last     the core's latest date
 * @param usualGap the active days between consecutive distinct dates of the core that most gaps do not exceed; at
 *                 least 1
 * <p>Dates that are all the first of a month stand for their months (an export's "2025-03-01" is March's figure,
 * and a Year and Month column make such dates, see {@link CalendarColumns}); all the first of a quarter's or a
 * year's month, for at least {@value #MIN_REGULAR} of them or two in a row, for quarters or years. Such dates are
 * never rolled up finer than what they stand for, and a period is partial only when one of the months (quarters)
 * it spans has no date: the last of them stands for the whole month, not its first day.
 *
 * @param weekdays the weekdays whose days count as active, read from the core
 * @param strays   the dates outside the core
 * @param unit     what each date stands for: a day, or a whole month, quarter or year
 * @param distinctDates how many different dates the core holds
 */
record DatePeriods(PeriodGrain grain, LocalDate first, LocalDate last, long usualGap, WeekdayPattern weekdays,
                   StrayDates strays, PeriodGrain unit, int distinctDates) {

    static final int MAX_DAYS = 14;
    static final int MIN_REGULAR = 3;
    static final int MIN_MONTHS = 4;
    static final int MAX_PERIODS = 24;
    private static final double USUAL = 0.9;

    /**
     * The periods of a date column whose dates are known to stand for {@code unit}s (months made of Year and Month
     * columns); null to read that from the dates.
     */
    static Optional<DatePeriods> of(DataTable table, int column, PeriodGrain unit) {
        List<LocalDate> dates = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            if (row.get(column) instanceof LocalDate date) {
                dates.add(date);
            }
        }
        return dates.isEmpty() ? Optional.empty() : Optional.of(of(dates, unit));
    }

    /**
     * The periods for {@code dates} (at least one), which stand for {@code known} units when it is not null. Such
     * dates are not rolled up into periods they do not cover: Q1 of three years stays three quarters, not three
     * years, and the quarters between are not filled in.
     */
    static DatePeriods of(Collection<LocalDate> dates, PeriodGrain known) {
        StrayDates strays = StrayDates.in(dates);
        NavigableSet<LocalDate> core = strays.core(new TreeSet<>(dates));
        WeekdayPattern weekdays = WeekdayPattern.of(core);
        PeriodGrain unit = known != null ? known : unitOf(core);
        PeriodGrain grain = grainFor(core);
        grain = grain.compareTo(unit) < 0 ? unit : grain;
        if (known != null && grain != unit && !covers(core, unit)) {
            grain = unit;
        }
        return new DatePeriods(grain, core.first(), core.last(), usualGap(core, weekdays), weekdays, strays, unit,
                core.size());
    }

    /**
     * Whether the dates, each standing for a {@code unit}, hold at least half of the units of their span: 35
     * months in a row do (and read as quarters), the first quarters of three years do not (and stay quarters).
     */
    private static boolean covers(NavigableSet<LocalDate> dates, PeriodGrain unit) {
        Set<LocalDate> units = new java.util.HashSet<>();
        dates.forEach(date -> units.add(unit.start(date)));
        return 2L * units.size() >= count(unit, dates.first(), dates.last());
    }

    /** What each of the dates stands for: a month when all are the 1st, a quarter or a year when also those's. */
    private static PeriodGrain unitOf(NavigableSet<LocalDate> dates) {
        if (dates.stream().anyMatch(date -> date.getDayOfMonth() != 1)) {
            return PeriodGrain.DAY;
        }
        for (PeriodGrain unit : List.of(PeriodGrain.YEAR, PeriodGrain.QUARTER)) {
            boolean starts = dates.stream().allMatch(date -> unit.start(date).equals(date));
            // Fewer than three such dates are taken for quarters (years) only when they follow each other.
            if (starts && (dates.size() >= MIN_REGULAR || unit.next(dates.first()).equals(dates.last()))) {
                return unit;
            }
        }
        return PeriodGrain.MONTH;
    }

    private static PeriodGrain grainFor(NavigableSet<LocalDate> distinct) {
        if (distinct.size() <= MAX_DAYS) {
            return regularGrain(distinct);
        }
        if (count(PeriodGrain.MONTH, distinct.first(), distinct.last()) < MIN_MONTHS) {
            return PeriodGrain.WEEK;
        }
        for (PeriodGrain grain : List.of(PeriodGrain.MONTH, PeriodGrain.QUARTER)) {
            if (count(grain, distinct.first(), distinct.last()) <= MAX_PERIODS) {
                return grain;
            }
        }
        return PeriodGrain.YEAR;
    }

    /**
     * The grain whose consecutive periods hold one date each (the finest such of week, month, quarter and year),
     * else days: a few dates that are each a month's snapshot read as months.
     */
    private static PeriodGrain regularGrain(NavigableSet<LocalDate> distinct) {
        if (distinct.size() < MIN_REGULAR) {
            return PeriodGrain.DAY;
        }
        for (PeriodGrain grain : List.of(PeriodGrain.WEEK, PeriodGrain.MONTH, PeriodGrain.QUARTER, PeriodGrain.YEAR)) {
            boolean oneEachInTurn = true;
            LocalDate expected = grain.start(distinct.first());
            for (LocalDate date : distinct) {
                oneEachInTurn &= grain.start(date).equals(expected);
                expected = grain.next(expected);
            }
            if (oneEachInTurn) {
                return grain;
            }
        }
        return PeriodGrain.DAY;
    }

    /** How many periods of {@code grain} the span from {@code from} to {@code to} touches. */
    private static long count(PeriodGrain grain, LocalDate from, LocalDate to) {
        long periods = 0;
        for (LocalDate start = grain.start(from); !start.isAfter(to); start = grain.next(start)) {
            periods++;
        }
        return periods;
    }

    /** The 90th percentile of the active days from each date to the next: 1 for daily and business-day data. */
    private static long usualGap(NavigableSet<LocalDate> distinct, WeekdayPattern weekdays) {
        List<Long> gaps = new ArrayList<>();
        LocalDate previous = null;
        for (LocalDate date : distinct) {
            if (previous != null) {
                // The active days after the previous date up to this one: Friday to Monday is one for business days.
                gaps.add(weekdays.days(previous.plusDays(1), date.plusDays(1)));
            }
            previous = date;
        }
        if (gaps.isEmpty()) {
            return 1;
        }
        gaps.sort(Long::compare);
        return Math.max(1, gaps.get((int) Math.ceil(USUAL * gaps.size()) - 1));
    }

    /** Whether rows are rolled up into periods longer than a day (and the periods between are filled in). */
    boolean rollsUp() {
        return grain != PeriodGrain.DAY;
    }

    /**
     * Whether the periods without data inside the core's span are rows too. Not past {@value #MAX_PERIODS}
     * periods: only years get there, over more than 24 years, and the empty years between two clusters of data
     * decades apart would bury the data's own.
     */
    boolean fillsGaps() {
        return rollsUp() && count(grain, first, last) <= MAX_PERIODS && !sparse();
    }

    /**
     * Whether the dates stand for so few of the periods of their span (the first quarters of three years) that
     * filling in the rest would show more made-up periods than the data's own.
     */
    private boolean sparse() {
        return unit != PeriodGrain.DAY && unit == grain && 2L * distinctDates < count(grain, first, last);
    }

    /** The start of the period holding {@code date}. */
    LocalDate periodOf(LocalDate date) {
        return grain.start(date);
    }

    /** The start of every period from the core's first date's to its last's, in time order (no stray's). */
    List<LocalDate> periods() {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = periodOf(first); !start.isAfter(last); start = grain.next(start)) {
            starts.add(start);
        }
        return starts;
    }

    /** The period starting on {@code start} as a reader names it: "Mar 2026". */
    String label(LocalDate start) {
        return grain.label(start);
    }

    /**
     * Whether the data starts after the first days of the period starting on {@code start}: more active days of it
     * precede the first date than the usual gap.
     */
    boolean startsLate(LocalDate start) {
        if (unit != PeriodGrain.DAY) {
            return rollsUp() && start.equals(periodOf(first)) && first.isAfter(start);
        }
        return rollsUp() && start.equals(periodOf(first)) && weekdays.days(start, first) > usualGap;
    }

    /**
     * Whether the data stops before the last days of the period starting on {@code start}: more active days of it
     * follow the last date than the usual gap.
     */
    boolean endsEarly(LocalDate start) {
        if (unit != PeriodGrain.DAY) {
            return rollsUp() && start.equals(periodOf(last)) && unit.next(last).isBefore(grain.next(start));
        }
        return rollsUp() && start.equals(periodOf(last))
                && weekdays.days(last.plusDays(1), grain.next(start)) > usualGap;
    }

    /** Whether the data covers only part of the period starting on {@code start}. */
    boolean partial(LocalDate start) {
        return startsLate(start) || endsEarly(start);
    }

    /**
     * Whether the period starting on {@code start} holds stray dates only, outside the core's periods. Such a
     * period is shown but is no point of a series: a change from 1899 to 2024 measures the placeholder, not the
     * data.
     */
    boolean strayPeriod(LocalDate start) {
        return !strays.isEmpty() && (start.isBefore(periodOf(first)) || start.isAfter(periodOf(last)));
    }

    /**
     * What part of a partial period the data covers: "to 10 Mar", "from 15 Jan", "15 Jan to 10 Mar", or for dates
     * that stand for months "to Nov 2025"; else empty.
     */
    Optional<String> coverage(LocalDate start) {
        String from = unit == PeriodGrain.DAY ? PeriodGrain.dayOf(first) : unit.label(first);
        String to = unit == PeriodGrain.DAY ? PeriodGrain.dayOf(last) : unit.label(last);
        if (startsLate(start) && endsEarly(start)) {
            return Optional.of(from + " to " + to);
        }
        if (startsLate(start)) {
            return Optional.of("from " + from);
        }
        return endsEarly(start) ? Optional.of("to " + to) : Optional.empty();
    }

    /**
     * The active days of the period starting on {@code start} that the data covers: all of a whole period's, those
     * from the first date or to the last date of a partial one. What a sum is divided by to compare it per day
     * ({@link WeekdayPattern#dayNoun}): counting weekends would make three business days of a week read as 40% more
     * a day than a whole week's five, and a month cut on a Friday as more than one cut on a Monday.
     */
    long activeDays(LocalDate start) {
        LocalDate from = startsLate(start) ? first : start;
        LocalDate until = endsEarly(start) ? unit.next(last) : grain.next(start);
        return weekdays.days(from, until);
    }
}
