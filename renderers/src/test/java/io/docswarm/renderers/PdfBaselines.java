package io.docswarm.renderers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** The glyphs a PDF draws, grouped by the baseline they stand on (page x 100,000 + y), blanks left out. */
final class PdfBaselines {

    private PdfBaselines() {
    }

    /** Adds each drawn glyph of {@code pdf} to its baseline's list in {@code byBaseline}, in drawing order. */
    static void collect(PDDocument pdf, Map<Integer, List<TextPosition>> byBaseline) throws IOException {
        PDFTextStripper collector = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                if (!text.getUnicode().isBlank()) {
                    byBaseline.computeIfAbsent(getCurrentPageNo() * 100_000 + Math.round(text.getYDirAdj()),
                            y -> new ArrayList<>()).add(text);
                }
            }
        };
        collector.getText(pdf);
    }
}
