package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.Sentences;
import io.docswarm.agents.text.TextRank;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sentences land under the heading a leadership reader would look for them under. */
class SentencePickerTest {

    private static Map<Integer, List<Sentence>> allocate(List<SourceDocument> sources,
                                                         List<PartTask.SectionRef> sections, int budget) {
        List<Sentence> sentences = Sentences.split(sources, Locale.ENGLISH);
        return SentencePicker.allocate(TextRank.rankSentences(sentences), sections, budget, 40);
    }

    private static List<String> texts(List<Sentence> sentences) {
        return sentences.stream().map(Sentence::text).toList();
    }

    private static boolean contains(List<Sentence> sentences, String start) {
        return sentences.stream().anyMatch(s -> s.text().startsWith(start));
    }

    /** Q3 notes with literal "Risks" and "Next steps" headings. */
    private static final SourceDocument QBR = new SourceDocument("qbr-notes.md", List.of(
            "The third quarter closed above plan in three of our four regions. Revenue growth came mainly from the "
                    + "Trailhead tent line, which sold out twice in August.",
            "Online orders now account for close to a third of unit volume. Returns stayed below four percent across "
                    + "all channels.",
            "Our two largest dealers asked for earlier visibility of the winter range. Both said that late "
                    + "allocation in 2025 cost them shelf space to competitors.",
            "Freight costs from our Portuguese supplier rose eleven percent in September. If the increase holds, "
                    + "gross margin on the Summit backpack line will fall by about two points in Q4.",
            "Currency remains a risk for the Nordic regions, since half of their costs are in euros.",
            "We should accept the supplier's fixed freight rate if the volume commitment stays within forecast. "
                    + "We recommend publishing the winter allocation to dealers by the end of October. The West region "
                    + "will run a joint sell-through campaign with its three largest dealers."),
            List.of("Overview", "Overview", "Customers and channels", "Risks", "Risks", "Next steps"));

    @Test
    void sourceHeadingsAndWordingPutRisksAndDecisionsUnderTheirHeadings() {
        var sections = List.of(new PartTask.SectionRef("Highlights", "summary"),
                new PartTask.SectionRef("Risks", "narrative"),
                new PartTask.SectionRef("Decisions and next steps", "conclusion"),
                new PartTask.SectionRef("What drove the quarter", "narrative"));
        var allocation = allocate(List.of(QBR), sections, 6);
        assertTrue(contains(allocation.get(3), "Revenue growth came mainly from"),
                "the cause goes under the drivers heading: " + allocation);
        List<Sentence> risks = allocation.get(1);
        assertTrue(risks.stream().allMatch(s -> s.heading().equals("Risks")), "only risks: " + texts(risks));
        assertTrue(contains(risks, "If the increase holds"), texts(risks)::toString);
        List<Sentence> decisions = allocation.get(2);
        assertEquals(3, decisions.size(), texts(decisions)::toString);
        assertTrue(decisions.stream().allMatch(s -> s.heading().equals("Next steps")), texts(decisions)::toString);
        List<Sentence> highlights = allocation.get(0);
        assertFalse(contains(highlights, "We should accept"), "decisions stay under their heading: " + texts(highlights));
        assertAntecedentsPrecedePointers(allocation);
        var asBullets = SentencePicker.allocate(TextRank.rankSentences(Sentences.split(List.of(QBR), Locale.ENGLISH)),
                sections, 6, 40, true);
        assertFalse(asBullets.values().stream().anyMatch(list -> contains(list, "Both said")),
                "a bullet cannot point back to the bullet above: " + asBullets);
    }

    /** A sentence opening with "They", "This model" or "Both said" comes right after the sentence it points to. */
    private static void assertAntecedentsPrecedePointers(Map<Integer, List<Sentence>> allocation) {
        for (List<Sentence> section : allocation.values()) {
            for (int i = 0; i < section.size(); i++) {
                if (SentenceCues.dependsOnPrevious(section.get(i).text())) {
                    assertTrue(i > 0 && section.get(i - 1).order() == section.get(i).order() - 1,
                            "a pronoun opening needs its antecedent right before it: " + texts(section));
                }
            }
        }
    }

    /** Atlas notes: no section headings, so the wording decides. */
    private static final SourceDocument ATLAS = new SourceDocument("atlas-status.md", List.of(
            "Project Atlas replaces the warehouse management system at our two distribution centres in Ghent and "
                    + "Lyon. The Ghent site went live on 3 November as planned, and order picking has run on the new "
                    + "system since then without a major incident.",
            "Picking accuracy at Ghent reached 99.6 percent in the second week after go-live, above the target of "
                    + "99.4 percent. Throughput is still about eight percent below the old system because staff are "
                    + "learning the new handheld workflow.",
            "The Lyon go-live has moved from 12 January to 26 January. The integration with the carrier booking "
                    + "platform failed its second end-to-end test, and the vendor needs two more weeks to fix the "
                    + "label format for cross-border parcels.",
            "Spending is slightly above plan. The extra cost comes from weekend support during the Ghent cut-over "
                    + "and from a change request for the carrier integration.",
            "The steering committee should approve the new Lyon date and the change request at its next meeting. The "
                    + "project team will run a third end-to-end test on 8 January and will report the result the same "
                    + "day. We recommend keeping the Ghent hypercare team in place until throughput is back at the old "
                    + "level."));

