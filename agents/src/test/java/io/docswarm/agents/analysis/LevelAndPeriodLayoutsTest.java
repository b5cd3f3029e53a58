package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Levels, running balances and periods in layouts real files have, each a CSV in the test resources' analysis
 * folder: departments listed in blocks, two accounts' statements, debit and credit columns, newest-first
 * statements, Year with Month name or number, quarter and month-start dates, a stray placeholder among yearly data,
 * and gaps beside strays.
 */
class LevelAndPeriodLayoutsTest {

    private static DataSummary of(String name) {
        java.net.URL resource = LevelAndPeriodLayoutsTest.class.getResource("/analysis/" + name + ".csv");
        String path = java.nio.file.Path.of(java.net.URI.create(resource.toString())).toString();
        DataTable t = DataLoader.load(new DataRef(name, path, ""), "data/" + name + ".csv", InputOpener.LOCAL_FILES);
        return DataSummary.of(t);
    }

    private static String facts(DataSummary s) {
        return String.join("\n", s.facts());
    }

    @Test
    void headcountByDepartmentSortedByDepartmentIsNoRunningBalance() {
        DataSummary s = of("rb-headcount-by-dept-sorted");
        int h = s.measures().indexOf("Headcount");
        assertEquals(213.0, s.values()[h][0], "Jan 2025: Sales 52 + Ops 71 + HR 92, not HR's 92 alone");
    }

    @Test
    void twoAccountsListedInBlocksAreTwoBalances() {
        DataSummary s = of("rb-two-accounts-blocks");
        int b = s.measures().indexOf("Balance");
        assertTrue(s.values()[b][s.values()[b].length - 1] > 5900, "Checking + Savings, not Savings alone: "
                + s.values()[b][s.values()[b].length - 1]);
    }

    @Test
    void debitAndCreditColumnsWithZerosRunTheBalance() {
        DataSummary s = of("rb-debit-credit-zeros");
        int b = s.measures().indexOf("Balance");
        assertEquals(1179.0, s.values()[b][0], "2 Jan's balance is its last posting's, not 1200 + 1179");
    }

    @Test
    void yearQuarterMonthColumnsAreByMonth() {
        DataSummary s = of("ym-with-quarter");
        assertEquals("Month", s.category(), s.categories()::toString);
    }

    @Test
    void yearMonthWeekOfMonthColumnsAreByMonth() {
        assertEquals("Month", of("ym-with-week-of-month").category());
    }

    @Test
    void anInvalidDayDoesNotMakeTheSummaryByDayOfMonth() {
        DataSummary s = of("ymd-invalid-31feb");
        assertNotEquals("Day", s.category(), s.facts().getFirst());
    }

    @Test
    void calendarYearPairsWithMonth() {
        assertEquals("Month", of("calendar-year-month").category());
    }

    @Test
    void yearPairsWithMonthName() {
        assertEquals("Month", of("year-month-name").category());
    }

    @Test
    void yearPairsWithMonthNumber() {
        assertEquals("Month", of("year-month-number").category());
    }

    @Test
    void aMonthNumberBeforeTheDateDoesNotMergeYears() {
        DataSummary s = of("month-number-before-date");
        assertEquals("Month", s.category());
        assertEquals("Nov 2024", s.categories().getFirst(), s.categories()::toString);
    }

    @Test
    void twoQuartersAreNotFourMonthsWithZeros() {
        DataSummary s = of("yq-two-quarters");
        assertFalse(s.categories().contains("Feb 2025"), s.categories()::toString);
        assertFalse(facts(s).contains("against 0 in Mar 2025"), facts(s));
    }

    @Test
    void twoQuarterStartDatesAreNotFourMonthsWithZeros() {
        DataSummary s = of("dates-two-quarter-starts");
        assertFalse(s.categories().contains("Feb 2025"), s.categories()::toString);
    }

    @Test
    void threeFirstQuartersAreNotYears() {
        DataSummary s = of("yq-three-Q1s");
        assertNotEquals(List.of("2023", "2024", "2025"), s.categories(), "each is a Q1, not a year's revenue");
    }

    @Test
    void threeJanuariesAreNotYears() {
        DataSummary s = of("ym-three-januaries");
        assertNotEquals(List.of("2023", "2024", "2025"), s.categories(), "each is a January, not a year's revenue");
    }

    @Test
    void aStrayPeriodIsNoLevelGap() {
        DataSummary s = of("gaps-stray-entity");
        assertFalse(facts(s).contains("Dec 9999 has no headcount"), facts(s));
    }

    @Test
    void anEarlyStrayRowMakesNoGaps() {
        DataSummary s = of("gaps-early-stray-entity");
        assertTrue(s.facts().getFirst().startsWith("Headcount rose from"), facts(s));
        assertFalse(facts(s).contains("no headcount for Contractors"), facts(s));
    }

    @Test
    void aLatestPeriodGapDoesNotDriveTheSharesByDepartment() {
        DataSummary s = of("gaps-mid-and-latest");
        assertFalse(facts(s).contains("In Jun 2025, Ops accounted for 58.9%"),
                "June lacks HR (a fact says so) yet its shares are stated: " + facts(s));
        assertFalse(facts(s).contains("splits 58.9% Ops (66) and 41.1% Sales (46)"), facts(s));
    }

    @Test
    void anEpochPlaceholderBeforeTwentyYearsIsStillAStray() {
        DataSummary s = of("stray-1970-with-21-years");
        assertFalse(s.facts().getFirst().contains("1970"), s.facts().getFirst());
    }

    @Test
    void aBlankDayKeepsItsRowsMonth() {
        DataSummary s = of("ymd-one-blank-day");
        assertFalse(s.categories().contains("(blank)"), s.categories()::toString);
    }
}
