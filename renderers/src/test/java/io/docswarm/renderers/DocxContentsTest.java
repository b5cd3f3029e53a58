package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

class DocxContentsTest {

    @Test
    void contentsListsLinkedHeadingsWithoutGuessedPageNumbersAndWordDoesNotPrompt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.DOCX).render(SampleDocuments.report(),
                SkillLibrary.builtIn("report").orElseThrow(), out);
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(out.toByteArray()))) {
            List<XWPFParagraph> entries = docx.getParagraphs().stream()
                    .filter(p -> p.getCTP().sizeOfHyperlinkArray() > 0
                            && p.getCTP().getHyperlinkArray(0).getAnchor() != null
                            && p.getCTP().getHyperlinkArray(0).getAnchor().startsWith("_Toc"))
                    .toList();
            assertEquals(List.of("Executive summary", "Details", "Charts", "Wide data",
                            "Appendix Ελληνικά Кириллица 日本語"),
                    entries.stream().map(p -> p.getText().strip()).toList());
            for (XWPFParagraph entry : entries) {
                assertFalse(entry.getText().matches(".*\\d\\s*$"), "no pre-filled page number: " + entry.getText());
            }
            String document = docx.getDocument().xmlText();
            assertTrue(document.contains("TOC \\o"), "the TOC field stays, for the reader to update");
            assertFalse(document.contains("w:dirty"), "no field is marked for updating on open");
            assertFalse(docx.getSettings().getCTSettings().isSetUpdateFields(), "Word must not prompt on open");
        }
    }
}
