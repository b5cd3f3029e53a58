package io.docswarm.pipeline.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.docswarm.engine.Engine;
import io.docswarm.engine.GenerationRequest;
import io.docswarm.engine.GenerationResult;
import io.docswarm.engine.chat.ChatMessage;
import io.docswarm.engine.sampling.SamplingParams;
import io.docswarm.engine.sampling.StopCondition;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Our engine behind an OpenAI-compatible HTTP API, so any client of that API (including Docswarm's own
 * {@code openai} drafter) can use it: {@code GET /v1/models} and {@code POST /v1/chat/completions}, plain or
 * streamed as server-sent events, with {@code response_format} JSON Schema answers enforced by the engine's
 * constrained sampling. Requests are served one at a time (the engine generates for one sequence at once).
 */
public final class OpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final String modelId;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Clock clock;

    /**
     * @param engine  the loaded model
     * @param modelId the name clients ask for (any name is accepted: the server has one model)
     * @param host    the address to listen on, e.g. {@code 127.0.0.1}
     * @param port    the port, 0 for any free one
     */
    public OpenAiServer(Engine engine, String modelId, String host, int port, Clock clock) throws IOException {
        this.engine = engine;
        this.modelId = modelId;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/v1/models", this::models);
        server.createContext("/v1/chat/completions", this::chatCompletions);
        server.setExecutor(executor);
    }

    public OpenAiServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void models(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "use GET");
            return;
        }
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").addObject().put("id", modelId).put("object", "model").put("owned_by", "docswarm")
                .put("created", clock.instant().getEpochSecond());
        send(exchange, 200, list);
    }

    private void chatCompletions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "use POST");
                return;
            }
            ChatCompletionRequest request;
            try {
                request = ChatCompletionRequest.parse(JSON.readTree(exchange.getRequestBody()));
            } catch (IOException | IllegalArgumentException e) {
                error(exchange, 400, e.getMessage());
                return;
            }
            GenerationRequest generation = generationRequest(request);
            String id = "chatcmpl-" + UUID.randomUUID();
            long created = clock.instant().getEpochSecond();
            if (request.stream()) {
                stream(exchange, generation, id, created);
            } else {
                GenerationResult result;
                try {
                    result = engine.generate(generation);
                } catch (IllegalArgumentException e) {
                    error(exchange, 400, e.getMessage());
                    return;
                }
                ObjectNode body = completion(id, created);
                ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", result.text());
                choice.put("finish_reason", finishReason(result.stopReason()));
                body.putObject("usage").put("prompt_tokens", result.promptTokenCount())
                        .put("completion_tokens", result.tokens().length)
                        .put("total_tokens", result.promptTokenCount() + result.tokens().length);
                send(exchange, 200, body);
            }
        }
    }

    /** Server-sent events: one chunk per piece of text, a last chunk with the finish reason, then [DONE]. */
    private void stream(HttpExchange exchange, GenerationRequest generation, String id, long created)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode first = completionChunk(id, created);
        first.putArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant")
                .put("content", "");
        event(out, first);
        GenerationResult result = engine.generate(generation, (token, text) -> {
            if (text.isEmpty()) {
                return;
            }
            ObjectNode chunk = completionChunk(id, created);
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", text);
            try {
                event(out, chunk);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the client went away", e);
            }
        });
        ObjectNode last = completionChunk(id, created);
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason(result.stopReason()))
                .putObject("delta");
        event(out, last);
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private GenerationRequest generationRequest(ChatCompletionRequest request) {
        GenerationRequest generation;
        if (engine.chatTemplate() != null) {
            generation = GenerationRequest.chat(request.messages(), request.maxTokens());
        } else {
            // A model without a chat template still answers: the conversation as plain "role: text" lines.
            StringBuilder prompt = new StringBuilder();
            for (ChatMessage message : request.messages()) {
                prompt.append(message.role()).append(": ").append(message.content()).append('\n');
            }
            generation = GenerationRequest.raw(prompt.append("assistant: ").toString(), request.maxTokens());
        }
        SamplingParams sampling = request.temperature() <= 0 ? SamplingParams.greedy()
                : SamplingParams.defaults(request.seed()).withTemperature(request.temperature())
                        .withTopP(request.topP());
        generation = generation.withSampling(sampling).withStopStrings(request.stop());
        return request.schema() == null ? generation : generation.withSchema(request.schema());
    }

    private static String finishReason(StopCondition.Reason reason) {
        return reason == StopCondition.Reason.MAX_TOKENS ? "length" : "stop";
    }

    private ObjectNode completion(String id, long created) {
        return JSON.createObjectNode().put("id", id).put("object", "chat.completion").put("created", created)
                .put("model", modelId);
    }

    private ObjectNode completionChunk(String id, long created) {
        return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", modelId);
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "invalid_request_error");
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    /** The parts of a chat completion request this server honours. */
    record ChatCompletionRequest(List<ChatMessage> messages, int maxTokens, float temperature, float topP, long seed,
                                 List<String> stop, boolean stream, String schema) {

        static ChatCompletionRequest parse(JsonNode body) throws IOException {
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("the request body must be a JSON object");
            }
            JsonNode messagesNode = body.get("messages");
            if (messagesNode == null || !messagesNode.isArray() || messagesNode.isEmpty()) {
                throw new IllegalArgumentException("'messages' must be a non-empty array");
            }
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode message : messagesNode) {
                String role = message.path("role").asText("");
                if (!List.of("system", "user", "assistant", "tool").contains(role)) {
                    throw new IllegalArgumentException("unknown message role '" + role + "'");
                }
                messages.add(ChatMessage.of(role, message.path("content").asText("")));
            }
            int maxTokens = body.has("max_completion_tokens") ? body.get("max_completion_tokens").asInt()
                    : body.path("max_tokens").asInt(512);
            if (maxTokens < 1) {
                throw new IllegalArgumentException("max_tokens must be positive");
            }
            List<String> stop = new ArrayList<>();
            JsonNode stopNode = body.get("stop");
            if (stopNode != null && stopNode.isTextual()) {
                stop.add(stopNode.asText());
            } else if (stopNode != null && stopNode.isArray()) {
                stopNode.forEach(s -> stop.add(s.asText()));
            }
            String schema = null;
            JsonNode format = body.get("response_format");
            if (format != null && "json_schema".equals(format.path("type").asText())) {
                JsonNode schemaNode = format.path("json_schema").path("schema");
                if (schemaNode.isMissingNode()) {
                    throw new IllegalArgumentException("response_format.json_schema.schema is missing");
                }
                schema = JSON.writeValueAsString(schemaNode);
            } else if (format != null && !"text".equals(format.path("type").asText("text"))) {
                throw new IllegalArgumentException("response_format type '" + format.path("type").asText()
                        + "' is not supported (use json_schema or text)");
            }
            return new ChatCompletionRequest(messages, maxTokens, (float) body.path("temperature").asDouble(1.0),
                    (float) body.path("top_p").asDouble(1.0), body.path("seed").asLong(0), stop,
                    body.path("stream").asBoolean(false), schema);
        }
    }
}
