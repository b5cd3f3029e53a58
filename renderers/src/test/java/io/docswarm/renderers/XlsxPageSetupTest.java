package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxPageSetupTest {

    private static final Skill WORKBOOK = SkillLibrary.builtIn("workbook").orElseThrow();

    @TempDir
    Path dir;

    /** Fourteen columns of long numbers: wider than any paper at 100%. */
    private static Document wide() {
        List<Table.Column> columns = new ArrayList<>(List.of(Table.Column.text("Department")));
        for (int m = 1; m <= 13; m++) {
            columns.add(Table.Column.number("Month " + m + " requested", "#,##0"));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            List<Object> row = new ArrayList<>(List.of("Department " + r));
            for (int m = 1; m <= 13; m++) {
                row.add(1_000_000.0 * m + r);
            }
            rows.add(row);
        }
        return new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(new Sheet("Requests", new Table("Requests", columns, rows, true), List.of(), List.of(),
                        List.of("Note"))));
    }

    private static byte[] render(Document document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.XLSX).render(document, WORKBOOK, out);
        return out.toByteArray();
    }

    @Test
    void sheetsPrintInTheSkillsOrientationOnePageWideWithTheHeaderRepeated() throws IOException {
        assertTrue(WORKBOOK.look().page().landscape(), "the workbook Skill asks for landscape");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(render(wide())))) {
            XSSFSheet sheet = workbook.getSheet("Requests");
            PrintSetup print = sheet.getPrintSetup();
            assertTrue(print.getLandscape());
            assertEquals(PrintSetup.A4_PAPERSIZE, print.getPaperSize());
            assertTrue(sheet.getFitToPage());
            assertEquals(1, print.getFitWidth());
            assertEquals(0, print.getFitHeight());
            // Title, one note, then the header on the fourth row.
            assertEquals(3, sheet.getRepeatingRows().getFirstRow());
            assertEquals(3, sheet.getRepeatingRows().getLastRow());
            assertEquals(12 / 25.4, sheet.getMargin(org.apache.poi.ss.usermodel.PageMargin.LEFT), 1e-9);
        }
    }

    @Test
    void aWideSheetPrintsOnOnePageInLibreOffice() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("wide.xlsx");
        Files.write(file, render(wide()));
        Path pdf = LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("pdf")));
        try (PDDocument converted = Loader.loadPDF(Files.readAllBytes(pdf))) {
            assertEquals(1, converted.getNumberOfPages(), "fourteen columns, twenty rows: one landscape page");
            var box = converted.getPage(0).getMediaBox();
            assertTrue(box.getWidth() > box.getHeight(), "landscape");
        }
    }
}
