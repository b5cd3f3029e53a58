package io.docswarm.agents.analysis;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;

/**
 * The weekdays a date column holds data on: every day for daily data, Monday to Friday for business-day data, the
 * Mondays of weekly data. Days on the other weekdays are not missing data, they are days the data never has: a
 * week of business days that starts on Tuesday lacks one day, not one of seven, and Saturday and Sunday after a
 * Friday are no gap.
 *
 * <p>The rule, on the column's distinct dates:
 * <ol>
 *   <li>a weekly pattern needs dates enough to tell: the busiest weekday holds at least {@value #MIN_WEEKS} dates,
 *       in at least half of the weeks the dates span. Monthly snapshots or scattered transactions fall on
 *       whichever weekday the calendar gives, and a weekday they happen to miss says nothing;</li>
 *   <li>then a weekday is active when it holds at least a quarter ({@value #ACTIVE_SHARE}) as many dates as the
 *       busiest: a shop open a few Sundays before Christmas still closes on Sundays, while a weekday with a
 *       holiday or two is as active as the others;</li>
 *   <li>otherwise, or when every weekday is active, every day counts ({@link #EVERY_DAY}), exactly as calendar
 *       days do.</li>
 * </ol>
 *
 * @param active the weekdays days are counted on; never empty
 */
record WeekdayPattern(Set<DayOfWeek> active) {

    /** Every weekday active: days count as calendar days. */
    static final WeekdayPattern EVERY_DAY = new WeekdayPattern(EnumSet.allOf(DayOfWeek.class));

    static final int MIN_WEEKS = 3;
    static final double ACTIVE_SHARE = 0.25;
    /** The share of the span's weeks the busiest weekday must hold a date in for a pattern to show. */
    private static final double RECURRING = 0.5;
    private static final Set<DayOfWeek> MONDAY_TO_FRIDAY = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    WeekdayPattern {
        if (active.isEmpty()) {
            throw new IllegalArgumentException("a weekday pattern has at least one active weekday");
        }
        active = Collections.unmodifiableSet(EnumSet.copyOf(active));
    }

    /** The weekdays {@code dates} (distinct, at least one) hold data on. */
    static WeekdayPattern of(NavigableSet<LocalDate> dates) {
        Map<DayOfWeek, Integer> perWeekday = new EnumMap<>(DayOfWeek.class);
        for (LocalDate date : dates) {
            perWeekday.merge(date.getDayOfWeek(), 1, Integer::sum);
        }
        int busiest = Collections.max(perWeekday.values());
        if (busiest < MIN_WEEKS || busiest < RECURRING * weeksSpanned(dates.first(), dates.last())) {
            return EVERY_DAY;
        }
        Set<DayOfWeek> active = EnumSet.noneOf(DayOfWeek.class);
        perWeekday.forEach((weekday, count) -> {
            if (count >= ACTIVE_SHARE * busiest) {
                active.add(weekday);
            }
        });
        return active.size() == DayOfWeek.values().length ? EVERY_DAY : new WeekdayPattern(active);
    }

    /** How many ISO weeks (Monday to Sunday) the span from {@code first} to {@code last} touches. */
    private static long weeksSpanned(LocalDate first, LocalDate last) {
        LocalDate monday = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return ChronoUnit.WEEKS.between(monday, last) + 1;
    }

    /** Whether every weekday is active, so active days are calendar days. */
    boolean everyDay() {
        return active.size() == DayOfWeek.values().length;
    }

    /**
     * The active days from {@code from} up to, not including, {@code until}; 0 when {@code until} is not after
     * {@code from}. With every weekday active, {@code ChronoUnit.DAYS.between(from, until)}.
     */
    long days(LocalDate from, LocalDate until) {
        long calendarDays = ChronoUnit.DAYS.between(from, until);
        if (calendarDays <= 0) {
            return 0;
        }
        long days = calendarDays / 7 * active.size();
        // The days after the whole weeks: fewer than seven, so this loop is short however long the span.
        for (LocalDate day = from.plusDays(calendarDays / 7 * 7); day.isBefore(until); day = day.plusDays(1)) {
            if (active.contains(day.getDayOfWeek())) {
                days++;
            }
        }
        return days;
    }

    /**
     * An active day as a sentence names it after "a": "day" for every day, "weekday" for Monday to Friday, the
     * weekday itself ("Monday") for weekly data, else "working day".
     */
    String dayNoun() {
        if (everyDay()) {
            return "day";
        }
        if (active.equals(MONDAY_TO_FRIDAY)) {
            return "weekday";
        }
        return active.size() == 1 ? active.iterator().next().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                : "working day";
    }
}
