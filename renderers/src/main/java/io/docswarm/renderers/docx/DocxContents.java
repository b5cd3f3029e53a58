package io.docswarm.renderers.docx;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.model.Section;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTHyperlink;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;

/**
 * The table of contents: a {@code TOC} field whose current result is already filled in with the entries (in the
 * {@code toc N} styles, linked to bookmarks on the headings), so readers that never update fields, LibreOffice
 * included, show a complete, clickable contents list.
 *
 * <p>The pre-filled entries carry no page numbers, and the field is not marked for updating on open. Only Word's
 * own layout knows where its pages break (fonts, widow control, keep-with-next, chart sizes), so numbers we compute
 * from any other layout are wrong as soon as one page breaks differently, and a wrong page number is worse than
 * none. Asking Word to update fields on open instead makes it prompt the reader about fields that refer to other
 * files, on every open. Updating the field (F9, or "Update table" in Word and LibreOffice) adds the reader's own
 * correct numbers: the field keeps Word's standard instruction and the {@code toc N} styles keep the dot-leader tab
 * those numbers go to. The PDF deliverable has exact page numbers from its own layout.
 */
final class DocxContents {

    private static final int MAX_LEVEL = 3;

    private final XWPFDocument docx;
    private final DocxStyles styles;
    private final TextDirection direction;

    /** @param direction the document's direction, of entries without a strong character */
    DocxContents(XWPFDocument docx, DocxStyles styles, TextDirection direction) {
        this.docx = docx;
        this.styles = styles;
        this.direction = direction;
    }

    /** Bookmark name of the heading of section {@code index}; Word's own TOC bookmarks use the same prefix. */
    static String bookmark(int index) {
        return String.format("_Toc%08d", index + 1);
    }

    /**
     * Writes the contents heading and field.
     *
     * @param sections        the document's sections, in order
     * @param textWidthTwips  where the right-aligned page numbers go once the reader updates the field
     */
    void write(String heading, List<Section> sections, double textWidthTwips) {
        XWPFParagraph title = docx.createParagraph();
        title.setStyle(styles.tocHeading());
        title.createRun().setText(heading);
        List<Integer> shown = java.util.stream.IntStream.range(0, sections.size())
                .filter(i -> sections.get(i).level() <= MAX_LEVEL).boxed().toList();
        XWPFParagraph first = docx.createParagraph();
        fieldChar(first, STFldCharType.BEGIN);
        first.createRun().getCTR().addNewInstrText().setStringValue("TOC \\o \"1-" + MAX_LEVEL + "\" \\h \\z \\u");
        fieldChar(first, STFldCharType.SEPARATE);
        XWPFParagraph last = first;
        if (shown.isEmpty()) {
            first.createRun().setText("No headings");
        }
        for (int n = 0; n < shown.size(); n++) {
            int i = shown.get(n);
            Section section = sections.get(i);
            XWPFParagraph entry = n == 0 ? first : docx.createParagraph();
            entry.setStyle(styles.toc(section.level(), textWidthTwips));
            CTHyperlink link = entry.getCTP().addNewHyperlink();
            link.setAnchor(bookmark(i));
            link.setHistory(Boolean.TRUE);
            // An entry is written at the level of the XML (a hyperlink to a bookmark has no POI run type).
            DocxDirection entryDirection = DocxDirection.of(section.heading(), direction);
            entryDirection.apply(entry);
            for (DocxDirection.Piece piece : entryDirection.pieces(0, section.heading().length())) {
                CTR run = link.addNewR();
                run.addNewT().setStringValue(piece.text());
                if (piece.rightToLeft()) {
                    DocxDirection.markRightToLeft(run);
                }
            }
            last = entry;
        }
        fieldChar(last, STFldCharType.END);
    }

    /** Wraps a heading paragraph's text in the bookmark its contents entry links to. */
    static void bookmarkHeading(XWPFParagraph heading, int index, String text, TextDirection document) {
        var start = heading.getCTP().addNewBookmarkStart();
        start.setName(bookmark(index));
        start.setId(BigInteger.valueOf(index + 1));
        DocxDirection.write(heading, text, document);
        heading.getCTP().addNewBookmarkEnd().setId(BigInteger.valueOf(index + 1));
    }

    private static void fieldChar(XWPFParagraph paragraph, STFldCharType.Enum type) {
        paragraph.createRun().getCTR().addNewFldChar().setFldCharType(type);
    }
}
