package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.renderers.model.Table.Aggregate;
import io.docswarm.renderers.xlsx.XlsxRenderer;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.junit.jupiter.api.Test;

/**
 * The totals row combines each column as the model says: amounts are summed, rates averaged, and columns that
 * neither add up nor average meaningfully are left blank, in every format.
 */
class TableTotalsTest {

    private static final Skill WORKBOOK = SkillLibrary.builtIn("workbook").orElseThrow();

    /**
     * Revenue sums to 6,000. The conversion rate averages 3.5% over its three values (the blank is left out, as
     * Excel's AVERAGE does); its sum, 10.6%, must appear nowhere. Scores (sum 26.5) get no total at all.
     */
    static Table regions() {
        List<List<Object>> rows = List.of(
                Arrays.asList("North", 1000.0, 0.030, 7.5, null),
                Arrays.asList("South", 3000.0, null, 6.0, null),
                Arrays.asList("East", 2000.0, 0.041, 8.0, null),
                Arrays.asList("West", 0.0, 0.035, 5.0, null));
        return new Table("Regions", List.of(Table.Column.text("Region"), Table.Column.number("Revenue", "#,##0"),
                Table.Column.number("Conversion rate", "0.0%", Aggregate.AVERAGE),
                Table.Column.number("Score", "0.0", Aggregate.NONE),
                Table.Column.number("Satisfaction", "0.0", Aggregate.AVERAGE)), rows, true);
    }

    private static Document workbook() {
        return new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(new Sheet("Regions", regions(), List.of(), List.of(), List.of())));
    }

    private static byte[] xlsx(int streamingThreshold) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XlsxRenderer(streamingThreshold).render(workbook(), WORKBOOK, out);
        return out.toByteArray();
    }

    @Test
    void numberColumnsAreSummedUnlessTheyArePercentagesAndOnlyNumbersAggregate() {
        assertEquals(Aggregate.SUM, Table.Column.number("Revenue", "#,##0").aggregate());
        assertEquals(Aggregate.NONE, Table.Column.number("Share", "0.0%").aggregate(), "as renderers always did");
        assertEquals(Aggregate.NONE, Table.Column.text("Region").aggregate());
        assertThrows(IllegalArgumentException.class,
                () -> new Table.Column("Region", Table.ColumnType.TEXT, "", Aggregate.AVERAGE));
        Table table = regions();
        assertEquals(6000, table.aggregate(1).getAsDouble(), 1e-9);
        assertEquals(0.106 / 3, table.aggregate(2).getAsDouble(), 1e-12);
        assertTrue(table.aggregate(3).isEmpty());
        assertTrue(table.aggregate(4).isEmpty(), "an average of no numbers is nothing, not 0");
    }

    @Test
    void inMemoryWorkbookAveragesRatesAndLeavesOthersBlank() throws IOException {
        assertWorkbookTotals(xlsx(1_000));
    }

    @Test
    void streamedWorkbookAveragesRatesAndLeavesOthersBlank() throws IOException {
        assertWorkbookTotals(xlsx(2));
    }

    /** Formula text, the cached value written, and the value POI computes when it re-evaluates the file. */
    private static void assertWorkbookTotals(byte[] bytes) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = workbook.getSheet("Regions");
            Row totals = sheet.getRow(sheet.getLastRowNum());
            assertEquals("Total", totals.getCell(0).getStringCellValue());
            assertEquals("SUBTOTAL(109,B4:B7)", totals.getCell(1).getCellFormula());
            assertEquals("IFERROR(SUBTOTAL(101,C4:C7),\"\")", totals.getCell(2).getCellFormula());
            assertEquals(CellType.BLANK, totals.getCell(3).getCellType(), "scores have no total");
            assertEquals("IFERROR(SUBTOTAL(101,E4:E7),\"\")", totals.getCell(4).getCellFormula());
            List<Object> cached = cachedResults(totals);
            assertEquals(6000.0, cached.get(0), "the sum of revenue");
            assertEquals(0.106 / 3, (Double) cached.get(1), 1e-15, "the mean of the three rates, not their sum");
            assertEquals("", cached.get(2), "no satisfaction scores: blank");
            XSSFFormulaEvaluator.evaluateAllFormulaCells(workbook);
            List<Object> evaluated = cachedResults(totals);
            assertEquals(cached.get(0), evaluated.get(0));
            assertEquals((Double) cached.get(1), (Double) evaluated.get(1), 1e-15);
            assertEquals("", evaluated.get(2), "an average of no numbers stays blank, never #DIV/0!");
        }
    }

    /** The cached results of the totals row's formulas in columns B, C and E. */
    private static List<Object> cachedResults(Row totals) {
        List<Object> results = new ArrayList<>();
        for (int c : new int[] {1, 2, 4}) {
            Cell cell = totals.getCell(c);
            assertEquals(CellType.FORMULA, cell.getCellType());
            results.add(cell.getCachedFormulaResultType() == CellType.NUMERIC ? (Object) cell.getNumericCellValue()
                    : cell.getStringCellValue());
        }
        return results;
    }

    private static Document report() {
        return new Document(SampleDocuments.metadata(), List.of(new Section("Regions", 1, List.of(regions()))),
                List.of(), List.of());
    }

    private static byte[] render(OutputFormat format, Document document, String skill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document, SkillLibrary.builtIn(skill).orElseThrow(), out);
        return out.toByteArray();
    }

    @Test
    void wordTotalsRowShowsTheSumAndTheAverage() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(render(OutputFormat.DOCX, report(),
                "report")))) {
            var rows = docx.getTables().getFirst().getRows();
            assertEquals(List.of("Total", "6,000", "3.5%", "", ""),
                    rows.getLast().getTableCells().stream().map(XWPFTableCell::getText).toList());
        }
    }

    @Test
    void pdfTotalsRowShowsTheSumAndTheAverage() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(render(OutputFormat.PDF, report(), "report"))) {
            String text = new PDFTextStripper().getText(pdf);
            String totals = text.lines().filter(l -> l.startsWith("Total ")).findFirst().orElseThrow();
            assertEquals("Total 6,000 3.5%", totals.strip());
            assertFalse(text.contains("10.6%") || text.contains("26.5"), "no sum of rates or scores");
        }
    }

    @Test
    void slideTablesGetTheTotalsRowToo() throws IOException {
        Document deck = new Document(SampleDocuments.metadata(), List.of(),
                List.of(new Slide(Slide.SlideRole.TABLE, "Regions", List.of(regions()), "")), List.of());
        try (XMLSlideShow pptx = new XMLSlideShow(new ByteArrayInputStream(render(OutputFormat.PPTX, deck, "deck")))) {
            XSLFTable table = pptx.getSlides().getFirst().getShapes().stream().filter(XSLFTable.class::isInstance)
                    .map(XSLFTable.class::cast).findFirst().orElseThrow();
            assertEquals(6, table.getNumberOfRows(), "header, four rows, totals");
            assertEquals(List.of("Total", "6,000", "3.5%", "", ""), table.getRows().getLast().getCells().stream()
                    .map(XSLFTableCell::getText).toList());
        }
    }

    @Test
    void aQuotedPercentSignIsPrintedNotMultipliedBy100() {
        assertEquals("31.0%", TextFormat.number(31, "0.0\"%\""));
        assertEquals("1,234 kr", TextFormat.number(1234, "#,##0 \"kr\""));
        assertEquals("3.1%", TextFormat.number(0.031, "0.0%"));
    }
}
