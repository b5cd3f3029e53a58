package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Placeholder dates far from all the others are set aside at either end; the data's own early or late dates, a
 * long series and a second cluster of data are not.
 */
class StrayDatesTest {

    /** Every {@code step} days from {@code from} to {@code to}. */
    private static List<LocalDate> every(int step, LocalDate from, LocalDate to) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(step)) {
            dates.add(day);
        }
        return dates;
    }

    private static List<LocalDate> with(List<LocalDate> dates, LocalDate... more) {
        List<LocalDate> all = new ArrayList<>(dates);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void placeholdersAtBothEndsAreStraysAndTheRestIsTheCore() {
        LocalDate zero = LocalDate.of(1899, 12, 31);
        LocalDate excelZero = LocalDate.of(1900, 1, 1);
        LocalDate never = LocalDate.of(9999, 12, 31);
        List<LocalDate> data = every(1, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31));
        List<LocalDate> dates = with(data, zero, zero, excelZero, never);
        StrayDates strays = StrayDates.in(dates);
        assertEquals(List.of(zero, excelZero), strays.early());
        assertEquals(List.of(never), strays.late());
        assertEquals(4, strays.rows(), "each row on a stray date");
        assertEquals(new TreeSet<>(data), strays.core(new TreeSet<>(dates)));
    }

    @Test
    void anEpochDateBeforeMonthlyDataIsAStray() {
        LocalDate epoch = LocalDate.of(1970, 1, 1);
        List<LocalDate> months = new ArrayList<>();
        for (int m = 0; m < 24; m++) {
            months.add(LocalDate.of(2024, 1, 1).plusMonths(m));
        }
        assertEquals(List.of(epoch), StrayDates.in(with(months, epoch)).early());
        assertEquals(List.of(LocalDate.of(2099, 12, 31)),
                StrayDates.in(with(months, LocalDate.of(2099, 12, 31))).late());
    }

    @Test
    void theDatasOwnSpreadIsNoStray() {
        List<LocalDate> fortnight = every(1, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 14));
        assertTrue(StrayDates.in(with(fortnight, LocalDate.of(2026, 2, 1))).isEmpty(),
                "a first date weeks before the rest is early data: the gap is under a year");
        assertTrue(StrayDates.in(with(fortnight, LocalDate.of(2025, 3, 1))).early().size() == 1,
                "a year before a fortnight is far outside it");
        List<LocalDate> years = every(1, LocalDate.of(1996, 1, 1), LocalDate.of(2025, 1, 1)).stream()
                .filter(d -> d.getDayOfYear() == 1).toList();
        assertTrue(StrayDates.in(with(years, LocalDate.of(1990, 1, 1))).isEmpty(),
                "thirty years of yearly figures span longer than the six years before them");
        List<LocalDate> nineties = years.subList(0, 10);
        List<LocalDate> twenties = years.subList(24, 30);
        assertTrue(StrayDates.in(with(nineties, twenties.toArray(LocalDate[]::new))).isEmpty(),
                "two clusters of data are both data: too many dates to be placeholders");
        assertTrue(StrayDates.in(List.of(LocalDate.of(1900, 1, 1), LocalDate.of(2026, 1, 1))).isEmpty(),
                "two dates alone do not say which one strays");
    }
}
