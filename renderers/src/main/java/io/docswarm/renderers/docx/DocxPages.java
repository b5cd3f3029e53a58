package io.docswarm.renderers.docx;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.model.SectionBreak;
import io.docswarm.skills.Look;
import io.docswarm.skills.PageSetup;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

/**
 * Page setup, running header and footer, and section breaks. A template's page setup and headers/footers are
 * kept as they are; a blank document gets them from the Skill's look. Word stores a section's properties at its
 * end, so a section break writes the properties of the section it closes, and the body's own properties
 * describe the last section.
 */
final class DocxPages {

    private static final int TWIPS_PER_POINT = 20;

    private final XWPFDocument docx;
    private SectionBreak.Orientation current;

    DocxPages(XWPFDocument docx) {
        this.docx = docx;
        this.current = isLandscape(body()) ? SectionBreak.Orientation.LANDSCAPE : SectionBreak.Orientation.PORTRAIT;
    }

    /** Page size and margins from the look, for documents without a template. */
    static void applyLook(XWPFDocument docx, PageSetup page) {
        CTSectPr section = body(docx);
        var size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(Math.round(page.widthPt() * TWIPS_PER_POINT)));
        size.setH(BigInteger.valueOf(Math.round(page.heightPt() * TWIPS_PER_POINT)));
        size.setOrient(page.landscape() ? STPageOrientation.LANDSCAPE : STPageOrientation.PORTRAIT);
        var margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        BigInteger margin = BigInteger.valueOf(Math.round(page.marginPt() * TWIPS_PER_POINT));
        margins.setTop(margin);
        margins.setBottom(margin);
        margins.setLeft(margin);
        margins.setRight(margin);
        margins.setHeader(BigInteger.valueOf(Math.round(page.marginPt() * TWIPS_PER_POINT / 2)));
        margins.setFooter(BigInteger.valueOf(Math.round(page.marginPt() * TWIPS_PER_POINT / 2)));
    }

    /** Adds the look's header and footer (with a PAGE field) unless the document already has its own. */
    static boolean addHeaderAndFooterUnlessPresent(XWPFDocument docx, Look look, String title) {
        if (!docx.getHeaderList().isEmpty() || !docx.getFooterList().isEmpty()) {
            return false;
        }
        if (!look.headerText().isBlank()) {
            XWPFHeader header = docx.createHeader(HeaderFooterType.DEFAULT);
            XWPFParagraph paragraph = header.createParagraph();
            paragraph.setAlignment(ParagraphAlignment.RIGHT);
            XWPFRun run = paragraph.createRun();
            run.setText(TextFormat.runningText(look.headerText(), title, 1).replace("{page}", ""));
            run.setFontSize(look.bodySize() - 2);
            run.setColor(look.primaryColor());
        }
        XWPFFooter footer = docx.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph paragraph = footer.createParagraph();
        paragraph.setAlignment(ParagraphAlignment.CENTER);
        String[] around = look.footerText().replace("{title}", title).split("\\{page}", -1);
        for (int i = 0; i < around.length; i++) {
            if (!around[i].isEmpty()) {
                paragraph.createRun().setText(around[i]);
            }
            if (i < around.length - 1) {
                var field = paragraph.getCTP().addNewFldSimple();
                field.setInstr("PAGE \\* MERGEFORMAT");
                field.addNewR().addNewT().setStringValue("1");
            }
        }
        return true;
    }

    /**
     * Makes the first page a title page: no running header, no page number on the cover. Word's "different first
     * page" switch ({@code titlePg}) with empty first-page header and footer, unless the document (a template)
     * already has its own first-page ones. Only the first section has it: {@link #sectionBreak} takes it off the
     * sections that follow.
     */
    static void titlePage(XWPFDocument docx) {
        CTSectPr section = body(docx);
        if (!section.isSetTitlePg()) {
            section.addNewTitlePg();
        }
        var policy = docx.createHeaderFooterPolicy();
        if (policy.getFirstPageHeader() == null) {
            docx.createHeader(HeaderFooterType.FIRST).createParagraph();
        }
        if (policy.getFirstPageFooter() == null) {
            docx.createFooter(HeaderFooterType.FIRST).createParagraph();
        }
    }

    /**
     * Shows {@code title} as the result of the TITLE fields in headers and footers: a template's running header
     * holds its sample's title as the field's last result, which readers that do not update fields on open would
     * show. (Simple fields only; a complex TITLE field keeps its result until the reader updates it.)
     */
    static void showTitleInFields(XWPFDocument docx, String title) {
        List<XWPFHeaderFooter> parts = new ArrayList<>(docx.getHeaderList());
        parts.addAll(docx.getFooterList());
        for (XWPFHeaderFooter part : parts) {
            for (XWPFParagraph paragraph : part.getParagraphs()) {
                for (CTSimpleField field : paragraph.getCTP().getFldSimpleList()) {
                    if (field.getInstr() != null
                            && field.getInstr().strip().toUpperCase(java.util.Locale.ROOT).startsWith("TITLE")) {
                        for (int i = field.sizeOfRArray() - 1; i > 0; i--) {
                            field.removeR(i);
                        }
                        CTR run = field.sizeOfRArray() == 0 ? field.addNewR() : field.getRArray(0);
                        for (int i = run.sizeOfTArray() - 1; i >= 0; i--) {
                            run.removeT(i);
                        }
                        run.addNewT().setStringValue(title);
                    }
                }
            }
        }
    }

    /**
     * Gives the running header and footer paragraphs (the template's or ours) the direction a reader expects: right
     * to left in a right-to-left document, and wherever their text starts with a right-to-left letter (a Hebrew
     * title in an English document). Right-to-left runs, field results included, are marked {@code w:rtl}.
     * Left-to-right text in a left-to-right document is left as it is.
     */
    static void directRunningText(XWPFDocument docx, TextDirection document) {
        List<XWPFHeaderFooter> parts = new ArrayList<>(docx.getHeaderList());
        parts.addAll(docx.getFooterList());
        for (XWPFHeaderFooter part : parts) {
            for (XWPFParagraph paragraph : part.getParagraphs()) {
                boolean rightToLeftText = TextDirection.of(paragraph.getText()).isRightToLeft();
                if (!document.isRightToLeft() && !rightToLeftText) {
                    continue;
                }
                var properties = paragraph.getCTP().isSetPPr() ? paragraph.getCTP().getPPr()
                        : paragraph.getCTP().addNewPPr();
                if (!properties.isSetBidi()) {
                    properties.addNewBidi();
                }
                List<CTR> runs = new ArrayList<>(paragraph.getCTP().getRList());
                paragraph.getCTP().getFldSimpleList().forEach(field -> runs.addAll(field.getRList()));
                for (CTR run : runs) {
                    boolean marked = run.isSetRPr() && run.getRPr().sizeOfRtlArray() > 0;
                    if (!marked && TextDirection.of(runText(run)).isRightToLeft()) {
                        DocxDirection.markRightToLeft(run);
                    }
                }
            }
        }
    }

    /**
     * Makes the sections of a right-to-left document right to left ({@code w:bidi} in their properties), so Word
     * lays out what belongs to the section rather than to a paragraph from the right, such as the order of its page
     * columns (Word's "Section direction"). Set on the body's properties before the body is written: a section
     * break copies them into the section it closes, so every section has it. A template's own setting is kept; a
     * left-to-right document gets nothing.
     */
    static void directSections(XWPFDocument docx, TextDirection document) {
        CTSectPr section = body(docx);
        if (document.isRightToLeft() && !section.isSetBidi()) {
            section.addNewBidi();
        }
    }

    private static String runText(CTR run) {
        StringBuilder text = new StringBuilder();
        for (var t : run.getTList()) {
            text.append(t.getStringValue());
        }
        return text.toString();
    }

    /** Width between the margins of the current section, in points. */
    double textWidthPt() {
        return textWidthTwips() / TWIPS_PER_POINT;
    }

    double textWidthTwips() {
        CTSectPr section = body();
        double width = section.isSetPgSz() && section.getPgSz().isSetW()
                ? ((BigInteger) section.getPgSz().getW()).doubleValue() : 11906;
        double height = section.isSetPgSz() && section.getPgSz().isSetH()
                ? ((BigInteger) section.getPgSz().getH()).doubleValue() : 16838;
        double pageWidth = current == SectionBreak.Orientation.LANDSCAPE ? Math.max(width, height)
                : Math.min(width, height);
        double left = 1440;
        double right = 1440;
        if (section.isSetPgMar()) {
            left = twips(section.getPgMar().getLeft(), 1440);
            right = twips(section.getPgMar().getRight(), 1440);
        }
        return pageWidth - left - right;
    }

    /** Text height of the current section's pages, in points (images are kept within it). */
    double textHeightPt() {
        CTSectPr section = body();
        double width = section.isSetPgSz() && section.getPgSz().isSetW()
                ? ((BigInteger) section.getPgSz().getW()).doubleValue() : 11906;
        double height = section.isSetPgSz() && section.getPgSz().isSetH()
                ? ((BigInteger) section.getPgSz().getH()).doubleValue() : 16838;
        double pageHeight = current == SectionBreak.Orientation.LANDSCAPE ? Math.min(width, height)
                : Math.max(width, height);
        double top = section.isSetPgMar() ? twips(section.getPgMar().getTop(), 1440) : 1440;
        double bottom = section.isSetPgMar() ? twips(section.getPgMar().getBottom(), 1440) : 1440;
        return (pageHeight - top - bottom) / TWIPS_PER_POINT;
    }

    /** Ends the current section (a next-page section break) and starts one with {@code next} orientation. */
    void sectionBreak(SectionBreak.Orientation next) {
        XWPFParagraph paragraph = docx.createParagraph();
        CTSectPr closing = paragraph.getCTP().addNewPPr().addNewSectPr();
        closing.set(body().copy());
        orient(closing, current);
        if (body().isSetTitlePg()) {
            // The closed section holds the cover; later sections start on ordinary pages.
            body().unsetTitlePg();
        }
        current = next;
    }

    /** Gives the last section (the body's properties) the orientation in force at the end. */
    void finish() {
        orient(body(), current);
    }

    private static void orient(CTSectPr section, SectionBreak.Orientation orientation) {
        var size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        BigInteger w = size.isSetW() ? (BigInteger) size.getW() : BigInteger.valueOf(11906);
        BigInteger h = size.isSetH() ? (BigInteger) size.getH() : BigInteger.valueOf(16838);
        boolean landscape = orientation == SectionBreak.Orientation.LANDSCAPE;
        size.setW(landscape ? w.max(h) : w.min(h));
        size.setH(landscape ? w.min(h) : w.max(h));
        size.setOrient(landscape ? STPageOrientation.LANDSCAPE : STPageOrientation.PORTRAIT);
    }

    private static boolean isLandscape(CTSectPr section) {
        if (!section.isSetPgSz()) {
            return false;
        }
        var size = section.getPgSz();
        if (size.isSetOrient()) {
            return size.getOrient() == STPageOrientation.LANDSCAPE;
        }
        return size.isSetW() && size.isSetH()
                && ((BigInteger) size.getW()).compareTo((BigInteger) size.getH()) > 0;
    }

    private static double twips(Object value, double fallback) {
        return value instanceof BigInteger b ? b.doubleValue() : fallback;
    }

    private CTSectPr body() {
        return body(docx);
    }

    private static CTSectPr body(XWPFDocument docx) {
        var body = docx.getDocument().getBody();
        return body.isSetSectPr() ? body.getSectPr() : body.addNewSectPr();
    }
}
