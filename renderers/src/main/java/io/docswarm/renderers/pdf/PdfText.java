package io.docswarm.renderers.pdf;

import com.ibm.icu.text.Bidi;
import io.docswarm.renderers.BidiParagraph;
import io.docswarm.renderers.TextDirection;
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
 *
 * <p>Right-to-left text follows the Unicode Bidirectional Algorithm: levels are resolved once per paragraph (see
 * {@link BidiParagraph}), lines are broken in logical order, and each line is then drawn in visual order (rule L2),
 * right-to-left words reversed with their brackets mirrored. Arabic is shaped per paragraph ({@link ArabicShaper}).
 * A paragraph whose base direction is right to left is right-aligned (its justified lines fill the width; the last
 * line goes to the right).
 */
final class PdfText {

    /**
     * A word's bidi embedding levels: of its characters, and of the space before it (a space between a Hebrew and
     * an English word takes the paragraph's direction, so it is placed on its own when the line is reordered).
     */
    record Levels(int text, int space) {
        boolean rightToLeft() {
            return (text & 1) == 1;
        }
    }

    /**
     * A piece of text without spaces, in one font, size and colour, at one bidi level; its text is in logical order.
     *
     * @param space       a space separates it from the piece before (unless it starts a line)
     * @param breakBefore a line may break before it (false for a piece glued to the one before)
     * @param link        the address it links to, empty for none
     */
    record Word(String text, PDFont font, float size, Color color, boolean superscript, boolean space,
                boolean breakBefore, String link, Levels levels) {
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
            return new Word(other, font, size, color, superscript, newSpace, newBreakBefore, link, levels);
        }

