package io.docswarm.renderers;

import static io.docswarm.renderers.TextDirection.LEFT_TO_RIGHT;
import static io.docswarm.renderers.TextDirection.RIGHT_TO_LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextDirectionTest {

    @Test
    void theFirstStrongCharacterDecides() {
        assertEquals(RIGHT_TO_LEFT, TextDirection.of("שלום world"));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("Hello עולם"));
        assertEquals(RIGHT_TO_LEFT, TextDirection.of("مرحبا Hello"), "Arabic letters are strong right to left");
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("Ελληνικά and 日本語"));
    }

    @Test
    void numbersPunctuationAndSpacesDoNotDecide() {
        assertEquals(RIGHT_TO_LEFT, TextDirection.of("2026: (12%) — שנה טובה"));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("2026: (12%) — a good year"));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("١٢٣ 456 ..."), "Arabic-Indic digits are weak, not strong");
    }

    @Test
    void textWithoutStrongCharactersIsLeftToRight() {
        assertEquals(LEFT_TO_RIGHT, TextDirection.of(""));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("  "));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("1,234.5 %"));
    }

    @Test
    void theContentOfIsolatesIsSkipped() {
        // Rule P2: characters between an isolate initiator and its matching PDI do not decide.
        assertEquals(RIGHT_TO_LEFT, TextDirection.of("\u2066Acme\u2069 היא חברה"));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("\u2067שלום\u2069 is hello"));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("\u2068שלום\u2069"), "nothing outside the isolate");
    }

    @Test
    void rightToLeftCharactersAnywhereAreFound() {
        assertTrue(TextDirection.containsRightToLeft("Revenue of שלום Ltd"));
        assertTrue(TextDirection.containsRightToLeft("the word سلام"));
        assertFalse(TextDirection.containsRightToLeft("Revenue 2026 (EUR) ١٢٣"));
    }

    @Test
    void bidiLevelsComeFromTheWholeParagraph() {
        BidiParagraph mixed = BidiParagraph.of("שלום Acme 2026");
        assertEquals(RIGHT_TO_LEFT, mixed.direction());
        // Hebrew and the space after it at level 1; "Acme 2026" is English followed by a number: level 2.
        assertEquals(List.of(new BidiParagraph.Span(0, 5, 1), new BidiParagraph.Span(5, 14, 2)),
                mixed.spans(0, 14));
        BidiParagraph english = BidiParagraph.of("Plain text 2026");
        assertFalse(english.hasRightToLeft());
        assertEquals(List.of(new BidiParagraph.Span(0, 15, 0)), english.spans(0, 15));
        // A list marker takes its item's direction: "1." in a right-to-left item has its dot on the left.
        assertEquals(List.of(new BidiParagraph.Span(0, 1, 2), new BidiParagraph.Span(1, 2, 1)),
                BidiParagraph.of("1.", RIGHT_TO_LEFT).spans(0, 2));
    }

    @Test
    void textWithoutStrongCharactersTakesTheDocumentsDirection() {
        assertEquals(RIGHT_TO_LEFT, TextDirection.of("2026", RIGHT_TO_LEFT), "rule HL1: the document decides");
        assertEquals(RIGHT_TO_LEFT, TextDirection.of("—", RIGHT_TO_LEFT));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("2026", LEFT_TO_RIGHT));
        assertEquals(LEFT_TO_RIGHT, TextDirection.of("Q3 2026", RIGHT_TO_LEFT), "a strong letter still decides");
        assertEquals(RIGHT_TO_LEFT, TextDirection.of("12% שנה", LEFT_TO_RIGHT));
    }

    @Test
    void aDocumentsDirectionComesFromItsLanguage() {
        for (String tag : List.of("he", "ar", "ar-EG", "fa", "ur", "yi", "ps", "sd", "ug", "ckb", "dv", "he-IL",
                "iw", "az-Arab")) {
            assertEquals(RIGHT_TO_LEFT, LanguageDirection.of(tag), tag);
        }
        for (String tag : List.of("en", "en-US", "zh", "ja", "de", "sd-Deva", "", " ", "xx", "und", "not a tag!")) {
            assertEquals(LEFT_TO_RIGHT, LanguageDirection.of(tag), tag);
        }
        assertEquals(LEFT_TO_RIGHT, LanguageDirection.of(null));
    }
}
