package io.docswarm.renderers.docx;

import io.docswarm.renderers.BidiParagraph;
import io.docswarm.renderers.TextDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;

/**
 * One paragraph's text direction in Word's terms. A paragraph whose base direction is right to left gets
 * {@code w:bidi}: Word then lays it out from the right (alignment, indents, list numbers). Its right-to-left
 * characters go in runs marked {@code w:rtl}, cut where the direction changes, as Word itself writes them, so the
 * reader classifies their spaces and punctuation the way the bidi algorithm resolved them. Left-to-right text gets
 * neither, so left-to-right documents are written exactly as before. A paragraph without a strong character
 * ("2026") takes the document's direction (rule HL1).
 */
final class DocxDirection {

    /** Characters of the paragraph text in one direction. */
    record Piece(String text, boolean rightToLeft) {
    }

    private final String text;
    private final BidiParagraph bidi;

    private DocxDirection(String text, TextDirection document) {
        this.text = text;
        this.bidi = BidiParagraph.of(text, TextDirection.of(text, document));
    }

    /**
     * The direction of a paragraph with this text (all of its runs) in a document written in {@code document}'s
     * direction.
     */
    static DocxDirection of(String paragraphText, TextDirection document) {
        return new DocxDirection(paragraphText, document);
    }

    /** Writes a paragraph that holds just {@code text}: its direction, and the text in as many runs as it needs. */
    static List<XWPFRun> write(XWPFParagraph paragraph, String text, TextDirection document) {
        return write(paragraph, text, document, run -> { });
    }

    /** As above, each run formatted by {@code format}. */
    static List<XWPFRun> write(XWPFParagraph paragraph, String text, TextDirection document,
                               Consumer<XWPFRun> format) {
        DocxDirection direction = of(text, document);
        direction.apply(paragraph);
        return direction.write(0, text.length(), paragraph::createRun, format);
    }

    /** Whether the paragraph's base direction is right to left. */
    boolean rightToLeft() {
        return bidi.direction().isRightToLeft();
    }

    /** Marks the paragraph right to left when its base direction is. */
    void apply(XWPFParagraph paragraph) {
        if (bidi.direction().isRightToLeft()) {
            var properties = paragraph.getCTP().isSetPPr() ? paragraph.getCTP().getPPr()
                    : paragraph.getCTP().addNewPPr();
            properties.addNewBidi();
        }
    }

    /**
     * Writes the characters {@code [start, end)} of the paragraph text into runs made by {@code newRun} and
     * formatted by {@code format}, one per change of direction (one run for text in one direction, as before), the
     * right-to-left ones marked.
     */
    List<XWPFRun> write(int start, int end, Supplier<XWPFRun> newRun, Consumer<XWPFRun> format) {
        List<XWPFRun> runs = new ArrayList<>();
        for (Piece piece : pieces(start, end)) {
            XWPFRun run = newRun.get();
            run.setText(piece.text());
            format.accept(run);
            if (piece.rightToLeft()) {
                markRightToLeft(run.getCTR());
            }
            runs.add(run);
        }
        return runs;
    }

    /**
     * The characters {@code [start, end)} cut where they change direction; one piece, possibly empty, when they do
     * not. Levels 0 and 2 are both left to right (English in a Hebrew sentence), so they share a piece.
     */
    List<Piece> pieces(int start, int end) {
        List<Piece> pieces = new ArrayList<>();
        int from = start;
        List<BidiParagraph.Span> spans = bidi.spans(start, end);
        for (int k = 0; k < spans.size(); k++) {
            BidiParagraph.Span span = spans.get(k);
            if (k + 1 == spans.size() || spans.get(k + 1).rightToLeft() != span.rightToLeft()) {
                pieces.add(new Piece(text.substring(from, span.end()), span.rightToLeft()));
                from = span.end();
            }
        }
        return pieces.isEmpty() ? List.of(new Piece("", false)) : pieces;
    }

    /**
     * Marks a run right to left. Call after its other formatting: {@code w:rtl} comes late in a run's properties,
     * and Word reads them in schema order.
     */
    static void markRightToLeft(CTR run) {
        (run.isSetRPr() ? run.getRPr() : run.addNewRPr()).addNewRtl();
    }
}
