package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels held at a time (headcount, a balance) add up across departments on one date but not over time: a month's
 * headcount is its month-end's, a department's is its latest, and no total sums the months. Amounts beside them
 * (hires) are summed as before. Every expected figure is worked out from the rows the test writes.
 */
class LevelMeasuresTest {

    private static final List<String> DEPARTMENTS = List.of("Engineering", "Sales", "Support");
    private static final YearMonth FIRST = YearMonth.of(2025, 1);
    private static final int MONTHS = 15;

    /** Department d's headcount at the end of month i: it grows and, for Support, shrinks after month 8. */
    private static double headcount(int d, int i) {
        return switch (d) {
            case 0 -> 40 + 2 * i;
            case 1 -> 25 + i % 4;
            default -> i < 8 ? 12 + i : 20 - (i - 8);
        };
    }

    private static double hires(int d, int i) {
        return 1 + (d + i) % 3;
    }

    private static DataTable load(Path dir, String name, String csv) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".csv"), csv);
        return DataLoader.load(new DataRef(name, file.toString(), ""), "data/" + name + ".csv",
                InputOpener.LOCAL_FILES);
    }

    /** A row per department and month-end, in month order. */
    private static DataTable staffing(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Department,Date,Headcount,Hires\n");
        for (int i = 0; i < MONTHS; i++) {
            LocalDate monthEnd = FIRST.plusMonths(i).atEndOfMonth();
            for (int d = 0; d < DEPARTMENTS.size(); d++) {
                csv.append(DEPARTMENTS.get(d)).append(',').append(monthEnd).append(',')
                        .append((long) headcount(d, i)).append(',').append((long) hires(d, i)).append('\n');
            }
        }
        return load(dir, "staffing", csv.toString());
    }

    private static double monthTotal(int i) {
        double total = 0;
        for (int d = 0; d < DEPARTMENTS.size(); d++) {
            total += headcount(d, i);
        }
        return total;
    }

    @Test
    void headcountIsClassifiedAsALevelAndHiresAsAnAmount(@TempDir Path dir) throws IOException {
        DataSummary summary = DataSummary.of(staffing(dir));
        assertEquals(List.of("Headcount", "Hires"), summary.measures());
        assertEquals(MeasureKind.LEVEL, summary.metrics().get(0).kind());
        assertEquals(MeasureKind.AMOUNT, summary.metrics().get(1).kind());
    }

    @Test
    void eachMonthsHeadcountIsTheSumOfTheDepartmentsAndTheTotalsRowLeavesItBlank(@TempDir Path dir)
            throws IOException {
        DataSummary summary = DataSummary.of(staffing(dir));
        assertTrue(summary.timeSeries(), "by month");
        Table table = summary.table();
        assertEquals(MONTHS, table.rows().size(), table.rows()::toString);
        for (int i = 0; i < MONTHS; i++) {
            assertEquals(monthTotal(i), (Double) table.rows().get(i).get(1), 1e-9, "headcount, month " + i);
        }
        assertEquals(Table.Aggregate.NONE, table.columns().get(1).aggregate(),
                "fifteen month-ends of headcount add up to no headcount");
        assertEquals(Table.Aggregate.SUM, table.columns().get(2).aggregate(), "hires over the months add up");
        String headline = summary.facts().getFirst();
        assertTrue(headline.startsWith("Headcount rose from " + summary.metrics().getFirst().figure(monthTotal(0))
                + " in Jan 2025 to " + summary.metrics().getFirst().figure(monthTotal(MONTHS - 1)) + " in Mar 2026"),
                headline);
    }

    @Test
    void byDepartmentHeadcountIsTheLatestMonthsAndSaysSo(@TempDir Path dir) throws IOException {
        DataSummary summary = DataSummary.of(staffing(dir), Focus.of("Headcount by department", "", List.of()));
        assertEquals("Department", summary.category());
        assertEquals(Optional.of("Mar 2026"), summary.levelTime(0));
        assertEquals(Optional.empty(), summary.levelTime(1), "hires are no level");
        Table table = summary.table();
        assertEquals("Headcount (Mar 2026)", table.columns().get(1).name());
        assertEquals("Hires", table.columns().get(2).name());
        assertEquals(Table.Aggregate.SUM, table.columns().get(1).aggregate(), "departments add up at one time");
        double hiresTotal = 0;
        for (int d = 0; d < DEPARTMENTS.size(); d++) {
            assertEquals(DEPARTMENTS.get(d), table.rows().get(d).getFirst());
            assertEquals(headcount(d, MONTHS - 1), (Double) table.rows().get(d).get(1), 1e-9, DEPARTMENTS.get(d));
            double hires = 0;
            for (int i = 0; i < MONTHS; i++) {
                hires += hires(d, i);
            }
            assertEquals(hires, (Double) table.rows().get(d).get(2), 1e-9, "hires are summed over every month");
            hiresTotal += hires;
        }
        assertEquals(monthTotal(MONTHS - 1), summary.total(0), 1e-9, "the company's latest headcount");
        assertEquals(hiresTotal, summary.total(1), 1e-9);
        Measure headcount = summary.metrics().getFirst();
        String facts = String.join("\n", summary.facts());
        assertFalse(facts.contains(headcount.figure(sumOfEveryRow())), "no sum of every month's headcount: " + facts);
        assertTrue(facts.contains("In Mar 2026, Engineering accounted for "
                + Rates.percent(headcount(0, MONTHS - 1) / monthTotal(MONTHS - 1)) + " of headcount"), facts);
    }

    private static double sumOfEveryRow() {
        double sum = 0;
        for (int i = 0; i < MONTHS; i++) {
            sum += monthTotal(i);
        }
        return sum;
    }

    @Test
    void aDailyBalanceIsTakenAtEachMonthsLastDayAndThePartialLastMonthStillCompares(@TempDir Path dir)
            throws IOException {
        StringBuilder csv = new StringBuilder("Date,Closing balance\n");
        Map<YearMonth, Double> monthEnd = new LinkedHashMap<>();
        LocalDate last = LocalDate.of(2026, 3, 10);
        for (LocalDate day = LocalDate.of(2025, 1, 1); !day.isAfter(last); day = day.plusDays(1)) {
            double balance = 10_000 + 37 * day.getDayOfYear() + 500 * (day.getMonthValue() % 4);
            csv.append(day).append(',').append((long) balance).append('\n');
            monthEnd.put(YearMonth.from(day), balance);
        }
        DataSummary summary = DataSummary.of(load(dir, "balances", csv.toString()));
        Table table = summary.table();
        List<Double> expected = List.copyOf(monthEnd.values());
        assertEquals(expected.size(), table.rows().size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k), (Double) table.rows().get(k).get(1), 1e-9, table.rows().get(k).toString());
        }
        assertEquals("Mar 2026 (to 10 Mar)", table.rows().getLast().getFirst(), "the month is still flagged partial");
        Measure balance = summary.metrics().getFirst();
        String facts = String.join("\n", summary.facts());
        assertTrue(summary.facts().getFirst().contains("to " + balance.figure(expected.getLast()) + " in Mar 2026"),
                "a level on 10 Mar is March's latest, so the trend runs to it: " + summary.facts().getFirst());
        assertTrue(facts.contains("Mar 2026 is partial (data to 10 Mar): the latest closing balance is "
                + balance.figure(expected.getLast()) + "."), facts);
        assertFalse(facts.contains("a day"), "no per-day rate of a balance: " + facts);
        assertEquals("Mar 2026 (to 10 Mar)", summary.chart().categories().getLast(),
                "a balance on 10 Mar is no shortfall: the line keeps it");

        Sheet sheet = SummaryTable.forWorkbook(summary).sheet("Summary", List.of(), List.of());
        Sheet.DerivedColumn change = sheet.derivedColumns().getFirst();
        assertEquals(Sheet.DerivedKind.GROWTH_FROM_PREVIOUS, change.kind());
        assertEquals(List.of(), change.incomparableRows(), "March's balance compares with February's");
    }

    /** A placeholder row dated 9999-12-31 is no latest time: the level stays the data's latest month's. */
    @Test
    void aStrayFutureDateIsNotTheLatestTime(@TempDir Path dir) throws IOException {
        DataTable staffing = staffing(dir);
        String withStray = Files.readString(dir.resolve("staffing.csv")) + "Engineering,9999-12-31,999,0\n";
        DataTable table = load(dir, "staffing-with-stray", withStray);
        DataSummary byMonth = DataSummary.of(table);
        assertEquals(monthTotal(MONTHS - 1), byMonth.total(0), 1e-9, "the latest month's, not Dec 9999's");
        DataSummary byDepartment = DataSummary.of(table, Focus.of("Headcount by department", "", List.of()));
        assertEquals(Optional.of("Mar 2026"), byDepartment.levelTime(0));
        assertEquals(headcount(0, MONTHS - 1), byDepartment.values()[0][0], 1e-9, "Engineering's March headcount");
        assertEquals(staffing.rows().size() + 1, table.rows().size());
    }

    @Test
    void withoutDatesALevelIsSummedLikeAnAmount(@TempDir Path dir) throws IOException {
        DataTable table = load(dir, "teams", """
                Department,Team,Headcount
                Engineering,Platform,12
                Engineering,Apps,9
                Sales,North,7
                """);
        DataSummary summary = DataSummary.of(table);
        assertEquals(MeasureKind.AMOUNT, summary.metrics().getFirst().kind(), "no time to take a level at");
        assertEquals(Optional.empty(), summary.levelTime(0));
        assertEquals(28, summary.total(0), 1e-9, "every row is a different team at the same time");
        assertEquals("Headcount", summary.table().columns().get(1).name());
        assertEquals(21, (Double) summary.table().rows().getFirst().get(1), 1e-9);
    }
}
