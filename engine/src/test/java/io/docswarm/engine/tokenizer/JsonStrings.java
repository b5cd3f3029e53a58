package io.docswarm.engine.tokenizer;

import java.util.List;

/** Writes strings as JSON for the reference scripts' stdin. */
final class JsonStrings {
    private JsonStrings() {
    }

    static String array(List<String> texts) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(texts.get(i), sb);
        }
        return sb.append(']').toString();
    }

    static void quote(String text, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
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
