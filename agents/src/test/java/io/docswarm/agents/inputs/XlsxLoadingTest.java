package io.docswarm.agents.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.DataRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks are read sheet by sheet, streamed, with every cell as the workbook means it. */
class XlsxLoadingTest {

    @TempDir
    Path dir;

    private Path workbook() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            book.createSheet("Notes").createRow(0).createCell(0).setCellValue("Read me");
            Sheet sheet = book.createSheet("2026");
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("#,##0.00 [$EUR]"));
            Row header = sheet.createRow(0);
            List<String> names = List.of("Region", "Closed", "Revenue", "Conversion", "Double", "Note");
            for (int c = 0; c < names.size(); c++) {
                header.createCell(c).setCellValue(names.get(c));
            }
            Object[][] rows = {{"North", LocalDate.of(2026, 3, 31), 182400.5, 0.031, "=C2*2", null},
                    {"South", LocalDate.of(2026, 4, 30), 64200.0, 0.0255, "=C3*2", "late"},
                    {"East", null, null, 0.04, FormulaError.NA, null}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    switch (rows[r][c]) {
                        case null -> { }
                        case String text when text.startsWith("=") -> row.createCell(c).setCellFormula(text.substring(1));
                        case String text -> row.createCell(c).setCellValue(text);
                        case LocalDate day -> {
                            row.createCell(c).setCellValue(day);
                            row.getCell(c).setCellStyle(date);
                        }
                        case FormulaError error -> row.createCell(c).setCellErrorValue(error.getCode());
                        case Double number -> {
                            row.createCell(c).setCellValue(number);
                            row.getCell(c).setCellStyle(c == 3 ? percent : money);
                        }
                        default -> throw new IllegalStateException();
                    }
                }
            }
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            Path path = dir.resolve("pricing.xlsx");
            try (OutputStream out = Files.newOutputStream(path)) {
                book.write(out);
            }
            return path;
        }
    }

    @Test
    void theNamedSheetIsReadWithNumbersDatesPercentagesAndFormulaResults() throws IOException {
        DataTable table = DataLoader.load(new DataRef("Pricing", workbook().toString(), "2026"), "data/pricing.xlsx",
                InputOpener.LOCAL_FILES);
        assertEquals(List.of("Region", "Closed", "Revenue", "Conversion", "Double", "Note"), table.columns());
        assertEquals(List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.DATE, DataTable.ColumnKind.NUMBER,
                DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.TEXT), table.kinds());
        List<Object> north = table.rows().getFirst();
        assertEquals(LocalDate.of(2026, 3, 31), north.get(1));
        assertEquals(182400.5, north.get(2), "full precision, whatever the cell's format shows");
        assertEquals(0.031, north.get(3), "a percentage cell keeps its value");
        assertEquals(364801.0, north.get(4), "a formula by its cached result");
        assertNull(north.get(5));
        assertTrue(table.writtenAsPercentages(3), "the workbook formats it as a percentage");
        assertFalse(table.writtenAsPercentages(2));
        List<Object> east = table.rows().get(2);
        assertNull(east.get(2), "an empty cell in the middle of a row");
        assertNull(east.get(4), "#N/A is no value, and keeps the column numeric");
        assertEquals(0.04, east.get(3));
    }

    @Test
    void withoutASheetNameTheFirstSheetIsRead() throws IOException {
        DataTable table = DataLoader.load(new DataRef("Pricing", workbook().toString(), null), "data/pricing.xlsx",
                InputOpener.LOCAL_FILES);
        assertEquals(List.of("Read me"), table.columns());
    }

    @Test
    void aSheetIsFoundByItsNameIgnoringCaseAsExcelDoes() throws IOException {
        DataTable table = DataLoader.load(new DataRef("Pricing", workbook().toString(), "notes"), "data/pricing.xlsx",
                InputOpener.LOCAL_FILES);
        assertEquals(List.of("Read me"), table.columns());
    }
}
