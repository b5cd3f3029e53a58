package io.docswarm.pipeline.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.RunSummary;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.storage.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job drafted by the engine drafter on a random-weight model: the words are garbage, but every part's answer is
 * a valid schema-constrained document, so the deliverables have their full structure end to end.
 */
class EngineDrafterRunTest {

    @TempDir
    Path temp;

    @Test
    void theEngineDrafterDeliversValidStructureFromAFixtureModel() throws Exception {
        Path model = temp.resolve("tiny.gguf");
        new RandomModelWriter(new ModelShape(Architecture.QWEN3MOE, 512, 128, 2, 4, 2, 32, 64, 8, 2, 4096),
                GgmlType.Q8_0, GgmlType.Q8_0, 11).write(model);
        Path bucket = Files.createDirectories(temp.resolve("bucket/jobs")).getParent();
        Files.createDirectories(bucket.resolve("sources"));
        Files.writeString(bucket.resolve("sources/notes.md"), """
                # Notes
                
                Revenue grew in the north because two new dealers opened. The south held its share of the market.
                
                Freight costs rose in September and will cut margins next quarter. We should fix the freight rate.
                """);
        Files.writeString(bucket.resolve("jobs/brief.json"), """
                {"id": "brief", "title": "Quarter brief", "brief": "A short brief.", "audience": "the board",
                 "deliverables": [{"format": "pdf", "skill": "brief"}, {"format": "pptx", "skill": "deck"}],
                 "sources": [{"path": "../sources/notes.md"}],
                 "constraints": {"sections": ["Summary", "Outlook"]}}""");
        Path out = temp.resolve("out");
        RunSummary summary = new BatchRun(bucket.toString(), out.toString(), "direct", "[local]", 1, "engine",
                S3Settings.DEFAULT, new io.docswarm.pipeline.transforms.Drafters.ModelSettings(model.toString(), null,
                null)).execute(s -> { });
        assertEquals(1, summary.delivered(), summary::toString);
        Manifest manifest = OutputJson.read(out.resolve("brief/manifest.json"), Manifest.class);
        assertEquals("engine", manifest.drafter());
        List<String> trace = Files.readAllLines(out.resolve("brief/trace.jsonl"));
        assertTrue(trace.stream().anyMatch(l -> l.contains("\"agent\":\"engine\"") && l.contains("\"role\":\"writer\"")
                && !l.contains("\"tokens\":0")
                && (l.contains("\"outcome\":\"ok\"") || l.contains("still failed review"))),
                "writer steps ran the model, and its drafts either passed review or fell back, saying so: " + trace);
        try (PDDocument pdf = Loader.loadPDF(out.resolve("brief/brief.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Summary") && text.contains("Outlook"), "the planned sections are all there");
        }
        try (XMLSlideShow deck = new XMLSlideShow(Files.newInputStream(out.resolve("brief/brief.pptx")))) {
            assertTrue(deck.getSlides().size() >= 4, "title, agenda, two sections, closing");
        }
    }
}
