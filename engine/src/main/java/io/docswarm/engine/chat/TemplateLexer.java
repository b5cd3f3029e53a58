package io.docswarm.engine.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and tags, applying whitespace control the way Hugging Face renders chat
 * templates: {@code {%-}/{@code -%}} strip all whitespace on that side, and the environment's
 * {@code trim_blocks} (drop the newline right after a block tag) and {@code lstrip_blocks} (drop spaces and
 * tabs before a block tag on its line) are on.
 */
final class TemplateLexer {

    /** Plain text, an output tag {@code {{ }}}, or a statement tag {@code {% %}}; tokens only for tags. */
    record Segment(Type type, String text, List<Token> tokens, int offset) {
        enum Type { TEXT, OUTPUT, STATEMENT }
    }

    private final Source source;
    private final String s;

    TemplateLexer(Source source) {
        this.source = source;
        this.s = source.text();
    }

    List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int textOffset = 0;
        int i = 0;
        boolean stripNextLeading = false;
        boolean trimNextNewline = false;
        while (i < s.length()) {
            int open = nextTagStart(i);
            String chunk = s.substring(i, open < 0 ? s.length() : open);
            if (stripNextLeading) {
                chunk = chunk.stripLeading();
            } else if (trimNextNewline) {
                chunk = chunk.startsWith("\r\n") ? chunk.substring(2) : chunk.startsWith("\n") ? chunk.substring(1) : chunk;
            }
            if (open < 0) {
                text.append(chunk);
                break;
            }
            char kind = s.charAt(open + 1);
            boolean stripBefore = open + 2 < s.length() && s.charAt(open + 2) == '-';
            boolean keepBefore = open + 2 < s.length() && s.charAt(open + 2) == '+';
            if (stripBefore) {
                chunk = chunk.stripTrailing();
            } else if (kind != '{' && !keepBefore) {
                chunk = lstripBlock(chunk, open);
            }
            text.append(chunk);
            String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
            int contentStart = open + 2 + (stripBefore || keepBefore ? 1 : 0);
            int end = s.indexOf(close, contentStart);
            if (end < 0) {
                throw source.error("unclosed '" + s.substring(open, open + 2) + "' (no matching '" + close + "')", open);
            }
            boolean stripAfter = end > contentStart && s.charAt(end - 1) == '-';
            int contentEnd = stripAfter ? end - 1 : end;
            if (kind != '#') {
                if (!text.isEmpty()) {
                    out.add(new Segment(Segment.Type.TEXT, text.toString(), null, textOffset));
                }
                text.setLength(0);
                List<Token> tokens = new ExpressionLexer(source, contentStart, contentEnd).tokens();
                out.add(new Segment(kind == '{' ? Segment.Type.OUTPUT : Segment.Type.STATEMENT, null, tokens, open));
            }
            i = end + 2;
            textOffset = i;
            stripNextLeading = stripAfter;
            trimNextNewline = kind != '{';
        }
        if (!text.isEmpty()) {
            out.add(new Segment(Segment.Type.TEXT, text.toString(), null, textOffset));
        }
        return out;
    }

    private int nextTagStart(int from) {
        for (int i = s.indexOf('{', from); i >= 0 && i + 1 < s.length(); i = s.indexOf('{', i + 1)) {
            char c = s.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    /**
     * lstrip_blocks: when only spaces and tabs stand between the start of the source line and a block tag,
     * they are dropped.
     */
    private String lstripBlock(String chunk, int tagOffset) {
        int k = tagOffset;
        while (k > 0 && (s.charAt(k - 1) == ' ' || s.charAt(k - 1) == '\t')) {
            k--;
        }
        if (k > 0 && s.charAt(k - 1) != '\n') {
            return chunk;
        }
        int j = chunk.length();
        while (j > 0 && (chunk.charAt(j - 1) == ' ' || chunk.charAt(j - 1) == '\t')) {
            j--;
        }
        return chunk.substring(0, j);
    }
}
