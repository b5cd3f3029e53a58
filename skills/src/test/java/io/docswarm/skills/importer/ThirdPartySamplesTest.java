package io.docswarm.skills.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.skills.Layouts;
import io.docswarm.skills.Logic;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.Structure;
import io.docswarm.skills.TextStyle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples written by LibreOffice (not by POI): flat OpenDocument sources converted to .docx, .pptx, .xlsx and
 * .pdf. Extracted values are checked against the converted files' own XML (or, for PDF, against PDFBox's view of
 * the page and the source's declared styles).
 */
class ThirdPartySamplesTest {

    @TempDir
    static Path dir;
    static Path docx;
    static Path pptx;
    static Path xlsx;
    static Path pdf;
    static Path library;

    @BeforeAll
    static void produceSamples() throws Exception {
        Soffice.assumeAvailable();
        Path report = Files.writeString(dir.resolve("report.fodt"), FlatOdf.report());
        Path deck = Files.writeString(dir.resolve("deck.fodp"), FlatOdf.deck());
        Path book = Files.writeString(dir.resolve("book.fods"), FlatOdf.workbook());
        docx = Soffice.convert(report, "docx", dir);
        pdf = Soffice.convert(report, "pdf", dir);
        pptx = Soffice.convert(deck, "pptx", dir);
        xlsx = Soffice.convert(book, "xlsx", dir);
        library = dir.resolve("skills");
    }

    private static SkillImporter.Result importAs(Path file, String name) {
        return new SkillImporter().importSample(file, name, null, null, library);
    }

    private static void assertPreview(Path folder) throws Exception {
        BufferedImage image = ImageIO.read(folder.resolve("preview.png").toFile());
        assertNotNull(image, "preview.png is a PNG");
        assertEquals(Previews.WIDTH, image.getWidth());
    }

    @Test
    void docxFromLibreOffice() throws Exception {
        SkillImporter.Result result = importAs(docx, "lo-report");
        Skill skill = result.skill();
        String styles = "word/styles.xml";
        String h1 = "//*[local-name()='style'][@*[local-name()='styleId']='Heading1']";
        double h1Size = Double.parseDouble(Zips.one(docx, styles, h1 + "/*[local-name()='rPr']/*[local-name()='sz']/@*[local-name()='val']")) / 2;
        String h1Color = Zips.one(docx, styles, h1 + "/*[local-name()='rPr']/*[local-name()='color']/@*[local-name()='val']");
        TextStyle heading1 = skill.look().style("heading1").orElseThrow();
        assertEquals(h1Size, heading1.size());
        assertEquals(FlatOdf.HEADING1_SIZE, heading1.size());
        assertEquals(h1Color.toUpperCase(), heading1.color());
        assertEquals(h1Size, skill.look().headingSize(1));
        assertEquals(FlatOdf.HEADING2_SIZE, skill.look().headingSize(2));
        assertEquals(FlatOdf.HEADING1_COLOR, skill.look().primaryColor());
        assertEquals(FlatOdf.BODY_SIZE, skill.look().bodySize());
        assertEquals(FlatOdf.BODY_COLOR, skill.look().textColor());
        assertTrue(skill.look().justify());

        String sect = "//*[local-name()='body']/*[local-name()='sectPr']";
        double width = Double.parseDouble(Zips.one(docx, "word/document.xml", sect + "/*[local-name()='pgSz']/@*[local-name()='w']"));
        double left = Double.parseDouble(Zips.one(docx, "word/document.xml", sect + "/*[local-name()='pgMar']/@*[local-name()='left']"));
        assertEquals(width / 1440 * 25.4, skill.look().page().widthMm(), 0.1);
        assertEquals(left / 1440 * 25.4, skill.look().page().margins().leftMm(), 0.1);
        assertEquals("A4", skill.look().page().size());
        assertEquals("Acme Research", skill.look().headerText());
        assertEquals("Page {page}", skill.look().footerText());

        assertEquals(Arrays.asList(FlatOdf.HEADINGS), skill.structure().outline().stream()
                .filter(e -> e.level() == 1).map(Structure.OutlineEntry::heading).toList());
        assertEquals("summary", skill.structure().outline().getFirst().purpose());
        assertEquals("conclusion", skill.structure().outline().stream()
                .filter(e -> e.heading().equals("Recommendations")).findFirst().orElseThrow().purpose());
        assertEquals("first-plural", skill.voice().person());
        assertEquals(3, skill.voice().measured().bullets());
        assertTrue(skill.sample().producer().startsWith("LibreOffice"), skill.sample().producer());

        Path template = result.folder().resolve("template.docx");
        assertTrue(Zips.text(template, "word/styles.xml").contains("w:styleId=\"Heading1\""), "styles kept");
        String body = Zips.text(template, "word/document.xml");
        assertFalse(body.contains("We reviewed"), "content removed");
        assertTrue(body.contains("pgMar"), "page setup kept");
        assertTrue(Zips.entries(template).stream().anyMatch(e -> e.startsWith("word/header")), "header kept");
        assertPreview(result.folder());
        String report = Files.readString(result.folder().resolve("import-report.md"));
        assertTrue(report.contains("## Not kept, and why") && report.contains("body content"), report);
        Skill loaded = new SkillLibrary(library).resolve("lo-report");
        assertEquals(skill.look(), loaded.look());
        assertTrue(loaded.template().endsWith("template.docx"));
    }

