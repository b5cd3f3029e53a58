package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.GroundedDrafter;
import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.plan.JobPlan;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.plan.Planner;
import io.docswarm.agents.plan.SwarmBudget;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets, retries and the review loop of one part, with drafters that fail or answer badly on purpose. */
class PartDraftingTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final JobSpec SPEC = new JobSpec("j", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX,
            "report", "j", 0)), List.of(), List.of(), null, null);
    private static final JobMaterials MATERIALS = new JobMaterials(SPEC, List.of(new SourceDocument("notes.md",
            List.of("Revenue grew in every region this quarter. The team plans two hires next year."))), List.of());

    private static PartTask task(SwarmBudget.Share share) {
        JobPlan plan = Planner.plan(SPEC, i -> REPORT, 0);
        return plan.parts().get(1).withBudget(share);
    }

    /** Fails the first {@code failures} calls, then answers with a fixed, reviewable part. */
    private static final class Scripted implements Drafter {
        private int failures;
        private final boolean inventsNumbers;
        final List<List<String>> feedback = new ArrayList<>();

        Scripted(int failures, boolean inventsNumbers) {
            this.failures = failures;
            this.inventsNumbers = inventsNumbers;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public DraftedPart draft(PartTask task, JobMaterials materials, Skill skill) {
            return redraft(task, materials, skill, List.of());
        }

        @Override
        public boolean takesFeedback() {
            return true;
        }

        @Override
        public DraftedPart redraft(PartTask task, JobMaterials materials, Skill skill, List<String> fixes) {
            feedback.add(fixes);
            if (failures-- > 0) {
                throw new IllegalStateException("server busy");
            }
            String text = inventsNumbers ? "Revenue grew 73% this quarter." : "Revenue grew in every region.";
            return new DraftedPart(task.jobId(), task.deliverableIndex(), task.partIndex(),
                    List.of(new Section(task.heading(), 1, List.of(new Paragraph(List.of(Run.cited(text,
                            "notes.md, paragraph 1")))))), List.of(), List.of(), List.of(), name(), 10);
        }
    }

    @Test
    void aFailedDraftIsRetriedWithTheErrorFedBack() {
        Scripted drafter = new Scripted(2, false);
        PartDrafting.Outcome outcome = new PartDrafting(drafter, Clock.systemUTC())
                .draft(task(SwarmBudget.Share.UNLIMITED), MATERIALS, REPORT);
        assertEquals(3, outcome.steps());
        assertEquals(List.of("the previous attempt failed: server busy"), drafter.feedback.get(1));
        assertEquals(2, outcome.part().warnings().stream().filter(w -> w.startsWith("retry:")).count());
        assertEquals(1, outcome.part().sections().size());
    }

    @Test
    void aPartThatKeepsFailingIsDeliveredAsANoticeAndTheJobSaysWhy() {
        PartDrafting.Outcome outcome = new PartDrafting(new Scripted(99, false), Clock.systemUTC())
                .draft(task(SwarmBudget.Share.UNLIMITED), MATERIALS, REPORT);
        assertEquals(PartDrafting.MAX_RETRIES + 1, outcome.steps());
        assertTrue(outcome.part().warnings().getFirst().startsWith("failed:"), outcome.part().warnings()::toString);
        String notice = ((Paragraph) outcome.part().sections().getFirst().blocks().getFirst()).text();
        assertTrue(notice.startsWith("This part could not be drafted"), notice);
    }

    @Test
    void reviewFindingsGoBackAsFixesAndAPersistentProblemFallsBackToGroundedText() {
        Scripted drafter = new Scripted(0, true);
        PartDrafting.Outcome outcome = new PartDrafting(drafter, Clock.systemUTC())
                .draft(task(SwarmBudget.Share.UNLIMITED), MATERIALS, REPORT);
        assertEquals(1 + PartDrafting.MAX_REVIEWS, outcome.steps());
        assertTrue(drafter.feedback.get(1).getFirst().contains("number 73"), drafter.feedback::toString);
        assertTrue(outcome.part().warnings().stream().anyMatch(w -> w.contains("grounded text is used instead")));
        DraftedPart grounded = new GroundedDrafter().draft(task(SwarmBudget.Share.UNLIMITED), MATERIALS, REPORT);
        assertEquals(grounded.sections(), outcome.part().sections());
    }

    @Test
    void stepAndTimeBudgetsAreEnforced() {
        PartDrafting.Outcome oneStep = new PartDrafting(new Scripted(0, true), Clock.systemUTC())
                .draft(task(new SwarmBudget.Share(1, 0, 0)), MATERIALS, REPORT);
        assertEquals(1, oneStep.steps());
        assertTrue(oneStep.part().warnings().stream().anyMatch(w -> w.contains("no steps left")));
        Clock late = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        PartDrafting.Outcome expired = new PartDrafting(new Scripted(0, false), late)
                .draft(task(new SwarmBudget.Share(10, 0, Instant.parse("2029-01-01T00:00:00Z").toEpochMilli())),
                        MATERIALS, REPORT);
        assertEquals(0, expired.steps());
        assertTrue(expired.part().warnings().getFirst().contains("wall-time budget"));
    }

    @Test
    void thePlannerKeepsToTheSubAgentBudgetAndSharesSteps() {
        JobPlan plan = Planner.plan(SPEC, i -> REPORT, 0, new SwarmBudget(3, 30, 300, 0), 0);
        assertEquals(3, plan.parts().size());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("may use 3 sub-agents")), plan::toString);
        assertEquals(new SwarmBudget.Share(10, 100, 0), plan.parts().getFirst().budget());
    }
}
