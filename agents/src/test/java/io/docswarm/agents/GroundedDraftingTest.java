package io.docswarm.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.analysis.DataSummary;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.Sentences;
import io.docswarm.agents.text.TextRank;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model-free drafting tools: TextRank, key phrases and the data summary compute what they claim. */
class GroundedDraftingTest {

    private static final SourceDocument SOURCE = new SourceDocument("notes.md", List.of(
            "Battery storage grew quickly in Sweden last year. Battery prices fell by a fifth.",
            "Households buy battery storage to protect themselves against spot price spikes. Spot price swings were "
                    + "large during the energy crisis.",
            "The weather was pleasant in June and many people went on holiday to the coast."));

    @Test
    void centralSentencesOutrankTheOffTopicOne() {
        List<Sentence> sentences = Sentences.split(List.of(SOURCE), Locale.ENGLISH);
        assertEquals(5, sentences.size());
        List<TextRank.Ranked> ranked = TextRank.rankSentences(sentences);
        assertTrue(ranked.getLast().sentence().text().startsWith("The weather"),
                "the sentence sharing no words with the others ranks last: " + ranked);
        assertEquals("notes.md, paragraph 3", ranked.getLast().sentence().citation());
    }

    @Test
    void keyPhrasesAreDistinctThemesFromTheText() {
        List<String> phrases = TextRank.keyPhrases(Sentences.split(List.of(SOURCE), Locale.ENGLISH), 4, 1);
        assertFalse(phrases.isEmpty());
        Set<String> words = new HashSet<>();
        for (String phrase : phrases) {
            for (String word : phrase.split(" ")) {
                assertTrue(words.add(word), "no word repeated across themes: " + phrases);
            }
        }
        assertTrue(phrases.stream().anyMatch(p -> p.contains("battery")), phrases::toString);
    }

    @Test
    void dataSummaryTotalsSharesAndTimeSeriesAreComputedFromTheRows() {
        DataTable sales = new DataTable("sales", "data/sales.csv", List.of("Region", "Revenue", "Units"),
                List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.NUMBER),
                List.of(List.of("North", 100.0, 1.0), List.of("South", 300.0, 3.0), List.of("North", 50.0, 0.5)));
        DataSummary summary = DataSummary.of(sales);
        assertEquals(List.of("North", "South"), summary.categories());
        assertEquals(450.0, summary.total(0));
        Table table = summary.table();
        assertEquals(150.0, table.rows().get(0).get(1));
        assertTrue(summary.facts().contains("By region, revenue splits 66.7% South (300) and 33.3% North (150)."),
                summary.facts()::toString);
        Chart chart = summary.chart();
        assertEquals(Chart.ChartType.COLUMN, chart.type());
        assertEquals(List.of("Revenue"), chart.series().stream().map(Chart.Series::name).toList(),
                "units are two orders of magnitude smaller and would be flattened, so they are left out");

        DataTable yearly = new DataTable("installs", "data/installs.csv", List.of("Year", "Country", "Installations"),
                List.of(DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER),
                List.of(List.of(2023.0, "SE", 10.0), List.of(2022.0, "SE", 5.0), List.of(2023.0, "DK", 10.0)));
        DataSummary series = DataSummary.of(yearly);
        assertTrue(series.timeSeries(), "a whole-number Year column groups the data instead of being summed");
        assertEquals(List.of("2022", "2023"), series.categories());
        assertEquals(List.of("Installations"), series.measures());
        assertTrue(series.facts().getFirst().contains("rose from 5 in 2022 to 20 in 2023, 4.0 times the 2022 level"),
                series.facts()::toString);
    }

    @Test
    void sentencePickerNeverGivesTwoSectionsTheSameSentence() {
        List<Sentence> sentences = Sentences.split(List.of(SOURCE), Locale.ENGLISH);
        var sections = List.of(new PartTask.SectionRef("Summary", "summary"),
                new PartTask.SectionRef("Battery prices", "narrative"),
                new PartTask.SectionRef("Spot price", "narrative"));
        var allocation = io.docswarm.agents.draft.SentencePickerAccess.allocate(TextRank.rankSentences(sentences),
                sections, 2, 40);
        Set<Integer> seen = new HashSet<>();
        allocation.values().forEach(list -> list.forEach(s -> assertTrue(seen.add(s.order()), "shared: " + s)));
        assertTrue(allocation.get(2).stream().anyMatch(s -> s.text().toLowerCase(Locale.ROOT).contains("spot price")),
                "the spot-price section gets the spot-price sentence: " + allocation);
    }
}
