package io.docswarm.renderers.pdf;

import java.awt.Color;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Line breaking and drawing of styled text. Text is cut at the line-break opportunities of
 * {@link BreakIterator} (between words, and between ideographs in Chinese and Japanese, which use no spaces), and
 * each piece is set in the font that has its glyphs. Pieces are measured with the real font metrics; justified
 * lines spread the extra space over the gaps between words, and the last line of a paragraph stays ragged.
 */
final class PdfText {

    /**
     * A piece of text without spaces, in one font, size and colour.
     *
     * @param space       a space separates it from the piece before (unless it starts a line)
     * @param breakBefore a line may break before it (false for a piece glued to the one before)
     * @param link        the address it links to, empty for none
     */
    record Word(String text, PDFont font, float size, Color color, boolean superscript, boolean space,
                boolean breakBefore, String link) {
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

        Word withText(String other, boolean newSpace, boolean newBreakBefore) {
            return new Word(other, font, size, color, superscript, newSpace, newBreakBefore, link);
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

    /** Receives the area of each drawn piece of linked text, to make it clickable. */
    interface LinkSink {
        void link(float x, float y, float width, float height, String address) throws IOException;
    }

    /** Collects words from styled stretches of text, remembering whether a space separates consecutive ones. */
    static final class Builder {
        private final PdfFonts fonts;
        private final List<Word> words = new ArrayList<>();
        private boolean pendingSpace;

        Builder(PdfFonts fonts) {
            this.fonts = fonts;
        }

        Builder add(String text, PdfFonts.Face face, float size, Color color, String link) throws IOException {
            BreakIterator breaks = BreakIterator.getLineInstance(Locale.ROOT);
            breaks.setText(text);
            int start = breaks.first();
            for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
                String segment = text.substring(start, end);
                String stripped = segment.strip();
                if (stripped.isEmpty()) {
                    pendingSpace = true;
                    continue;
                }
                if (Character.isWhitespace(segment.codePointAt(0))) {
                    pendingSpace = true;
                }
                // A segment that starts a stretch glued to the previous one (no space between runs) cannot break.
                boolean glued = start == 0 && !pendingSpace && !words.isEmpty();
                boolean first = true;
                for (PdfFonts.Piece piece : fonts.pieces(stripped, face)) {
                    boolean space = first && pendingSpace && !words.isEmpty();
                    boolean breakBefore = first && !glued;
                    words.add(new Word(piece.text(), piece.font(), size, color, false, space, breakBefore, link));
                    first = false;
                }
                pendingSpace = Character.isWhitespace(segment.codePointBefore(segment.length()));
            }
            return this;
        }

        /** A raised marker glued to the word before it (citation numbers). */
        Builder superscript(String text, PDFont font, float size, Color color) {
            words.add(new Word(text, font, size, color, true, false, false, ""));
            return this;
        }

        List<Word> words() {
            return words;
        }
    }

    private PdfText() {
    }

    /** The words of one stretch of text in one style. */
    static List<Word> words(PdfFonts fonts, String text, PdfFonts.Face face, float size, Color color)
            throws IOException {
        return new Builder(fonts).add(text, face, size, color, "").words();
    }

    /** Breaks {@code words} into lines at most {@code width} wide; a piece wider than a line is cut by characters. */
    static List<Line> wrap(List<Word> words, float width) {
        List<Line> lines = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        float currentWidth = 0;
        List<Word> pieces = splitLongWords(words, width);
        for (int i = 0; i < pieces.size(); ) {
            // A cluster is a word and the pieces glued to it; lines break only between clusters.
            int end = i + 1;
            while (end < pieces.size() && !pieces.get(end).breakBefore()) {
                end++;
            }
            List<Word> cluster = pieces.subList(i, end);
            float clusterWidth = 0;
            for (int k = 0; k < cluster.size(); k++) {
                Word w = cluster.get(k);
                clusterWidth += w.width() + (k > 0 && w.space() ? w.spaceWidth() : 0);
            }
            Word head = cluster.getFirst();
            float gap = current.isEmpty() || !head.space() ? 0 : head.spaceWidth();
            if (!current.isEmpty() && currentWidth + gap + clusterWidth > width) {
                lines.add(new Line(current, currentWidth, false));
                current = new ArrayList<>();
                currentWidth = 0;
                gap = 0;
            }
            current.addAll(cluster);
            currentWidth += gap + clusterWidth;
            i = end;
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
            boolean firstPiece = true;
            for (int i = 0; i < word.text().length(); ) {
                int cp = word.text().codePointAt(i);
                piece.appendCodePoint(cp);
                if (word.withText(piece.toString(), false, true).width() > width && piece.length() > 1) {
                    piece.setLength(piece.length() - Character.charCount(cp));
                    result.add(word.withText(piece.toString(), firstPiece && word.space(),
                            !firstPiece || word.breakBefore()));
                    firstPiece = false;
                    piece.setLength(0);
                    continue;
                }
                i += Character.charCount(cp);
            }
            if (!piece.isEmpty()) {
                result.add(word.withText(piece.toString(), firstPiece && word.space(),
                        !firstPiece || word.breakBefore()));
            }
        }
        return result;
    }

    /** Draws a line with its baseline at {@code baseline}, starting at {@code x}. */
    static void draw(PDPageContentStream content, Line line, float x, float baseline, float width, boolean justify)
            throws IOException {
        draw(content, line, x, baseline, width, justify, null);
    }

    static void draw(PDPageContentStream content, Line line, float x, float baseline, float width, boolean justify,
                     LinkSink links) throws IOException {
        int gaps = 0;
        for (int i = 1; i < line.words().size(); i++) {
            if (line.words().get(i).space()) {
                gaps++;
            }
        }
        float extra = justify && !line.last() && gaps > 0 ? (width - line.naturalWidth()) / gaps : 0;
        float cursor = x;
        for (int i = 0; i < line.words().size(); i++) {
            Word word = line.words().get(i);
            if (i > 0 && word.space()) {
                cursor += word.spaceWidth() + extra;
            }
            float y = word.superscript() ? baseline + word.size() * 0.6f : baseline;
            content.beginText();
            content.setFont(word.font(), word.size());
            content.setNonStrokingColor(word.color());
            content.newLineAtOffset(cursor, y);
            content.showText(word.text());
            content.endText();
            if (!word.link().isEmpty()) {
                content.setStrokingColor(word.color());
                content.setLineWidth(0.5f);
                content.moveTo(cursor, y - word.size() * 0.12f);
                content.lineTo(cursor + word.width(), y - word.size() * 0.12f);
                content.stroke();
                if (links != null) {
                    links.link(cursor, y - word.size() * 0.25f, word.width(), word.size() * 1.1f, word.link());
                }
            }
            cursor += word.width();
        }
    }

    /** Draws a single line of text in one style at ({@code x}, {@code y}) with fallback fonts. */
    static float drawString(PDPageContentStream content, PdfFonts fonts, PdfFonts.Face face, String text,
                            float size, Color color, float x, float y) throws IOException {
        float cursor = x;
        for (PdfFonts.Piece piece : fonts.pieces(text, face)) {
            content.beginText();
            content.setFont(piece.font(), size);
            content.setNonStrokingColor(color);
            content.newLineAtOffset(cursor, y);
            content.showText(piece.text());
            content.endText();
            cursor += piece.font().getStringWidth(piece.text()) / 1000f * size;
        }
        return cursor - x;
    }

    /** Width of one line of text in one style, with fallback fonts. */
    static float stringWidth(PdfFonts fonts, PdfFonts.Face face, String text, float size) throws IOException {
        float width = 0;
        for (PdfFonts.Piece piece : fonts.pieces(text, face)) {
            width += piece.font().getStringWidth(piece.text()) / 1000f * size;
        }
        return width;
    }
}
