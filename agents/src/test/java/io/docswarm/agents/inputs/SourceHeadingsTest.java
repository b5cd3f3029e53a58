package io.docswarm.agents.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docswarm.agents.job.SourceRef;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.Sentences;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

/** Sources keep their structure: each paragraph knows the heading it sits under, and headings are not text. */
class SourceHeadingsTest {

    @Test
    void markdownHeadingsBecomeTheContextOfTheParagraphsBelowThem() {
        SourceDocument notes = SourceLoader.split("notes.md", """
                # Q3 notes

                The quarter closed above plan in three regions.

                ## Risks

                Freight costs rose eleven percent in September.

                - Currency remains a risk for the Nordic regions

                Next steps
                ----------
                We should accept the fixed freight rate.
                """, true);
        assertEquals(List.of("The quarter closed above plan in three regions.",
                "Freight costs rose eleven percent in September.", "Currency remains a risk for the Nordic regions.",
                "We should accept the fixed freight rate."), notes.paragraphs());
        assertEquals(List.of("Q3 notes", "Risks", "Risks", "Next steps"), notes.headings());
    }

    @Test
    void plainTextHasNoHeadingsAndKeepsHashLines() {
        SourceDocument text = SourceLoader.split("notes.txt", "# not a heading in plain text\n\nSecond one.", false);
        assertEquals(List.of("# not a heading in plain text", "Second one."), text.paragraphs());
        assertEquals(List.of("", ""), text.headings());
    }

    @Test
    void wordHeadingStylesBecomeTheContextOfTheParagraphsBelowThem() throws IOException {
        byte[] bytes;
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            paragraph(document, "Intro text before any heading.", null);
            paragraph(document, "Risks", "Heading1");
            paragraph(document, "Freight costs rose eleven percent in September.", null);
            document.write(out);
            bytes = out.toByteArray();
        }
        SourceDocument doc = SourceLoader.load(new SourceRef("notes", "notes.docx", null), "notes.docx",
                location -> new ByteArrayInputStream(bytes));
        assertEquals(List.of("Intro text before any heading.", "Freight costs rose eleven percent in September."),
                doc.paragraphs());
        assertEquals(List.of("", "Risks"), doc.headings());
    }

    @Test
    void sentencesCarryTheirHeadingAndPlaceInTheParagraph() {
        SourceDocument scan = SourceLoader.split("scan.md", """
                ## Competitors

                Global brands compete on warranty length. They rarely sell directly to households.
                """, true);
        List<Sentence> sentences = Sentences.split(List.of(scan), Locale.ENGLISH);
        assertEquals(2, sentences.size());
        assertEquals("Competitors", sentences.get(1).heading());
        assertEquals(0, sentences.get(0).position());
        assertEquals(1, sentences.get(1).position());
    }

    private static void paragraph(XWPFDocument document, String text, String style) {
        XWPFParagraph paragraph = document.createParagraph();
        if (style != null) {
            paragraph.setStyle(style);
        }
        paragraph.createRun().setText(text);
    }
}
