package io.docswarm.renderers.pptx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextBudgetTest {

    @Test
    void aBulletWithinTheBudgetIsKept() {
        assertEquals("Costs fell by 4% in Q3.", TextBudget.cutToWords("  Costs fell by 4% in Q3. ", 20));
    }

    @Test
    void longBulletsEndAfterTheLastWholeSentenceThatFits() {
        String text = "Ghent went live on 2 June, e.g. picking and packing moved to the new system. "
                + "Lyon follows in September once the integration tests with the carrier portal pass and staff are "
                + "trained.";
        assertEquals("Ghent went live on 2 June, e.g. picking and packing moved to the new system.",
                TextBudget.cutToWords(text, 20));
    }

    @Test
    void withoutASentenceEndTheCutFallsOnAClauseBreakOrAWord() {
        String clause = "Picking accuracy reached 99.6 percent in the second week after go-live at Ghent, above the "
                + "target of 99.4 percent set by the steering group";
        assertEquals("Picking accuracy reached 99.6 percent in the second week after go-live at Ghent…",
                TextBudget.cutToWords(clause, 20));
        String early = "Currency remains a risk for the Nordic regions, since roughly half of their costs are in euros "
                + "while revenue is in local currencies";
        assertEquals("Currency remains a risk for the Nordic regions…", TextBudget.cutToWords(early, 20));
        String words = "one two three four five six seven eight nine ten eleven twelve";
        assertEquals("one two three four five…", TextBudget.cutToWords(words, 5));
    }

    @Test
    void shortenedBulletsAreKeptInFullInTheNotes() {
        assertEquals("Go slowly.\n\nIn full:\n• A long bullet. With two sentences.",
                SlideWriter.withFullText("Go slowly.", List.of("A long bullet. With two sentences.")));
        assertEquals("In full:\n• A", SlideWriter.withFullText("", List.of("A")));
        assertEquals("Go slowly.", SlideWriter.withFullText("Go slowly.", List.of()));
    }
}
