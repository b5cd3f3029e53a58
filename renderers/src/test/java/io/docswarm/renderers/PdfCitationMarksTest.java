package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF marks citations where the DOCX puts its footnote markers: once per stretch of runs citing one source. */
class PdfCitationMarksTest {

    @Test
    void aStretchOfSentencesCitingOneSourceHasOneMarker() throws Exception {
        Paragraph paragraph = new Paragraph(List.of(
                Run.cited("Spend was 1.2 million.", "data/spend.csv"), Run.plain(" "),
                Run.cited("Hours were 912.", "data/spend.csv"), Run.plain(" "),
                Run.cited("The plan was approved.", "sources/plan.md"), Run.plain(" "),
                Run.cited("Licences were 41.", "data/spend.csv"), Run.plain(" Next.")));
        Document document = new Document(SampleDocuments.metadata(),
                List.of(new Section("Costs", 1, List.of(paragraph))), List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.PDF).render(document, SkillLibrary.builtIn("report").orElseThrow(), out);

        String text;
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        }
        // No marker between the first two sentences; the file is marked again after the other source.
        assertTrue(text.contains("Spend was 1.2 million. Hours were 912.[1] The plan was approved.[2] "
                + "Licences were 41.[1] Next."), text);
    }
}
