package io.docswarm.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.consolidate.Consolidator;
import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private static DraftedPart part(int index, Section section) {
        return new DraftedPart("j", 0, index, List.of(section), List.of(), List.of(), List.of(), "test");
    }

    @Test
    void theSummaryIsCompletedLastFromTheFinishedSectionsInPlanOrder() {
        JobSpec spec = new JobSpec("j", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "report", "j", 0)),
                List.of(), List.of(), null, null);
        List<DraftedPart> parts = List.of(
                part(2, new Section("Next steps", 1, List.of(BulletList.bullets(List.of("Hire two people."))))),
                part(0, new Section("Summary", 1, List.of(Paragraph.of("Overall the year went well.")))),
                part(1, new Section("Findings", 1, List.of(new Paragraph(List.of(
                        Run.cited("Sales rose 10%. Costs fell.", "notes.md, paragraph 1")))))));
        Document document = Consolidator.consolidate(spec, 0, parts, Instant.EPOCH, Set.of(0));
        assertEquals(List.of("Summary", "Findings", "Next steps"),
                document.sections().stream().map(Section::heading).toList(), "plan order");
        BulletList whatFollows = (BulletList) document.sections().getFirst().blocks().getLast();
        assertEquals("Findings: Sales rose 10%.", whatFollows.items().get(0).text());
        assertEquals("notes.md, paragraph 1", whatFollows.items().get(0).runs().get(1).citation(), "cited");
        assertEquals("Next steps: Hire two people.", whatFollows.items().get(1).text());
        assertTrue(document.sections().getFirst().blocks().getFirst() instanceof Paragraph, "summary text kept");
    }

    @Test
    void crossReferencesPointAtTheSectionsAsFinallyNumbered() {
        JobSpec spec = new JobSpec("j", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "report", "j", 0)),
                List.of(), List.of(), null, null);
        List<DraftedPart> parts = List.of(
                part(1, new Section("Findings", 1, List.of(Paragraph.of("Costs rose; see \"Next steps\" for the plan.")))),
                part(2, new Section("Next steps", 1, List.of(Paragraph.of("We act now (see Findings); findings alone are not enough.")))));
        Document document = Consolidator.consolidate(spec, 0, parts, Instant.EPOCH, Set.of());
        assertEquals("Costs rose; see section 2 (Next steps) for the plan.",
                ((Paragraph) document.sections().get(0).blocks().getFirst()).text());
        assertEquals("We act now (see section 1 (Findings)); findings alone are not enough.",
                ((Paragraph) document.sections().get(1).blocks().getFirst()).text());
    }
}
