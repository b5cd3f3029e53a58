package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.plan.PartKind;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the grounded drafter writes around the sentences and facts it picks. */
class GroundedDrafterTest {

    private static final Skill BRIEF = SkillLibrary.builtIn("brief").orElseThrow();

    @Test
    void dataFactsCarryTheirFootnoteMarkRightAfterTheirOwnFullStop() {
        JobSpec spec = new JobSpec("j", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "brief", "j", 0)),
                List.of(), List.of(), null, null);
        DataTable spend = spend();
        var sections = List.of(new PartTask.SectionRef("Figures", "data"));
        PartTask task = new PartTask("j", 0, 0, OutputFormat.DOCX, PartKind.SECTION, "Figures", 1, "data", 3, -1,
                sections);
        DraftedPart part = new GroundedDrafter().draft(task, new JobMaterials(spec, List.of(), List.of(spend)), BRIEF);
        Paragraph facts = (Paragraph) part.sections().getFirst().blocks().getFirst();
        List<Run> cited = facts.runs().stream().filter(run -> !run.citation().isEmpty()).toList();
        assertTrue(cited.size() > 1, facts.runs()::toString);
        for (Run run : cited) {
            assertFalse(Character.isWhitespace(run.text().charAt(run.text().length() - 1)),
                    "the mark follows the fact, not a space: '" + run.text() + "'");
        }
        assertEquals(cited.size() * 2 - 1, facts.runs().size(), "one plain space between facts");
    }

    /** Plan and actual: a comparison besides the trends, so a data paragraph holds several facts. */
    private static DataTable spend() {
        return new DataTable("spend", "data/spend.csv", List.of("Month", "Plan", "Actual"),
                List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.NUMBER),
                List.of(List.of("May", 100.0, 110.0), List.of("June", 300.0, 280.0), List.of("July", 250.0, 260.0),
                        List.of("August", 150.0, 170.0)));
    }

    /** The summary section's text when the deliverable has {@code sections}. */
    private static String summaryText(List<PartTask.SectionRef> sections) {
        JobSpec spec = new JobSpec("j", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "brief", "j", 0)),
                List.of(), List.of(), null, null);
        PartTask task = new PartTask("j", 0, 0, OutputFormat.DOCX, PartKind.SECTION, "Summary", 1, "summary", 3, -1,
                sections);
        DraftedPart part = new GroundedDrafter().draft(task, new JobMaterials(spec, List.of(), List.of(spend())), BRIEF);
        return part.sections().getFirst().blocks().stream().filter(b -> b instanceof Paragraph)
                .map(b -> ((Paragraph) b).text()).reduce("", String::concat);
    }

    @Test
    void theSummaryCarriesTheDataHeadlineOnlyWhenNoDataSectionLeadsWithIt() {
        String alone = summaryText(List.of(new PartTask.SectionRef("Summary", "summary"),
                new PartTask.SectionRef("Next steps", "conclusion")));
        assertTrue(alone.contains("Actual"), "the summary states the data's headline: " + alone);
        String withFigures = summaryText(List.of(new PartTask.SectionRef("Summary", "summary"),
                new PartTask.SectionRef("Figures", "data")));
        assertFalse(withFigures.contains("Actual"), "the Figures section leads with it instead: " + withFigures);
    }
}
