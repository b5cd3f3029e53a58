package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Table;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The variance between paired measures, from fixtures whose figures are worked out by hand in each test. */
class ComparisonFactsTest {

    // Plan 100 + 200 + 300 = 600, actual 95 + 230 + 330 = 655: +55, 55 / 600 = 9.2%.
    private static final DataTable SPEND = Csv.table("spend", "Month,Planned spend,Actual spend",
            "2026-01,100,95", "2026-02,200,230", "2026-03,300,330");

    @Test
    void planAndActualAreComparedOverallAndByPeriod() {
        List<String> facts = DataSummary.of(SPEND).facts();
        assertEquals("Actual spend totals 655, 55 (9.2%) above planned spend (600).", facts.getFirst());
        // February +30 (+15.0%) and March +30 (+10.0%) are above plan, January -5 below: equal gaps keep time order.
        assertTrue(facts.contains("Actual spend exceeded planned spend in 2 of 3 months, most in 2026-02 (+30, "
                + "+15.0%) and 2026-03 (+30, +10.0%)."), facts::toString);
        assertTrue(facts.stream().noneMatch(f -> f.startsWith("Planned spend")),
                "the plan is the reference, not a subject of its own: " + facts);
    }

    @Test
    void aShortfallIsCountedOnItsOwnSide() {
        DataTable under = Csv.table("sales", "Quarter,Target,Achieved", "Q1,100,90", "Q2,100,104", "Q3,100,80");
        List<String> facts = DataSummary.of(under).facts();
        // 274 against 300: 26 below, 26 / 300 = 8.7%; Q3 -20 (-20.0%) and Q1 -10 (-10.0%) are below.
        assertEquals("Achieved totals 274, 26 (8.7%) below target (300).", facts.getFirst());
        assertTrue(facts.contains("Achieved stayed below target in 2 of 3 quarters, most in Q3 (-20, -20.0%) and "
                + "Q1 (-10, -10.0%)."), facts::toString);
    }

    // Two departments by two cost types. 2026: 100 + 50 + 200 + 40 = 390; 2027: 120 + 40 + 230 + 50 = 440.
    private static final DataTable BUDGET = Csv.table("budget", "Department,Cost type,Budget 2026,Budget 2027",
            "Sales,Salaries,100,120", "Sales,Travel,50,40", "Tech,Salaries,200,230", "Tech,Tools,40,50");

    @Test
    void growthIsTracedToEachDimension() {
        List<String> facts = DataSummary.of(BUDGET).facts();
        assertEquals("Budget 2027 totals 440, 50 (12.8%) above budget 2026 (390).", facts.getFirst());
        // Sales 150 -> 160 (+10, +6.7%), Tech 240 -> 280 (+40, +16.7%): Tech gives 40 / 50 = 80% of the increase.
        assertTrue(facts.contains("By department, 80.0% of the increase comes from Tech (+40, +16.7%), followed by "
                + "Sales (+10, +6.7%)."), facts::toString);
        // Salaries 300 -> 350 (+50, +16.7%) is 100% of the increase; Tools +25.0% grows fastest, Travel -20.0% falls.
        assertTrue(facts.contains("By cost type, 100.0% of the increase comes from Salaries (+50, +16.7%), "
                + "followed by Tools (+10, +25.0%)."), facts::toString);
        assertTrue(facts.contains("By cost type, growth is fastest in Tools (+25.0%); the only decline is in Travel "
                + "(-20.0%)."), facts::toString);
    }