        /**
         * The characters in drawing order. A PDF draws left to right, so a right-to-left word is reversed, with
         * combining marks kept after their base letter and brackets mirrored ("(" shows as ")").
         */
        String visualText() {
            return levels.rightToLeft() ? Bidi.writeReverse(text, Bidi.DO_MIRRORING | Bidi.KEEP_BASE_COMBINING)
                    : text;
        }
    }

    /** The words of one paragraph in logical order, and its base direction. */
    record Flow(List<Word> words, TextDirection direction) {
    }

    /** A laid-out line, words in logical order; {@code last} marks the paragraph's final line. */
    record Line(List<Word> words, float naturalWidth, boolean last, TextDirection direction) {
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

    /**
     * Collects the styled stretches of one paragraph; {@link #build} cuts them into words once the whole paragraph
     * is known, because bidi levels and Arabic joining depend on the text around each word.
     */
    static final class Builder {
        private final PdfFonts fonts;
        private final TextDirection documentDirection;
        private final List<Stretch> stretches = new ArrayList<>();

        /** @param documentDirection the direction of a paragraph without a strong character (rule HL1) */
        Builder(PdfFonts fonts, TextDirection documentDirection) {
            this.fonts = fonts;
            this.documentDirection = documentDirection;
        }

        Builder add(String text, PdfFonts.Face face, float size, Color color, String link) {
            stretches.add(new Stretch(text, face, size, color, link, false));
            return this;
        }

        /** A raised marker glued to the word before it (citation numbers). */
        Builder superscript(String text, PdfFonts.Face face, float size, Color color) {
            stretches.add(new Stretch(text, face, size, color, "", true));
            return this;
        }

        /** The words, at the base direction of the paragraph's first strong character, else the document's. */
        Flow build() throws IOException {
            return build(TextDirection.of(text(), documentDirection));
        }

        /** The words, at a given base direction (a list marker takes its item's). */
        Flow build(TextDirection base) throws IOException {
            String text = text();
            BidiParagraph bidi = BidiParagraph.of(text, base);
            ArabicShaper.Shaped shaped = bidi.hasRightToLeft() ? ArabicShaper.shape(text)
                    : ArabicShaper.unshaped(text);
            WordCutter cutter = new WordCutter(fonts, bidi, shaped);
            int offset = 0;
            for (Stretch stretch : stretches) {
                if (stretch.superscript()) {
                    cutter.superscript(stretch, offset);
                } else {
                    cutter.text(stretch, offset);
                }
                offset += stretch.text().length();
            }
            return new Flow(cutter.words, base);
        }

        private String text() {
            StringBuilder text = new StringBuilder();
            stretches.forEach(stretch -> text.append(stretch.text()));
            return text.toString();
        }
    }

    /** Text in one style as the caller gave it; offsets into the paragraph count these in order. */
    private record Stretch(String text, PdfFonts.Face face, float size, Color color, String link,
                           boolean superscript) {
    }

    /** Cuts a paragraph's stretches into words, each in one font and at one bidi level. */
    private static final class WordCutter {
        private final PdfFonts fonts;
        private final BidiParagraph bidi;
        private final ArabicShaper.Shaped shaped;
        private final List<Word> words = new ArrayList<>();
        private boolean pendingSpace;

        WordCutter(PdfFonts fonts, BidiParagraph bidi, ArabicShaper.Shaped shaped) {
            this.fonts = fonts;
            this.bidi = bidi;
            this.shaped = shaped;
        }

        /** A stretch of running text starting at {@code offset} of the paragraph. */
        void text(Stretch stretch, int offset) throws IOException {
            String text = stretch.text();
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
                int from = offset + start + leadingWhitespace(segment);
                add(stretch, from, from + stripped.length(), pendingSpace && !words.isEmpty(), !glued);
                pendingSpace = Character.isWhitespace(segment.codePointBefore(segment.length()));
            }
        }

        /** A superscript stretch: glued to the word before, never a place to break. */
        void superscript(Stretch stretch, int offset) throws IOException {
            add(stretch, offset, offset + stretch.text().length(), false, false);
        }

        /** The paragraph's characters {@code [from, to)} as words: a new one wherever the level or the font changes. */
        private void add(Stretch stretch, int from, int to, boolean space, boolean breakBefore) throws IOException {
            int spaceLevel = space ? bidi.level(from - 1) : 0;
            boolean first = true;
            for (BidiParagraph.Span span : bidi.spans(from, to)) {
                // Empty when the span is only the tail of a lam-alef ligature drawn in the span before.
                String shown = shaped.slice(span.start(), span.end());
                for (PdfFonts.Piece piece : fonts.pieces(shown, stretch.face())) {
                    words.add(new Word(piece.text(), piece.font(), stretch.size(), stretch.color(),
                            stretch.superscript(), first && space, first && breakBefore, stretch.link(),
                            new Levels(span.level(), spaceLevel)));
                    first = false;
                }
            }
        }

        private static int leadingWhitespace(String segment) {
            int i = 0;
            while (i < segment.length() && Character.isWhitespace(segment.codePointAt(i))) {
                i += Character.charCount(segment.codePointAt(i));
            }
            return i;
        }
    }

    private PdfText() {
    }

    /** The words of one stretch of text in one style, in a document written in {@code documentDirection}. */
    static Flow flow(PdfFonts fonts, String text, PdfFonts.Face face, float size, Color color,
                     TextDirection documentDirection) throws IOException {
        return new Builder(fonts, documentDirection).add(text, face, size, color, "").build();
    }

    /** Breaks a paragraph into lines at most {@code width} wide; a piece wider than a line is cut by characters. */
    static List<Line> wrap(Flow flow, float width) {
        List<Line> lines = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        float currentWidth = 0;
        List<Word> pieces = splitLongWords(flow.words(), width);
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
                lines.add(new Line(current, currentWidth, false, flow.direction()));
                current = new ArrayList<>();
                currentWidth = 0;
                gap = 0;
            }
            current.addAll(cluster);
            currentWidth += gap + clusterWidth;
            i = end;
        }
        if (!current.isEmpty()) {
            lines.add(new Line(current, currentWidth, true, flow.direction()));
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

    /** Draws a line with its baseline at {@code baseline} in the box from {@code x}, {@code width} wide. */
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
        float used = line.naturalWidth() + extra * gaps;
        float cursor = line.direction().isRightToLeft() ? x + width - used : x;
        for (Placed placed : visualOrder(line, extra)) {
            if (placed.word() != null) {
                drawWord(content, placed.word(), cursor, baseline, links);
            }
            cursor += placed.width();
        }
    }

    /** A word, or (word null) the gap before one, with the bidi level it is reordered by. */
    private record Placed(Word word, float width, int level) {
    }

    /** The line's words and gaps from left to right (rule L2: reverse every run at or above each odd level). */
    private static List<Placed> visualOrder(Line line, float extra) {
        List<Placed> logical = new ArrayList<>();
        boolean reorder = false;
        for (int i = 0; i < line.words().size(); i++) {
            Word word = line.words().get(i);
            if (i > 0 && word.space()) {
                logical.add(new Placed(null, word.spaceWidth() + extra, word.levels().space()));
            }
            logical.add(new Placed(word, word.width(), word.levels().text()));
            reorder |= word.levels().text() > 0 || word.levels().space() > 0;
        }
        if (!reorder) {
            return logical;
        }
        byte[] levels = new byte[logical.size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (byte) logical.get(i).level();
        }
        List<Placed> visual = new ArrayList<>(logical.size());
        for (int index : Bidi.reorderVisual(levels)) {
            visual.add(logical.get(index));
        }
        return visual;
    }

    private static void drawWord(PDPageContentStream content, Word word, float x, float baseline, LinkSink links)
            throws IOException {
        float y = word.superscript() ? baseline + word.size() * 0.6f : baseline;
        content.beginText();
        content.setFont(word.font(), word.size());
        content.setNonStrokingColor(word.color());
        content.newLineAtOffset(x, y);
        content.showText(word.visualText());
        content.endText();
        if (!word.link().isEmpty()) {
            content.setStrokingColor(word.color());
            content.setLineWidth(0.5f);
            content.moveTo(x, y - word.size() * 0.12f);
            content.lineTo(x + word.width(), y - word.size() * 0.12f);
            content.stroke();
            if (links != null) {
                links.link(x, y - word.size() * 0.25f, word.width(), word.size() * 1.1f, word.link());
            }
        }
    }

    /** Draws a single line of text in one style at ({@code x}, {@code y}) with fallback fonts; returns its width. */
    static float drawString(PDPageContentStream content, PdfFonts fonts, PdfFonts.Face face, String text,
                            float size, Color color, float x, float y) throws IOException {
        return drawString(content, fonts, face, text, size, color, x, y, TextDirection.of(text));
    }

    /** As above, at a given base direction (a list marker takes its item's: "1." reads ".1" right to left). */
    static float drawString(PDPageContentStream content, PdfFonts fonts, PdfFonts.Face face, String text,
                            float size, Color color, float x, float y, TextDirection base) throws IOException {
        if (needsBidi(text, base)) {
            Line line = singleLine(fonts, face, text, size, color, base);
            if (line == null) {
                return 0;
            }
            draw(content, line, x, y, line.naturalWidth(), false);
            return line.naturalWidth();
        }
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

    /** Width of one line of text in one style, with fallback fonts (and shaped, where it is Arabic). */
    static float stringWidth(PdfFonts fonts, PdfFonts.Face face, String text, float size) throws IOException {
        return stringWidth(fonts, face, text, size, TextDirection.of(text));
    }

    /** As above, at a given base direction: measures what {@link #drawString} draws at that direction. */
    static float stringWidth(PdfFonts fonts, PdfFonts.Face face, String text, float size, TextDirection base)
            throws IOException {
        if (needsBidi(text, base)) {
            Line line = singleLine(fonts, face, text, size, Color.BLACK, base);
            return line == null ? 0 : line.naturalWidth();
        }
        float width = 0;
        for (PdfFonts.Piece piece : fonts.pieces(text, face)) {
            width += piece.font().getStringWidth(piece.text()) / 1000f * size;
        }
        return width;
    }

    /** Left-to-right text without right-to-left characters is drawn as one string, as it always was. */
    private static boolean needsBidi(String text, TextDirection base) {
        return base.isRightToLeft() || TextDirection.containsRightToLeft(text);
    }

    /** The text as one unbroken line; null when it has no words. */
    private static Line singleLine(PdfFonts fonts, PdfFonts.Face face, String text, float size, Color color,
                                   TextDirection base) throws IOException {
        List<Line> lines = wrap(new Builder(fonts, base).add(text, face, size, color, "").build(base),
                Float.MAX_VALUE);
        return lines.isEmpty() ? null : lines.getFirst();
    }
}
