package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** A report written into a template built here keeps the template's styles, numbering, page setup and header. */
class DocxTemplateTest {

    private static final String HEADER = "ACME Confidential";
    private static final String SAMPLE_TEXT = "Sample body text that must not survive";

    @TempDir
    Path dir;

    /**
     * A template as a corporate author would make it: heading style with a localised id ("Kop1", as Dutch Word
     * writes it) but the built-in name "heading 1", its own table style, bullets drawn as arrows, numbers written
     * "1)", a header, Letter paper with 1000-twip margins, and sample content in the body.
     */
    private Path template() throws IOException {
        try (XWPFDocument t = new XWPFDocument()) {
            XWPFStyles styles = t.createStyles();
            styles.addStyle(new XWPFStyle(style("Kop1", "heading 1", STStyleType.PARAGRAPH, "7A1F5C"), styles));
            styles.addStyle(new XWPFStyle(style("BrandNote", "Brand Note", STStyleType.PARAGRAPH, "336699"), styles));
            styles.addStyle(new XWPFStyle(style("AcmeGrid", "Acme Grid", STStyleType.TABLE, "000000"), styles));
            XWPFNumbering numbering = t.createNumbering();
            numbering.addAbstractNum(new XWPFAbstractNum(abstractNum(7, STNumberFormat.BULLET, "➤"), numbering));
            numbering.addAbstractNum(new XWPFAbstractNum(abstractNum(8, STNumberFormat.DECIMAL, "%1)"), numbering));
            t.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun().setText(HEADER);
            var body = t.getDocument().getBody();
            var section = body.isSetSectPr() ? body.getSectPr() : body.addNewSectPr(); // the header made one
            section.addNewPgSz().setW(BigInteger.valueOf(12240));
            section.getPgSz().setH(BigInteger.valueOf(15840));
            var margins = section.addNewPgMar();
            for (var setter : new java.util.function.Consumer[] {
                    v -> margins.setLeft(v), v -> margins.setRight(v), v -> margins.setTop(v),
                    v -> margins.setBottom(v)}) {
                setter.accept(BigInteger.valueOf(1000));
            }
            t.createParagraph().createRun().setText(SAMPLE_TEXT);
            XWPFTable table = t.createTable(2, 2);
            table.setStyleID("AcmeGrid");
            table.getRow(0).getCell(0).setText("sample cell");
            Path file = dir.resolve("template.docx");
            try (OutputStream out = Files.newOutputStream(file)) {
                t.write(out);
            }
            return file;
        }
    }

