package io.docswarm.engine;

import io.docswarm.engine.sampling.StopCondition;

/**
 * The outcome of one generation.
 *
 * @param text the generated text (stop strings removed)
 * @param tokens the generated token ids (an end-of-generation token included if one ended it)
 * @param promptTokenCount tokens in the prompt as fed to the model
 * @param promptNanos time spent processing the prompt
 * @param generationNanos time spent generating (after the prompt)
 */
public record GenerationResult(String text, int[] tokens, int promptTokenCount, StopCondition.Reason stopReason,
                               long promptNanos, long generationNanos) {
    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    public double promptTokensPerSecond() {
        return promptNanos == 0 ? 0 : promptTokenCount * 1e9 / promptNanos;
    }

    /** Generated tokens per second, counting the tokens after the first (which the prompt pass yields). */
    public double generationTokensPerSecond() {
        return generationNanos == 0 || tokens.length < 2 ? 0 : (tokens.length - 1) * 1e9 / generationNanos;
    }
}
