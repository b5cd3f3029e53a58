package io.docswarm.agents.review;

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
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reviewer reads a job's sources and summarises its data once for all the job's parts. */
class ReviewerSharingTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();

    private static JobMaterials materials(String unique) {
        return new JobMaterials(new JobSpec("j", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "report",
                "j", 0)), List.of(), List.of(), null, null),
                List.of(new SourceDocument(unique, List.of("Revenue grew 12% in 2025 to 4,500 units."))),
                List.of(new DataTable("sales", "data/sales.csv", List.of("Region", "Revenue"),
                        List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER),
                        List.of(List.of("North", 300.0), List.of("South", 100.0)))));
    }

    @Test
    void knownNumbersAreComputedOncePerSourceAndDataSetAndStillCheckEachPart() {
        String unique = "notes-" + System.nanoTime() + ".md";
        long before = Reviewer.knownNumbersComputed();
        for (int p = 0; p < 5; p++) {
            PartTask task = new PartTask("j", 0, p, OutputFormat.DOCX, PartKind.SECTION, "Findings " + p, 1,
                    "narrative", 3, -1, List.of(new PartTask.SectionRef("Findings " + p, "narrative")));
            String number = p % 2 == 0 ? "4,500" : "37";
            DraftedPart part = new DraftedPart("j", 0, p, List.of(new Section("Findings " + p, 1, List.of(
                    new Paragraph(List.of(Run.cited("Volume reached " + number + " units.", unique + ", paragraph 1")))))),
                    List.of(), List.of(), List.of(), "test");
            // A fresh, equal copy of the materials per part, as parts arrive from a runner.
            var findings = Reviewer.review(task, part, materials(unique), REPORT);
            assertEquals(p % 2 != 0, findings.stream().anyMatch(f -> f.fix().contains("number 37")),
                    "part " + p + ": " + findings);
        }
        assertEquals(before + 1, Reviewer.knownNumbersComputed());
        assertTrue(Reviewer.knownNumbersComputed() >= 1);
    }
}