    @Test
    void rowsAboveTheGuidanceThresholdAreFlaggedElseThoseAboveTheOverallRate() {
        Focus guidance = Focus.of("", "", List.of("Flag any request above fifteen percent growth."));
        // Row growth: Sales Salaries +20%, Travel -20%, Tech Salaries +15%, Tools +25%; only two exceed 15%.
        assertTrue(DataSummary.of(BUDGET, guidance).facts().contains("Of 4 lines, 2 grow by more than the 15% "
                + "threshold: Tech / Tools (+25.0%) and Sales / Salaries (+20.0%)."));
        // Without a stated limit the overall 12.8% is the bar: Tools, Sales Salaries and Tech Salaries exceed it.
        assertTrue(DataSummary.of(BUDGET).facts().contains("Of 4 lines, 3 grow by more than the overall 12.8%: "
                + "Tech / Tools (+25.0%), Sales / Salaries (+20.0%) and Tech / Salaries (+15.0%)."));
        // A fourth row above the bar is counted, and only the three fastest are named.
        DataTable more = Csv.table("budget", "Department,Cost type,Budget 2026,Budget 2027",
                "Sales,Salaries,100,120", "Sales,Travel,50,40", "Tech,Salaries,200,230", "Tech,Tools,40,50",
                "Tech,Cloud,10,11");
        assertTrue(DataSummary.of(more, Focus.of("", "", List.of("Flag any increase over 5%."))).facts().contains("Of 5 lines, 4 grow by more than the 5% "
                + "threshold, led by Tech / Tools (+25.0%), Sales / Salaries (+20.0%) and Tech / Salaries (+15.0%)."));
    }

    @Test
    void theDocumentTableCarriesTheDifferenceAndItsRate() {
        Table table = DataSummary.of(BUDGET).table();
        assertEquals(List.of("Department", "Budget 2026", "Budget 2027", "Change", "Change %"),
                table.columns().stream().map(Table.Column::name).toList());
        assertEquals(List.of("Sales", 150.0, 160.0, 10.0, 10.0 / 150), table.rows().getFirst());
        assertEquals(List.of("Tech", 240.0, 280.0, 40.0, 40.0 / 240), table.rows().get(1));
    }

    @Test
    void theWorkbookKeepsRatesAndSharesAsFormulasOverTheDifference() {
        SummaryTable sheet = SummaryTable.forWorkbook(DataSummary.of(BUDGET));
        assertEquals(List.of("Department", "Budget 2026", "Budget 2027", "Change"),
                sheet.table().columns().stream().map(Table.Column::name).toList());
        assertEquals(List.of("Sales", 150.0, 160.0, 10.0), sheet.table().rows().getFirst());
        var rate = sheet.derived().getFirst();
        assertEquals(io.docswarm.renderers.model.Sheet.DerivedKind.RATIO, rate.kind());
        assertEquals(3, rate.column(), "the change column");
        assertEquals(1, rate.otherColumn(), "divided by the 2026 column");
        assertEquals(io.docswarm.renderers.model.Sheet.DerivedKind.SHARE_OF_TOTAL, sheet.derived().get(1).kind());
        assertEquals(3, sheet.derived().get(1).column());
    }

    @Test
    void theFocusOrdersTheFactsButNeverChangesThem() {
        List<String> plain = DataSummary.of(BUDGET).facts();
        List<String> costs = DataSummary.of(BUDGET, Focus.of("Spending by cost type", "", List.of())).facts();
        assertEquals(Set.copyOf(plain), Set.copyOf(costs));
        assertTrue(plain.get(2).startsWith("By department"), plain::toString);
        assertTrue(costs.get(2).startsWith("By cost type"), costs::toString);
        assertEquals(OptionalDouble.empty(), Focus.NONE.growthThreshold());
    }

    @Test
    void zeroBasesAndTablesWithoutCategoriesStillSummarise() {
        // No text column: rows stand for themselves; a zero base has no rate, only an amount.
        DataTable bare = Csv.table("bare", "Plan,Actual", "0,10", "20,25", "0,0");
        List<String> facts = DataSummary.of(bare).facts();
        // 35 against 20: +15, 75.0%.
        assertEquals("Actual totals 35, 15 (75.0%) above plan (20).", facts.getFirst());
        assertEquals(List.of("Row 1", "Row 2", "Row 3"), DataSummary.of(bare).categories());
        // Categories whose bases are all zero give no growth ranking, and no exception.
        DataTable zero = Csv.table("zero", "Team,Budget 2026,Budget 2027", "A,0,5", "B,0,6", "C,0,7", "A,0,1");
        assertEquals("Budget 2027 totals 19, 19 above budget 2026 (0).", DataSummary.of(zero).facts().getFirst());
        assertTrue(DataSummary.of(zero).facts().stream().noneMatch(f -> f.contains("growth is fastest")
                || f.contains("grow by more than") || f.contains("grows by more than")), DataSummary.of(zero).facts()::toString);
    }
}
