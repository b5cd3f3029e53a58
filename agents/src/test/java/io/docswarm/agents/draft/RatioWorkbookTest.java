package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook of campaign results whose conversion rate is orders over visits: the summary's rate is, per region,
 * the quotient of the region's looked-up orders and visits, and its total all orders over all visits, as formulas
 * that follow an edit of the data sheet.
 */
class RatioWorkbookTest {

    @Test
    void theRateIsTheQuotientOfTheLookedUpAmountsAndItsTotalTheirTotalsQuotient(@TempDir Path dir)
            throws Exception {
        StringBuilder csv = new StringBuilder("Campaign,Region,Visits,Orders,Conversion rate\n");
        Map<String, double[]> byRegion = new LinkedHashMap<>();
        String[] regions = {"North", "South", "East"};
        for (int i = 0; i < 12; i++) {
            String region = regions[i % 3];
            double visits = 500 + 700 * (i % 4) + 90 * i;
            double orders = Math.round(visits * (0.02 + 0.004 * (i % 5)));
            csv.append(String.format(Locale.ROOT, "C%02d,%s,%.0f,%.0f,%.4f%n", i, region, visits, orders,
                    orders / visits));
            double[] sums = byRegion.computeIfAbsent(region, k -> new double[2]);
            sums[0] += visits;
            sums[1] += orders;
        }
        DataTable data = DraftedWorkbooks.load(dir, "campaigns.csv", "Campaigns", csv);
        Document document = DraftedWorkbooks.draft("campaigns", "Campaign results",
                "A workbook of the campaign results by region.", data);
        Sheet summary = document.sheets().getFirst();
        Table table = summary.table();
        assertEquals(List.of("Region", "Visits", "Orders", "Conversion rate"),
                table.columns().stream().map(Table.Column::name).toList().subList(0, 4));
        assertEquals(Table.Aggregate.RATIO, table.columns().get(3).aggregate());
        assertEquals(List.of(new Sheet.Quotient(3, 2, 1, 1)), summary.quotients());
        assertNotNull(summary.lookup());
        assertNull(summary.lookup().columnAt(3), "the rate is no AVERAGEIFS of the rows' rates");

        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFWorkbook workbook = rendered.workbook();
            assertTrue(rendered.warnings().stream().noneMatch(w -> w.contains("keep")), rendered.warnings()::toString);
            XSSFSheet sheet = workbook.getSheet(summary.name());
            int first = DraftedWorkbooks.firstRow(summary);
            FormulaEvaluator evaluator = DraftedWorkbooks.recalculate(workbook);
            double allVisits = 0;
            double allOrders = 0;
            for (int r = 0; r < regions.length; r++) {
                String region = sheet.getRow(first + r).getCell(0).getStringCellValue();
                double[] sums = byRegion.get(region);
                Cell rate = sheet.getRow(first + r).getCell(3);
                assertEquals(CellType.FORMULA, rate.getCellType(), region);
                assertEquals(sums[1] / sums[0], rate.getNumericCellValue(), 1e-12, region);
                allVisits += sums[0];
                allOrders += sums[1];
            }
            Cell total = sheet.getRow(first + regions.length).getCell(3);
            assertTrue(total.getCellFormula().contains("SUBTOTAL(109,"), total.getCellFormula());
            assertEquals(allOrders / allVisits, total.getNumericCellValue(), 1e-12, "all orders over all visits");

            // One more order in the first campaign (North) raises North's rate and the total's.
            XSSFSheet dataSheet = workbook.getSheet(document.sheets().get(1).name());
            int firstData = DraftedWorkbooks.firstRow(document.sheets().get(1));
            Cell orders = dataSheet.getRow(firstData).getCell(3);
            orders.setCellValue(orders.getNumericCellValue() + 100);
            evaluator.clearAllCachedResultValues();
            evaluator.evaluateAll();
            int north = List.of(regions).indexOf(dataSheet.getRow(firstData).getCell(1).getStringCellValue());
            double[] sums = byRegion.get(regions[north]);
            assertEquals((sums[1] + 100) / sums[0], sheet.getRow(first + north).getCell(3).getNumericCellValue(),
                    1e-12);
            assertEquals((allOrders + 100) / allVisits, total.getNumericCellValue(), 1e-12);
        }
    }
}
