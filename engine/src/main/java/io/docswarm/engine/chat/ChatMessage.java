package io.docswarm.engine.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation, in the shape chat templates expect ({@code role}, {@code content}, and
 * optionally {@code reasoning_content}, {@code tool_calls}, {@code tool_call_id}).
 *
 * @param toolCalls calls the assistant made; each becomes {@code {"id", "type": "function", "function": {"name", "arguments"}}}
 */
public record ChatMessage(String role, String content, String reasoningContent, List<ToolCall> toolCalls, String toolCallId) {

    /** A function call: {@code arguments} is a JSON-like map (Strings, Numbers, Booleans, Lists, Maps). */
    public record ToolCall(String id, String name, Map<String, Object> arguments) {
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null, null, null);
    }

    public static ChatMessage system(String content) {
        return of("system", content);
    }

    public static ChatMessage user(String content) {
        return of("user", content);
    }

    public static ChatMessage assistant(String content) {
        return of("assistant", content);
    }

    /** The message as the template sees it; absent optional fields are absent keys ({@code is defined} is false). */
    Map<String, Object> toTemplateValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        if (reasoningContent != null) {
            m.put("reasoning_content", reasoningContent);
        }
        if (!toolCalls.isEmpty()) {
            m.put("tool_calls", toolCalls.stream().map(call -> {
                Map<String, Object> function = new LinkedHashMap<>();
                function.put("name", call.name());
                function.put("arguments", call.arguments());
                Map<String, Object> c = new LinkedHashMap<>();
                if (call.id() != null) {
                    c.put("id", call.id());
                }
                c.put("type", "function");
                c.put("function", function);
                return (Object) c;
            }).toList());
        }
        if (toolCallId != null) {
            m.put("tool_call_id", toolCallId);
        }
        return m;
    }
}
