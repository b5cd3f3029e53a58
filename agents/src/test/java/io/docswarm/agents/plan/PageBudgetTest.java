package io.docswarm.agents.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.Constraints;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.SkillLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A document's page budget, turned into sentences per section. */
class PageBudgetTest {
    /** Eight sections: more than one page holds at the brief Skill's three sentences a section. */
    private static final List<String> SECTIONS = List.of("Summary", "Progress", "Quality", "Spend", "People", "Risks",
            "Decisions", "Next steps");

    private static int plannedSentences(int pages) {
        JobSpec spec = new JobSpec("atlas", "Atlas", "B", "committee",
                List.of(new Deliverable(OutputFormat.PDF, "brief", "atlas", pages)), List.of(), List.of(),
                new Constraints(SECTIONS, 0, 0, "en", "formal"), null);
        JobPlan plan = Planner.plan(spec, i -> SkillLibrary.builtInsOnly().resolve("brief"), 0);
        return plan.parts().stream().filter(p -> p.kind() == PartKind.SECTION).mapToInt(PartTask::sentenceBudget)
                .sum();
    }

    @Test
    void theCoverAndContentsPagesAreNotCountedAsRoomForSections() {
        // Three pages: the cover, the contents, and one page of sections (both renderers give the cover and the
        // contents a page each). The eight sections' sentences must fit that one page.
        int sentences = plannedSentences(3);
        assertTrue(sentences * Planner.WORDS_PER_SENTENCE <= Planner.WORDS_PER_PAGE,
                sentences + " sentences of " + Planner.WORDS_PER_SENTENCE + " words on one page");
        assertTrue(sentences >= SECTIONS.size(), "at least a sentence a section");
        // More pages leave more room, up to the Skill's own sentences per section.
        assertTrue(plannedSentences(4) > sentences);
    }
}
