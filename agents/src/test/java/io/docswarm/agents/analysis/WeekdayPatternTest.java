package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The weekdays a date column holds data on are read from its dates only when they show a weekly pattern, and
 * active days are counted exactly, however long the span.
 */
class WeekdayPatternTest {

    private static TreeSet<LocalDate> dates(LocalDate from, LocalDate to, Predicate<LocalDate> kept) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (kept.test(day)) {
                dates.add(day);
            }
        }
        return dates;
    }

    /** The active days from {@code from} up to {@code until}, counted one by one. */
    private static long counted(Set<DayOfWeek> active, LocalDate from, LocalDate until) {
        long days = 0;
        for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
            days += active.contains(day.getDayOfWeek()) ? 1 : 0;
        }
        return days;
    }

    @Test
    void activeDaysAreThoseOfTheActiveWeekdays() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        for (Set<DayOfWeek> active : Set.of(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                EnumSet.of(DayOfWeek.MONDAY), EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.WEDNESDAY),
                EnumSet.allOf(DayOfWeek.class))) {
            WeekdayPattern pattern = new WeekdayPattern(active);
            for (int from = 0; from < 9; from++) {
                for (int length = -2; length < 40; length++) {
                    LocalDate a = start.plusDays(from);
                    LocalDate b = a.plusDays(length);
                    assertEquals(counted(active, a, b), pattern.days(a, b), active + " " + a + " to " + b);
                }
            }
        }
        LocalDate a = LocalDate.of(1899, 12, 31);
        LocalDate b = LocalDate.of(2026, 3, 10);
        assertEquals(ChronoUnit.DAYS.between(a, b), WeekdayPattern.EVERY_DAY.days(a, b));
    }

    @Test
    void businessDaysWithHolidaysAreMondayToFriday() {
        Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6),
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 25));
        WeekdayPattern pattern = WeekdayPattern.of(dates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30),
                day -> day.getDayOfWeek().getValue() <= 5 && !holidays.contains(day)));
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), pattern.active());
        assertEquals("weekday", pattern.dayNoun());
    }

    @Test
    void aFewSundaysDoNotMakeSundayActive() {
        WeekdayPattern pattern = WeekdayPattern.of(dates(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31),
                day -> day.getDayOfWeek() != DayOfWeek.SUNDAY
                        || day.getMonthValue() == 12 && day.getDayOfMonth() > 10));
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), pattern.active(),
                "three December Sundays against thirteen of every other weekday");
        assertEquals("working day", pattern.dayNoun());
    }

    @Test
    void weeklyDataIsActiveOnItsWeekdayOnly() {
        WeekdayPattern pattern = WeekdayPattern.of(dates(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 6, 29),
                day -> day.getDayOfWeek() == DayOfWeek.MONDAY));
        assertEquals(Set.of(DayOfWeek.MONDAY), pattern.active());
        assertEquals("Monday", pattern.dayNoun());
    }

    @Test
    void datesWithoutAWeeklyPatternCountEveryDay() {
        assertTrue(WeekdayPattern.of(dates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), day -> true))
                .everyDay(), "daily data");
        TreeSet<LocalDate> monthStarts = dates(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 1),
                day -> day.getDayOfMonth() == 1);
        assertTrue(WeekdayPattern.of(monthStarts).everyDay(),
                "month starts fall on whichever weekday the calendar gives; they show no week");
        TreeSet<LocalDate> twoWeeks = dates(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 16),
                day -> day.getDayOfWeek().getValue() <= 5);
        assertTrue(WeekdayPattern.of(twoWeeks).everyDay(), "two weeks are too few to tell a pattern");
        assertFalse(WeekdayPattern.of(dates(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 23),
                day -> day.getDayOfWeek().getValue() <= 5)).everyDay(), "three weeks are enough");
    }
}
