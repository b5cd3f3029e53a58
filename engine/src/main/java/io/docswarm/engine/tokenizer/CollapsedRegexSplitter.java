package io.docswarm.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pre-tokenizer given as a list of regexes, each applied in turn to the pieces the previous one left;
 * a piece is cut into the regex's matches and the unmatched stretches between them.
 *
 * <p>Unicode classes ({@code \p{L}}, {@code \p{N}}, {@code \p{P}}, {@code \p{S}}, {@code \p{M}}) are evaluated the
 * way llama.cpp does: the text is first "collapsed" to one character per code point, where ASCII stays as it
 * is and every other code point becomes a placeholder for its category (whitespace becomes U+000B), and
 * {@code \p{X}} becomes a class of that placeholder plus the ASCII members of X. This keeps the category
 * table ({@link CodepointFlags}) in one place instead of trusting the regex engine's Unicode tables, and makes
 * {@code \s} match exactly llama.cpp's whitespace set. Regexes without {@code \p{..}} run on the real code
 * points (with non-ASCII whitespace still mapped to U+000B).
 */
final class CollapsedRegexSplitter implements PreTokenizer {
    private static final char OTHER = '\u00D0';
    private static final Map<String, CodepointFlags.Category> CLASSES = Map.of(
            "\\p{N}", CodepointFlags.Category.NUMBER,
            "\\p{L}", CodepointFlags.Category.LETTER,
            "\\p{P}", CodepointFlags.Category.PUNCTUATION,
            "\\p{M}", CodepointFlags.Category.MARK,
            "\\p{S}", CodepointFlags.Category.SYMBOL);

    private record Step(Pattern pattern, boolean collapsed) {
    }

    private final List<Step> steps;

    CollapsedRegexSplitter(List<String> regexes) {
        steps = regexes.stream().map(CollapsedRegexSplitter::compile).toList();
    }

    @Override
    public List<String> split(String text) {
        int[] cps = text.codePoints().toArray();
        String collapsed = null;
        String plain = null;
        List<int[]> pieces = new ArrayList<>(); // [start, end) in code points
        pieces.add(new int[] {0, cps.length});
        for (Step step : steps) {
            String subject;
            if (step.collapsed) {
                subject = collapsed != null ? collapsed : (collapsed = collapse(cps));
            } else {
                subject = plain != null ? plain : (plain = plainWithSpaces(cps));
            }
            pieces = splitPieces(step, subject, cps, pieces);
        }
        List<String> words = new ArrayList<>(pieces.size());
        for (int[] piece : pieces) {
            words.add(new String(cps, piece[0], piece[1] - piece[0]));
        }
        return words;
    }

    private static List<int[]> splitPieces(Step step, String subject, int[] cps, List<int[]> pieces) {
        // Collapsed text has one char per code point; the plain text needs code point <-> char index maps.
        int[] charIndexOf = step.collapsed ? null : charIndices(cps);
        List<int[]> result = new ArrayList<>();
        Matcher matcher = step.pattern.matcher(subject);
        for (int[] piece : pieces) {
            int from = toChar(charIndexOf, piece[0]);
            int to = toChar(charIndexOf, piece[1]);
            matcher.region(from, to);
            int last = from;
            while (matcher.find()) {
                if (matcher.end() == matcher.start()) {
                    continue; // empty matches make no words
                }
                if (matcher.start() > last) {
                    result.add(new int[] {toCodepoint(subject, charIndexOf, last), toCodepoint(subject, charIndexOf, matcher.start())});
                }
                result.add(new int[] {toCodepoint(subject, charIndexOf, matcher.start()), toCodepoint(subject, charIndexOf, matcher.end())});
                last = matcher.end();
            }
            if (last < to) {
                result.add(new int[] {toCodepoint(subject, charIndexOf, last), piece[1]});
            }
        }
        return result;
    }

    private static int[] charIndices(int[] cps) {
        int[] index = new int[cps.length + 1];
        int c = 0;
        for (int i = 0; i < cps.length; i++) {
            index[i] = c;
            c += Character.charCount(cps[i]);
        }
        index[cps.length] = c;
        return index;
    }

    private static int toChar(int[] charIndexOf, int codepoint) {
        return charIndexOf == null ? codepoint : charIndexOf[codepoint];
    }

    private static int toCodepoint(String subject, int[] charIndexOf, int charIndex) {
        return charIndexOf == null ? charIndex : subject.codePointCount(0, charIndex);
    }

    private static String collapse(int[] cps) {
        StringBuilder sb = new StringBuilder(cps.length);
        for (int cp : cps) {
            if (cp < 128) {
                sb.append((char) cp);
            } else if (CodepointFlags.isWhitespace(cp)) {
                sb.append('\u000B');
            } else {
                CodepointFlags.Category category = CodepointFlags.category(cp);
                sb.append(CLASSES.containsValue(category) ? placeholder(category) : OTHER);
            }
        }
        return sb.toString();
    }

    private static String plainWithSpaces(int[] cps) {
        StringBuilder sb = new StringBuilder(cps.length);
        for (int cp : cps) {
            sb.appendCodePoint(cp > 0x7F && CodepointFlags.isWhitespace(cp) ? 0x0B : cp);
        }
        return sb.toString();
    }

    private static char placeholder(CodepointFlags.Category category) {
        return switch (category) {
            case NUMBER -> '\u00D1';
            case LETTER -> '\u00D2';
            case PUNCTUATION -> '\u00D3';
            case MARK -> '\u00D4';
            case SYMBOL -> '\u00D5';
            default -> OTHER;
        };
    }

    /** The placeholder plus the ASCII members of a class, written for use inside {@code [...]}. */
    private static String classBody(CodepointFlags.Category category) {
        return placeholder(category) + switch (category) {
            case NUMBER -> "0-9";
            case LETTER -> "A-Za-z";
            case PUNCTUATION -> "!-#%-*,-/:;?@\\[-\\]_{}";
            case SYMBOL -> "$+<->^`|~";
            default -> "";
        };
    }

    private static Step compile(String regex) {
        boolean usesClasses = CLASSES.keySet().stream().anyMatch(regex::contains);
        if (!usesClasses) {
            return new Step(Pattern.compile(regex), false);
        }
        if (regex.chars().anyMatch(c -> c >= 128)) {
            throw new IllegalArgumentException("pre-tokenizer regex mixes Unicode classes and non-ASCII text: " + regex);
        }
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length() && regex.charAt(i + 1) != 'p') {
                out.append(c).append(regex.charAt(i + 1)); // an escape: copy both, it never opens or closes a class
                i++;
                continue;
            }
            if (c == '[' && !inClass) {
                inClass = true;
            } else if (c == ']' && inClass) {
                inClass = false;
            } else if (c == '\\' && regex.startsWith("\\p{", i)) {
                int close = regex.indexOf('}', i);
                CodepointFlags.Category category = CLASSES.get(regex.substring(i, close + 1));
                if (category == null) {
                    throw new IllegalArgumentException("unsupported Unicode class in pre-tokenizer regex: " + regex.substring(i, close + 1));
                }
                out.append(inClass ? classBody(category) : "[" + classBody(category) + "]");
                i = close;
                continue;
            }
            out.append(c);
        }
        return new Step(Pattern.compile(out.toString()), true);
    }
}
