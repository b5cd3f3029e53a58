package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rate next to an amount: the amount is summed and shared out, the rate is averaged and its changes are in
 * percentage points. The figures are worked out by hand from the rows below.
 */
class IntensiveMeasuresTest {

    /**
     * Revenue 732,000 in all. Conversion rates by region: North (3.0 + 3.4 + 4.1) / 3 = 3.5%, South 2.6%, East
     * 2.0%; by month: January 2.5%, March 2.9%; all nine rows 24.3 / 9 = 2.7%. Summed, the rates would be 24.3%,
     * and North's "share" of them 43.2%: neither may appear anywhere.
     */
    private static final String FUNNEL = """
            Region,Month,Revenue,Conversion rate
            North,2026-01,100000,3.0%
            South,2026-01,80000,2.5%
            East,2026-01,50000,2.0%
            North,2026-02,110000,3.4%
            South,2026-02,82000,2.6%
            East,2026-02,51000,2.1%
            North,2026-03,120000,4.1%
            South,2026-03,90000,2.7%
            East,2026-03,49000,1.9%
            """;

    @TempDir
    Path dir;

    private DataTable load(String csv) throws IOException {
        Path file = dir.resolve("funnel.csv");
        Files.writeString(file, csv);
        return DataLoader.load(new DataRef("funnel", file.toString(), null), "data/funnel.csv",
                InputOpener.LOCAL_FILES);
    }

    /** Columns moved: the rate first, the revenue second. */
    private static String rateFirst(String csv) {
        return csv.lines().map(line -> {
            String[] cells = line.split(",");
            return String.join(",", cells[0], cells[1], cells[3], cells[2]);
        }).reduce("", (a, b) -> a + b + "\n");
    }

    private static void assertNoSumOrShareOfTheRate(List<String> facts) {
        for (String fact : facts) {
            assertFalse(fact.contains("24.3%") || fact.contains("43.2%"), fact);
            assertFalse(fact.contains("of conversion rate") || fact.contains("of the average conversion rate"),
                    "no share of a rate: " + fact);
            if (fact.contains("conversion rate")) {
                assertTrue(fact.contains("average conversion rate"), "a rate's figure is an average: " + fact);
                assertFalse(fact.matches(".*\\(([+-]\\d+\\.\\d%|\\d+\\.\\d times)\\).*"),
                        "a rate's change is in points, not a relative change: " + fact);
            }
        }
    }

    @Test
    void revenueIsSummedAndTheRateAveragedWithItsChangeInPoints() throws IOException {
        for (String csv : List.of(FUNNEL, rateFirst(FUNNEL))) {
            List<String> facts = DataSummary.of(load(csv)).facts();
            assertEquals("Revenue totals 732,000 across 3 regions and 3 months.", facts.getFirst(), "revenue leads");
            assertTrue(facts.contains("By region, revenue is highest in North at 330,000 (45.1%), then South "
                    + "(34.4%); lowest in East (20.5%)."), facts::toString);
            assertTrue(facts.contains("The average conversion rate is 2.7% (an unweighted mean of 9 rows), highest "
                    + "in North (3.5%)."), facts::toString);
            assertTrue(facts.contains("The average conversion rate rose from 2.5% in 2026-01 to 2.9% in 2026-03 "
                    + "(+0.4 points)."), facts::toString);
            assertNoSumOrShareOfTheRate(facts);
        }
    }

