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
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A column is as wide as its longest text plus room: a header has more room than a cell, since its bold text
 * shares the cell with the autofilter's drop-down button; widths stay between 10 and 60 characters.
 */
class XlsxColumnWidthsTest {

    @Test
    void headersGetRoomForTheFilterButtonAndCellsTheirOwnLength() throws IOException {
        String longValue = "A department name of forty characters....";
        Table table = new Table("Headcount", List.of(Table.Column.text("Department"),
                Table.Column.number("Headcount (Feb 2026)", "#,##0"), Table.Column.number("N", "#,##0")),
                List.of(List.of(longValue, 53.0, 1.0), List.of("Sales", 43.0, 2.0)), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.XLSX).render(new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(new Sheet("People", table, List.of(), List.of(), List.of()))),
                SkillLibrary.builtIn("workbook").orElseThrow(), out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheet("People");
            assertEquals((longValue.length() + 3) * 256, sheet.getColumnWidth(0), "the longest cell and 3 more");
            assertEquals(("Headcount (Feb 2026)".length() + 6) * 256, sheet.getColumnWidth(1),
                    "the header and 6 more: bold, beside the filter button");
            assertEquals(10 * 256, sheet.getColumnWidth(2), "never narrower than 10");
        }
    }
}
