package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Sheet;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The sample budget workbook as the grounded drafter writes it: its summary's measure cells are formulas over the
 * data sheet the same job drafts, and the variance is the difference of the row's cells.
 */
class WorkbookLookupsTest {

    @Test
    void theBudgetSummaryLooksUpItsFiguresInTheDataSheet() throws Exception {
        DataTable data = DataLoader.load(new DataRef("Budget requests", "../samples/data/budget-2027.csv", ""),
                "data/budget-2027.csv", InputOpener.LOCAL_FILES);
        Document document = DraftedWorkbooks.draft("budget-2027", "2027 Operating Budget",
                "A budget workbook that compares the departments' 2027 requests with 2026.", data);
        Sheet summary = document.sheets().getFirst();
        Sheet dataSheet = document.sheets().get(1);
        assertEquals("Summary Budget requests", summary.name());
        Lookup lookup = summary.lookup();
        assertNotNull(lookup, "the summary's measures are looked up");
        assertEquals(dataSheet.name(), lookup.sheet(), "in the data sheet the job drafts");
        assertEquals(List.of("Budget 2026", "Budget 2027", "Headcount"),
                lookup.columns().stream().map(Lookup.Aggregation::sourceColumn).toList());
        assertEquals(1, summary.differences().size(), "the change between the budgets is the row's difference");

        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFWorkbook workbook = rendered.workbook();
            assertTrue(rendered.warnings().stream().noneMatch(w -> w.contains("keep")), rendered.warnings()::toString);
            XSSFSheet sheet = workbook.getSheet(summary.name());
            int first = DraftedWorkbooks.firstRow(summary);
            for (int r = 0; r < summary.table().rows().size(); r++) {
                for (int c = 1; c <= lookup.columns().size(); c++) {
                    Cell cell = sheet.getRow(first + r).getCell(c);
                    assertEquals(CellType.FORMULA, cell.getCellType(), cell.getAddress().formatAsString());
                    assertTrue(cell.getCellFormula().startsWith("SUMIFS(T_Data_Budget_requests[["),
                            cell.getCellFormula());
                    assertEquals((Double) summary.table().rows().get(r).get(c), cell.getNumericCellValue(), 1e-6);
                }
                assertTrue(sheet.getRow(first + r).getCell(lookup.columns().size() + 1).getCellFormula()
                        .contains("C" + (first + r + 1) + "-B" + (first + r + 1)), "the change is 2027 less 2026");
            }
            // An edit of the data carries through: the first request for 2027 grows by 1,000.
            Cell request = workbook.getSheet(dataSheet.name()).getRow(DraftedWorkbooks.firstRow(dataSheet)).getCell(3);
            String department = workbook.getSheet(dataSheet.name()).getRow(DraftedWorkbooks.firstRow(dataSheet)).getCell(0)
                    .getStringCellValue();
            int row = summary.table().rows().stream().map(r -> r.getFirst()).toList().indexOf(department);
            double before = sheet.getRow(first + row).getCell(2).getNumericCellValue();
            request.setCellValue(request.getNumericCellValue() + 1000);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            assertEquals(before + 1000, sheet.getRow(first + row).getCell(2).getNumericCellValue(), 1e-6);
        }
    }
}
