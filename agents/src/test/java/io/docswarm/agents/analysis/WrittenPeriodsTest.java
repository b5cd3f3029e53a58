package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Months and quarters as exports write them besides "Mar" and "Q1": abbreviations with a dot ("Sept.", "Mar."),
 * "Quarter 1", "Qtr 2", "3Q", "4th quarter". They are read as the same periods, so a Year and Quarter table is by
 * quarter and text periods sort in calendar order; a dot between digits and words that only contain a quarter's
 * letters are no such period.
 */
class WrittenPeriodsTest {

    @TempDir
    Path dir;

    private static int month(String label) {
        OptionalInt m = TextPeriods.positionInYear(label.toLowerCase(java.util.Locale.ROOT), 12);
        return m.orElse(-1);
    }

    private static int quarter(String label) {
        OptionalInt q = TextPeriods.positionInYear(label.toLowerCase(java.util.Locale.ROOT), 4);
        return q.orElse(-1);
    }

    @Test
    void abbreviatedMonthsAndWrittenOutQuartersAreThoseOfTheYear() {
        assertEquals(9, month("Sept."));
        assertEquals(9, month("Sept"));
        assertEquals(3, month("Mar."));
        assertEquals(12, month("December"));
        assertEquals(1, quarter("Quarter 1"));
        assertEquals(2, quarter("Qtr 2"));
        assertEquals(2, quarter("Qtr2"));
        assertEquals(3, quarter("3Q"));
        assertEquals(4, quarter("4th quarter"));
        assertEquals(2, quarter("Qtr. 2"));
        assertEquals(1, quarter("Quarter-1"));
        assertEquals(1, quarter("1st Qtr"));
        // Not periods of the year: a fifth quarter, a word that only starts like a month, a month as a quarter.
        assertEquals(-1, quarter("Quarter 5"));
        assertEquals(-1, month("Market"));
        assertEquals(-1, quarter("Sept."));
    }

    @Test
    void writtenPeriodsWithTheirYearSortInCalendarOrder() {
        List<String> labels = List.of("Sept. 2025", "Aug. 2025", "Oct 2025", "Quarter 1 2026", "4Q2025",
                "Qtr 2 2025", "2026.03");
        List<String> sorted = labels.stream()
                .sorted(java.util.Comparator.comparingLong(l -> TextPeriods.calendarKey(l.toLowerCase()).orElseThrow()))
                .toList();
        assertEquals(List.of("Qtr 2 2025", "Aug. 2025", "Sept. 2025", "Oct 2025", "4Q2025", "Quarter 1 2026",
                "2026.03"), sorted);
    }

    /**
     * A spreadsheet's "Jan-25", fiscal quarters "FY25 Q1" and years "FY2026", and years across two calendar years
     * "2024-25" sort in time order; "Mar 15" may be a day, so it is no period.
     */
    @Test
    void spreadsheetAndFiscalLabelsSortInTimeOrder() {
        assertEquals(List.of("Dec-24", "Jan-25", "Feb'25", "Mar '25"),
                sortedByTime(List.of("Jan-25", "Mar '25", "Dec-24", "Feb'25")));
        assertEquals(List.of("FY24 Q4", "FY25 Q1", "Q2 FY25", "FY2025-H2", "FY2026"),
                sortedByTime(List.of("FY2026", "FY25 Q1", "FY2025-H2", "Q2 FY25", "FY24 Q4")));
        assertEquals(List.of("2023-24", "2024-25", "2025/26"), sortedByTime(List.of("2024-25", "2025/26", "2023-24")));
        assertTrue(TextPeriods.calendarKey("Mar 15").isEmpty(), "a day of March, or March 2015: not read");
        assertTrue(TextPeriods.calendarKey("2024-26").isEmpty(), "no year runs across three");
        assertEquals(TextPeriods.calendarKey("Dec 2011"), TextPeriods.calendarKey("2011-12"), "a month first");
    }

    private static List<String> sortedByTime(List<String> labels) {
        return labels.stream().sorted(java.util.Comparator.comparingLong(l -> TextPeriods.calendarKey(l)
                .orElseThrow(() -> new AssertionError(l + " is no period")))).toList();
    }

    @Test
    void aYearAndAQuarterColumnWrittenOutAreQuarters() throws Exception {
        StringBuilder csv = new StringBuilder("Year,Quarter,Revenue\n");
        for (int year = 2024; year <= 2025; year++) {
            for (int q = 1; q <= 4; q++) {
                csv.append(year).append(",Quarter ").append(q).append(',').append(100 * year + q).append('\n');
            }
        }
        DataSummary s = DataSummary.of(load("quarters", csv.toString()));
        assertEquals("Quarter", s.category(), s.categories()::toString);
        assertEquals(List.of("2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4"),
                s.categories());
    }

