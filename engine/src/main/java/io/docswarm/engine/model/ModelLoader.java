package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufMetadata;

/** Builds the forward-pass class for a GGUF file's architecture. */
public final class ModelLoader {
    private ModelLoader() {}

    /** The vocabulary size: the token list's length (what llama.cpp uses), else the embedding's rows. */
    public static int vocabSize(GgufFile file) {
        GgufMetadata m = file.metadata();
        if (m.has("tokenizer.ggml.tokens")) {
            return m.getArray("tokenizer.ggml.tokens").length();
        }
        return Math.toIntExact(file.tensor("token_embd.weight").dim(1));
    }

    public static ModelConfig config(GgufFile file) {
        return ModelConfig.from(file.metadata(), vocabSize(file));
    }

    public static DecoderModel load(GgufFile file, ModelOptions options) {
        ModelConfig c = config(file);
        return switch (c.architecture()) {
            case QWEN3MOE -> new Qwen3MoeModel(file, c, options);
            case LLAMA -> new LlamaModel(file, c, options);
            case OLMOE -> new OlmoeModel(file, c, options);
            case DEEPSEEK2 -> new DeepSeek2Model(file, c, options);
        };
    }
}
