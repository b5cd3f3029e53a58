package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.SectionBreak;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.renderers.xlsx.XlsxRenderer;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * A document whose language is written right to left is laid out right to left as a whole: tables with their
 * first column on the right, the running header and footer and the contents mirrored, paragraphs without a strong
 * letter ("2026") right to left, Word's sections right to left. The same document in English keeps the
 * left-to-right layout. (Charts: {@link RightToLeftChartTest}.)
 */
class RightToLeftDocumentTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final Skill DECK = SkillLibrary.builtIn("deck").orElseThrow();
    private static final Skill WORKBOOK = SkillLibrary.builtIn("workbook").orElseThrow();
    private static final String NUMBER_ONLY = "2026";

    @TempDir
    Path dir;

    private static Document.DocumentMetadata metadata(String language) {
        Document.DocumentMetadata sample = SampleDocuments.metadata();
        // An English title: the running header is right to left because the document is, not because of its text.
        return new Document.DocumentMetadata(sample.title(), sample.subtitle(), sample.author(), language,
                sample.created());
    }

    private static Table table() {
        return new Table("טבלה", List.of(Table.Column.text("אזור"), Table.Column.text("Region"),
                Table.Column.number("Revenue", "#,##0")),
                List.of(List.of("צפון", "North", 1200.0), List.of("דרום", "South", 300.0)), false);
    }

    private static Document report(String language) {
        return new Document(metadata(language), List.of(
                new Section("סיכום", 1, List.of(Paragraph.of(NUMBER_ONLY), Paragraph.of("שלום עולם"), table())),
                new Section("פירוט", 1, List.of(Paragraph.of("עוד טקסט")))), List.of(), List.of());
    }

    private static byte[] render(OutputFormat format, Document document, Skill skill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document, skill, out);
        return out.toByteArray();
    }

    // ---- PDF ----

    @Test
    void pdfTablesRunFromTheRightInARightToLeftDocument() throws IOException {
        Glyphs rtl = Glyphs.of(render(OutputFormat.PDF, report("he"), REPORT));
        // Header row: אזור, Region, Revenue from right to left; in it "ז" is only in אזור, "g" only in Region, "v"
        // only in Revenue.
        List<TextPosition> header = rtl.lineWith("ז", "g", "v");
        assertTrue(x(header, "ז") > x(header, "g") && x(header, "g") > x(header, "v"),
                "columns from the right: אזור, Region, Revenue");
        List<TextPosition> row = rtl.lineWith("צ", "N");
        assertTrue(x(row, "צ") > x(row, "N"), "and so are the rows' cells");
        assertTrue(x(header, "ז") > rtl.rightMargin() - 40, "the first column starts at the right margin");

        Glyphs ltr = Glyphs.of(render(OutputFormat.PDF, report("en"), REPORT));
        List<TextPosition> ltrHeader = ltr.lineWith("ז", "g", "v");
        assertTrue(x(ltrHeader, "ז") < x(ltrHeader, "g") && x(ltrHeader, "g") < x(ltrHeader, "v"),
                "an English document keeps them left to right");
    }

    @Test
    void pdfParagraphsWithoutStrongLettersTakeTheDocumentsDirection() throws IOException {
        Glyphs rtl = Glyphs.of(render(OutputFormat.PDF, report("he"), REPORT));
        List<TextPosition> number = rtl.lineExactly(NUMBER_ONLY);
        assertEquals(rtl.rightMargin(), Glyphs.right(number), 0.5, "'2026' is right-aligned in a Hebrew document");

        Glyphs ltr = Glyphs.of(render(OutputFormat.PDF, report("en"), REPORT));
        assertEquals(ltr.leftMargin(), Glyphs.left(ltr.lineExactly(NUMBER_ONLY)), 0.5, "and left-aligned in English");
    }

    @Test
    void pdfRunningHeaderIsMirroredAndTheFooterStaysCentred() throws IOException {
        Glyphs rtl = Glyphs.of(render(OutputFormat.PDF, report("he"), REPORT));
        assertEquals(rtl.leftMargin(), Glyphs.left(runningHeader(rtl)), 0.5,
                "the header, at the right margin left to right, starts at the left one");
        float pageWidth = rtl.leftMargin() + rtl.rightMargin();
        assertEquals(pageWidth / 2, centre(rtl.lineExactly("Page 3")), 0.5, "the centred footer stays centred");

        Glyphs ltr = Glyphs.of(render(OutputFormat.PDF, report("en"), REPORT));
        assertEquals(ltr.rightMargin(), Glyphs.right(runningHeader(ltr)), 0.5);
        assertEquals(pageWidth / 2, centre(ltr.lineExactly("Page 3")), 0.5);
    }

    /** The running header on the first body page (after the cover and the contents). */
    private static List<TextPosition> runningHeader(Glyphs glyphs) {
        return glyphs.lines(3).stream()
                .filter(line -> Glyphs.sortedText(line).equals(SampleDocuments.TITLE.replace(" ", "")))
                .findFirst().orElseThrow(() -> new AssertionError("no running header on page 3"));
    }

    private static float centre(List<TextPosition> line) {
        return (Glyphs.left(line) + Glyphs.right(line)) / 2;
    }

    @Test
    void pdfContentsEntriesRunRightToLeft() throws IOException {
        Glyphs rtl = Glyphs.of(render(OutputFormat.PDF, report("he"), REPORT));
        // The contents page (after the cover): the heading "סיכום" on the right, its page number on the left.
        List<TextPosition> entry = rtl.lineOnPage(2, "ס", "3");
        TextPosition number = entry.stream().filter(g -> g.getUnicode().equals("3")).findFirst().orElseThrow();
        assertEquals(rtl.leftMargin(), number.getXDirAdj(), 0.5, "the page number at the left margin");
        List<TextPosition> heading = entry.stream().filter(g -> !g.getUnicode().equals("3")).toList();
        assertEquals(rtl.rightMargin(), Glyphs.right(heading), 0.5, "the heading at the right margin");

        Glyphs ltr = Glyphs.of(render(OutputFormat.PDF, report("en"), REPORT));
        List<TextPosition> ltrEntry = ltr.lineOnPage(2, "ס", "3");
        assertEquals(ltr.rightMargin(), Glyphs.right(ltrEntry), 0.5, "left to right the number is on the right");
    }

    /** The left edge of the first glyph {@code character} of a line. */
    private static float x(List<TextPosition> line, String character) {
        return line.stream().filter(g -> g.getUnicode().equals(character)).findFirst()
                .orElseThrow(() -> new AssertionError("no glyph " + character)).getXDirAdj();
    }

    /** The glyphs of a PDF by page, and the page's margins (equal on both sides in the built-in Skills). */
    private record Glyphs(Map<Integer, List<TextPosition>> pages, float leftMargin, float rightMargin) {

        static Glyphs of(byte[] pdfBytes) throws IOException {
            Map<Integer, List<TextPosition>> pages = new LinkedHashMap<>();
            try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
                PDFTextStripper collector = new PDFTextStripper() {
                    @Override
                    protected void processTextPosition(TextPosition text) {
                        if (!text.getUnicode().isBlank()) {
                            pages.computeIfAbsent(getCurrentPageNo(), p -> new ArrayList<>()).add(text);
                        }
                    }
                };
                collector.getText(pdf);
                float margin = (float) REPORT.look().page().marginPt();
                return new Glyphs(pages, margin, pdf.getPage(0).getMediaBox().getWidth() - margin);
            }
        }

        /** The glyphs on one baseline of one page. */
        List<List<TextPosition>> lines(int page) {
            Map<Integer, List<TextPosition>> byBaseline = new LinkedHashMap<>();
            for (TextPosition glyph : pages.getOrDefault(page, List.of())) {
                byBaseline.computeIfAbsent(Math.round(glyph.getYDirAdj()), y -> new ArrayList<>()).add(glyph);
            }
            return new ArrayList<>(byBaseline.values());
        }

        List<List<TextPosition>> lines() {
            List<List<TextPosition>> all = new ArrayList<>();
            pages.keySet().forEach(page -> all.addAll(lines(page)));
            return all;
        }

        /** The first line whose glyphs, in logical order of the text (spaces ignored), are exactly {@code text}. */
        List<TextPosition> lineExactly(String text) {
            String wanted = text.replace(" ", "");
            return lines().stream().filter(line -> sortedText(line).equals(wanted)
                            || new StringBuilder(sortedText(line)).reverse().toString().equals(wanted))
                    .findFirst().orElseThrow(() -> new AssertionError("no line '" + text + "'"));
        }

        List<TextPosition> lineOnPage(int page, String... characters) {
            return lines(page).stream().filter(line -> Arrays.stream(characters)
                            .allMatch(c -> line.stream().anyMatch(g -> g.getUnicode().equals(c))))
                    .findFirst().orElseThrow(() -> new AssertionError("no line on page " + page + " with "
                            + Arrays.toString(characters)));
        }

        /** The first line, on any page, with every one of {@code characters}. */
        List<TextPosition> lineWith(String... characters) {
            return lines().stream().filter(line -> Arrays.stream(characters)
                            .allMatch(c -> line.stream().anyMatch(g -> g.getUnicode().equals(c))))
                    .findFirst().orElseThrow(() -> new AssertionError("no line with " + Arrays.toString(characters)));
        }

        static String sortedText(List<TextPosition> line) {
            return line.stream().sorted(java.util.Comparator.comparing(TextPosition::getXDirAdj))
                    .map(TextPosition::getUnicode).reduce("", String::concat);
        }

        static float left(List<TextPosition> glyphs) {
            return (float) glyphs.stream().mapToDouble(TextPosition::getXDirAdj).min().orElseThrow();
        }

        static float right(List<TextPosition> glyphs) {
            return (float) glyphs.stream().mapToDouble(g -> g.getXDirAdj() + g.getWidthDirAdj()).max().orElseThrow();
        }
    }

    // ---- Word ----

    @Test
    void docxTablesAndRunningTextAreRightToLeftOnlyInARightToLeftDocument() throws IOException {
        try (XWPFDocument rtl = docx(report("he")); XWPFDocument ltr = docx(report("en"))) {
            assertTrue(rtl.getTables().getFirst().getCTTbl().getTblPr().isSetBidiVisual(), "the first column right");
            assertFalse(ltr.getTables().getFirst().getCTTbl().getTblPr().isSetBidiVisual());

            List<XWPFParagraph> rtlRunning = runningParagraphs(rtl);
            assertFalse(rtlRunning.isEmpty());
            assertTrue(rtlRunning.stream().allMatch(RightToLeftDocumentTest::bidi),
                    "header and footer are right to left, the English title's too");
            assertTrue(runningParagraphs(ltr).stream().noneMatch(RightToLeftDocumentTest::bidi));

            assertTrue(bidi(paragraph(rtl, NUMBER_ONLY)), "'2026' takes the document's direction");
            assertFalse(bidi(paragraph(ltr, NUMBER_ONLY)));
            XWPFParagraph numberCell = rtl.getTables().getFirst().getRow(1).getCell(2).getParagraphArray(0);
            assertTrue(bidi(numberCell), "and so does a number cell");
        }
    }

    @Test
    void docxRightToLeftTableHasItsFirstColumnOnTheRightInLibreOffice() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("rtl.docx");
        Files.write(file, render(OutputFormat.DOCX, report("he"), REPORT));
        Glyphs glyphs = Glyphs.of(Files.readAllBytes(LibreOffice.convertToPdf(file,
                Files.createDirectories(dir.resolve("lo")))));
        List<TextPosition> header = glyphs.lineWith("ז", "g", "v");
        assertTrue(x(header, "ז") > x(header, "g") && x(header, "g") > x(header, "v"),
                "columns from the right: אזור, Region, Revenue");
        List<TextPosition> row = glyphs.lineWith("צ", "N");
        assertTrue(x(row, "צ") > x(row, "N"));
        List<TextPosition> runningHeader = glyphs.lineOnPage(3, "R", "g", "v");
        assertEquals(glyphs.leftMargin(), Glyphs.left(runningHeader), 2,
                "the right-aligned header of the Skill is mirrored to the left margin");
    }

    @Test
    void docxSectionsAreRightToLeftOnlyInARightToLeftDocument() throws IOException {
        try (XWPFDocument rtl = docx(withLandscapeSection("he")); XWPFDocument ltr = docx(withLandscapeSection("en"))) {
            List<CTSectPr> rtlSections = sections(rtl);
            assertEquals(2, rtlSections.size(), "the section the break closes, and the last one");
            assertTrue(rtlSections.stream().allMatch(CTSectPr::isSetBidi), "every section has w:bidi");
            List<CTSectPr> ltrSections = sections(ltr);
            assertEquals(2, ltrSections.size());
            assertTrue(ltrSections.stream().noneMatch(CTSectPr::isSetBidi), "no section of an English one has");
        }
    }

    /** A report whose second half is a landscape section. */
    private static Document withLandscapeSection(String language) {
        return new Document(metadata(language), List.of(
                new Section("סיכום", 1, List.of(Paragraph.of("שלום עולם"), new SectionBreak(
                        SectionBreak.Orientation.LANDSCAPE), table()))), List.of(), List.of());
    }

    /** The properties of every section: those a section break closes, in order, then the body's (the last). */
    private static List<CTSectPr> sections(XWPFDocument docx) {
        List<CTSectPr> sections = new ArrayList<>();
        for (XWPFParagraph paragraph : docx.getParagraphs()) {
            if (paragraph.getCTP().isSetPPr() && paragraph.getCTP().getPPr().isSetSectPr()) {
                sections.add(paragraph.getCTP().getPPr().getSectPr());
            }
        }
        sections.add(docx.getDocument().getBody().getSectPr());
        return sections;
    }

    private static XWPFDocument docx(Document document) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(render(OutputFormat.DOCX, document, REPORT)));
    }

    private static List<XWPFParagraph> runningParagraphs(XWPFDocument docx) {
        List<XWPFParagraph> paragraphs = new ArrayList<>();
        docx.getHeaderList().forEach(h -> paragraphs.addAll(h.getParagraphs()));
        docx.getFooterList().forEach(f -> paragraphs.addAll(f.getParagraphs()));
        return paragraphs.stream().filter(p -> !p.getText().isBlank()).toList();
    }

    private static XWPFParagraph paragraph(XWPFDocument docx, String text) {
        return docx.getParagraphs().stream().filter(p -> p.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no paragraph '" + text + "'"));
    }

    private static boolean bidi(XWPFParagraph paragraph) {
        return paragraph.getCTP().isSetPPr() && paragraph.getCTP().getPPr().isSetBidi();
    }

    // ---- PowerPoint ----

    private static Document deck(String language) {
        return new Document(metadata(language), List.of(), List.of(
                new Slide(Slide.SlideRole.CONTENT, "סיכום", List.of(BulletList.bullets(List.of("שלום", NUMBER_ONLY))),
                        ""),
                new Slide(Slide.SlideRole.TABLE, "טבלה", List.of(table()), "")), List.of());
    }

    @Test
    void pptxTablesAndNumberOnlyParagraphsAreRightToLeftInARightToLeftDeck() throws IOException {
        try (XMLSlideShow rtl = pptx(deck("he")); XMLSlideShow ltr = pptx(deck("en"))) {
            assertTrue(table(rtl).getCTTable().getTblPr().getRtl(), "a:tblPr rtl=\"1\"");
            assertFalse(table(ltr).getCTTable().getTblPr().getRtl());
            assertTrue(rtl(numberParagraph(rtl)), "'2026' takes the deck's direction");
            assertFalse(rtl(numberParagraph(ltr)));
        }
    }

    private static XMLSlideShow pptx(Document document) throws IOException {
        return new XMLSlideShow(new ByteArrayInputStream(render(OutputFormat.PPTX, document, DECK)));
    }

    private static XSLFTable table(XMLSlideShow show) {
        return show.getSlides().stream().flatMap(s -> s.getShapes().stream())
                .filter(XSLFTable.class::isInstance).map(XSLFTable.class::cast).findFirst().orElseThrow();
    }

    private static org.apache.poi.xslf.usermodel.XSLFTextParagraph numberParagraph(XMLSlideShow show) {
        return show.getSlides().stream().flatMap(s -> s.getShapes().stream())
                .filter(XSLFTextShape.class::isInstance).flatMap(s -> ((XSLFTextShape) s).getTextParagraphs().stream())
                .filter(p -> p.getText().equals(NUMBER_ONLY)).findFirst().orElseThrow();
    }

    private static boolean rtl(org.apache.poi.xslf.usermodel.XSLFTextParagraph paragraph) {
        return paragraph.getXmlObject().isSetPPr() && paragraph.getXmlObject().getPPr().getRtl();
    }

    // ---- Excel ----

    private static Document workbook(String language) {
        return new Document(metadata(language), List.of(), List.of(), List.of(
                new Sheet("Regions", table(), List.of(), List.of(), List.of())));
    }

    @Test
    void xlsxSheetsAreShownRightToLeftInARightToLeftWorkbookInMemoryAndStreamed() throws IOException {
        // A threshold of one row streams the two-row sheet with SXSSF.
        for (XlsxRenderer renderer : List.of(new XlsxRenderer(), new XlsxRenderer(1))) {
            assertTrue(rightToLeft(renderer, workbook("ar-EG")), renderer + ": Arabic (Egypt)");
            assertFalse(rightToLeft(renderer, workbook("en")), renderer + ": English");
        }
    }

    private static boolean rightToLeft(XlsxRenderer renderer, Document document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(document, WORKBOOK, out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            return workbook.getSheetAt(0).isRightToLeft();
        }
    }
}
