package io.docswarm.engine.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code tojson} filter as Hugging Face defines it: Python's {@code json.dumps(x, ensure_ascii=False)}
 * with its default separators {@code ", "} and {@code ": "}, optional indent and key sorting.
 */
final class JsonWriter {
    private final Integer indent;
    private final boolean sortKeys;

    JsonWriter(Integer indent, boolean sortKeys) {
        this.indent = indent;
        this.sortKeys = sortKeys;
    }

    String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0);
        return sb.toString();
    }

    private void write(Object v, StringBuilder sb, int depth) {
        if (v == null || v == Values.UNDEFINED) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Long || v instanceof Integer) {
            sb.append(v);
        } else if (v instanceof Double d) {
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Values.pythonFloat(d));
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof List<?> list) {
            container(list, sb, depth, '[', ']', (item, out) -> write(item, out, depth + 1));
        } else if (v instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            }
            container(entries, sb, depth, '{', '}', (entry, out) -> {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                string(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, depth + 1);
            });
        } else if (v instanceof Values.Namespace ns) {
            write(ns.attributes, sb, depth);
        } else {
            throw new IllegalArgumentException("cannot convert a " + Values.typeName(v) + " to JSON");
        }
    }

    private interface ItemWriter {
        void write(Object item, StringBuilder out);
    }

    private void container(List<?> items, StringBuilder sb, int depth, char open, char close, ItemWriter writer) {
        sb.append(open);
        if (items.isEmpty()) {
            sb.append(close);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(indent == null ? ", " : ",");
            }
            if (indent != null) {
                sb.append('\n').append(" ".repeat(indent * (depth + 1)));
            }
            writer.write(items.get(i), sb);
        }
        if (indent != null) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
        sb.append(close);
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
