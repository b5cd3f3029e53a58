package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxNumberFormatsTest {

    @Test
    void wholeNumberColumnsShowNoDecimalsAndOthersKeepTheSkillsDecimals() throws IOException {
        Table table = new Table("Requests", List.of(Table.Column.text("Department"),
                Table.Column.number("Tickets", "#,##0.##"), Table.Column.number("Budget", "#,##0.00"),
                Table.Column.number("Rate", "#,##0.##"), Table.Column.number("Cost", "#,##0.00 [$EUR]")),
                List.of(List.of("Sales", 912.0, 5_850_000.0, 1.5, 1200.0),
                        List.of("IT", 41.0, 7_000_000.0, 2.0, 800.0)), true);
        Document document = new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(new Sheet("Requests", table, List.of(), List.of(), List.of())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.XLSX).render(document, SkillLibrary.builtIn("workbook").orElseThrow(), out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            DataFormatter shown = new DataFormatter(java.util.Locale.ROOT);
            var sheet = workbook.getSheet("Requests");
            Row first = sheet.getRow(3);
            assertEquals("912", shown.formatCellValue(first.getCell(1)), "counts are whole");
            assertEquals("5,850,000", shown.formatCellValue(first.getCell(2)), "whole money has no .00");
            assertEquals("1.50", shown.formatCellValue(first.getCell(3)), "decimals keep the Skill's decimal format");
            assertEquals("#,##0 [$EUR]", first.getCell(4).getCellStyle().getDataFormatString(),
                    "currency keeps its symbol, loses the decimals");
            Row totals = sheet.getRow(5);
            assertEquals("Total", totals.getCell(0).getStringCellValue());
            assertEquals("#,##0", totals.getCell(2).getCellStyle().getDataFormatString(), "totals match their column");
        }
    }
}
