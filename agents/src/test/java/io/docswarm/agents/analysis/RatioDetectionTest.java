package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which pair of amounts a rate is the quotient of, and what the summary does with it: components missing in some
 * rows, small per-unit rates, no matching pair, and a plan/actual pair of rates.
 */
class RatioDetectionTest {

    private static DataTable load(Path dir, String name, String csv) throws IOException {
        return LevelEdgeCasesTest.load(dir, name, csv);
    }

    private static int col(Table t, String prefix) {
        for (int c = 0; c < t.columns().size(); c++) {
            if (t.columns().get(c).name().startsWith(prefix)) {
                return c;
            }
        }
        throw new AssertionError("no column " + prefix + " in " + t.columns());
    }

    /**
     * Some rows have orders without visits (or visits without orders): each region's rate is still its orders over
     * its visits where it has both, but the table's Orders and Visits columns sum every row, so the totals row does
     * not divide them (it would state another rate than the facts) and leaves the rate blank.
     */
    @Test
    void aRateWhoseAmountsAreMissingInSomeRowsGetsNoTotal(@TempDir Path dir) throws IOException {
        String csv = """
                Region,Visits,Orders,Conversion rate
                North,1000,30,0.03
                North,2000,80,0.04
                South,1500,30,0.02
                South,,50,
                East,500,10,0.02
                East,800,40,0.05
                North,400,,
                """;
        DataSummary s = DataSummary.of(load(dir, "funnel", csv));
        int rate = s.measures().indexOf("Conversion rate");
        assertTrue(s.metrics().get(rate).ratioOfSums(), "ratio found");
        assertEquals(false, s.metrics().get(rate).ratio().complete());
        assertEquals(190.0 / 5800, s.total(rate), 1e-12, "the rows with both: 190 orders over 5,800 visits");
        Table t = s.table();
        int c = col(t, "Conversion rate");
        assertEquals(Table.Aggregate.NONE, t.columns().get(c).aggregate());
        assertEquals(30.0 / 1500, (Double) t.rows().get(1).get(c), 1e-12, "South: the row with both");
        assertEquals(List.of(), SummaryTable.forWorkbook(s).quotients(), "no quotient of the columns shown");
    }

    /** A small per-unit rate is matched to the decimals it is written with, so defects / revenue does not pass. */
    @Test
    void smallPerUnitRatePicksTheRightPair(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Line,Month,Revenue,Units,Defects,Defects per unit\n");
        String[] lines = {"L1", "L2", "L3"};
        for (int m = 1; m <= 6; m++) {
            for (int l = 0; l < 3; l++) {
                int units = 1000 * (l + 1) + 370 * m;
                int defects = (int) Math.round(units * (0.001 + 0.001 * l));
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.4f%n", lines[l], m, units * 25, units,
                        defects, (double) defects / units));
            }
        }
        DataTable data = load(dir, "defects", csv.toString());
        DataSummary s = DataSummary.of(data);
        int rate = s.measures().indexOf("Defects per unit");
        RatioOf ratio = s.metrics().get(rate).ratio();
        assertEquals(data.columns().indexOf("Defects"), ratio.numerator());
        assertEquals(data.columns().indexOf("Units"), ratio.denominator(), "defects per unit is defects / units");
    }

    /** The same without a Defects column: no pair of the table makes the rate. */
    @Test
    void smallPerUnitRateWithoutItsComponentsHasNoRatio(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Line,Month,Revenue,Units,Returns,Defects per unit\n");
        String[] lines = {"L1", "L2", "L3"};
        for (int m = 1; m <= 6; m++) {
            for (int l = 0; l < 3; l++) {
                int units = 1000 * (l + 1) + 370 * m;
                int returns = 3 + (m * 7 + l * 5) % 11;
                double dpu = 0.001 + 0.0007 * ((m + l) % 4);
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.4f%n", lines[l], m, units * 25, units,
                        returns, dpu));
            }
        }
        DataTable data = load(dir, "defects2", csv.toString());
        DataSummary s = DataSummary.of(data);
        int rate = s.measures().indexOf("Defects per unit");
        assertEquals(null, s.metrics().get(rate).ratio(), "no column pair divides to the defect rate");
    }

    /** Every campaign beats its planned conversion rate by 0.2 points: overall actual is above plan. */
    @Test
    void planAndActualRatesCompareLikeWithLike(@TempDir Path dir) throws IOException {
        String csv = """
                Campaign,Region,Visits,Orders,Plan conversion rate,Actual conversion rate
                C1,North,10000,220,0.02,0.022
                C2,North,8000,176,0.02,0.022
                C3,South,1000,102,0.1,0.102
                C4,South,2000,204,0.1,0.102
                C5,East,5000,160,0.03,0.032
                C6,East,3000,306,0.1,0.102
                """;
        DataSummary s = DataSummary.of(LevelEdgeCasesTest.load(dir, "plan", csv));
        int plan = s.measures().indexOf("Plan conversion rate");
        int actual = s.measures().indexOf("Actual conversion rate");
        assertEquals(0.002, s.total(actual) - s.total(plan), 1e-9, "every campaign beat plan by 0.2 points");
    }
}
