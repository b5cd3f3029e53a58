package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import io.docswarm.renderers.model.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running total ("Cumulative revenue" beside the day's "Revenue") already holds every earlier day: a month's
 * figure is its last day's, added up over the regions, not a month of running totals summed, which would count
 * each day again about fifteen times. The daily amount beside it is still summed. Every expected figure is worked
 * out from the rows the test writes.
 */
class RunningTotalsTest {
    private static final List<String> REGIONS = List.of("North", "South");

    private static double revenue(int region, LocalDate day) {
        return 100 + 10 * region + day.getDayOfMonth() % 7;
    }

    @Test
    void aMonthsRunningTotalIsItsLastDaysAcrossRegionsAndTheDailyAmountIsSummed(@TempDir Path dir)
            throws IOException {
        StringBuilder csv = new StringBuilder("Date,Region,Revenue,Cumulative revenue\n");
        double[] running = new double[REGIONS.size()];
        Map<YearMonth, double[]> months = new LinkedHashMap<>(); // {revenue summed, month-end running totals}
        for (LocalDate day = LocalDate.of(2025, 1, 1); day.isBefore(LocalDate.of(2025, 7, 1)); day = day.plusDays(1)) {
            double[] month = months.computeIfAbsent(YearMonth.from(day), m -> new double[2]);
            month[1] = 0;
            for (int r = 0; r < REGIONS.size(); r++) {
                double amount = revenue(r, day);
                running[r] += amount;
                month[0] += amount;
                month[1] += running[r];
                csv.append(day).append(',').append(REGIONS.get(r)).append(',').append((long) amount).append(',')
                        .append((long) running[r]).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("sales.csv"), csv.toString());
        DataTable table = DataLoader.load(new DataRef("sales", file.toString(), ""), "data/sales.csv",
                InputOpener.LOCAL_FILES);

        DataSummary summary = DataSummary.of(table);
        assertEquals(List.of("Revenue", "Cumulative revenue"), summary.measures());
        assertEquals(MeasureKind.AMOUNT, summary.metrics().get(0).kind());
        assertEquals(MeasureKind.LEVEL, summary.metrics().get(1).kind());
        Table monthly = summary.table();
        List<double[]> expected = List.copyOf(months.values());
        assertEquals(expected.size(), monthly.rows().size(), monthly.rows().toString());
        for (int k = 0; k < expected.size(); k++) {
            List<Object> row = monthly.rows().get(k);
            assertEquals(expected.get(k)[0], (Double) row.get(1), 1e-9, "revenue " + row);
            assertEquals(expected.get(k)[1], (Double) row.get(2), 1e-9, "running total " + row);
        }
        assertEquals(Table.Aggregate.SUM, monthly.columns().get(1).aggregate(), "the months' revenue adds up");
        assertEquals(Table.Aggregate.NONE, monthly.columns().get(2).aggregate(),
                "six month-ends of a running total add up to nothing");

        DataSummary byRegion = DataSummary.of(table, Focus.of("Cumulative revenue by region", "", List.of()));
        Table regions = byRegion.table();
        assertEquals("Cumulative revenue (Jun 2025)", regions.columns().get(2).name(), regions.columns().toString());
        for (int r = 0; r < REGIONS.size(); r++) {
            List<Object> row = regions.rows().get(r);
            int region = REGIONS.indexOf((String) row.getFirst());
            assertEquals(running[region], (Double) row.get(2), 1e-9, "the region's latest running total: " + row);
        }
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains(summary.metrics().get(1).figure(expected.getLast()[1])), facts);
    }
}
