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
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A level's total gains an entity that starts within the data (a new department) and loses one that stops: the
 * facts say so, with the entity's level then, so a rise from a new department does not read as the others'
 * growth. An entity missing from the latest month only is a gap (its report not in yet), not one that stopped.
 */
class LevelEntitiesTest {

    @TempDir
    Path dir;

    private DataTable load(String csv) throws Exception {
        Path file = Files.writeString(dir.resolve("staff.csv"), csv);
        return DataLoader.load(new DataRef("staff", file.toString(), ""), "data/staff.csv", InputOpener.LOCAL_FILES);
    }

    /** Engineering all year; Marketing from Jul (12 then 13, ...); Support to Oct (its last headcount 8). */
    private static String staffing() {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int month = 1; month <= 12; month++) {
            String end = YearMonth.of(2025, month).atEndOfMonth().toString();
            csv.append(end).append(",Engineering,").append(40 + month).append('\n');
            if (month >= 7) {
                csv.append(end).append(",Marketing,").append(5 + month).append('\n');
            }
            if (month <= 10) {
                csv.append(end).append(",Support,").append(18 - month).append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void aDepartmentThatStartsOrStopsWithinTheDataIsNamedWithItsHeadcountThen() throws Exception {
        DataSummary summary = DataSummary.of(load(staffing()));
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains("Headcount starts in Jul 2025 for Marketing (12), so the figures from Jul 2025 on"
                + " include it."), facts);
        assertTrue(facts.contains("Headcount stops after Oct 2025 for Support (8)."), facts);
        assertFalse(facts.contains("has no headcount for Support"), "a department gone for two months is no gap: "
                + facts);
        // The months' totals still add up whoever is there.
        assertEquals(47.0 + 12.0 + 11.0, (Double) summary.table().rows().get(6).get(1), 1e-9,
                "Jul: Engineering 47, Marketing 12, Support 11 ... " + summary.table().rows().get(6));
    }

    @Test
    void aDepartmentMissingOnlyFromTheLatestMonthIsAGapNotAStop() throws Exception {
        String csv = staffing().lines().filter(l -> !l.startsWith("2025-12-31,Marketing")).reduce("",
                (a, b) -> a + b + "\n");
        String facts = String.join("\n", DataSummary.of(load(csv)).facts());
        assertTrue(facts.contains("Dec 2025 has no headcount for Marketing"), facts);
        assertFalse(facts.contains("stops after Nov 2025 for Marketing"), facts);
    }

    private static String end(int year, int month) {
        return YearMonth.of(year, month).atEndOfMonth().toString();
    }

    /** Engineering and Sales Jan to Jun 2025, and the rows {@code extra} adds. */
    private static String twoDepartments(java.util.function.IntFunction<String> extra) {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int m = 1; m <= 6; m++) {
            csv.append(end(2025, m)).append(",Engineering,").append(40 + m).append('\n');
            csv.append(end(2025, m)).append(",Sales,").append(20 + m).append('\n');
            csv.append(extra.apply(m));
        }
        return csv.toString();
    }

