package io.docswarm.renderers.docx;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.model.CitationMarks;
import io.docswarm.renderers.model.Run;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;

/**
 * Citations as footnotes, one note per source per paragraph.
 *
 * <p>Drafters cite sentence by sentence, so a paragraph built from one data file cites it after every sentence. A
 * run of sentences with the same citation gets one marker, after the last of them. When a paragraph cites a source
 * again after citing another, the second marker is a {@code NOTEREF} field to the first note (Word's own
 * "cross-reference to a footnote number", formatted as a footnote reference), so it shows the same number instead
 * of a duplicate note. Across paragraphs a source gets a new note: a marker pointing pages back would send the
 * reader looking for a note that is not on the page, which is what footnotes are meant to avoid.
 *
 * <p>The NOTEREF's stored result is the note's number, counted here (Word numbers footnotes in document order and
 * we create them in that order), so readers that do not update fields show the right number too.
 */
final class DocxFootnotes {

    /** Bookmark ids above the headings' ({@link DocxContents#bookmarkHeading} uses the section index). */
    private static final int BOOKMARK_ID_BASE = 100_000;

    private final XWPFDocument docx;
    private final DocxStyles styles;
    private final TextDirection direction;
    private int notes;

    /** @param direction the document's direction, of notes without a strong character */
    DocxFootnotes(XWPFDocument docx, DocxStyles styles, TextDirection direction) {
        this.docx = docx;
        this.styles = styles;
        this.direction = direction;
    }

    /** The notes of one paragraph: call {@link Paragraph#after} after writing each run. */
    Paragraph in(XWPFParagraph paragraph, List<Run> runs) {
        return new Paragraph(paragraph, runs);
    }

    final class Paragraph {
        private final XWPFParagraph paragraph;
        private final List<Run> runs;
        /** Note number and bookmark of each citation already noted in this paragraph. */
        private final Map<String, Note> noted = new HashMap<>();

        private Paragraph(XWPFParagraph paragraph, List<Run> runs) {
            this.paragraph = paragraph;
            this.runs = runs;
        }

        /** Whether a marker follows run {@code index}: the last of a stretch of runs citing the same source. */
        boolean marksAfter(int index) {
            return CitationMarks.after(runs, index);
        }

        /** Adds the marker that belongs after run {@code index}, if any. */
        void after(int index) {
            if (!marksAfter(index)) {
                return;
            }
            String citation = runs.get(index).citation();
            Note earlier = noted.get(citation);
            if (earlier != null) {
                noteRef(earlier);
            } else {
                noted.put(citation, footnote(citation));
            }
        }

        /** The citation of the next cited run, skipping uncited ones (spaces between sentences), or null. */
        private Note footnote(String citation) {
            XWPFFootnote footnote = docx.createFootnote();
            int number = ++notes;
            String bookmark = "_RefNote" + number;
            BigInteger id = BigInteger.valueOf(BOOKMARK_ID_BASE + number);
            var start = paragraph.getCTP().addNewBookmarkStart();
            start.setName(bookmark);
            start.setId(id);
            paragraph.addFootnoteReference(footnote);
            referenceStyle(paragraph.getRuns().getLast());
            paragraph.getCTP().addNewBookmarkEnd().setId(id);

            XWPFParagraph note = footnote.createParagraph();
            note.setStyle(styles.footnoteText());
            // createParagraph starts the note with its number (footnoteRef); POI hard-codes the style id, which a
            // template may localise.
            note.getRuns().forEach(DocxFootnotes.this::referenceStyle);
            // A space between the number and the text: Word's own notes start the same way.
            note.createRun().setText(" ");
            DocxDirection noteDirection = DocxDirection.of(citation, direction);
            noteDirection.apply(note);
            noteDirection.write(0, citation.length(), note::createRun, run -> { });
            return new Note(number, bookmark);
        }

        /** {@code NOTEREF bookmark \f \h}: the earlier note's number, as a superscript link to it. */
        private void noteRef(Note note) {
            fieldChar(STFldCharType.BEGIN);
            referenceStyle(paragraph.createRun()).getCTR().addNewInstrText()
                    .setStringValue(" NOTEREF " + note.bookmark() + " \\f \\h ");
            fieldChar(STFldCharType.SEPARATE);
            referenceStyle(paragraph.createRun()).setText(Integer.toString(note.number()));
            fieldChar(STFldCharType.END);
        }

        private void fieldChar(STFldCharType.Enum type) {
            referenceStyle(paragraph.createRun()).getCTR().addNewFldChar().setFldCharType(type);
        }
    }

    private XWPFRun referenceStyle(XWPFRun run) {
        var properties = run.getCTR().isSetRPr() ? run.getCTR().getRPr() : run.getCTR().addNewRPr();
        (properties.sizeOfRStyleArray() > 0 ? properties.getRStyleArray(0) : properties.addNewRStyle())
                .setVal(styles.footnoteReference());
        return run;
    }

    private record Note(int number, String bookmark) {
    }
}
