package io.docswarm.engine.tokenizer;

import java.util.List;

/**
 * Splits a text fragment (the text between special tokens) into the words that byte-level BPE merges
 * within; merges never cross a word boundary.
 */
interface PreTokenizer {

    List<String> split(String text);

    /**
     * The pre-tokenizer for a {@code tokenizer.ggml.pre} name, grouped the way llama.cpp groups them.
     *
     * @throws IllegalArgumentException for names this engine does not implement
     */
    static PreTokenizer forName(String pre) {
        String name = pre == null || pre.isEmpty() ? "default" : pre;
        return switch (name) {
            // Qwen2/Qwen3: one digit per word.
            case "qwen2", "deepseek-r1-qwen", "stablelm2", "hunyuan", "megrez" -> new GptStyleSplitter(1);
            // Llama-3: up to three digits per word.
            case "llama3", "llama-v3", "llama-bpe", "falcon3", "pixtral", "dbrx", "smaug-bpe", "chatglm-bpe" ->
                    new GptStyleSplitter(3);
            case "deepseek-v3" -> new CollapsedRegexSplitter(List.of(
                    "\\p{N}{1,3}",
                    "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+",
                    "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+"
                            + "| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"));
            case "kimi-k2" -> new KimiK2Splitter();
            // GPT-2 family (OLMoE's "olmo" among them).
            case "gpt-2", "gpt2", "olmo", "mpt", "phi-2", "jais", "trillion" -> new CollapsedRegexSplitter(List.of(
                    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)"));
            case "default" -> new CollapsedRegexSplitter(List.of(
                    "[\\p{P}\\$\\+<=>\\^~\\|]+",
                    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)",
                    "\\p{N}+",
                    "[0-9][0-9][0-9]"));
            default -> throw new IllegalArgumentException("unsupported pre-tokenizer type (tokenizer.ggml.pre): '" + name
                    + "'; supported: qwen2, llama3/llama-bpe, deepseek-v3, kimi-k2, gpt-2/olmo, default");
        };
    }
}
