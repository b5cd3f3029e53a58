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
    void partsOfOneJobShareOneRankingEvenAsSeparatelyDeserialisedCopies() throws Exception {
        JobSpec spec = new JobSpec("shared", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "brief",
                "shared", 0)), List.of(), List.of(), null, null);
        JobMaterials materials = new JobMaterials(spec, List.of(new io.docswarm.agents.inputs.SourceDocument(
                "ranking-once-" + System.nanoTime() + ".md", List.of(
                "Battery storage grew quickly in Sweden last year. Battery prices fell by a fifth.",
                "Households buy battery storage against spot price spikes. Spot prices swung widely."))), List.of());
        var sections = List.of(new PartTask.SectionRef("Summary", "summary"),
                new PartTask.SectionRef("Findings", "narrative"), new PartTask.SectionRef("Prices", "narrative"));
        long before = JobText.rankings();
        long allocationsBefore = JobText.allocations();
        for (int p = 0; p < sections.size(); p++) {
            PartTask task = new PartTask("shared", 0, p, OutputFormat.DOCX, PartKind.SECTION,
                    sections.get(p).heading(), 1, sections.get(p).purpose(), 2, -1, sections);
            // Each part gets its own copy of the materials, as a runner hands them over after serialisation.
            DraftedPart part = new GroundedDrafter().draft(task, roundTrip(materials), BRIEF);
            assertFalse(part.sections().isEmpty());
        }
        assertEquals(before + 1, JobText.rankings(), "the job's sentences were ranked once for all its parts");
        assertEquals(allocationsBefore + 1, JobText.allocations(),
                "the sentences were shared out between the sections once for all the parts");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

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
