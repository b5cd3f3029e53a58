package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FocusTest {

    @Test
    void aGrowthLimitIsReadFromTheGuidanceInWordsOrDigits() {
        assertEquals(OptionalDouble.of(0.05), GrowthThreshold.find(List.of("Salaries remain the largest cost.",
                "Department heads must flag any request above five percent growth with a short justification.")));
        assertEquals(OptionalDouble.of(0.075), GrowthThreshold.find(List.of("Any increase of more than 7.5% needs "
                + "approval.")));
    }

    @Test
    void aRateThatIsNotALimitIsIgnored() {
        assertEquals(OptionalDouble.empty(), GrowthThreshold.find(List.of("The budget assumes revenue growth of "
                + "twelve percent.", "Throughput is above 90% of plan.")));
    }

    @Test
    void theHeadingWeighsMoreThanTheBriefAndMatchesPlurals() {
        Focus focus = Focus.of("Sales by region", "How the quarter went by region and product line", List.of());
        assertEquals(3, focus.relevance("Region"));
        assertEquals(1, focus.relevance("Product line"), "two named words count once");
        assertEquals(0, focus.relevance("Month"));
        assertEquals(2, Focus.of("Regions", "", List.of()).relevance("Region"));
    }
}
