package io.docswarm.engine.chat;

import java.util.ArrayList;
import java.util.List;

/** Tokenizes the inside of one tag. */
final class ExpressionLexer {
    private static final String[] OPERATORS = {
        "**", "//", "==", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ".", ",", ":", "|", "~", "+", "-", "*", "/",
        "%", "<", ">", "="};

    private final Source source;
    private final String s;
    private final int end;
    private int i;

    ExpressionLexer(Source source, int start, int end) {
        this.source = source;
        this.s = source.text();
        this.i = start;
        this.end = end;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= end) {
                out.add(new Token(Token.Kind.END, "", end));
                return out;
            }
            char c = s.charAt(i);
            int start = i;
            if (Character.isLetter(c) || c == '_') {
                while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Token.Kind.NAME, s.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                while (i < end && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                boolean isFloat = i + 1 < end && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1));
                if (isFloat) {
                    i++;
                    while (i < end && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                out.add(new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INTEGER, s.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                out.add(new Token(Token.Kind.STRING, string(c), start));
            } else {
                String op = null;
                for (String candidate : OPERATORS) {
                    if (s.startsWith(candidate, i) && i + candidate.length() <= end) {
                        op = candidate;
                        break;
                    }
                }
                if (op == null) {
                    throw source.error("unexpected character '" + c + "'", i);
                }
                i += op.length();
                out.add(new Token(Token.Kind.OPERATOR, op, start));
            }
        }
    }

    /** A quoted string with Python escapes. */
    private String string(char quote) {
        int start = i++;
        StringBuilder sb = new StringBuilder();
        while (i < end) {
            char c = s.charAt(i++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\' || i >= end) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case 'u' -> {
                    if (i + 4 > end) {
                        throw source.error("bad \\u escape", i - 2);
                    }
                    sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                case '\\', '\'', '"' -> sb.append(e);
                default -> sb.append('\\').append(e);
            }
        }
        throw source.error("unterminated string", start);
    }
}
