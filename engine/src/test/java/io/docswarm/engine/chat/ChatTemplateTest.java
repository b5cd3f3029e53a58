package io.docswarm.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates written in the style of Mixtral's, DeepSeek-V3's and Kimi-K2's, and the error reporting. */
class ChatTemplateTest {
    private static final Map<String, Object> TOKENS = Map.of("bos_token", "<s>", "eos_token", "</s>");

    @Test
    void mixtralStyleAlternationAndRaiseException() {
        ChatTemplate t = ChatTemplate.parse("{{ bos_token }}{% for message in messages %}"
                + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
                + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
                + "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}"
                + "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token }}{% endif %}{% endfor %}");
        assertEquals("<s>[INST] Hi [/INST]Hello</s>[INST] Bye [/INST]", t.render(List.of(
                ChatMessage.user("Hi"), ChatMessage.assistant("Hello"), ChatMessage.user("Bye")), false, TOKENS));
        TemplateException e = assertThrows(TemplateException.class,
                () -> t.render(List.of(ChatMessage.assistant("x")), false, TOKENS));
        assertTrue(e.getMessage().contains("Conversation roles must alternate"), e.getMessage());
    }

    @Test
    void deepSeekStyleNamespaceInOperatorAndSplit() {
        ChatTemplate t = ChatTemplate.parse("""
                {% set ns = namespace(system_prompt='', is_first_sp=true) %}
                {%- for message in messages %}
                    {%- if message['role'] == 'system' %}
                        {%- if ns.is_first_sp %}{% set ns.system_prompt = ns.system_prompt + message['content'] %}{% set ns.is_first_sp = false %}
                        {%- else %}{% set ns.system_prompt = ns.system_prompt + '\\n\\n' + message['content'] %}{%- endif %}
                    {%- endif %}
                {%- endfor %}
                {{- bos_token }}{{ ns.system_prompt }}
                {%- for message in messages %}
                    {%- if message['role'] == 'user' %}{{ '<｜User｜>' + message['content'] }}
                    {%- elif message['role'] == 'assistant' and 'tool_calls' not in message %}
                        {%- set content = message['content'] %}
                        {%- if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}
                        {{- '<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>' }}
                    {%- endif %}
                {%- endfor %}
                {%- if add_generation_prompt %}{{ '<｜Assistant｜>' }}{% endif %}""");
        String out = t.render(List.of(ChatMessage.system("A"), ChatMessage.system("B"), ChatMessage.user("Q"),
                ChatMessage.assistant("<think>r</think>Ans"), ChatMessage.user("Q2")), true, TOKENS);
        assertEquals("<s>A\n\nB<｜User｜>Q<｜Assistant｜>Ans<｜end▁of▁sentence｜><｜User｜>Q2<｜Assistant｜>", out);
    }

    @Test
    void kimiStyleMacrosGetTojsonAndSlices() {
        ChatTemplate t = ChatTemplate.parse("{%- macro render(msg) -%}{{ msg.get('content', '') | trim }}{%- endmacro -%}"
                + "{%- for m in messages[-2:] -%}<|im_{{ m['role'] }}|>{{ render(m) }}"
                + "{%- if not loop.last %}|{% endif -%}{%- endfor -%}"
                + " {{ {'a': [1, 2.5, none, true], 'b': 'é\"'} | tojson }} {{ 'abc'[::-1] }} {{ 7 // 2 }}{{ -7 % 3 }}");
        assertEquals("<|im_user|>two|<|im_assistant|>three{\"a\": [1, 2.5, null, true], \"b\": \"é\\\"\"} cba 32",
                t.render(List.of(ChatMessage.user("one"), ChatMessage.user(" two "), ChatMessage.assistant("three")),
                        false, Map.of()));
    }

    @Test
    void whitespaceControlAndBlockTrimming() {
        ChatTemplate t = ChatTemplate.parse("a\n  {% if true %}\n  b\n  {% endif %}\nc {{- ' d ' -}} e");
        assertEquals("a\n  b\nc d e", t.render(Map.of()));
    }

    @Test
    void unsupportedSyntaxNamesLineAndColumn() {
        TemplateException tag = assertThrows(TemplateException.class,
                () -> ChatTemplate.parse("hello\n  {% include 'x.html' %}"));
        assertEquals(2, tag.line());
        assertEquals(6, tag.column());
        assertTrue(tag.getMessage().contains("unsupported template tag 'include'"), tag.getMessage());
        TemplateException unclosed = assertThrows(TemplateException.class, () -> ChatTemplate.parse("{% if x %}y"));
        assertTrue(unclosed.getMessage().contains("endif"), unclosed.getMessage());
        TemplateException filter = assertThrows(TemplateException.class,
                () -> ChatTemplate.parse("{{ x | wordwrap }}").render(Map.of("x", "a")));
        assertTrue(filter.getMessage().contains("unsupported filter 'wordwrap'") && filter.line() == 1, filter.getMessage());
    }
}
