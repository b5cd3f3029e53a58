package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A rate that is the quotient of two amounts in the same rows (orders over visits) is, for a group, the ratio of
 * the group's sums: a region's busy month weighs more than its quiet one. A rate that is no such quotient keeps
 * its unweighted mean. Expected figures are computed from the rows the test writes.
 */
class RatioMeasuresTest {

    private static final List<String> REGIONS = List.of("North", "South", "East");

    private static double visits(int region, int month) {
        return (region + 1) * 1000 + (month % 2 == 0 ? 4000 : 300) * (1 + region);
    }

    private static double orders(int region, int month) {
        return Math.round(visits(region, month) * (0.02 + 0.01 * region + (month % 2 == 0 ? 0.015 : 0)));
    }

    /** Rates rounded to a tenth of a percent, as a report writes them. */
    private static double rate(int region, int month) {
        return Math.round(orders(region, month) / visits(region, month) * 1000) / 1000.0;
    }

    private static DataTable funnel() {
        List<String> lines = new ArrayList<>(List.of("Region,Month,Visits,Orders,Conversion rate"));
        for (int month = 1; month <= 4; month++) {
            for (int region = 0; region < REGIONS.size(); region++) {
                lines.add(String.format(Locale.ROOT, "%s,2026-%02d,%.0f,%.0f,%.3f", REGIONS.get(region), month,
                        visits(region, month), orders(region, month), rate(region, month)));
            }
        }
        return Csv.table("funnel", lines.toArray(String[]::new));
    }

    /** The same rows without their month, as a table of campaigns by region would have them. */
    private static DataTable funnelWithoutMonths() {
        List<String> lines = new ArrayList<>(List.of("Region,Visits,Orders,Conversion rate"));
        for (int month = 1; month <= 4; month++) {
            for (int region = 0; region < REGIONS.size(); region++) {
                lines.add(String.format(Locale.ROOT, "%s,%.0f,%.0f,%.3f", REGIONS.get(region),
                        visits(region, month), orders(region, month), rate(region, month)));
            }
        }
        return Csv.table("funnel", lines.toArray(String[]::new));
    }

    private static double regionRate(int region) {
        double orders = 0;
        double visits = 0;
        for (int month = 1; month <= 4; month++) {
            orders += orders(region, month);
            visits += visits(region, month);
        }
        return orders / visits;
    }

    private static double unweightedMean(int region) {
        double sum = 0;
        for (int month = 1; month <= 4; month++) {
            sum += rate(region, month);
        }
        return sum / 4;
    }

    @Test
    void aConversionRateIsFoundToBeOrdersOverVisits() {
        DataSummary summary = DataSummary.of(funnel());
        Measure rate = summary.metrics().get(2);
        assertEquals("Conversion rate", rate.name());
        assertTrue(rate.ratioOfSums(), "the rate is orders / visits in every row");
        assertEquals(3, rate.ratio().numerator(), "Orders");
        assertEquals(2, rate.ratio().denominator(), "Visits");
        assertFalse(summary.metrics().get(0).ratioOfSums(), "amounts are no quotients");
    }

    @Test
    void eachRegionsRateIsItsOrdersOverItsVisitsNotTheMeanOfItsMonths() {
        DataSummary summary = DataSummary.of(funnel(), Focus.of("Conversion by region", "", List.of()));
        assertEquals("Region", summary.category());
        Table table = summary.table();
        assertEquals("Conversion rate", table.columns().get(3).name(), "a ratio of sums is no average");
        for (int region = 0; region < REGIONS.size(); region++) {
            double weighted = regionRate(region);
            assertTrue(Math.abs(weighted - unweightedMean(region)) > 0.001,
                    "the fixture makes the two differ for " + REGIONS.get(region));
            assertEquals(weighted, (Double) table.rows().get(region).get(3), 1e-12, REGIONS.get(region));
        }
        double allOrders = 0;
        double allVisits = 0;
        for (int region = 0; region < REGIONS.size(); region++) {
            for (int month = 1; month <= 4; month++) {
                allOrders += orders(region, month);
                allVisits += visits(region, month);
            }
        }
        assertEquals(allOrders / allVisits, summary.total(2), 1e-12, "the overall rate is all orders over all visits");
        assertEquals(Table.Aggregate.RATIO, table.columns().get(3).aggregate());
        assertEquals(allOrders / allVisits, table.aggregate(3).orElseThrow(), 1e-12, "and so is the totals row's");
    }

    @Test
    void theFactsSayHowTheRateIsMadeAndStateNoMeanOfTheRows() {
        DataSummary summary = DataSummary.of(funnelWithoutMonths());
        Measure rate = summary.metrics().get(2);
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains(rate.figure(summary.total(2)) + " overall (orders divided by visits)"), facts);
        assertFalse(facts.contains("unweighted") || facts.contains("average"), facts);
    }

    @Test
    void theCrossTabByMonthAndRegionTakesRatiosOfSumsToo() {
        DataTable table = funnel();
        DataSummary summary = DataSummary.of(table);
        Measure rate = summary.metrics().get(2);
        Dimension month = summary.breakdowns().stream().map(Breakdown::dimension).filter(Dimension::period)
                .findFirst().orElseThrow();
        Dimension region = summary.breakdowns().stream().map(Breakdown::dimension).filter(d -> !d.period())
                .findFirst().orElseThrow();
        CrossTab cross = CrossTab.of(table, month, region, rate, null);
        for (int r = 0; r < REGIONS.size(); r++) {
            assertEquals(orders(r, 4) / visits(r, 4), cross.last(r), 1e-12, REGIONS.get(r));
        }
    }

    @Test
    void aMarginWrittenAsPercentPointsIsProfitOverRevenueTimesAHundred() {
        DataTable table = Csv.table("margins",
                "Product,Revenue,Profit,Margin %",
                "Tents,200000,50000,25.0",
                "Tents,10000,1000,10.0",
                "Packs,80000,24000,30.0",
                "Packs,20000,2000,10.0");
        DataSummary summary = DataSummary.of(table);
        Measure margin = summary.metrics().get(2);
        assertTrue(margin.ratioOfSums());
        assertEquals(100, margin.ratio().scale());
        assertEquals(51000.0 / 210000 * 100, (Double) summary.table().rows().get(0).get(3), 1e-9, "Tents");
        assertEquals(26000.0 / 100000 * 100, (Double) summary.table().rows().get(1).get(3), 1e-9, "Packs");
    }

    @Test
    void aRateThatIsNoQuotientOfTheAmountsKeepsItsMean() {
        DataTable table = Csv.table("survey",
                "Region,Responses,Complaints,Satisfaction rate",
                "North,100,5,0.81",
                "North,300,9,0.77",
                "South,200,20,0.64",
                "South,50,1,0.90");
        DataSummary summary = DataSummary.of(table);
        Measure satisfaction = summary.metrics().get(2);
        assertNull(satisfaction.ratio(), "0.81 is neither 5/100 nor 100/5");
        assertEquals((0.81 + 0.77) / 2, (Double) summary.table().rows().get(0).get(3), 1e-12);
        assertTrue(String.join("\n", summary.facts()).contains("unweighted mean"), summary.facts()::toString);
    }
}
