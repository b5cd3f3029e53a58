package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.junit.jupiter.api.Test;

class DocxFootnotesTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();

    /** Sentence-by-sentence citations, as drafters write them: the same file three times, another source between. */
    private static Document cited() {
        Paragraph paragraph = new Paragraph(List.of(
                Run.cited("Spend was 1.2 million.", "data/spend.csv"), Run.plain(" "),
                Run.cited("Hours were 912.", "data/spend.csv"), Run.plain(" "),
                Run.cited("The plan was approved.", "sources/plan.md"), Run.plain(" "),
                Run.cited("Licences were 41. ", "data/spend.csv"), Run.plain("Next.")));
        return new Document(SampleDocuments.metadata(), List.of(new Section("Costs", 1, List.of(paragraph))),
                List.of(), List.of());
    }

    private static XWPFDocument render(Document document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.DOCX).render(document, REPORT, out);
        return new XWPFDocument(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void aParagraphCitesEachSourceInOneNote() throws IOException {
        try (XWPFDocument docx = render(cited())) {
            List<String> notes = docx.getFootnotes().stream().filter(f -> f.getCTFtnEdn().getType() == null
                            || "normal".equals(f.getCTFtnEdn().getType().toString()))
                    .map(f -> f.getParagraphs().getFirst().getText().strip()).toList();
            assertEquals(List.of("data/spend.csv", "sources/plan.md"), notes);
            XWPFParagraph body = docx.getParagraphs().stream()
                    .filter(p -> p.getText().contains("Spend was")).findFirst().orElseThrow();
            String xml = body.getCTP().xmlText();
            assertEquals(2, count(xml, "<w:footnoteReference"), "two consecutive citations share one marker");
            // The third citation of the data file refers back to its note, showing its number.
            assertTrue(xml.contains("NOTEREF _RefNote1 \\f \\h"), xml);
            String shown = body.getRuns().stream().map(r -> r.text()).collect(java.util.stream.Collectors.joining());
            assertTrue(shown.endsWith("Licences were 41.1 Next."), "marker before the sentence's space: " + shown);
            assertTrue(xml.indexOf("Hours were 912.") < xml.indexOf("w:footnoteReference w:id"),
                    "the shared marker follows the last sentence citing the file");
        }
    }

    @Test
    void footnoteStylesMakeSmallNotesWithSuperscriptNumbers() throws IOException {
        try (XWPFDocument docx = render(cited())) {
            XWPFStyle reference = docx.getStyles().getStyleWithName("footnote reference");
            XWPFStyle text = docx.getStyles().getStyleWithName("footnote text");
            assertTrue(reference != null && text != null, "both footnote styles are defined");
            assertEquals("superscript", reference.getCTStyle().getRPr().getVertAlignArray(0).getVal().toString());
            assertTrue(size(text) < REPORT.look().bodySize() * 2, "notes are smaller than body text");
            String body = docx.getParagraphs().stream().map(p -> p.getCTP().xmlText())
                    .filter(x -> x.contains("footnoteReference")).findFirst().orElseThrow();
            String marker = "<w:rStyle w:val=\"" + reference.getStyleId() + "\"/></w:rPr><w:footnoteReference";
            assertTrue(body.contains(marker), body);
            XWPFFootnote note = docx.getFootnotes().stream()
                    .filter(f -> f.getParagraphs().getFirst().getText().contains("spend.csv"))
                    .findFirst().orElseThrow();
            XWPFParagraph paragraph = note.getParagraphs().getFirst();
            assertEquals(text.getStyleId(), paragraph.getStyle());
            assertEquals(" data/spend.csv", paragraph.getText(), "a space between the number and the note");
        }
    }

    private static long size(XWPFStyle style) {
        return ((java.math.BigInteger) style.getCTStyle().getRPr().getSzArray(0).getVal()).longValue();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
