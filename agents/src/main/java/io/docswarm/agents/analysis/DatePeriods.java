package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The periods a date column's rows are summarised by: one row per date only when there are few dates, otherwise
 * weeks, months, quarters or years, so a year of daily sales reads as twelve months rather than 365 days.
 *
 * <p>The rule, on the column's distinct dates and the span from the first to the last:
 * <ol>
 *   <li>at most {@value #MAX_DAYS} distinct dates: by day, one row per date (a fortnight of days or a handful of
 *       snapshot dates reads fine as it is, and rolling them up would hide what was asked);</li>
 *   <li>a span that touches fewer than {@value #MIN_MONTHS} calendar months: by week, since two or three months
 *       say too little about daily data (at most about 17 weeks);</li>
 *   <li>else the finest of month, quarter and year that gives at most {@value #MAX_PERIODS} periods (two years of
 *       months or six years of quarters: as many rows as a table or a line chart shows at a glance), else years.</li>
 * </ol>
 * Months, quarters and years are the calendar's; weeks are ISO weeks, Monday to Sunday. Every period between the
 * first and the last is a row, with or without data (a month without sales is a month of 0, not a month left
 * out); dates are not filled in by day.
 *
 * <p>A period the data covers only in part (data from 15 January, or to 10 March) is flagged, so its sum is not
 * read as a fall: it is partial when the data starts (or stops) more than the usual gap between its dates after the
 * period's first day (before its last). The usual gap is the 90th percentile of the gaps between consecutive dates,
 * so weekends in business-day data and the spacing of month-start snapshots do not count as missing days.
 *
 * @param grain    the length of the periods
 * @param first    the column's earliest date
 * @param last     the column's latest date
 * @param usualGap the days between consecutive distinct dates that most gaps do not exceed; at least 1
 */
record DatePeriods(PeriodGrain grain, LocalDate first, LocalDate last, long usualGap) {

    static final int MAX_DAYS = 14;
    static final int MIN_MONTHS = 4;
    static final int MAX_PERIODS = 24;
    private static final double USUAL = 0.9;

    /** The periods of {@code table}'s date column {@code column}; empty when it holds no date. */
    static Optional<DatePeriods> of(DataTable table, int column) {
        List<LocalDate> dates = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            if (row.get(column) instanceof LocalDate date) {
                dates.add(date);
            }
        }
        return dates.isEmpty() ? Optional.empty() : Optional.of(of(dates));
    }

    /** The periods for {@code dates} (at least one). */
    static DatePeriods of(Collection<LocalDate> dates) {
        TreeSet<LocalDate> distinct = new TreeSet<>(dates);
        return new DatePeriods(grainFor(distinct), distinct.first(), distinct.last(), usualGap(distinct));
    }

    private static PeriodGrain grainFor(TreeSet<LocalDate> distinct) {
        if (distinct.size() <= MAX_DAYS) {
            return PeriodGrain.DAY;
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

    /** How many periods of {@code grain} the span from {@code from} to {@code to} touches. */
    private static long count(PeriodGrain grain, LocalDate from, LocalDate to) {
        long periods = 0;
        for (LocalDate start = grain.start(from); !start.isAfter(to); start = grain.next(start)) {
            periods++;
        }
        return periods;
    }

    private static long usualGap(TreeSet<LocalDate> distinct) {
        List<Long> gaps = new ArrayList<>();
        LocalDate previous = null;
        for (LocalDate date : distinct) {
            if (previous != null) {
                gaps.add(ChronoUnit.DAYS.between(previous, date));
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
     * Whether the periods without data inside the span are rows too. Not past {@value #MAX_PERIODS} periods: only
     * years get there, when a stray date (a 1899-12-31 zero date, a 9999-12-31 "never") stretches the span, and a
     * century of empty years would bury the data's own.
     */
    boolean fillsGaps() {
        return rollsUp() && count(grain, first, last) <= MAX_PERIODS;
    }

    /** The start of the period holding {@code date}. */
    LocalDate periodOf(LocalDate date) {
        return grain.start(date);
    }

    /** The start of every period from the first date's to the last's, in time order. */
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

    /** Whether the data starts after the first days of the period starting on {@code start}. */
    boolean startsLate(LocalDate start) {
        return rollsUp() && start.equals(periodOf(first)) && ChronoUnit.DAYS.between(start, first) > usualGap;
    }

    /** Whether the data stops before the last days of the period starting on {@code start}. */
    boolean endsEarly(LocalDate start) {
        return rollsUp() && start.equals(periodOf(last))
                && ChronoUnit.DAYS.between(last, grain.next(start).minusDays(1)) > usualGap;
    }

    /** Whether the data covers only part of the period starting on {@code start}. */
    boolean partial(LocalDate start) {
        return startsLate(start) || endsEarly(start);
    }

    /** What part of a partial period the data covers: "to 10 Mar", "from 15 Jan", "15 Jan to 10 Mar"; else empty. */
    Optional<String> coverage(LocalDate start) {
        if (startsLate(start) && endsEarly(start)) {
            return Optional.of(PeriodGrain.dayOf(first) + " to " + PeriodGrain.dayOf(last));
        }
        if (startsLate(start)) {
            return Optional.of("from " + PeriodGrain.dayOf(first));
        }
        return endsEarly(start) ? Optional.of("to " + PeriodGrain.dayOf(last)) : Optional.empty();
    }

    /**
     * The days of the period starting on {@code start} that the data covers: all of a whole period's, those from
     * the first date or to the last date of a partial one. What a sum is divided by to compare it per day.
     */
    long days(LocalDate start) {
        LocalDate from = startsLate(start) ? first : start;
        LocalDate to = endsEarly(start) ? last : grain.next(start).minusDays(1);
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
