package io.docswarm.renderers.pptx;

import io.docswarm.renderers.TextDirection;
import org.apache.poi.sl.usermodel.TextParagraph.TextAlign;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;

/**
 * Right-to-left paragraphs on slides. DrawingML has no run-level direction: a paragraph is right to left as a whole
 * ({@code a:pPr rtl="1"}, which also puts its bullet on the right), and PowerPoint does not align it by its
 * direction, so a paragraph that would be left-aligned is aligned right. Centred and justified paragraphs (a title
 * slide's title) keep their alignment. Left-to-right paragraphs are left as they are. A paragraph without a strong
 * character ("2026") takes the document's direction (rule HL1).
 */
final class PptxDirection {

    private PptxDirection() {
    }

    /**
     * Marks {@code paragraph} right to left when {@code text}, its text, starts with a right-to-left letter, or has
     * no strong letter in a right-to-left {@code document}.
     */
    static void apply(XSLFTextParagraph paragraph, String text, TextDirection document) {
        if (!TextDirection.of(text, document).isRightToLeft()) {
            return;
        }
        var properties = paragraph.getXmlObject().isSetPPr() ? paragraph.getXmlObject().getPPr()
                : paragraph.getXmlObject().addNewPPr();
        properties.setRtl(true);
        // The effective alignment, inherited from the layout and master when the paragraph sets none.
        TextAlign align = paragraph.getTextAlign();
        if (align == null || align == TextAlign.LEFT) {
            paragraph.setTextAlign(TextAlign.RIGHT);
        }
    }

    /** A table of a right-to-left document runs right to left: its first column on the right. */
    static void apply(XSLFTable table, TextDirection document) {
        if (document.isRightToLeft()) {
            var ct = table.getCTTable();
            (ct.isSetTblPr() ? ct.getTblPr() : ct.addNewTblPr()).setRtl(true);
        }
    }
}
