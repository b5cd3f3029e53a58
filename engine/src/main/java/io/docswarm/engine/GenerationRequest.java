package io.docswarm.engine;

import io.docswarm.engine.chat.ChatMessage;
import io.docswarm.engine.sampling.SamplingParams;
import java.util.List;
import java.util.Objects;

/**
 * What to generate from: exactly one of a raw prompt ({@code prompt}, tokenized as llama.cpp does: BOS
 * only if the model's metadata asks for it, special-token texts recognised), a conversation
 * ({@code messages}, rendered with the model's chat template), or token ids ({@code promptTokens}, used as
 * they are).
 *
 * @param maxTokens most tokens to generate
 * @param stopStrings texts that end generation (not included in the output)
 * @param schema a JSON Schema the output must match (null for free text): only tokens that keep the output a
 *               valid prefix of a matching document are sampled, and generation ends when it is complete
 */
public record GenerationRequest(String prompt, List<ChatMessage> messages, int[] promptTokens, int maxTokens,
                                SamplingParams sampling, List<String> stopStrings, String schema) {
    public GenerationRequest {
        int given = (prompt != null ? 1 : 0) + (messages != null ? 1 : 0) + (promptTokens != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of prompt, messages or promptTokens");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        }
        Objects.requireNonNull(sampling, "sampling");
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        messages = messages == null ? null : List.copyOf(messages);
        promptTokens = promptTokens == null ? null : promptTokens.clone();
    }

    /** A raw prompt, greedy, up to {@code maxTokens}. */
    public static GenerationRequest raw(String prompt, int maxTokens) {
        return new GenerationRequest(prompt, null, null, maxTokens, SamplingParams.greedy(), List.of(), null);
    }

    /** A conversation rendered with the model's chat template, greedy, up to {@code maxTokens}. */
    public static GenerationRequest chat(List<ChatMessage> messages, int maxTokens) {
        return new GenerationRequest(null, messages, null, maxTokens, SamplingParams.greedy(), List.of(), null);
    }

    /** Token ids used as given, greedy, up to {@code maxTokens}. */
    public static GenerationRequest tokens(int[] ids, int maxTokens) {
        return new GenerationRequest(null, null, ids, maxTokens, SamplingParams.greedy(), List.of(), null);
    }

    public GenerationRequest withSampling(SamplingParams params) {
        return new GenerationRequest(prompt, messages, promptTokens, maxTokens, params, stopStrings, schema);
    }

    public GenerationRequest withStopStrings(List<String> stops) {
        return new GenerationRequest(prompt, messages, promptTokens, maxTokens, sampling, stops, schema);
    }

    /** This request constrained to documents matching {@code jsonSchema}. */
    public GenerationRequest withSchema(String jsonSchema) {
        return new GenerationRequest(prompt, messages, promptTokens, maxTokens, sampling, stopStrings, jsonSchema);
    }

    @Override
    public int[] promptTokens() {
        return promptTokens == null ? null : promptTokens.clone();
    }
}