    @Test
    void aRateOnItsOwnIsComparedByItsMeansAndItsPointChanges() throws IOException {
        String rateOnly = FUNNEL.lines().map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1)) + ","
                + l.substring(l.lastIndexOf(',') + 1)).reduce("", (a, b) -> a + b + "\n");
        DataSummary summary = DataSummary.of(load(rateOnly));
        List<String> facts = summary.facts();
        assertEquals("The average conversion rate is 2.7% across 3 regions and 3 months (an unweighted mean of 9 "
                + "rows).", facts.getFirst());
        assertTrue(facts.contains("By region, the average conversion rate is highest in North (3.5%), then South "
                + "(2.6%); lowest in East (2.0%)."), facts::toString);
        assertTrue(facts.contains("In 2026-03, the average conversion rate was highest in North (4.1%) and lowest in "
                + "East (1.9%)."), facts::toString);
        // North 3.0% -> 4.1%, South 2.5% -> 2.7%, East 2.0% -> 1.9%.
        assertTrue(facts.contains("From 2026-01 to 2026-03, the average conversion rate rose most in North "
                + "(+1.1 points), while it fell in East (-0.1 points)."), facts::toString);
        assertNoSumOrShareOfTheRate(facts);

        Chart chart = summary.chart();
        assertEquals(List.of("Average conversion rate"), chart.series().stream().map(Chart.Series::name).toList());
        List<Double> plotted = chart.series().getFirst().values();
        assertEquals(List.of(0.035, 0.026, 0.020), plotted.stream().map(v -> Math.round(v * 1000) / 1000.0).toList(),
                "the chart plots each region's mean");

        SummaryTable workbook = SummaryTable.forWorkbook(summary);
        assertEquals(List.of(), workbook.derived(), "no share of total or growth of a rate");
    }

    @Test
    void theSummaryTableAveragesTheRateAndSumsTheRevenue() throws IOException {
        DataSummary summary = DataSummary.of(load(FUNNEL));
        Table table = summary.table();
        assertEquals(List.of("Region", "Revenue", "Average conversion rate"),
                table.columns().stream().map(Table.Column::name).toList());
        assertEquals(Table.Aggregate.SUM, table.columns().get(1).aggregate());
        assertEquals(Table.Aggregate.AVERAGE, table.columns().get(2).aggregate());
        assertEquals(0.035, (Double) table.rows().getFirst().get(2), 1e-12, "North's mean rate");
        assertEquals(0.027, table.aggregate(2).getAsDouble(), 1e-12, "the totals row: the overall mean");

        SummaryTable workbook = SummaryTable.forWorkbook(summary);
        assertEquals(List.of("Share of Revenue"), workbook.derived().stream().map(Sheet.DerivedColumn::name).toList());
        assertEquals(1, workbook.derived().getFirst().column(), "the share is revenue's");
        assertEquals(Table.Aggregate.AVERAGE, workbook.table().columns().get(2).aggregate());
    }

    @Test
    void categoriesWithDifferentRowCountsLeaveTheRateOutOfTheTotalsRow() throws IOException {
        // North gets a fourth month (4.7%, so its mean is 3.8%): the mean of the regions' means, 2.8%, is no
        // longer the mean of the rows, 29.0 / 10 = 2.9%.
        DataSummary summary = DataSummary.of(load(FUNNEL + "North,2026-04,130000,4.7%\n"));
        Table table = summary.table();
        assertEquals(Table.Aggregate.NONE, table.columns().get(2).aggregate());
        assertTrue(table.aggregate(2).isEmpty());
        assertTrue(summary.facts().contains("The average conversion rate is 2.9% (an unweighted mean of 10 rows), "
                + "highest in North (3.8%)."), summary.facts()::toString);
    }

    @Test
    void aPairOfRatesDiffersInPointsAndNoCategoryHasAShareOfTheChange() {
        DataTable rates = Csv.table("rates", "Region,Conversion rate 2025,Conversion rate 2026",
                "North,0.030,0.034", "South,0.025,0.022", "East,0.020,0.026");
        DataSummary summary = DataSummary.of(rates);
        assertTrue(summary.pair().isPresent());
        List<String> facts = summary.facts();
        // 2025: (3.0 + 2.5 + 2.0) / 3 = 2.5%; 2026: (3.4 + 2.2 + 2.6) / 3 = 2.73%.
        assertEquals("The average conversion rate 2026 is 2.7%, 0.2 points above the average conversion rate 2025 "
                + "(2.5%).", facts.getFirst());
        assertTrue(facts.contains("By region, the rise is largest in East (+0.6 points); the only decline is in "
                + "South (-0.3 points)."), facts::toString);
        assertTrue(facts.stream().noneMatch(f -> f.contains("of the increase") || f.contains("threshold")),
                facts::toString);
        Table table = summary.table();
        assertEquals(List.of("Region", "Average conversion rate 2025", "Average conversion rate 2026",
                "Change (points)"), table.columns().stream().map(Table.Column::name).toList());
        assertEquals(0.4, (Double) table.rows().getFirst().get(3), 1e-9, "North: 3.0% to 3.4% is 0.4 points");
        assertEquals(List.of(), SummaryTable.forWorkbook(summary).derived(), "no rate of change of a rate");
    }

    @Test
    void aPercentageWrittenAsWholeNumbersStaysInItsScale() {
        DataTable margins = Csv.table("margins", "Product,Month,Margin %", "Tents,2026-01,31", "Packs,2026-01,35",
                "Tents,2026-02,33", "Packs,2026-02,37");
        List<String> facts = DataSummary.of(margins).facts();
        assertEquals("The average margin is 34.0% across 2 products and 2 months (an unweighted mean of 4 rows).",
                facts.getFirst());
        assertTrue(facts.contains("The average margin rose from 33.0% in 2026-01 to 35.0% in 2026-02 "
                + "(+2.0 points)."), facts::toString);
    }

    @Test
    void aChangeTooSmallToShowIsNotARiseOrAFall() throws IOException {
        String flat = """
                Month,Conversion rate
                2026-01,2.21%
                2026-02,2.40%
                2026-03,2.24%
                """;
        List<String> facts = DataSummary.of(load(flat)).facts();
        assertTrue(facts.contains("The average conversion rate was 2.2% in both 2026-01 and 2026-03, peaking at 2.4% in "
                + "2026-02."), facts::toString);
        assertFalse(facts.stream().anyMatch(f -> f.contains("+0.0 points") || f.contains("rose from 2.2% to 2.2%")),
                facts::toString);
    }
}
