package io.docswarm.renderers.pptx;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Estimates how much text fits a placeholder and cuts bullets to the Skill's budgets.
 *
 * <p>The estimate uses average glyph width (about half the font size for proportional sans fonts) and a
 * 1.2 line height; it is deliberately conservative so rendered text stays inside its box.
 */
final class TextBudget {

    private static final double AVERAGE_GLYPH_WIDTH = 0.52;
    private static final double LINE_HEIGHT = 1.25;

    private TextBudget() {
    }

    /** Lines that {@code texts} take in a box {@code widthPt} wide at {@code fontPt}, bullets indented. */
    static int linesNeeded(List<String> texts, double widthPt, double fontPt) {
        int charsPerLine = Math.max(8, (int) ((widthPt - 30) / (fontPt * AVERAGE_GLYPH_WIDTH)));
        int lines = 0;
        for (String text : texts) {
            lines += wrappedLines(text, charsPerLine);
        }
        return lines;
    }

    static int linesAvailable(double heightPt, double fontPt) {
        return Math.max(1, (int) ((heightPt - 14) / (fontPt * LINE_HEIGHT)));
    }

    private static int wrappedLines(String text, int charsPerLine) {
        int lines = 1;
        int column = 0;
        for (String word : text.split("\\s+")) {
            int length = word.length() + (column == 0 ? 0 : 1);
            if (column + length > charsPerLine && column > 0) {
                lines++;
                column = word.length();
            } else {
                column += length;
            }
        }
        return lines;
    }

    /**
     * Cuts a bullet to at most {@code maxWords} words, at the best boundary the budget allows: after the last whole
     * sentence that fits (the bullet then reads as finished, no ellipsis); else at the last clause break (comma,
     * semicolon, colon, dash) after the first third of the budget (a shorter stub says too little); else after the
     * last word that fits. The last two end with an ellipsis, since the thought is unfinished. Sentence ends are found with {@link BreakIterator}, so
     * "e.g." or "3.5" do not end a sentence.
     */
    static String cutToWords(String text, int maxWords) {
        String trimmed = text.trim();
        String[] words = trimmed.split("\\s+");
        if (words.length <= maxWords) {
            return trimmed;
        }
        String sentences = wholeSentences(trimmed, maxWords);
        if (!sentences.isEmpty()) {
            return sentences;
        }
        for (int i = maxWords - 1; i >= maxWords / 3; i--) {
            if (words[i].matches(".*[,;:]") || i + 1 < words.length && words[i + 1].matches("[—–-]")) {
                return String.join(" ", List.of(words).subList(0, i + 1)).replaceAll("[,;:]$", "") + "…";
            }
        }
        return String.join(" ", List.of(words).subList(0, maxWords)).replaceAll("[,;:.]$", "") + "…";
    }

    /** The leading whole sentences of {@code text} that fit in {@code maxWords}; empty when not even the first. */
    private static String wholeSentences(String text, int maxWords) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        int fits = 0;
        for (int end = sentences.next(); end != BreakIterator.DONE; end = sentences.next()) {
            String candidate = text.substring(0, end).strip();
            if (candidate.split("\\s+").length > maxWords) {
                break;
            }
            fits = end;
        }
        return text.substring(0, fits).strip();
    }

    /** Splits items into pages of at most {@code perPage}. */
    static <T> List<List<T>> pages(List<T> items, int perPage) {
        List<List<T>> pages = new ArrayList<>();
        for (int i = 0; i < items.size(); i += perPage) {
            pages.add(items.subList(i, Math.min(items.size(), i + perPage)));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        return pages;
    }
}
