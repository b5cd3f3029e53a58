package io.docswarm.agents.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Any OpenAI-compatible chat completions endpoint (hosted Kimi or DeepSeek APIs, vLLM, llama.cpp's server, or
 * {@code docswarm engine serve}), asked for a JSON Schema-shaped answer through {@code response_format}.
 *
 * @see #fromEnvironment()
 */
public final class OpenAiTextModel implements TextModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI chatCompletions;
    private final String model;
    private final String apiKey;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    /**
     * @param baseUrl e.g. {@code https://api.example.com/v1}
     * @param model   the model name the server knows
     * @param apiKey  bearer token, or empty for servers without authentication
     */
    public OpenAiTextModel(String baseUrl, String model, String apiKey) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.chatCompletions = URI.create(base + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    /** Configured from {@code OPENAI_BASE_URL}, {@code OPENAI_MODEL} and {@code OPENAI_API_KEY}. */
    public static OpenAiTextModel fromEnvironment() {
        String base = System.getenv("OPENAI_BASE_URL");
        String model = System.getenv("OPENAI_MODEL");
        if (base == null || model == null) {
            throw new IllegalArgumentException("the openai drafter needs OPENAI_BASE_URL and OPENAI_MODEL "
                    + "(and OPENAI_API_KEY where the server wants one)");
        }
        return new OpenAiTextModel(base, model, System.getenv("OPENAI_API_KEY"));
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Answer complete(String prompt, String jsonSchema, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("content", prompt);
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode schema = format.putObject("json_schema");
        schema.put("name", "answer");
        schema.put("strict", true);
        try {
            schema.set("schema", JSON.readTree(jsonSchema));
            HttpRequest.Builder request = HttpRequest.newBuilder(chatCompletions)
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (!apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(chatCompletions + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            JsonNode choice = answer.path("choices").path(0);
            String text = choice.path("message").path("content").asText();
            long tokens = answer.path("usage").path("completion_tokens").asLong(0);
            boolean complete = !"length".equals(choice.path("finish_reason").asText());
            return new Answer(text, tokens, complete);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + chatCompletions + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + chatCompletions, e);
        }
    }
}
