package io.docswarm.engine.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's chat template ({@code tokenizer.chat_template}): the Jinja subset that the Qwen3, Mixtral,
 * OLMoE, DeepSeek-V3 and Kimi-K2 templates use, rendered the way Hugging Face's {@code apply_chat_template}
 * does (trim_blocks and lstrip_blocks on, {@code tojson} without ASCII escaping).
 *
 * <p>Supported: text, {@code {{ }}}, {@code {% if/elif/else %}}, {@code {% for %}} (with unpacking, an
 * {@code if} filter, {@code else}, {@code loop.*}, break/continue), {@code {% set %}} (incl. namespace
 * attributes and set blocks), {@code {% macro %}}, comments, whitespace control; expressions with literals,
 * lists, dicts, attribute/item access, slices, arithmetic, comparisons, {@code in}, {@code is} tests,
 * filters, string/dict methods, {@code namespace()}, {@code range()} and {@code raise_exception()}.
 * Anything else fails at {@link #parse} with a {@link TemplateException} naming the line and column.
 * Parsed templates are immutable and thread-safe.
 */
public final class ChatTemplate {
    private final Source source;
    private final List<Node> nodes;

    private ChatTemplate(Source source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    /** @throws TemplateException for syntax outside the supported subset */
    public static ChatTemplate parse(String template) {
        return new ChatTemplate(new Source(template), TemplateParser.parse(template));
    }

    /**
     * Renders with the given variables (Java Strings, numbers, Booleans, Lists, Maps, null).
     *
     * @throws TemplateException if rendering fails, including the template's own {@code raise_exception}
     */
    public String render(Map<String, ?> variables) {
        return new TemplateRenderer(source, new HashMap<>(variables)).render(nodes);
    }

    /**
     * Renders a conversation: {@code messages}, {@code add_generation_prompt}, and any extra variables
     * ({@code bos_token}, {@code eos_token}, {@code tools}, {@code enable_thinking}, ...).
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, ?> extraVariables) {
        Map<String, Object> variables = new HashMap<>(extraVariables);
        List<Object> list = new ArrayList<>();
        messages.forEach(m -> list.add(m.toTemplateValue()));
        variables.put("messages", list);
        variables.put("add_generation_prompt", addGenerationPrompt);
        return render(variables);
    }
}