    /** "Subscribers start", as every other fact of a plural level agrees. */
    @Test
    void aPluralLevelStartsAndStops() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Region,Subscribers\n");
        for (int m = 1; m <= 6; m++) {
            csv.append(end(2025, m)).append(",EMEA,").append(400 + m).append('\n');
            if (m >= 3) {
                csv.append(end(2025, m)).append(",APAC,").append(200 + m).append('\n');
            }
            if (m <= 3) {
                csv.append(end(2025, m)).append(",LATAM,").append(100 + m).append('\n');
            }
        }
        String facts = String.join("\n", DataSummary.of(load(csv.toString())).facts());
        assertTrue(facts.contains("Subscribers start in Mar 2025 for APAC (203)"), facts);
        assertTrue(facts.contains("Subscribers stop after Mar 2025 for LATAM (103)."), facts);
    }

    /** A team in one month only is one fact, not a start "included from then on" and a stop. */
    @Test
    void anEntityOfOneMonthIsIncludedThenOnly() throws Exception {
        String facts = String.join("\n", DataSummary.of(load(twoDepartments(m -> m == 3 ? end(2025, 3)
                + ",Temp,7\n" : ""))).facts());
        assertTrue(facts.contains("Headcount includes Temp (7) in Mar 2025 only."), facts);
        assertFalse(facts.contains("for Temp (7),") || facts.contains("stops after Mar 2025 for Temp"), facts);
    }

    /** A department new in the latest month is in that month's figure. */
    @Test
    void anArrivalInTheLatestMonthIsInItsFigure() throws Exception {
        String facts = String.join("\n", DataSummary.of(load(twoDepartments(m -> m == 6 ? end(2025, 6)
                + ",Legal,4\n" : ""))).facts());
        assertTrue(facts.contains("Headcount starts in Jun 2025 for Legal (4), so the figures from Jun 2025 on include"
                + " it."), facts);
    }

    /** A placeholder at 0 adds nothing to the total: it neither starts nor stops. */
    @Test
    void anEntityAtZeroIsNotNamed() throws Exception {
        String facts = String.join("\n", DataSummary.of(load(twoDepartments(m -> m == 1 ? end(2025, 1)
                + ",Legacy,0\n" : ""))).facts());
        assertFalse(facts.contains("Legacy"), facts);
    }

    /** A department that reports quarterly in monthly data neither starts in March nor stops after September. */
    @Test
    void aQuarterlyReporterKeepsItsRhythm() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int m = 1; m <= 11; m++) {
            csv.append(end(2025, m)).append(",Engineering,").append(40 + m).append('\n');
            if (m % 3 == 0) {
                csv.append(end(2025, m)).append(",Field Ops,").append(10 + m).append('\n');
            }
        }
        String facts = String.join("\n", DataSummary.of(load(csv.toString())).facts());
        assertFalse(facts.contains("starts in Mar 2025 for Field Ops") || facts.contains("stops after Sep 2025"),
                facts);
    }

    /** A bank account without postings keeps its balance: it did not stop. */
    @Test
    void aDormantAccountDoesNotStop() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Account,Description,Balance,Amount\n");
        String[] merchants = {"Tesco", "Rent", "Shell", "Amazon", "Netflix", "Transfer"};
        double current = 2000;
        double savings = 5000;
        int n = 0;
        for (java.time.LocalDate d = java.time.LocalDate.of(2025, 1, 2); d.isBefore(java.time.LocalDate.of(2025, 7, 1));
             d = d.plusDays(4)) {
            n++;
            current -= 30.5;
            csv.append(d).append(",Current,").append(merchants[n % 6]).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", current)).append(",-30.5\n");
            if (d.getMonthValue() <= 4) {
                savings += 100;
                csv.append(d).append(",Savings,").append(merchants[(n + 3) % 6]).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.2f", savings)).append(",100\n");
            }
        }
        String facts = String.join("\n", DataSummary.of(load(csv.toString())).facts());
        assertFalse(facts.contains("stops after Apr 2025 for Savings"), facts);
    }

    /** A date and a Year column: Marketing's start is said once, by the months, not again by the years. */
    @Test
    void anArrivalIsSaidOnce() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Year,Department,Headcount\n");
        for (int y = 2023; y <= 2025; y++) {
            for (int m = 1; m <= 12; m++) {
                csv.append(end(y, m)).append(',').append(y).append(",Engineering,").append(40 + m).append('\n');
                if (y == 2025 && m >= 7) {
                    csv.append(end(y, m)).append(',').append(y).append(",Marketing,").append(5 + m).append('\n');
                }
            }
        }
        String facts = String.join("\n", DataSummary.of(load(csv.toString())).facts());
        assertEquals(1, facts.lines().filter(f -> f.contains(" starts in ") && f.contains("Marketing")).count(), facts);
    }

    /** Months written as names, a fiscal year from April: Marketing starts in January, Support's March is not in. */
    @Test
    void monthNamesOfAFiscalYearSayWhoStartsAndWhatIsMissing() throws Exception {
        List<String> months = List.of("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb",
                "Mar");
        StringBuilder csv = new StringBuilder("Month,Department,Headcount\n");
        for (int i = 0; i < months.size(); i++) {
            csv.append(months.get(i)).append(",Engineering,").append(40 + i).append('\n');
            if (i >= 9) {
                csv.append(months.get(i)).append(",Marketing,").append(3 + i).append('\n');
            }
            if (i < 11) {
                csv.append(months.get(i)).append(",Support,").append(10 + i).append('\n');
            }
        }
        String facts = String.join("\n", DataSummary.of(load(csv.toString())).facts());
        assertTrue(facts.contains("Headcount starts in Jan for Marketing (12), so the figures from Jan on include it."),
                facts);
        assertTrue(facts.contains("Mar has no headcount for Support"), facts);
    }

    @Test
    void entitiesPresentThroughoutSayNothing() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int month = 1; month <= 6; month++) {
            String end = YearMonth.of(2025, month).atEndOfMonth().toString();
            csv.append(end).append(",Engineering,").append(40 + month).append('\n');
            csv.append(end).append(",Sales,").append(20 + month).append('\n');
        }
        String facts = String.join("\n", DataSummary.of(load(csv.toString())).facts());
        assertFalse(facts.contains(" starts in ") || facts.contains(" stops after "), facts);
    }
}
