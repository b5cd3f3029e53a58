package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Breakdowns by every dimension, from fixtures whose figures are worked out by hand in each test. */
class DistributionFactsTest {

    // Regions North/South/West, months 07/08, product lines A/B; an order id column unique to each row.
    private static final DataTable SALES = Csv.table("sales", "Order,Region,Month,Product line,Revenue,Units",
            "o1,North,2026-07,Tents,400,4", "o2,North,2026-08,Packs,100,5", "o3,South,2026-07,Tents,200,2",
            "o4,South,2026-08,Tents,100,1", "o5,West,2026-07,Packs,50,3", "o6,West,2026-08,Packs,150,7");

    @Test
    void everyLowCardinalityColumnIsADimensionAndUniqueColumnsAreNot() {
        DataSummary summary = DataSummary.of(SALES);
        assertEquals(List.of("Region", "Month", "Product line"),
                summary.breakdowns().stream().map(b -> b.dimension().name()).toList());
        assertEquals("Region", summary.category(), "the first text dimension leads without a focus");
        assertEquals(List.of("Revenue", "Units"), summary.measures());
    }

    @Test
    void eachDimensionGetsItsOwnFigures() {
        List<String> facts = DataSummary.of(SALES).facts();
        // Revenue 400 + 100 + 200 + 100 + 50 + 150 = 1,000.
        assertEquals("Revenue totals 1,000 across 3 regions, 2 months and 2 product lines.", facts.getFirst());
        // North 500 (50%), South 300 (30%), West 200 (20%).
        assertTrue(facts.contains("By region, revenue is highest in North at 500 (50.0%), then South (30.0%); lowest "
                + "in West (20.0%)."), facts::toString);
        // Tents 400 + 200 + 100 = 700, packs 300.
        assertTrue(facts.contains("By product line, revenue splits 70.0% Tents (700) and 30.0% Packs (300)."),
                facts::toString);
        // July 650, August 350: -46.2%.
        assertTrue(facts.contains("Revenue fell from 650 in 2026-07 to 350 in 2026-08 (-46.2%)."), facts::toString);
        // Units: 22 in all, West 3 + 7 = 10 (45.5%) leads North's 9; "Units" takes the plural verb.
        assertTrue(facts.contains("Units total 22, led by West with 10 (45.5%)."), facts::toString);
    }

    @Test
    void theSectionHeadingDecidesTheTableAndWhatComesFirst() {
        DataSummary summary = DataSummary.of(SALES, Focus.of("Revenue by product line", "", List.of()));
        assertEquals("Product line", summary.category());
        assertEquals(List.of("Tents", "Packs"), summary.categories());
        assertTrue(summary.facts().get(1).startsWith("By product line"), summary.facts()::toString);
        assertEquals("Revenue by product line", summary.chart().title());
    }

    // Installations by year and country: 2022 total 100 (A 80, B 20), 2025 total 300 (A 150, B 150).
    private static final DataTable INSTALLS = Csv.table("installs", "Year,Country,Installations,Capacity MWh",
            "2022,A,80,8", "2022,B,20,2", "2025,A,150,18", "2025,B,150,12");

    @Test
    void aTimeSeriesReportsGrowthAsAMultipleAndTheLatestSharesByCategory() {
        DataSummary summary = DataSummary.of(INSTALLS);
        assertTrue(summary.timeSeries());
        List<String> facts = summary.facts();
        assertEquals("Installations rose from 100 in 2022 to 300 in 2025, 3.0 times the 2022 level.", facts.getFirst());
        // 2025: A and B 150 each of 300; on a tie the first in the file leads.
        assertTrue(facts.contains("In 2025, A accounted for 50.0% of installations (150) and B for 50.0% (150)."),
                facts::toString);
        // A 80 -> 150 is +87.5%, B 20 -> 150 is 7.5 times.
        assertTrue(facts.contains("From 2022 to 2025, installations grew fastest in B (7.5 times) and slowest in A "
                + "(+87.5%)."), facts::toString);
        // Capacity 8 + 2 = 10 in 2022, 18 + 12 = 30 in 2025; the unit stays with the number, capacity is singular.
        assertTrue(facts.contains("Capacity rose from 10 MWh in 2022 to 30 MWh in 2025, 3.0 times the 2022 level."),
                facts::toString);
        assertTrue(facts.stream().noneMatch(f -> f.contains("has the highest") || f.contains("capacity mwh")));
    }
}
