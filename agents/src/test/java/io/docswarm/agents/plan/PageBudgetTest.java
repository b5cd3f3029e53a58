package io.docswarm.agents.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.Constraints;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.Structure;
import io.docswarm.skills.Voice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A document's page budget, turned into sentences per section, less the pages its Skill's front matter takes. */
class PageBudgetTest {
    /** Eight sections: more than one page holds at three sentences a section. */
    private static final List<String> SECTIONS = List.of("Summary", "Progress", "Quality", "Spend", "People", "Risks",
            "Decisions", "Next steps");

    private static Skill skill(String name) {
        return SkillLibrary.builtInsOnly().resolve(name);
    }

    /** The Skill with more sentences per section than any budget here allows, so only the pages limit them. */
    private static Skill wordy(Skill skill) {
        Structure s = skill.structure();
        var v = skill.voice();
        return new Skill(skill.name(), skill.version(), skill.description(), skill.kind(), skill.look(), s,
                new Voice(v.maxSentenceWords(), v.maxBulletWords(), v.maxBulletsPerSlide(), 50,
                        v.person(), v.tense(), v.measured()), skill.template(), skill.layouts(), skill.logic(),
                skill.sample());
    }

    private static int plannedSentences(Skill skill, int pages) {
        JobSpec spec = new JobSpec("atlas", "Atlas", "B", "committee",
                List.of(new Deliverable(OutputFormat.PDF, skill.name(), "atlas", pages)), List.of(), List.of(),
                new Constraints(SECTIONS, 0, 0, "en", "formal"), null);
        JobPlan plan = Planner.plan(spec, i -> skill, 0);
        return plan.parts().stream().filter(p -> p.kind() == PartKind.SECTION).mapToInt(PartTask::sentenceBudget)
                .sum();
    }

    private static int sentencesOnPages(int pages) {
        return pages * Planner.WORDS_PER_PAGE / Planner.WORDS_PER_SENTENCE / SECTIONS.size() * SECTIONS.size();
    }

    @Test
    void aBriefsPagesAreAllForItsSections() {
        // The brief's sample opens with a title block and has no contents list: all three pages hold sections.
        Skill brief = wordy(skill("brief"));
        assertEquals(FrontMatter.TITLE_BLOCK, brief.structure().frontMatter());
        assertEquals(sentencesOnPages(3), plannedSentences(brief, 3));
        assertTrue(plannedSentences(brief, 4) > plannedSentences(brief, 3), "more pages leave more room");
    }

    @Test
    void aReportsCoverAndContentsTakeTwoPages() {
        // The report's sample has a cover page and a contents list: of three pages, one holds sections.
        Skill report = wordy(skill("report"));
        assertEquals(FrontMatter.COVER_AND_CONTENTS, report.structure().frontMatter());
        int sentences = plannedSentences(report, 3);
        assertEquals(sentencesOnPages(1), sentences);
        assertTrue(sentences * Planner.WORDS_PER_SENTENCE <= Planner.WORDS_PER_PAGE,
                sentences + " sentences of " + Planner.WORDS_PER_SENTENCE + " words on one page");
        assertTrue(sentences >= SECTIONS.size(), "at least a sentence a section");
    }

    @Test
    void aCoverOrAContentsListAloneTakesOnePage() {
        Skill brief = wordy(skill("brief"));
        for (FrontMatter front : List.of(new FrontMatter(true, false), new FrontMatter(false, true))) {
            Structure s = brief.structure();
            Skill with = new Skill(brief.name(), brief.version(), brief.description(), brief.kind(), brief.look(),
                    new Structure(s.outline(), s.slideRoles(), s.sheets(), front), brief.voice(), brief.template(),
                    brief.layouts(), brief.logic(), brief.sample());
            assertEquals(sentencesOnPages(2), plannedSentences(with, 3), front.toString());
        }
    }
}
