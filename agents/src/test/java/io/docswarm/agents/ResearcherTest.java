package io.docswarm.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.research.Researcher;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.Sentences;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResearcherTest {

    @Test
    void bm25FindsThePassagesAboutAHeadingWithStemming() {
        List<Sentence> sentences = Sentences.split(List.of(new SourceDocument("notes.md", List.of(
                "Competitors sell batteries through installer networks across the region.",
                "Households buy storage to protect themselves against price spikes.",
                "The weather was pleasant in June and many people went on holiday."))), Locale.ENGLISH);
        try (Researcher researcher = new Researcher(sentences)) {
            Map<Integer, Double> competitors = researcher.relevance("Competitor landscape");
            assertEquals(Map.of(0, competitors.get(0)).keySet(), competitors.keySet(),
                    "only the sentence about competitors matches (competitor ~ competitors): " + competitors);
            Map<Integer, Double> buying = researcher.relevance("Why households buy");
            assertTrue(buying.containsKey(1) && !buying.containsKey(2), buying::toString);
            assertTrue(researcher.relevance("the and of").isEmpty(), "stop words alone match nothing");
        }
    }
}
