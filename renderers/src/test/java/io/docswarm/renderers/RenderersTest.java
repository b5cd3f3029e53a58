package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderersTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final Skill DECK = SkillLibrary.builtIn("deck").orElseThrow();
    private static final Skill WORKBOOK = SkillLibrary.builtIn("workbook").orElseThrow();

    @TempDir
    Path dir;

    private byte[] render(OutputFormat format, Document document, Skill skill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document, skill, out);
        return out.toByteArray();
    }

    @Test
    void docxKeepsHeadingsTablesChartsAndCitations() throws IOException {
        byte[] bytes = render(OutputFormat.DOCX, SampleDocuments.report(), REPORT);
        try (XWPFDocument docx = new XWPFDocument(new java.io.ByteArrayInputStream(bytes))) {
            String text = new XWPFWordExtractor(docx).getText();
            assertTrue(text.contains(SampleDocuments.TITLE));
            assertTrue(text.contains("East leads"));
            assertTrue(text.contains("143,250"), "numbers formatted with the column format");
            assertTrue(docx.getParagraphs().stream().map(XWPFParagraph::getStyle)
                    .anyMatch("Heading1"::equals), "built-in heading styles");
            assertEquals(3, docx.getCharts().size(), "native charts");
            assertEquals(1, docx.getFootnotes().stream()
                    .filter(f -> f.getParagraphs().stream().anyMatch(p -> p.getText().contains("pipeline.md")))
                    .count(), "citation became a footnote");
            assertEquals(SampleDocuments.TITLE, docx.getProperties().getCoreProperties().getTitle());
        }
    }

    @Test
    void docxTablesTakeTheSkillsTableStyleFromAnImportedTemplate() throws IOException {
        // The built-in report's template is an import: its body (and so every sample table) was removed, but its
        // styles part keeps the table style the Skill names.
        String style = REPORT.look().tableStyle().name();
        assertTrue(REPORT.hasTemplate() && !style.isEmpty(), "the built-in report is imported with a table style");
        byte[] bytes = render(OutputFormat.DOCX, SampleDocuments.report(), REPORT);
        try (XWPFDocument docx = new XWPFDocument(new java.io.ByteArrayInputStream(bytes))) {
            assertFalse(docx.getTables().isEmpty());
            for (var table : docx.getTables()) {
                assertEquals(style, table.getStyleID());
                assertFalse(table.getCTTbl().getTblPr().isSetTblBorders(), "no direct borders over the style's rules");
            }
            // The template's header is a TITLE field whose stored result was the sample's title.
            String header = docx.getHeaderList().getFirst().getParagraphs().getFirst().getCTP().xmlText();
            assertTrue(header.contains("TITLE") && header.contains(SampleDocuments.TITLE), header);
        }
    }

    @Test
    void xlsxNumberFormatsFollowTheSkill() throws IOException {
        byte[] bytes = render(OutputFormat.XLSX, SampleDocuments.workbook(), WORKBOOK);
        var allowed = WORKBOOK.logic().numberFormats().stream().map(f -> f.format()).collect(
                java.util.stream.Collectors.toSet());
        int numeric = 0;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            for (var sheet : wb) {
                for (var row : sheet) {
                    for (var cell : row) {
                        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                            numeric++;
                            String format = cell.getCellStyle().getDataFormatString();
                            assertTrue(allowed.contains(format) || "General".equals(format),
                                    cell.getAddress() + " uses " + format + ", the Skill has " + allowed);
                        }
                    }
                }
            }
        }
        assertTrue(numeric > 0);
    }

    @Test
    void sameInputGivesTheSameBytes() throws IOException {
        for (OutputFormat format : OutputFormat.values()) {
            Document document = switch (format) {
                case PPTX -> SampleDocuments.deck();
                case XLSX -> SampleDocuments.workbook();
                default -> SampleDocuments.report();
            };
            Skill skill = format == OutputFormat.PPTX ? DECK : format == OutputFormat.XLSX ? WORKBOOK : REPORT;
            assertTrue(Arrays.equals(render(format, document, skill), render(format, document, skill)),
                    format + " output must be reproducible");
        }
    }

    @Test
    void pptxSplitsOverflowingContentAndReportsIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = Renderers.forFormat(OutputFormat.PPTX).render(SampleDocuments.deck(), DECK, out);
        try (XMLSlideShow show = new XMLSlideShow(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            assertTrue(show.getSlides().size() > 6, "nine long bullets need continuation slides");
            assertEquals(show.getSlides().size(), result.units());
            assertTrue(result.warnings().stream().anyMatch(w -> w.contains("split over")), result.warnings()::toString);
            long charts = show.getSlides().stream().flatMap(s -> s.getRelations().stream())
                    .filter(p -> p instanceof org.apache.poi.xslf.usermodel.XSLFChart).count();
            assertEquals(1, charts, "native chart on the chart slide");
            XSLFSlide first = show.getSlides().getFirst();
            assertEquals("Welcome everyone.", Arrays.stream(show.getNotesSlide(first).getPlaceholders())
                    .filter(p -> p.getText().contains("Welcome")).findFirst().orElseThrow().getText());
            // A notes page holds the slide image and the notes, not the master's date and number frozen as text.
            assertEquals(java.util.Set.of(org.apache.poi.sl.usermodel.Placeholder.SLIDE_IMAGE,
                            org.apache.poi.sl.usermodel.Placeholder.BODY),
                    show.getNotesSlide(first).getShapes().stream()
                            .map(shape -> ((org.apache.poi.xslf.usermodel.XSLFShape) shape).getPlaceholder())
                            .collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void xlsxHasLiveFormulasWithCachedResultsAndNoErrors() throws IOException {
        byte[] bytes = render(OutputFormat.XLSX, SampleDocuments.workbook(), WORKBOOK);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = workbook.getSheet("Sales");
            assertEquals(1, sheet.getTables().size(), "named table");
            assertNotNull(sheet.getPaneInformation(), "frozen header");
            int formulas = 0;
            double shareSum = 0;
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        formulas++;
                        assertFalse(cell.getCachedFormulaResultType() == CellType.ERROR,
                                "formula error in " + cell.getAddress());
                        if (cell.getColumnIndex() == 4 && cell.getCachedFormulaResultType() == CellType.NUMERIC) {
                            shareSum += cell.getNumericCellValue();
                        }
                    }
                }
            }
            assertTrue(formulas >= 10, "totals, shares and growth are formulas");
            assertEquals(1.0, shareSum, 1e-9, "shares of total add up to 100%");
            // Re-evaluate as a reader would: no formula may error.
            XSSFFormulaEvaluator.evaluateAllFormulaCells(workbook);
            Row totals = sheet.getRow(sheet.getLastRowNum());
            assertEquals(125000 + 98000.5 + 143250, totals.getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(1, sheet.getDrawingPatriarch().getCharts().size());
            assertEquals(CellType.NUMERIC, sheet.getRow(5).getCell(3).getCellType(), "dates stay dates");
        }
    }

    @Test
    void pdfHasContentsBookmarksEmbeddedFontsAndPagesNumbers() throws IOException {
        byte[] bytes = render(OutputFormat.PDF, SampleDocuments.report(), REPORT);
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            assertTrue(pdf.getNumberOfPages() >= 5, "cover, contents, body over several pages");
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Contents"));
            assertTrue(text.contains("Ελληνικά") && text.contains("Кириллица"), "Greek and Cyrillic render");
            assertTrue(text.contains("Page 3"), "footer page numbers");
            assertNotNull(pdf.getDocumentCatalog().getDocumentOutline().getFirstChild(), "bookmarks");
            assertEquals("en", pdf.getDocumentCatalog().getLanguage());
            assertEquals(SampleDocuments.TITLE, pdf.getDocumentInformation().getTitle());
            pdf.getPage(2).getResources().getFontNames().forEach(name -> {
                try {
                    assertTrue(pdf.getPage(2).getResources().getFont(name).isEmbedded(), "fonts embedded");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            long links = pdf.getPage(1).getAnnotations().size();
            assertEquals(6, links, "one contents link per heading (5 sections + Sources)");
        }
    }

    @Test
    void everyFormatOpensInLibreOffice() throws Exception {
        LibreOffice.assumeAvailable();
        for (OutputFormat format : OutputFormat.values()) {
            Document document = switch (format) {
                case PPTX -> SampleDocuments.deck();
                case XLSX -> SampleDocuments.workbook();
                default -> SampleDocuments.report();
            };
            Skill skill = format == OutputFormat.PPTX ? DECK : format == OutputFormat.XLSX ? WORKBOOK : REPORT;
            Path file = dir.resolve("sample." + format.extension());
            Files.write(file, render(format, document, skill));
            Path outDir = Files.createDirectories(dir.resolve("lo-" + format.extension()));
            Path pdf = LibreOffice.convertToPdf(file, outDir);
            try (InputStream in = Files.newInputStream(pdf); PDDocument converted = Loader.loadPDF(in.readAllBytes())) {
                String text = new PDFTextStripper().getText(converted);
                assertTrue(text.contains(format == OutputFormat.XLSX ? "North" : SampleDocuments.TITLE),
                        format + " text survives LibreOffice: " + text.substring(0, Math.min(200, text.length())));
            }
        }
    }
}