    @Test
    void aYearAndAMonthColumnOfAbbreviationsWithDotsAreMonths() throws Exception {
        List<String> written = List.of("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                "Nov.", "Dec.");
        StringBuilder csv = new StringBuilder("Year,Month,Revenue\n");
        for (int m = 0; m < 12; m++) {
            csv.append(2025).append(',').append(written.get(m)).append(',').append(1000 + m).append('\n');
        }
        DataSummary s = DataSummary.of(load("months", csv.toString()));
        assertEquals("Month", s.category(), s.categories()::toString);
        assertEquals("Sep 2025", s.categories().get(8));
        assertTrue(s.facts().getFirst().contains("Dec 2025"), s.facts().getFirst());
    }

    /**
     * A file sorted by region whose first region has no January: the months still run Jan, Feb, Mar, and the trend
     * runs from January's total to March's.
     */
    @Test
    void monthNamesOfAFileSortedByRegionAreInCalendarOrder() throws Exception {
        DataSummary s = DataSummary.of(load("regions", """
                Region,Month,Revenue
                North,Feb,120
                North,Mar,130
                South,Jan,200
                South,Feb,210
                South,Mar,260
                """), Focus.of("Revenue by month", "", List.of()));
        assertEquals("Month", s.category(), s.categories()::toString);
        assertEquals(List.of("Jan", "Feb", "Mar"), s.categories());
        assertEquals(List.of(200.0, 330.0, 390.0), List.of(s.table().rows().get(0).get(1), s.table().rows().get(1).get(1),
                s.table().rows().get(2).get(1)));
        String facts = String.join("\n", s.facts());
        assertTrue(facts.contains("Revenue rose from 200 in Jan to 390 in Mar"), facts);
    }

    /**
     * Months with no year run round the year: a fiscal year of April to March stays in that order, and six months
     * from October start in October, however the file is sorted; four quarters from Q3 start at the file's first.
     */
    @Test
    void monthsWithNoYearRunRoundTheYear() throws Exception {
        List<String> fiscal = List.of("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb",
                "Mar");
        StringBuilder csv = new StringBuilder("Month,Revenue\n");
        for (int i = 0; i < fiscal.size(); i++) {
            csv.append(fiscal.get(i)).append(',').append(100 + 10 * i).append('\n');
        }
        DataSummary year = DataSummary.of(load("fiscal", csv.toString()));
        assertEquals(fiscal, year.categories());
        assertTrue(String.join("\n", year.facts()).contains("Revenue rose from 100 in Apr to 210 in Mar"),
                year.facts()::toString);

        DataSummary half = DataSummary.of(load("half", """
                Region,Month,Revenue
                North,Jan,5
                North,Feb,6
                North,Mar,7
                South,Oct,1
                South,Nov,2
                South,Dec,3
                South,Jan,4
                """), Focus.of("Revenue by month", "", List.of()));
        assertEquals(List.of("Oct", "Nov", "Dec", "Jan", "Feb", "Mar"), half.categories());

        DataSummary quarters = DataSummary.of(load("quarters", "Quarter,Revenue\nQ3,1\nQ4,2\nQ1,3\nQ2,4\n"));
        assertEquals(List.of("Q3", "Q4", "Q1", "Q2"), quarters.categories());
    }

    /** A headcount by month from October to March: its figure is March's, the latest. */
    @Test
    void aLevelOverTheTurnOfTheYearIsTheLatestMonths() throws Exception {
        StringBuilder csv = new StringBuilder("Month,Team,Headcount\n");
        List<String> months = List.of("Oct", "Nov", "Dec", "Jan", "Feb", "Mar");
        for (int i = 0; i < months.size(); i++) {
            csv.append(months.get(i)).append(",Apps,").append(10 + i).append('\n');
            csv.append(months.get(i)).append(",Platform,").append(20 + i).append('\n');
        }
        DataSummary s = DataSummary.of(load("headcount", csv.toString()), Focus.of("Headcount by month", "",
                List.of()));
        assertEquals(months, s.categories());
        assertEquals(40.0, s.total(0), 1e-9, "March's 15 + 25: " + s.facts());
    }

    /**
     * Region by month facts of a file sorted by region whose first region has no January: the latest month is
     * March, and each region's change runs from January.
     */
    @Test
    void crossTableFactsOfAFileSortedByRegionRunFromJanuaryToMarch() throws Exception {
        DataSummary s = DataSummary.of(load("regions3", """
                Region,Month,Revenue
                North,Feb,120
                North,Mar,130
                South,Jan,200
                South,Feb,210
                South,Mar,260
                West,Jan,50
                West,Feb,80
                West,Mar,90
                """), Focus.of("Revenue by month", "", List.of()));
        String facts = String.join("\n", s.facts());
        assertTrue(facts.contains("In Mar, South accounted for"), facts);
        assertTrue(facts.contains("From Jan to Mar, revenue grew"), facts);
        assertFalse(facts.contains("to Jan,") || facts.contains("In Jan,"), facts);
    }

    /** A blank month is no point of the line: it would read as a fall after March. */
    @Test
    void theLineLeavesOutTheBlankPeriod() throws Exception {
        DataSummary s = DataSummary.of(load("blank", """
                Region,Month,Revenue
                North,Jan,100
                North,Feb,110
                North,Mar,120
                South,,5
                South,Jan,200
                South,Feb,210
                South,Mar,230
                """), Focus.of("Revenue by month", "", List.of()));
        assertEquals(List.of("Jan", "Feb", "Mar"), s.chart().categories());
    }

    /** Labels that are not all calendar periods keep the file's order. */
    @Test
    void periodLabelsThatAreNotAllCalendarPeriodsKeepTheFilesOrder() throws Exception {
        DataSummary s = DataSummary.of(load("phases", """
                Period,Revenue
                Launch,10
                Jan,20
                Ramp-up,30
                """));
        assertEquals(List.of("Launch", "Jan", "Ramp-up"), s.categories());
    }

    private DataTable load(String name, String csv) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".csv"), csv);
        return DataLoader.load(new DataRef(name, file.toString(), ""), "data/" + name + ".csv",
                InputOpener.LOCAL_FILES);
    }
}
