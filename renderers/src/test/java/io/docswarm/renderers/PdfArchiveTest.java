package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** Our PDFs are PDF/A-2b by veraPDF's own parser and rules, and show CJK text with embedded fonts. */
class PdfArchiveTest {

    @BeforeAll
    static void veraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private static byte[] pdf(Document document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.PDF).render(document, SkillLibrary.builtIn("report").orElseThrow(), out);
        return out.toByteArray();
    }

    private static ValidationResult validate(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                PDFAFlavour.PDFA_2_B)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false);
            return validator.validate(parser);
        }
    }

    private static String failures(ValidationResult result) {
        return result.getTestAssertions().stream().filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                .distinct().collect(Collectors.joining("\n"));
    }

    @Test
    void sampleReportIsPdfA2b() throws Exception {
        ValidationResult result = validate(pdf(SampleDocuments.report()));
        assertTrue(result.isCompliant(), failures(result));
    }

    @Test
    void veraPdfCatchesANonArchivalPdf() throws Exception {
        // The check can fail: a plain PDFBox document (no output intent, no XMP, standard font) is not PDF/A.
        try (PDDocument plain = new PDDocument()) {
            plain.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            plain.save(out);
            ValidationResult result = validate(out.toByteArray());
            assertTrue(!result.isCompliant(), "a plain PDF must not pass");
        }
    }

    @Test
    void chineseJapaneseAndKoreanRenderWithEmbeddedFontsAndNoMissingGlyphs() throws Exception {
        String cjk = "東京は日本の首都です。北京是中国的首都。서울은 한국의 수도입니다.";
        Document document = new Document(SampleDocuments.metadata(), List.of(new Section("多言語 Многоязычный", 1,
                List.of(Paragraph.of("Latin é, Ελληνικά, Кириллица and " + cjk)))), List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = Renderers.forFormat(OutputFormat.PDF).render(document,
                SkillLibrary.builtIn("report").orElseThrow(), out);
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("no glyph")), result.warnings().toString());
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            assertTrue(text.contains(cjk.replaceAll("\\s+", "")), "CJK text extracts back: " + text);
            assertTrue(text.contains("多言語Многоязычный"), "headings in the contents too");
            boolean cjkFont = false;
            for (var page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " embedded");
                    cjkFont |= font.getName().contains("WenQuanYi");
                }
            }
            assertTrue(cjkFont, "the CJK fallback font is used");
        }
        assertTrue(validate(out.toByteArray()).isCompliant(), "still PDF/A with the fallback font");
    }

    @Test
    void scriptsTheSerifFaceLacksAreSetInDejaVuSansNotShownAsQuestionMarks() throws IOException {
        // The report's body is DejaVu Serif, which has no Hebrew or Arabic; DejaVu Sans has both.
        String hebrew = "\u05E9\u05DC\u05D5\u05DD";
        String arabic = "\u0645\u0631\u062D\u0628\u0627";
        Document document = new Document(SampleDocuments.metadata(), List.of(new Section("Greetings", 1,
                List.of(Paragraph.of("Hebrew " + hebrew + " and Arabic " + arabic + ".")))), List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = Renderers.forFormat(OutputFormat.PDF).render(document,
                SkillLibrary.builtIn("report").orElseThrow(), out);
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("no glyph")), result.warnings().toString());
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            // Letter by letter: text extraction may reorder right-to-left runs.
            (hebrew + arabic).codePoints().forEach(cp ->
                    assertTrue(text.indexOf(cp) >= 0, Character.getName(cp) + " in the text: " + text));
        }
    }

    @Test
    void hebrewAndArabicInEveryStyleHaveGlyphsAndStayPdfA2b() throws Exception {
        // DejaVu Sans Oblique has no Arabic: italic Arabic is shown upright rather than as '?'. Shaped Arabic uses
        // presentation forms, which DejaVu Sans has.
        Document document = new Document(SampleDocuments.metadata(), List.of(new Section("שלום", 1, List.of(
                new Paragraph(List.of(Run.plain("مرحبا بالعالم "), Run.italic("مرحبا بالعالم "),
                        Run.bold("مرحبا بالعالم "), Run.code("لا إله"))),
                new Paragraph(List.of(Run.plain("שלום "), Run.italic("עולם "), Run.bold("ומלואו")))))),
                List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = Renderers.forFormat(OutputFormat.PDF).render(document,
                SkillLibrary.builtIn("report").orElseThrow(), out);
        assertEquals(List.of(), result.warnings().stream().filter(w -> w.contains("no glyph")).toList());
        ValidationResult validation = validate(out.toByteArray());
        assertTrue(validation.isCompliant(), failures(validation));
    }

    @Test
    void charactersNoBundledFontHasAreReportedNotDroppedSilently() throws IOException {
        Document document = new Document(SampleDocuments.metadata(), List.of(new Section("Symbols", 1,
                List.of(Paragraph.of("Linear B \uD800\uDC00 here")))), List.of(), List.of());
        RenderResult result = Renderers.forFormat(OutputFormat.PDF).render(document,
                SkillLibrary.builtIn("report").orElseThrow(), new ByteArrayOutputStream());
        assertEquals(List.of("character U+10000 has no glyph in the bundled fonts; shown as '?'"),
                result.warnings().stream().filter(w -> w.contains("no glyph")).toList());
    }
}