    @Test
    void pptxFromLibreOffice() throws Exception {
        SkillImporter.Result result = importAs(pptx, "lo-deck");
        Skill skill = result.skill();
        Layouts layouts = skill.layouts();
        double cx = Double.parseDouble(Zips.one(pptx, "ppt/presentation.xml", "//*[local-name()='sldSz']/@cx"));
        assertEquals(cx / 12700, layouts.slideWidthPt(), 0.5);
        Set<String> names = new TreeSet<>();
        for (String entry : Zips.entries(pptx)) {
            if (entry.matches("ppt/slideLayouts/slideLayout\\d+\\.xml")) {
                names.add(Zips.one(pptx, entry, "//*[local-name()='cSld']/@name"));
            }
        }
        assertEquals(names, new TreeSet<>(layouts.layouts().stream().map(Layouts.SlideLayout::name).toList()));
        assertTrue(layouts.roles().keySet().containsAll(List.of("title", "content", "two-content")), layouts.roles().toString());
        Layouts.Slot body = layouts.forRole("content").orElseThrow().slots().stream()
                .filter(s -> s.type().equals("obj") || s.type().equals("body")).findFirst().orElseThrow();
        assertTrue(body.maxChars() > 100 && body.maxLines() >= 3, body.toString());
        assertEquals(List.of("title", "content", "content", "content", "closing"), skill.structure().slideRoles());
        assertEquals(List.of("Highlights", "Sales by region", "Risks"),
                skill.structure().outline().stream().map(Structure.OutlineEntry::heading).toList());
        assertEquals(6, skill.voice().measured().maxBulletsPerSlide());
        assertEquals("first-plural", skill.voice().person());
        Path template = result.folder().resolve("template.pptx");
        assertTrue(Zips.entries(template).stream().noneMatch(e -> e.startsWith("ppt/slides/")), "slides removed");
        assertTrue(Zips.entries(template).stream().anyMatch(e -> e.startsWith("ppt/slideLayouts/")), "layouts kept");
        assertPreview(result.folder());
    }

