package io.docswarm.renderers.pdf;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Line breaking and drawing of styled words. Words are measured with the real font metrics; justified lines
 * spread the extra space over the gaps between words, and the last line of a paragraph stays ragged.
 */
final class PdfText {

    /** A word (no spaces inside) with its font, size and colour. */
    record Word(String text, PDFont font, float size, Color color, boolean superscript) {
        float width() {
            try {
                return font.getStringWidth(text) / 1000f * size;
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot measure '" + text + "' in " + font.getName(), e);
            }
        }

        float spaceWidth() {
            try {
                return font.getStringWidth(" ") / 1000f * size;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A laid-out line; {@code last} marks the paragraph's final line. */
    record Line(List<Word> words, float naturalWidth, boolean last) {
        float height() {
            float max = 0;
            for (Word word : words) {
                max = Math.max(max, word.size());
            }
            return max * 1.35f;
        }
    }

    private PdfText() {
    }

    /** Splits text into words carrying one style. */
    static List<Word> words(String text, PDFont font, float size, Color color) {
        List<Word> words = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            if (!token.isEmpty()) {
                words.add(new Word(token, font, size, color, false));
            }
        }
        return words;
    }

    /** Greedy line breaking to {@code width}; an over-long word is broken by characters. */
    static List<Line> wrap(List<Word> words, float width) {
        List<Line> lines = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        float currentWidth = 0;
        for (Word word : splitLongWords(words, width)) {
            float gap = current.isEmpty() || word.superscript() ? 0 : word.spaceWidth();
            if (!current.isEmpty() && currentWidth + gap + word.width() > width) {
                lines.add(new Line(current, currentWidth, false));
                current = new ArrayList<>();
                currentWidth = 0;
                gap = 0;
            }
            current.add(word);
            currentWidth += gap + word.width();
        }
        if (!current.isEmpty()) {
            lines.add(new Line(current, currentWidth, true));
        }
        return lines;
    }

    private static List<Word> splitLongWords(List<Word> words, float width) {
        List<Word> result = new ArrayList<>();
        for (Word word : words) {
            if (word.width() <= width) {
                result.add(word);
                continue;
            }
            StringBuilder piece = new StringBuilder();
            for (int i = 0; i < word.text().length(); ) {
                int cp = word.text().codePointAt(i);
                piece.appendCodePoint(cp);
                Word candidate = new Word(piece.toString(), word.font(), word.size(), word.color(), false);
                if (candidate.width() > width && piece.length() > 1) {
                    piece.setLength(piece.length() - Character.charCount(cp));
                    result.add(new Word(piece.toString(), word.font(), word.size(), word.color(), false));
                    piece.setLength(0);
                    continue;
                }
                i += Character.charCount(cp);
            }
            if (!piece.isEmpty()) {
                result.add(new Word(piece.toString(), word.font(), word.size(), word.color(), false));
            }
        }
        return result;
    }

    /** Draws a line with its baseline at {@code baseline}, starting at {@code x}. */
    static void draw(PDPageContentStream content, Line line, float x, float baseline, float width, boolean justify)
            throws IOException {
        int gaps = 0;
        for (int i = 1; i < line.words().size(); i++) {
            if (!line.words().get(i).superscript()) {
                gaps++;
            }
        }
        float extra = justify && !line.last() && gaps > 0 ? (width - line.naturalWidth()) / gaps : 0;
        float cursor = x;
        for (int i = 0; i < line.words().size(); i++) {
            Word word = line.words().get(i);
            if (i > 0 && !word.superscript()) {
                cursor += word.spaceWidth() + extra;
            }
            content.beginText();
            content.setFont(word.font(), word.size());
            content.setNonStrokingColor(word.color());
            content.newLineAtOffset(cursor, word.superscript() ? baseline + word.size() * 0.6f : baseline);
            content.showText(word.text());
            content.endText();
            cursor += word.width();
        }
    }
}
