package io.docswarm.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.plan.PartKind;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.review.Reviewer;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewerTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final JobMaterials MATERIALS = new JobMaterials(
            new JobSpec("j", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "report", "j", 0)), List.of(),
                    List.of(), null, null),
            List.of(new SourceDocument("notes.md", List.of("Revenue grew 12% in 2025 to 4,500 units."))),
            List.of(new DataTable("sales", "data/sales.csv", List.of("Region", "Revenue"),
                    List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER),
                    List.of(List.of("North", 300.0), List.of("South", 100.0)))));

    private static PartTask task(OutputFormat format) {
        return new PartTask("j", 0, 1, format, PartKind.SECTION, "Findings", 1, "narrative", 3, -1,
                List.of(new PartTask.SectionRef("Findings", "narrative")));
    }

    private static DraftedPart section(Paragraph... paragraphs) {
        return new DraftedPart("j", 0, 1, List.of(new Section("Findings", 1, List.of(paragraphs))), List.of(),
                List.of(), List.of(), "test");
    }

    @Test
    void groundedTextWithCitationsAndKnownNumbersPasses() {
        DraftedPart part = section(new Paragraph(List.of(Run.cited("Revenue grew 12% in 2025 to 4,500 units.",
                "notes.md, paragraph 1"))), new Paragraph(List.of(Run.cited("Total revenue is 400.", "data/sales.csv"))));
        assertEquals(List.of(), Reviewer.review(task(OutputFormat.DOCX), part, MATERIALS, REPORT));
    }

    @Test
    void inventedNumbersMissingCitationsAndLongSentencesAreFlaggedWithFixes() {
        int limit = REPORT.voice().maxSentenceWords();
        DraftedPart part = section(new Paragraph(List.of(Run.plain("Revenue grew 37% last year. "
                + "word ".repeat(limit + 5).trim() + "."))));
        List<Reviewer.Finding> findings = Reviewer.review(task(OutputFormat.DOCX), part, MATERIALS, REPORT);
        assertTrue(findings.stream().anyMatch(f -> f.fix().contains("number 37")), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.fix().startsWith("cite the source")), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.fix().contains("at most " + limit + " words (has " + (limit + 5)
                + ")")), findings::toString);
    }

    @Test
    void tooManyBulletsAndEmptyPartsAreFlagged() {
        DraftedPart slides = new DraftedPart("j", 0, 1, List.of(), List.of(new Slide(Slide.SlideRole.CONTENT, "Findings",
                List.of(BulletList.bullets(List.of("a", "b", "c", "d", "e", "f", "g"))), "")), List.of(), List.of(),
                "test");
        Skill deck = SkillLibrary.builtIn("deck").orElseThrow();
        assertTrue(Reviewer.review(task(OutputFormat.PPTX), slides, MATERIALS, deck).stream()
                .anyMatch(f -> f.fix().contains("at most " + deck.voice().maxBulletsPerSlide() + " bullets")));
        DraftedPart empty = new DraftedPart("j", 0, 1, List.of(), List.of(), List.of(), List.of(), "test");
        assertEquals("the part is empty; write its content",
                Reviewer.review(task(OutputFormat.DOCX), empty, MATERIALS, REPORT).getFirst().fix());
    }
}