    private static CTStyle style(String id, String name, STStyleType.Enum type, String color) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.setType(type);
        style.addNewName().setVal(name);
        style.addNewRPr().addNewColor().setVal(color);
        if (type == STStyleType.PARAGRAPH && name.startsWith("heading")) {
            style.addNewPPr().addNewOutlineLvl().setVal(BigInteger.ZERO);
        }
        return style;
    }

    private static CTAbstractNum abstractNum(int id, STNumberFormat.Enum format, String text) {
        CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
        abstractNum.setAbstractNumId(BigInteger.valueOf(id));
        for (int level = 0; level < 2; level++) {
            CTLvl lvl = abstractNum.addNewLvl();
            lvl.setIlvl(BigInteger.valueOf(level));
            lvl.addNewNumFmt().setVal(format);
            lvl.addNewLvlText().setVal(text);
        }
        return abstractNum;
    }

    private byte[] renderWithTemplate() throws IOException {
        Skill skill = SkillLibrary.builtIn("report").orElseThrow().withTemplate(template().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.DOCX).render(SampleDocuments.report(), skill, out);
        return out.toByteArray();
    }

    private static Map<String, String> parts(byte[] docx) throws IOException {
        Map<String, String> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".xml")) {
                    parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return parts;
    }

    @Test
    void keepsTheTemplatesStylesNumberingPageSetupAndHeader() throws IOException {
        byte[] bytes = renderWithTemplate();
        Map<String, String> parts = parts(bytes);
        String styles = parts.get("word/styles.xml");
        assertTrue(styles.contains("w:styleId=\"BrandNote\""), "template's own styles kept");
        assertFalse(styles.contains("w:styleId=\"Heading1\""), "its heading 1 (id Kop1) is used, not a new one");
        String numberingXml = parts.get("word/numbering.xml");
        assertTrue(numberingXml.contains("➤") && numberingXml.contains("%1)"), "template's list definitions kept");
        String document = parts.get("word/document.xml");
        assertFalse(document.contains(SAMPLE_TEXT), "template's sample body removed");
        assertTrue(document.contains("w:w=\"12240\"") && document.contains("w:left=\"1000\""),
                "template's page size and margins kept");
        assertTrue(document.contains("TOC \\o"), "contents field");
        assertTrue(parts.entrySet().stream().anyMatch(e -> e.getKey().startsWith("word/header")
                && e.getValue().contains(HEADER)), "template's header kept");

        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            // The only header added is the cover's empty first-page one: the running header is the template's.
            assertEquals(1, docx.getHeaderList().stream().filter(h -> !h.getText().isBlank()).count(),
                    "no running header of our own added");
            assertTrue(docx.getHeaderFooterPolicy().getDefaultHeader().getText().contains(HEADER));
            assertTrue(docx.getHeaderFooterPolicy().getFirstPageHeader().getText().isBlank(), "a plain cover");
            Set<String> headingStyles = new HashSet<>();
            Set<BigInteger> listAbstracts = new HashSet<>();
            for (XWPFParagraph p : docx.getParagraphs()) {
                if (p.getText().equals("Executive summary") && p.getStyle() != null) {
                    headingStyles.add(p.getStyle());
                }
                if (p.getNumID() != null) {
                    listAbstracts.add(docx.getNumbering().getNum(p.getNumID()).getCTNum().getAbstractNumId().getVal());
                }
            }
            assertTrue(headingStyles.contains("Kop1"), "headings use the template's heading style: " + headingStyles);
            assertEquals(Set.of(BigInteger.valueOf(7), BigInteger.valueOf(8)), listAbstracts,
                    "bullets and numbers use the template's own definitions");
            assertTrue(docx.getTables().stream().allMatch(t -> "AcmeGrid".equals(t.getStyleID())),
                    "tables use the template's table style");
            // Pre-filled, linked entry; no page number, which only Word's own layout can know (see DocxContents).
            XWPFParagraph tocEntry = docx.getParagraphs().stream()
                    .filter(p -> p.getCTP().sizeOfHyperlinkArray() > 0 && p.getText().startsWith("Executive summary"))
                    .findFirst().orElseThrow();
            assertEquals("Executive summary", tocEntry.getText(), "pre-filled entry without a guessed page number");
        }
    }

    @Test
    void templateOutputOpensInLibreOfficeWithTheHeaderShown() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("templated.docx");
        Files.write(file, renderWithTemplate());
        Path pdf = LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("lo")));
        try (var converted = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(converted);
            assertTrue(text.contains(HEADER), "header visible");
            assertTrue(text.contains("Executive summary") && !text.contains(SAMPLE_TEXT));
            assertEquals(612, converted.getPage(0).getMediaBox().getWidth(), 1, "Letter width from the template");
        }
    }

    @Test
    void anUnreadableTemplateIsAClearError() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.docx"), "not a zip");
        Skill skill = SkillLibrary.builtIn("report").orElseThrow().withTemplate(broken.toString());
        IOException error = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () ->
                Renderers.forFormat(OutputFormat.DOCX).render(SampleDocuments.report(), skill,
                        OutputStream.nullOutputStream()));
        assertTrue(error.getMessage().contains("broken.docx") && error.getMessage().contains("not a readable Word"),
                error.getMessage());
    }
}
