package io.docswarm.engine.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token-level masking on a small hand-made vocabulary (runs without the real tokenizer data). */
class TokenMaskingTest {
    private static final String[] TEXTS = {"{", "}", "\"", "\"name\":", "\"n", "ame\":", "a", "bc", "é", "\"}", "\",",
            "1", "12", ",", "\"tags\":[", "]", "]}", "\"x\"", "\\\"", "\n", " "};
    private static final int SPECIAL = TEXTS.length;     // a control token: no bytes
    private static final int EOS = TEXTS.length + 1;
    private static final int E_LEAD = TEXTS.length + 2;  // first byte of é
    private static final int E_TAIL = TEXTS.length + 3;  // second byte of é
    private static final String SCHEMA = """
            {"type":"object","required":["name"],"properties":{"name":{"type":"string","maxLength":3},
             "tags":{"type":"array","items":{"enum":["x"]},"maxItems":1}}}""";

    private static TokenVocabulary vocabulary() {
        byte[][] bytes = new byte[TEXTS.length + 4][];
        for (int i = 0; i < TEXTS.length; i++) {
            bytes[i] = TEXTS[i].getBytes(StandardCharsets.UTF_8);
        }
        bytes[E_LEAD] = new byte[] {(byte) 0xC3};
        bytes[E_TAIL] = new byte[] {(byte) 0xA9};
        return new TokenVocabulary(bytes, new int[] {EOS});
    }

    private static int id(String text) {
        return List.of(TEXTS).indexOf(text);
    }

    private static List<String> allowed(ConstrainedSampling c) {
        List<String> out = new ArrayList<>();
        for (int id = 0; id < TEXTS.length + 4; id++) {
            if (c.allows(id)) {
                out.add(id < TEXTS.length ? TEXTS[id] : id == E_LEAD ? "<C3>" : id == E_TAIL ? "<A9>"
                        : id == EOS ? "<eos>" : "<special>");
            }
        }
        return out;
    }

    @Test
    void masksFollowTheDocument() {
        ConstrainedSampling c = SchemaConstraint.compile(SCHEMA, vocabulary()).newSampling();
        assertEquals(List.of("{"), allowed(c));
        c.accept(id("{"));
        assertEquals(List.of("\"", "\"name\":", "\"n"), allowed(c)); // "name" is required and first
        c.accept(id("\"n"));
        c.accept(id("ame\":"));
        // a string starts; tokens may also close it at once ("x" is a one-character string)
        assertEquals(List.of("\"", "\"n", "\"}", "\",", "\"x\""), allowed(c));
        c.accept(id("\""));
        assertEquals(List.of("{", "}", "\"", "a", "bc", "é", "\"}", "\",", "1", "12", ",", "]", "]}", "\\\"", " ", "<C3>"),
                allowed(c), "any text but raw newlines, and quotes only where the string may end");
        c.accept(id("bc"));
        // one character left: no two-character token, and a multi-byte character may be split over tokens
        assertEquals(List.of("{", "}", "\"", "a", "é", "\"}", "\",", "1", ",", "]", "\\\"", " ", "<C3>"), allowed(c));
        c.accept(E_LEAD);
        assertEquals(List.of("<A9>"), allowed(c));
        c.accept(E_TAIL);
        assertEquals(List.of("\"", "\"}", "\","), allowed(c));
        assertFalse(c.isComplete());
        c.accept(id("\","));
        assertEquals(List.of("\"", "\"tags\":["), allowed(c));
        c.accept(id("\"tags\":["));
        c.accept(id("\"x\""));
        assertEquals(List.of("]", "]}"), allowed(c));
        c.accept(id("]}"));
        assertTrue(c.isComplete());
        assertTrue(c.isFinished(), "nothing can follow a closed top-level object");
        assertEquals(List.of("<eos>"), allowed(c));
        assertEquals("{\"name\":\"bcé\",\"tags\":[\"x\"]}", c.document());
        assertEquals(FinishReason.COMPLETE, c.finishReason());
        c.accept(EOS);
        assertTrue(c.isEnded());
    }

    @Test
    void maskSetsDisallowedLogitsIncludingPaddingToMinusInfinity() {
        ConstrainedSampling c = SchemaConstraint.compile(SCHEMA, vocabulary()).newSampling();
        float[] logits = new float[TEXTS.length + 10]; // models pad their output rows past the vocabulary
        c.mask(logits);
        for (int id = 0; id < logits.length; id++) {
            assertEquals(id == id("{") ? 0f : Float.NEGATIVE_INFINITY, logits[id], "token " + id);
        }
        assertThrows(IllegalArgumentException.class, () -> c.mask(new float[3]));
    }

    @Test
    void disallowedTokensAreRefusedAndLeaveTheDocumentUnchanged() {
        ConstrainedSampling c = SchemaConstraint.compile(SCHEMA, vocabulary()).newSampling();
        assertThrows(IllegalArgumentException.class, () -> c.accept(SPECIAL));
        assertThrows(IllegalArgumentException.class, () -> c.accept(EOS), "no end before the document is complete");
        assertThrows(IllegalArgumentException.class, () -> c.accept(id(" ")), "no optional whitespace");
        c.accept(id("{"));
        assertThrows(IllegalArgumentException.class, () -> c.accept(id("}")), "name is required");
        assertEquals("{", c.text());
        assertEquals(FinishReason.MAX_TOKENS, c.finishReason());
        assertThrows(IllegalStateException.class, c::document);
    }

    @Test
    void aRootNumberMayEndWithTheEndTokenOrGoOn() {
        ConstrainedSampling c = SchemaConstraint.compile("{\"type\":\"integer\",\"maximum\":20}", vocabulary())
                .newSampling();
        c.accept(id("1"));
        assertTrue(c.isComplete());
        assertFalse(c.isFinished());
        assertTrue(c.allows(EOS));
        assertTrue(c.allows(id("1")));
        assertFalse(c.allows(id("12")), "112 is above the maximum");
        c.accept(id("1"));
        assertEquals(List.of("<eos>"), allowed(c));
    }

    @Test
    void aVocabularyThatCannotContinueIsAClearError() {
        byte[][] bytes = {"{".getBytes(StandardCharsets.UTF_8), "}".getBytes(StandardCharsets.UTF_8)};
        ConstrainedSampling c = SchemaConstraint.compile(SCHEMA, new TokenVocabulary(bytes, new int[0])).newSampling();
        c.accept(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.mask(new float[2]));
        assertTrue(e.getMessage().contains("no token"), e.getMessage());
    }
}