    @Test
    void nextStepsAreDecisionsAndPlansNotPastFactsAndTheSummaryLeadsWithTheSlip() {
        var sections = List.of(new PartTask.SectionRef("Summary", "summary"),
                new PartTask.SectionRef("Key points", "narrative"),
                new PartTask.SectionRef("Next steps", "conclusion"));
        var allocation = allocate(List.of(ATLAS), sections, 3);
        List<Sentence> next = allocation.get(2);
        assertTrue(contains(next, "The steering committee should approve"), texts(next)::toString);
        assertFalse(contains(next, "The Ghent site went live"), "'as planned' is a past fact: " + texts(next));
        assertTrue(contains(allocation.get(0), "The Lyon go-live has moved"), texts(allocation.get(0))::toString);
        assertEquals(3, allocation.get(1).size(), "a generic section is topped up: " + texts(allocation.get(1)));
        assertAntecedentsPrecedePointers(allocation);
    }

    private static final SourceDocument INTERVIEWS = new SourceDocument("market/customer-interviews.txt", List.of(
            "Interviewees found it hard to compare offers. Three interviewees said they chose their installer mainly "
                    + "because a neighbour recommended them.",
            "Price certainty mattered more to interviewees than the exact payback period."));
    private static final SourceDocument COMPETITORS = new SourceDocument("market/competitor-scan.md", List.of(
            "Global brands compete on product reputation and warranty length. They rarely sell directly to "
                    + "households and depend on installer networks for reach.",
            "Utilities are the newest entrants. Their offers combine a battery with a dynamic electricity contract. "
                    + "This model removes the need for the customer to understand spot prices.",
            "Lumen Energy should focus on smart optimisation as its main difference. We recommend a partnership with "
                    + "at least one utility."),
            List.of("Competitor scan", "Competitor scan", "Competitor scan"));

    @Test
    void competitorLinesGoUnderCompetitorsWithTheirAntecedentsAndRecommendationsRecommend() {
        var sections = List.of(new PartTask.SectionRef("Why households buy", "narrative"),
                new PartTask.SectionRef("Competitors", "narrative"),
                new PartTask.SectionRef("Recommendations", "conclusion"));
        var allocation = allocate(List.of(INTERVIEWS, COMPETITORS), sections, 5);
        List<Sentence> competitors = allocation.get(1);
        assertTrue(competitors.stream().allMatch(s -> s.source().endsWith("competitor-scan.md")),
                "no interview lines under Competitors: " + texts(competitors));
        assertTrue(allocation.get(0).stream().allMatch(s -> s.source().endsWith("customer-interviews.txt")),
                texts(allocation.get(0))::toString);
        List<Sentence> recommendations = allocation.get(2);
        assertFalse(contains(recommendations, "Three interviewees"), texts(recommendations)::toString);
        assertTrue(contains(recommendations, "Lumen Energy should focus"), texts(recommendations)::toString);
        assertTrue(contains(recommendations, "We recommend a partnership"), texts(recommendations)::toString);
        assertTrue(contains(competitors, "They rarely sell directly"),
                "a well-fitting pointer sentence brings its antecedent along: " + texts(competitors));
        assertAntecedentsPrecedePointers(allocation);
    }

    /**
     * Fee notes whose sentences lean on the one before, in chains of three, where only the last of a chain names
     * what a section is about, so taking it means pulling in the two before it.
     */
    private static final SourceDocument FEES = new SourceDocument("fee-notes.md", List.of(
            "Grid operators changed their tariffs in March. They blamed new national rules. These rules pass "
                    + "substation costs on to rooftop solar installers.",
            "Two regulators reviewed the tariffs in April. Their review found them lawful. This finding ends the "
                    + "appeal against the substation costs.",
            "Installers expect the tariffs to stay until 2027. Such tariffs add four percent to a quote. It is the "
                    + "largest rise in substation costs since 2019."),
            List.of("Tariffs", "Tariffs", "Tariffs"));

    /**
     * A sentence pulled in with its antecedents, which lean on theirs in turn, takes the section over its budget in
     * no case: the whole chain fits or none of it goes in. Every budget from one to five, as prose and as bullets.
     */
    @Test
    void aChainOfAntecedentsNeverTakesASectionPastItsBudget() {
        var sections = List.of(new PartTask.SectionRef("Substation costs", "narrative"),
                new PartTask.SectionRef("Key points", "narrative"));
        List<Sentence> sentences = Sentences.split(List.of(FEES), Locale.ENGLISH);
        assertTrue(sentences.stream().filter(s -> SentenceCues.dependsOnPrevious(s.text())).count() >= 5,
                "the notes are chains of pointers: " + texts(sentences));
        for (int budget = 1; budget <= 5; budget++) {
            for (boolean bullets : new boolean[] {false, true}) {
                var allocation = SentencePicker.allocate(TextRank.rankSentences(sentences), sections, budget, 40,
                        bullets);
                for (List<Sentence> section : allocation.values()) {
                    assertTrue(section.size() <= budget, "budget " + budget + ": " + texts(section));
                }
                assertAntecedentsPrecedePointers(allocation);
            }
        }
    }
}
