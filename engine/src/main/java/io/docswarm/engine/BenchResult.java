package io.docswarm.engine;

/**
 * Speed of one model on this machine: prompt processing and generation in tokens per second.
 *
 * @param promptTokens tokens in the benchmark prompt
 * @param generatedTokens tokens generated one at a time
 * @param repetitions measured runs; the rates are their medians
 */
public record BenchResult(int threads, int promptTokens, int generatedTokens, double promptTokensPerSecond,
                          double generationTokensPerSecond, int repetitions) {
    /** One line of JSON with {@code pp_tok_s} and {@code tg_tok_s} (what scripts parse). */
    public String toJson() {
        return String.format(java.util.Locale.ROOT,
                "{\"threads\":%d,\"prompt_tokens\":%d,\"gen_tokens\":%d,\"repetitions\":%d,\"pp_tok_s\":%.2f,"
                        + "\"tg_tok_s\":%.2f}",
                threads, promptTokens, generatedTokens, repetitions, promptTokensPerSecond, generationTokensPerSecond);
    }
}
