package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.renderers.xlsx.XlsxRenderer;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Above the streaming threshold a workbook is written with SXSSF; its formulas keep cached results computed at
 * write time. Re-evaluating the file as a reader would must give the same numbers and no error.
 */
class XlsxStreamingTest {

    /** Rows with zeros and blanks, which are where guarded divisions matter. */
    private static Document workbook(int rows) {
        List<List<Object>> data = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Object> row = new ArrayList<>();
            row.add("Item " + r);
            row.add(r % 7 == 0 ? 0.0 : r * 1.5);
            row.add(r % 11 == 0 ? null : (double) (r % 5));
            data.add(row);
        }
        Table table = new Table("Items", List.of(Table.Column.text("Item"), Table.Column.number("Amount", "#,##0.0"),
                Table.Column.number("Units", "0")), data, true);
        Sheet sheet = new Sheet("Items", table, List.of(
                new Sheet.DerivedColumn("Share", Sheet.DerivedKind.SHARE_OF_TOTAL, 1, "0.0%"),
                new Sheet.DerivedColumn("Growth", Sheet.DerivedKind.GROWTH_FROM_PREVIOUS, 1, "0.0%"),
                Sheet.DerivedColumn.ratio("Amount per unit", 1, 2, "#,##0.00")),
                List.of(amountChart(data)), List.of(), "ItemsTable");
        return new Document(SampleDocuments.metadata(), List.of(), List.of(), List.of(sheet));
    }

    private static io.docswarm.renderers.model.Chart amountChart(List<List<Object>> data) {
        return new io.docswarm.renderers.model.Chart(io.docswarm.renderers.model.Chart.ChartType.COLUMN, "Amounts",
                data.stream().map(r -> (String) r.get(0)).toList(),
                List.of(new io.docswarm.renderers.model.Chart.Series("Amount",
                        data.stream().map(r -> (Double) r.get(1)).toList())), "");
    }

    private static Map<String, Object> cachedFormulaResults(XSSFSheet sheet) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.FORMULA) {
                    assertNotEquals(CellType.ERROR, cell.getCachedFormulaResultType(), cell.getAddress() + " errors");
                    results.put(cell.getAddress().formatAsString(),
                            cell.getCachedFormulaResultType() == CellType.NUMERIC ? (Object) cell.getNumericCellValue()
                                    : cell.getStringCellValue());
                }
            }
        }
        return results;
    }

    @Test
    void streamedWorkbookKeepsFormulasWithCorrectCachedResults() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = new XlsxRenderer(100).render(workbook(400),
                SkillLibrary.builtIn("workbook").orElseThrow(), out);
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("chart(s) left out")), result.warnings()::toString);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheet("Items");
            assertEquals("ItemsTable", sheet.getTables().getFirst().getName(), "named table");
            assertEquals(List.of("Item", "Amount", "Units", "Share", "Growth", "Amount per unit"),
                    sheet.getTables().getFirst().getColumns().stream().map(c -> c.getName()).toList());
            Map<String, Object> written = cachedFormulaResults(sheet);
            assertEquals(400 * 3 + 2, written.size(), "three formula columns and two totals");
            XSSFFormulaEvaluator.evaluateAllFormulaCells(workbook);
            Map<String, Object> recomputed = cachedFormulaResults(sheet);
            for (var entry : written.entrySet()) {
                Object again = recomputed.get(entry.getKey());
                if (entry.getValue() instanceof Double d) {
                    assertEquals(d, (Double) again, Math.abs(d) * 1e-12 + 1e-12, entry.getKey());
                } else {
                    assertEquals(entry.getValue(), again, entry.getKey());
                }
            }
        }
    }

    @Test
    void inMemoryAndStreamedWorkbooksShowTheSameNumbers() throws IOException {
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        var skill = SkillLibrary.builtIn("workbook").orElseThrow();
        new XlsxRenderer(1_000).render(workbook(50), skill, memory);
        new XlsxRenderer(10).render(workbook(50), skill, streamed);
        try (XSSFWorkbook a = new XSSFWorkbook(new ByteArrayInputStream(memory.toByteArray()));
             XSSFWorkbook b = new XSSFWorkbook(new ByteArrayInputStream(streamed.toByteArray()))) {
            assertEquals(cachedFormulaResults(a.getSheet("Items")), cachedFormulaResults(b.getSheet("Items")));
        }
    }
}
