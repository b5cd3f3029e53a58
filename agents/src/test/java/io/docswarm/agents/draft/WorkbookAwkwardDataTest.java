package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files as they come from real tools, drafted into a workbook whose summary computes from its data sheet. */
class WorkbookAwkwardDataTest {

    @TempDir
    Path dir;

    private DataTable load(String csv) throws Exception {
        return DraftedWorkbooks.load(dir, "data.csv", "Sales", csv);
    }

    private static Document draft(DataTable data) {
        return DraftedWorkbooks.draft("sales", "Sales", "A workbook of the sales.", data);
    }

    @Test
    void aPandasIndexColumnWithoutAHeaderLeavesTheSummaryAsValues() throws Exception {
        Document document = draft(load(",Region,Revenue\n0,North,10\n1,South,20\n2,North,30\n3,South,5\n"));
        Sheet summary = document.sheets().getFirst();
        assertNull(summary.lookup(), "a blank header names no column a formula can refer to");
        assertTrue(summary.table().rows().stream().anyMatch(row -> row.contains("North")), summary.table()::toString);
    }

    @Test
    void oneStrayDateDoesNotFillACenturyOfEmptyYears() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Revenue\n");
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() == 2025; d = d.plusDays(1)) {
            csv.append(d).append(",100\n");
        }
        csv.append("1899-12-31,5\n");
        Sheet summary = draft(load(csv.toString())).sheets().getFirst();
        assertEquals(13, summary.table().rows().size(), "the stray's month, then the twelve of 2025: "
                + summary.table().rows());
        assertEquals(List.of("Dec 1899", 5.0), summary.table().rows().getFirst());
        assertEquals("Jan 2025", summary.table().rows().get(1).getFirst());
        assertFalse(String.join(" ", summary.notes()).contains("against 0"), summary.notes()::toString);
    }

    @Test
    void periodsBeforeSpreadsheetDatesBeginKeepTheirValues() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Revenue\n");
        for (int day = 1; day <= 20; day++) {
            csv.append(LocalDate.of(1850, 1, day)).append(',').append(10 * day).append('\n');
        }
        Document document = draft(load(csv.toString()));
        Sheet summary = document.sheets().getFirst();
        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFWorkbook workbook = rendered.workbook();
            DraftedWorkbooks.recalculate(workbook);
            var sheet = workbook.getSheet(summary.name());
            int firstRow = sheet.getFirstRowNum();
            List<Double> shown = new ArrayList<>();
            for (int r = firstRow; r <= sheet.getLastRowNum(); r++) {
                Cell cell = sheet.getRow(r) == null ? null : sheet.getRow(r).getCell(1);
                if (cell != null && cell.getCellType() != org.apache.poi.ss.usermodel.CellType.STRING
                        && cell.getCellType() != org.apache.poi.ss.usermodel.CellType.BLANK) {
                    shown.add(cell.getNumericCellValue());
                }
            }
            List<Double> expected = summary.table().rows().stream().map(row -> (Double) row.get(1)).toList();
            assertTrue(shown.containsAll(expected), "recalculated " + shown + ", the summary says " + expected);
        }
    }
}
