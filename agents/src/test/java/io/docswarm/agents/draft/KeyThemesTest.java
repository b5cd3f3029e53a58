package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.text.Sentences;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Key themes are recurring phrases with their own capitals, or nothing. */
class KeyThemesTest {

    @Test
    void themesAreMultiWordPhrasesSpeltAsInTheSources() {
        SourceDocument market = new SourceDocument("market.md", List.of(
                "Spot prices in southern Sweden swung sharply during the energy crisis, and spot prices still drive "
                        + "demand.",
                "Households in southern Sweden buy batteries as insurance against spot prices.",
                "Utilities sell electricity contracts with batteries; electricity contracts in southern Sweden follow "
                        + "spot prices.",
                "Installers sell electricity contracts too, and households compare electricity contracts by price."));
        List<String> themes = KeyThemes.of(Sentences.split(List.of(market), Locale.ENGLISH), 6);
        assertTrue(themes.size() >= KeyThemes.MIN_THEMES, themes::toString);
        assertTrue(themes.stream().allMatch(t -> t.contains(" ")), "no single words: " + themes);
        assertTrue(themes.contains("Southern Sweden"), "the name keeps its capital: " + themes);
        assertTrue(themes.contains("Spot prices"), themes::toString);
    }

    @Test
    void aNameThatOnlyEverStartsSentencesKeepsItsCapital() {
        SourceDocument market = new SourceDocument("market.md", List.of(
                "Battery storage grows fastest in the Nordics.",
                "Sweden leads battery storage; Sweden installs most.",
                "Sweden sells battery storage through installers.",
                "Battery storage and solar panels come together."));
        List<String> phrases = io.docswarm.agents.text.TextRank.keyPhrases(
                Sentences.split(List.of(market), Locale.ENGLISH), 10, 1);
        assertTrue(phrases.contains("Sweden"), "never written in lower case, so not 'sweden': " + phrases);
        assertTrue(phrases.stream().noneMatch(p -> p.equals("sweden")), phrases::toString);
    }

    @Test
    void sourcesWithoutRecurringPhrasesGetNoThemesRatherThanSingleWords() {
        SourceDocument status = new SourceDocument("atlas.md", List.of(
                "The Ghent site went live on 3 November, and picking has run without a major incident.",
                "Spending is slightly above plan because of weekend support during the cut-over.",
                "The steering committee should approve the new date at its next meeting."));
        assertEquals(List.of(), KeyThemes.of(Sentences.split(List.of(status), Locale.ENGLISH), 6));
    }
}
