package io.docswarm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Word splits of the pre-tokenizers, written out by hand from their regexes. */
class PreTokenizerTest {

    @Test
    void qwen2SplitsDigitsSinglyAndKeepsContractions() {
        // a space before a digit is a word of its own; punctuation takes the newlines after it
        assertEquals(List.of("I", "'m", " ", "1", "2", "3", " cats", "!!\n\n", "  ", " x"),
                PreTokenizer.forName("qwen2").split("I'm 123 cats!!\n\n   x"));
    }

    @Test
    void llama3GroupsDigitsByThree() {
        assertEquals(List.of("123", "456", "7", " ab"), PreTokenizer.forName("llama-bpe").split("1234567 ab"));
    }

    @Test
    void whitespaceBeforeAWordLeavesOneSpaceForTheWord() {
        // \s+(?!\S) takes all but the last space; at the end of the text it takes them all
        assertEquals(List.of("a", "   ", " b", "  "), PreTokenizer.forName("qwen2").split("a    b  "));
    }

    @Test
    void unicodeClassesFollowLlamaCpp() {
        // U+00A0 is whitespace for llama.cpp (not for Java's Character.isWhitespace), so it is not part of
        // "[^\s\p{L}\p{N}]+" but may prefix a letter run; U+0301 is a mark, not a letter
        assertEquals(List.of("a", "\u00A0b"), PreTokenizer.forName("qwen2").split("a\u00A0b"));
        assertEquals(List.of("a", "\u00A0", "\u00A0b"), PreTokenizer.forName("qwen2").split("a\u00A0\u00A0b"));
        assertEquals(List.of("e", "\u0301"), PreTokenizer.forName("qwen2").split("e\u0301"));
        assertTrue(CodepointFlags.isNumber('\u0663') && CodepointFlags.isNumber('\u2463'), "Arabic-Indic 3 and circled 4 are numbers");
        assertEquals(CodepointFlags.Category.SYMBOL, CodepointFlags.category(0x1F600));
    }

    @Test
    void deepSeekV3SeparatesDigitRunsAndCjk() {
        assertEquals(List.of("123", "4", "中文", "abc", " def", ".\n"),
                PreTokenizer.forName("deepseek-v3").split("1234中文abc def.\n"));
        // a punctuation character glued to following ASCII letters stays with them
        assertEquals(List.of("x", ".y", " é", "!"), PreTokenizer.forName("deepseek-v3").split("x.y é!"));
    }

    @Test
    void unknownPreTokenizerIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreTokenizer.forName("tekken"));
        assertTrue(e.getMessage().contains("tekken"));
    }
}
