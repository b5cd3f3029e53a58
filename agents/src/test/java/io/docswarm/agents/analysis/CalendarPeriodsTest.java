package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Periods made of Year and Month (Quarter) columns and dates that stand for whole months: months with gaps, few
 * months, quarters, partial quarters of whole months, year-end balances, a Year beside an unrelated date, a Year
 * of something else, weeks in cross-table sentences, and no year or month-of-year fact contradicting the months.
 */
class CalendarPeriodsTest {

    @TempDir
    Path dir;

    private DataTable load(String name, String csv) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".csv"), csv);
        return DataLoader.load(new DataRef(name, file.toString(), ""), "data/" + name + ".csv",
                InputOpener.LOCAL_FILES);
    }

    private static String months(int fromYear, int fromMonth, int count) {
        StringBuilder sb = new StringBuilder("Year,Month,Revenue\n");
        for (int i = 0; i < count; i++) {
            int m = fromMonth - 1 + i;
            sb.append(fromYear + m / 12).append(',').append(1 + m % 12).append(',').append(1000 + i).append('\n');
        }
        return sb.toString();
    }

    /** A Year and Month table missing April is still by month, April filled in. */
    @Test
    void yearAndMonthWithAMissingMonthAreMonths() throws Exception {
        DataSummary s = DataSummary.of(load("gap", "Year,Month,Revenue\n2025,1,100\n2025,2,110\n2025,3,120\n"
                + "2025,5,130\n2025,6,140\n"));
        assertEquals("Month", s.category(), s.categories()::toString);
        assertEquals("Jan 2025", s.categories().getFirst());
    }

    /** Two months are months, not two days named "2025-01-01". */
    @Test
    void yearAndMonthWithTwoMonthsAreMonths() throws Exception {
        DataSummary s = DataSummary.of(load("two", "Year,Month,Revenue\n2025,1,100\n2025,2,110\n"));
        assertEquals(List.of("Jan 2025", "Feb 2025"), s.categories());
        assertFalse(s.facts().getFirst().contains("2025-01-01"), s.facts().getFirst());
    }

    /** Year+Quarter with a missing quarter: "2025-10-01" instead of "2025 Q4". */
    @Test
    void yearAndQuarterWithAMissingQuarterAreQuarters() throws Exception {
        DataSummary s = DataSummary.of(load("q", "Year,Quarter,Revenue\n2025,Q1,100\n2025,Q2,110\n2025,Q4,130\n"));
        assertEquals("Quarter", s.category(), s.categories()::toString);
        assertEquals("2025 Q1", s.categories().getFirst());
    }

    /** Year, Month and Day columns over two months: two "days" 2025-01-01 and 2025-02-01. */
    @Test
    void yearMonthDayColumnsAreNotTwoDays() throws Exception {
        StringBuilder sb = new StringBuilder("Year,Month,Day,Revenue\n");
        for (var d = java.time.LocalDate.of(2025, 1, 1); d.isBefore(java.time.LocalDate.of(2025, 3, 1));
             d = d.plusDays(1)) {
            sb.append(d.getYear()).append(',').append(d.getMonthValue()).append(',').append(d.getDayOfMonth())
                    .append(',').append(100 + d.getDayOfMonth()).append('\n');
        }
        DataSummary s = DataSummary.of(load("ymd", sb.toString()));
        assertFalse(s.categories().contains("2025-02-01"), s.category() + " " + s.categories());
    }

    /**
     * 35 months to Nov 2025 by quarter: the last quarter holds all of October and November, so it reads "to Nov
     * 2025" and its per-day rate divides two months' revenue by their 61 days.
     */
    @Test
    void aPartialQuarterOfWholeMonthsIsCoveredToTheEndOfItsLastMonth() throws Exception {
        DataSummary s = DataSummary.of(load("m35", months(2023, 1, 35)));
        assertEquals("Quarter", s.category());
        String last = String.valueOf(s.table().rows().getLast().getFirst());
        assertEquals("2025 Q4 (to Nov 2025)", last);
        assertTrue(s.facts().stream().noneMatch(f -> f.contains("64.59 a day")), s.facts()::toString);
    }

    /** Months from Feb 2023 by quarter: 2023 Q1 lacks January, so it is partial and out of the trend. */
    @Test
    void aQuarterMissingItsFirstMonthIsPartial() throws Exception {
        DataSummary s = DataSummary.of(load("m27", months(2023, 2, 27)));
        assertEquals("Quarter", s.category());
        assertTrue(s.primary().partial(0), "2023 Q1 has Feb and Mar only: " + s.facts().getFirst());
        assertTrue(s.facts().stream().noneMatch(f -> f.contains("1,026 a day")), s.facts()::toString);
    }

    /** Three year-end balances (2024 a leap year) are three years, none a stray. */
    @Test
    void threeYearEndBalancesAreYears() throws Exception {
        DataSummary s = DataSummary.of(load("ye", "Date,Balance\n2022-12-31,100\n2023-12-31,110\n2024-12-31,120\n"));
        assertEquals(List.of("2022", "2023", "2024"), s.categories());
        assertTrue(s.facts().stream().noneMatch(f -> f.contains("far outside")), s.facts()::toString);
    }

    /** A Year column beside an unrelated date (a hire date) stays the time. */
    @Test
    void aYearBesideAnUnrelatedDateStaysTheTime() throws Exception {
        DataSummary s = DataSummary.of(load("hire", "Year,Employee,Hire date,Salary\n2025,Ann,2019-03-01,100\n"
                + "2025,Bob,2021-06-15,90\n2025,Cy,2024-01-10,80\n2024,Ann,2019-03-01,95\n2024,Bob,2021-06-15,85\n"));
        assertEquals("Year", s.category(), s.categories()::toString);
    }

    /** A Year and Month table summarised by region keeps its workbook lookup: the region is on the data sheet. */
    @Test
    void aYearMonthTableByRegionKeepsItsLookup() throws Exception {
        DataTable t = load("ymr", "Year,Month,Region,Revenue\n2025,1,North,100\n2025,1,South,50\n2025,2,North,110\n"
                + "2025,2,South,55\n2025,3,North,120\n2025,3,South,60\n");
        DataSummary s = DataSummary.of(t, Focus.of("Revenue by region", "Revenue by region", List.of()));
        assertEquals("Region", s.category());
        assertNotNull(SummaryTable.forWorkbook(s, t, Optional.of("Data")).lookup());
    }

    /** "Year built" with "Month sold" makes dates 1950-03-01... the sale's year is "Year sold". */
    @Test
    void aYearBuiltIsNoYearOfTheMonthSold() throws Exception {
        DataSummary s = DataSummary.of(load("houses", "Year built,Month sold,Year sold,Price\n1950,3,2024,200\n"
                + "1975,4,2024,250\n2001,3,2025,300\n1988,6,2025,310\n1962,7,2024,180\n2010,1,2025,400\n"));
        assertFalse(s.categories().contains("1950-03-01"), s.categories()::toString);
    }

    /** Weekly data by region: cross-table facts name weeks as sentences do ("In the week of ..."). */
    @Test
    void crossTabFactsNameWeeksAsSentencesDo() throws Exception {
        DataSummary s = DataSummary.of(load("weekly", "Date,Region,Revenue\n2026-01-05,North,100\n2026-01-05,South,50\n"
                + "2026-01-12,North,110\n2026-01-12,South,55\n2026-01-19,North,120\n2026-01-19,South,70\n"
                + "2026-01-26,North,90\n2026-01-26,South,80\n"));
        assertTrue(s.facts().stream().noneMatch(f -> f.contains("In Week of") || f.contains("From Week of")),
                s.facts()::toString);
    }

    /**
     * 18 months of rising revenue: no fact says it fell from 2024 to 2025 (six months of 2025) or from Month 1 to
     * Month 12, since the Year and Month columns group nothing once they make the months.
     */
    @Test
    void risingMonthsDoNotReadAsAFallByYearOrMonthOfYear() throws Exception {
        StringBuilder ym = new StringBuilder("Year,Month,Region,Revenue\n");
        for (int i = 0; i < 18; i++) {
            for (String r : List.of("North", "South")) {
                ym.append(2024 + i / 12).append(',').append(1 + i % 12).append(',').append(r).append(',')
                        .append(r.equals("North") ? 100 + i : 60 + 2 * i).append('\n');
            }
        }
        DataSummary s = DataSummary.of(load("monthly18", ym.toString()));
        assertEquals("Month", s.category());
        assertTrue(s.facts().stream().noneMatch(f -> f.startsWith("Revenue fell")), s.facts()::toString);
    }

    /** Year, Month and Day columns make real dates: two years of daily rows read as months, each its days' sum. */
    @Test
    void yearMonthAndDayColumnsMakeDates() throws Exception {
        StringBuilder csv = new StringBuilder("Year,Month,Day,Revenue\n");
        double march2025 = 0;
        for (java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1); day.getYear() < 2026;
             day = day.plusDays(1)) {
            csv.append(day.getYear()).append(',').append(day.getMonthValue()).append(',').append(day.getDayOfMonth())
                    .append(',').append(day.getDayOfMonth()).append('\n');
            march2025 += day.getYear() == 2025 && day.getMonthValue() == 3 ? day.getDayOfMonth() : 0;
        }
        DataSummary s = DataSummary.of(load("daily", csv.toString()));
        assertEquals("Month", s.category());
        assertEquals(24, s.categories().size(), s.categories()::toString);
        assertEquals(march2025, s.values()[0][s.categories().indexOf("Mar 2025")], 1e-9);
        assertTrue(s.breakdowns().stream().noneMatch(b -> b.dimension().name().equals("Day")),
                "no 'Day 31' beside the dates");
    }
}
