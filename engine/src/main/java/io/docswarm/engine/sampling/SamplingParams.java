package io.docswarm.engine.sampling;

/**
 * How the next token is chosen, with llama.cpp's meanings. A temperature of 0 (or below) means greedy.
 * Disabled values: topK &lt;= 0, topP &gt;= 1, minP &lt;= 0, repeatPenalty = 1, presence/frequency penalty = 0.
 *
 * @param penaltyLastN how many of the most recent tokens the penalties look at (0 = none)
 * @param seed         seeds the random choice; the same seed, logits and history give the same tokens
 */
public record SamplingParams(float temperature, int topK, float topP, float minP, float repeatPenalty,
                             float presencePenalty, float frequencyPenalty, int penaltyLastN, long seed) {

    public SamplingParams {
        if (Float.isNaN(temperature) || Float.isNaN(topP) || Float.isNaN(minP)) {
            throw new IllegalArgumentException("sampling parameters must not be NaN");
        }
        if (repeatPenalty <= 0) {
            throw new IllegalArgumentException("repeat penalty must be positive (1 = off), got " + repeatPenalty);
        }
        if (penaltyLastN < 0) {
            throw new IllegalArgumentException("penalty window must not be negative, got " + penaltyLastN);
        }
    }

    /** Always the most likely token. */
    public static SamplingParams greedy() {
        return new SamplingParams(0f, 0, 1f, 0f, 1f, 0f, 0f, 0, 0);
    }

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, penalties off, window 64. */
    public static SamplingParams defaults(long seed) {
        return new SamplingParams(0.8f, 40, 0.95f, 0.05f, 1f, 0f, 0f, 64, seed);
    }

    public SamplingParams withTemperature(float t) {
        return new SamplingParams(t, topK, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplingParams withTopK(int k) {
        return new SamplingParams(temperature, k, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplingParams withTopP(float p) {
        return new SamplingParams(temperature, topK, p, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplingParams withMinP(float p) {
        return new SamplingParams(temperature, topK, topP, p, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplingParams withPenalties(float repeat, float presence, float frequency, int lastN) {
        return new SamplingParams(temperature, topK, topP, minP, repeat, presence, frequency, lastN, seed);
    }

    public SamplingParams withSeed(long s) {
        return new SamplingParams(temperature, topK, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, s);
    }
}
