package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.sl.usermodel.TextParagraph.TextAlign;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.ReadingOrder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Right-to-left paragraphs in Word, PowerPoint and Excel files: marked as such where the text is right to left,
 * left-to-right text untouched, and the files open in LibreOffice with the right-to-left text on the right.
 */
class OfficeRightToLeftTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final Skill DECK = SkillLibrary.builtIn("deck").orElseThrow();
    private static final Skill WORKBOOK = SkillLibrary.builtIn("workbook").orElseThrow();

    private static final String HEBREW = "שלום עולם";
    private static final String MIXED = "הכנסות Acme גדלו ב-12%";
    private static final String ENGLISH = "Plain English stays on the left.";
    private static final String ENGLISH_WITH_HEBREW_WORD = "The word שלום means peace.";

    @TempDir
    Path dir;

    private static Table table() {
        return new Table("טבלה", List.of(Table.Column.text("אזור"), Table.Column.text("Region"),
                Table.Column.number("Revenue", "#,##0")),
                List.of(List.of("צפון", "North", 1200.0), List.of("דרום", "South", 300.0)), false);
    }

    private static byte[] render(OutputFormat format, Document document, Skill skill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document, skill, out);
        return out.toByteArray();
    }

    // ---- Word ----

    private static Document report() {
        return new Document(SampleDocuments.metadata(), List.of(new Section("סיכום", 1, List.of(
                Paragraph.of(HEBREW), Paragraph.of(MIXED), Paragraph.of(ENGLISH),
                Paragraph.of(ENGLISH_WITH_HEBREW_WORD),
                new Quote("ציטוט חשוב", "מנהל"),
                BulletList.bullets(List.of("פריט ראשון", "Second item")),
                table()))), List.of(), List.of());
    }

    @Test
    void docxMarksRightToLeftParagraphsAndRunsOnly() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(render(OutputFormat.DOCX, report(),
                REPORT)))) {
            XWPFParagraph hebrew = paragraph(docx.getParagraphs(), HEBREW);
            assertTrue(bidi(hebrew));
            assertTrue(hebrew.getRuns().stream().allMatch(OfficeRightToLeftTest::rtl));

            // Hebrew runs are right to left; the English word and the number are not (Word orders them itself).
            XWPFParagraph mixed = paragraph(docx.getParagraphs(), MIXED);
            assertTrue(bidi(mixed));
            assertEquals(Map.of("הכנסות ", true, "Acme", false, " גדלו ב-", true, "12%", false), runs(mixed));

            XWPFParagraph english = paragraph(docx.getParagraphs(), ENGLISH);
            assertFalse(bidi(english));
            assertFalse(english.getCTP().xmlText().contains("rtl"), "no right-to-left markup on English");

            XWPFParagraph hebrewWord = paragraph(docx.getParagraphs(), ENGLISH_WITH_HEBREW_WORD);
            assertFalse(bidi(hebrewWord), "an English paragraph stays left to right");
            assertEquals(Map.of("The word ", false, "שלום", true, " means peace.", false), runs(hebrewWord));

            List<XWPFParagraph> headings = docx.getParagraphs().stream()
                    .filter(p -> "סיכום".equals(p.getText())).toList();
            XWPFParagraph contentsEntry = headings.getFirst();
            XWPFParagraph heading = headings.getLast();
            assertEquals("Heading1", heading.getStyle());
            assertTrue(bidi(heading) && heading.getRuns().stream().allMatch(OfficeRightToLeftTest::rtl));
            assertTrue(bidi(contentsEntry), "its contents entry too");
            assertTrue(contentsEntry.getCTP().getHyperlinkArray(0).getRArray(0).getRPr().sizeOfRtlArray() > 0);
            XWPFParagraph item = paragraph(docx.getParagraphs(), "פריט ראשון");
            assertTrue(bidi(item) && item.getNumID() != null, "a right-to-left list item keeps its numbering");
            assertFalse(bidi(paragraph(docx.getParagraphs(), "Second item")));
            XWPFParagraph quote = docx.getParagraphs().stream().filter(p -> p.getText().startsWith("ציטוט"))
                    .findFirst().orElseThrow();
            assertTrue(bidi(quote));
            assertTrue(quote.getCTP().getPPr().getPBdr().isSetRight(), "the quote's rule is on its start side");

            var table = docx.getTables().getFirst();
            XWPFParagraph hebrewCell = table.getRow(1).getCell(0).getParagraphArray(0);
            assertTrue(bidi(hebrewCell) && rtl(hebrewCell.getRuns().getFirst()));
            assertFalse(hebrewCell.getCTP().getPPr().isSetJc(), "aligned by its direction, not to a fixed side");
            XWPFParagraph englishCell = table.getRow(1).getCell(1).getParagraphArray(0);
            assertFalse(bidi(englishCell));
            assertEquals("left", englishCell.getCTP().getPPr().getJc().getVal().toString());
            assertTrue(bidi(table.getRow(0).getCell(0).getParagraphArray(0)), "the Hebrew column header");
        }
    }

    @Test
    void leftToRightDocumentsHaveNoRightToLeftMarkup() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(render(OutputFormat.DOCX,
                SampleDocuments.report(), REPORT)))) {
            String body = docx.getDocument().xmlText();
            assertFalse(body.contains("w:bidi") || body.contains("w:rtl"), "nothing new on left-to-right text");
        }
    }

    @Test
    void docxRightToLeftParagraphsAreOnTheRightInLibreOffice() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("rtl.docx");
        Files.write(file, render(OutputFormat.DOCX, report(), REPORT));
        Map<String, float[]> lines = lines(LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("lo"))));
        float[] english = line(lines, "Plain");
        float[] hebrew = line(lines, "ש");
        float pageWidth = lines.get("page")[1];
        float leftMargin = english[0];
        assertEquals(pageWidth - leftMargin, hebrew[1], 2, "ends at the right margin (the margins are equal)");
        assertTrue(hebrew[0] > leftMargin + 100, "and does not start at the left one");
    }

    private static boolean bidi(XWPFParagraph paragraph) {
        return paragraph.getCTP().isSetPPr() && paragraph.getCTP().getPPr().isSetBidi();
    }

    private static boolean rtl(XWPFRun run) {
        return run.getCTR().isSetRPr() && run.getCTR().getRPr().sizeOfRtlArray() > 0;
    }

    /** Each run's text and whether it is marked right to left. */
    private static Map<String, Boolean> runs(XWPFParagraph paragraph) {
        return paragraph.getRuns().stream().collect(Collectors.toMap(XWPFRun::text, OfficeRightToLeftTest::rtl));
    }

    private static XWPFParagraph paragraph(List<XWPFParagraph> paragraphs, String text) {
        return paragraphs.stream().filter(p -> p.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no paragraph '" + text + "'"));
    }

    // ---- PowerPoint ----

    private static Document deck() {
        return new Document(SampleDocuments.metadata(), List.of(), List.of(
                new Slide(Slide.SlideRole.CONTENT, "סיכום", List.of(BulletList.bullets(List.of(HEBREW, ENGLISH))),
                        "הערות לדובר"),
                new Slide(Slide.SlideRole.TABLE, "Table", List.of(table()), "")), List.of());
    }

    @Test
    void pptxMarksRightToLeftParagraphsAndAlignsThemRight() throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(render(OutputFormat.PPTX, deck(), DECK)))) {
            List<XSLFTextParagraph> paragraphs = new ArrayList<>();
            show.getSlides().forEach(slide -> slide.getShapes().forEach(shape -> {
                if (shape instanceof XSLFTextShape text) {
                    paragraphs.addAll(text.getTextParagraphs());
                }
                if (shape instanceof XSLFTable table) {
                    table.getRows().forEach(row -> row.getCells().forEach(cell ->
                            paragraphs.addAll(cell.getTextParagraphs())));
                }
            }));
            for (String text : List.of(HEBREW, "סיכום", "צפון", "אזור")) {
                XSLFTextParagraph p = slideParagraph(paragraphs, text);
                assertTrue(p.getXmlObject().getPPr().getRtl(), text + " is right to left");
                assertEquals(TextAlign.RIGHT, p.getTextAlign(), text + " is aligned right");
            }
            for (String text : List.of(ENGLISH, "North", "Table")) {
                XSLFTextParagraph p = slideParagraph(paragraphs, text);
                assertFalse(p.getXmlObject().isSetPPr() && p.getXmlObject().getPPr().isSetRtl(), text);
            }
            assertEquals(TextAlign.LEFT, slideParagraph(paragraphs, "North").getTextAlign());
            var notes = show.getNotesSlide(show.getSlides().getFirst()).getPlaceholders();
            assertTrue(java.util.Arrays.stream(notes).flatMap(n -> n.getTextParagraphs().stream())
                    .filter(p -> p.getText().equals("הערות לדובר"))
                    .allMatch(p -> p.getXmlObject().getPPr().getRtl()), "speaker notes too");
        }
    }

    @Test
    void pptxWithRightToLeftTextOpensInLibreOfficeWithItOnTheRight() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("rtl.pptx");
        Files.write(file, render(OutputFormat.PPTX, deck(), DECK));
        Map<String, float[]> lines = lines(LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("lo"))));
        float[] english = line(lines, "Plain");
        float[] hebrew = line(lines, "ש");
        assertTrue(hebrew[1] > english[1] + 50, "the Hebrew bullet ends further right than the English one");
        assertTrue(hebrew[0] > english[0] + 100, "and starts well right of the text box's left edge");
    }

    private static XSLFTextParagraph slideParagraph(List<XSLFTextParagraph> paragraphs, String text) {
        return paragraphs.stream().filter(p -> p.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no slide paragraph '" + text + "'"));
    }

    // ---- Excel ----

    private static Document workbook() {
        return new Document(SampleDocuments.metadata(), List.of(), List.of(), List.of(
                new Sheet("Regions", table(), List.of(), List.of(), List.of("הערה על הנתונים"))));
    }

    @Test
    void xlsxRightToLeftCellsReadRightToLeftAndAlignRight() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(render(OutputFormat.XLSX, workbook(),
                WORKBOOK)))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            XSSFCellStyle title = sheet.getRow(0).getCell(0).getCellStyle();
            assertEquals(ReadingOrder.RIGHT_TO_LEFT, title.getReadingOrder(), "the Hebrew caption");
            assertEquals(ReadingOrder.RIGHT_TO_LEFT, sheet.getRow(1).getCell(0).getCellStyle().getReadingOrder(),
                    "the Hebrew note");
            // Title, note, header, then the rows.
            XSSFCellStyle hebrewHeader = sheet.getRow(3).getCell(0).getCellStyle();
            assertEquals(ReadingOrder.RIGHT_TO_LEFT, hebrewHeader.getReadingOrder());
            assertEquals(HorizontalAlignment.CENTER, hebrewHeader.getAlignment(), "headers stay centred");
            XSSFCellStyle hebrewCell = sheet.getRow(4).getCell(0).getCellStyle();
            assertEquals(ReadingOrder.RIGHT_TO_LEFT, hebrewCell.getReadingOrder());
            assertEquals(HorizontalAlignment.RIGHT, hebrewCell.getAlignment());
            assertEquals(sheet.getRow(4).getCell(1).getCellStyle().getFont(), hebrewCell.getFont(),
                    "otherwise styled like the cells beside it");
            for (int c = 1; c <= 2; c++) {
                XSSFCellStyle ltr = sheet.getRow(4).getCell(c).getCellStyle();
                assertEquals(ReadingOrder.CONTEXT, ltr.getReadingOrder(), "column " + c);
                assertEquals(HorizontalAlignment.GENERAL, ltr.getAlignment(), "column " + c);
            }
        }
    }

    @Test
    void leftToRightWorkbooksHaveNoReadingOrder() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(render(OutputFormat.XLSX,
                SampleDocuments.workbook(), WORKBOOK)))) {
            for (int i = 0; i < workbook.getNumCellStyles(); i++) {
                assertEquals(ReadingOrder.CONTEXT, workbook.getCellStyleAt(i).getReadingOrder());
            }
        }
    }

    @Test
    void xlsxWithRightToLeftTextOpensInLibreOffice() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("rtl.xlsx");
        Files.write(file, render(OutputFormat.XLSX, workbook(), WORKBOOK));
        Map<String, float[]> lines = lines(LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("lo"))));
        assertNotNull(line(lines, "North"));
        assertNotNull(line(lines, "ן"), "צפון is shown");
    }

    // ---- LibreOffice's PDFs ----

    /**
     * The lines of a PDF, page by page, keyed by their text in drawing order, each with its leftmost and rightmost
     * x; under "page" the first page's width.
     */
    private static Map<String, float[]> lines(Path pdfFile) throws IOException {
        Map<Integer, List<TextPosition>> byBaseline = new TreeMap<>();
        Map<String, float[]> lines = new java.util.LinkedHashMap<>();
        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(pdfFile))) {
            PdfBaselines.collect(pdf, byBaseline);
            lines.put("page", new float[] {0, pdf.getPage(0).getMediaBox().getWidth()});
        }
        for (List<TextPosition> line : byBaseline.values()) {
            String text = line.stream().map(TextPosition::getUnicode).collect(Collectors.joining());
            float left = (float) line.stream().mapToDouble(TextPosition::getXDirAdj).min().orElseThrow();
            float right = (float) line.stream().mapToDouble(t -> t.getXDirAdj() + t.getWidthDirAdj()).max()
                    .orElseThrow();
            lines.put(text, new float[] {left, right});
        }
        return lines;
    }

    /** The extent of the first line whose text contains {@code part}. */
    private static float[] line(Map<String, float[]> lines, String part) {
        return lines.entrySet().stream().filter(e -> !e.getKey().equals("page") && e.getKey().contains(part))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + part + "' in " + lines.keySet()));
    }
}
