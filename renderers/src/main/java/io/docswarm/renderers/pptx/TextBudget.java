package io.docswarm.renderers.pptx;

import java.util.ArrayList;
import java.util.List;

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

    /** Cuts a bullet to {@code maxWords} words, ending it with an ellipsis when cut. */
    static String cutToWords(String text, int maxWords) {
        String[] words = text.trim().split("\\s+");
        if (words.length <= maxWords) {
            return text.trim();
        }
        return String.join(" ", List.of(words).subList(0, maxWords)).replaceAll("[,;:.]$", "") + "…";
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