    @Test
    void xlsxFromLibreOffice() throws Exception {
        SkillImporter.Result result = importAs(xlsx, "lo-book");
        Skill skill = result.skill();
        Structure.SheetOutline sales = skill.structure().sheets().getFirst();
        assertEquals("Sales", sales.name());
        assertEquals(2, sales.headerRow());
        assertEquals(Arrays.asList(FlatOdf.SHEET_HEADERS), sales.headers());
        assertEquals(List.of("text", "currency", "currency", "percent"), sales.columnKinds());
        List<String> formatCodes = Zips.xpath(xlsx, "xl/styles.xml", "//*[local-name()='numFmt']/@formatCode");
        String currency = skill.logic().formatFor("currency").orElseThrow();
        assertTrue(formatCodes.contains(currency), currency + " in " + formatCodes);
        assertTrue(currency.contains(FlatOdf.CURRENCY_FORMAT_CODE));
        List<String> formulas = Zips.xpath(xlsx, "xl/worksheets/sheet1.xml", "//*[local-name()='f']");
        assertEquals(formulas.size(), skill.logic().formulas().stream().mapToInt(Logic.FormulaPattern::count).sum());
        assertTrue(skill.logic().formulas().contains(new Logic.FormulaPattern("total", "SUM(R[-4]C:R[-1]C)",
                "Sales!B7: " + formulas.stream().filter(f -> f.startsWith("SUM")).findFirst().orElseThrow(), 2)),
                skill.logic().formulas().toString());
        assertEquals("1F4E79", skill.look().tableStyle().headerFill());
        Path template = result.folder().resolve("template.xlsx");
        String sheet = Zips.text(template, "xl/worksheets/sheet1.xml");
        assertFalse(sheet.contains("<f>") || sheet.contains("<f "), "formulas of the data rows removed");
        assertFalse(sheet.contains("r=\"3\""), "data rows removed");
        assertTrue(sheet.contains("r=\"2\""), "header row kept");
        assertPreview(result.folder());
    }

    @Test
    void pdfFromLibreOffice() throws Exception {
        SkillImporter.Result result = importAs(pdf, "lo-pdf");
        Skill skill = result.skill();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(doc.getPage(0).getMediaBox().getWidth() / 72 * 25.4, skill.look().page().widthMm(), 0.1);
        }
        assertEquals(List.of(FlatOdf.HEADING1_SIZE, FlatOdf.HEADING2_SIZE), skill.look().headingSizes());
        assertEquals(FlatOdf.BODY_SIZE, skill.look().bodySize());
        assertEquals(FlatOdf.HEADING1_COLOR, skill.look().primaryColor());
        assertEquals(FlatOdf.BODY_COLOR, skill.look().textColor());
        assertEquals("DejaVu Serif", skill.look().bodyFont());
        assertEquals("DejaVu Sans", skill.look().headingFont());
        assertEquals("Acme Research", skill.look().headerText());
        assertEquals("Page {page}", skill.look().footerText());
        assertEquals(Arrays.asList(FlatOdf.HEADINGS), skill.structure().outline().stream()
                .filter(e -> e.level() == 1).map(Structure.OutlineEntry::heading).toList());
        assertFalse(skill.hasTemplate());
        assertFalse(Files.list(result.folder()).anyMatch(p -> p.getFileName().toString().startsWith("template")));
        assertTrue(Files.readString(result.folder().resolve("import-report.md")).contains("an editable template"));
        assertPreview(result.folder());
    }

    @Test
    void aSampleConformsToItsOwnSkillAndAForeignDocumentDoesNot() throws Exception {
        Skill skill = importAs(docx, "lo-self").skill();
        var checker = new io.docswarm.skills.conformance.ConformanceChecker();
        var self = checker.check(docx, skill);
        assertTrue(self.fullConformance(), self.describe());
        Path foreign = dir.resolve("foreign.docx");
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument();
             var out = Files.newOutputStream(foreign)) {
            var run = doc.createParagraph().createRun();
            run.setFontFamily("Comic Sans MS");
            run.setColor("FF00FF");
            run.setText("A sentence that goes on and on " + "and on ".repeat(30) + "until it ends.");
            doc.write(out);
        }
        var other = checker.check(foreign, skill);
        assertFalse(other.fullConformance());
        assertTrue(other.score() < 1);
        assertTrue(other.deviations().stream().anyMatch(d -> d.startsWith("fonts: Comic Sans MS")), other.describe());
        assertTrue(other.deviations().stream().anyMatch(d -> d.startsWith("text colours: FF00FF")), other.describe());
        assertTrue(other.deviations().stream().anyMatch(d -> d.startsWith("outline followed")), other.describe());
        assertTrue(other.deviations().stream().anyMatch(d -> d.startsWith("sentence length budget")), other.describe());
    }
}
