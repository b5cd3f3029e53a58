package io.docswarm.renderers.docx;

import io.docswarm.skills.Look;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabJc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabTlc;
import org.openxmlformats.schemas.officeDocument.x2006.sharedTypes.STVerticalAlignRun;

/**
 * The styles a report uses, by Word's built-in style names ({@code heading 1}, {@code Title}, {@code toc 1},
 * {@code Hyperlink}, ...), so navigation, the TOC field and a template's look all work. A style the document
 * already has (from the Skill's template) is used as it is, whatever its id (ids are localised, names are not);
 * a missing one is defined from the Skill's look.
 */
final class DocxStyles {

    private static final int MAX_HEADING = 6;

    private final XWPFStyles styles;
    private final Look look;
    private final Map<String, String> idByName = new HashMap<>();

    private DocxStyles(XWPFStyles styles, Look look) {
        this.styles = styles;
        this.look = look;
        for (XWPFStyle style : styles.getStyles()) {
            if (style.getName() != null) {
                idByName.putIfAbsent(style.getName().toLowerCase(Locale.ROOT), style.getStyleId());
            }
        }
    }

    static DocxStyles resolve(XWPFDocument document, Look look) {
        XWPFStyles styles = document.getStyles() != null ? document.getStyles() : document.createStyles();
        return new DocxStyles(styles, look);
    }

    String normal() {
        return idOrDefine("Normal", "Normal", () -> paragraphStyle("Normal", "Normal", look.bodyFont(),
                look.bodySize(), look.textColor(), false, false, -1, 0, 120));
    }

    String title() {
        return idOrDefine("Title", "Title", () -> paragraphStyle("Title", "Title", look.headingFont(),
                look.titleSize(), look.primaryColor(), true, false, -1, 0, 240));
    }

    String subtitle() {
        return idOrDefine("Subtitle", "Subtitle", () -> paragraphStyle("Subtitle", "Subtitle", look.headingFont(),
                look.bodySize() + 3, look.accentColor(), false, false, -1, 0, 360));
    }

    /** {@code heading N} for levels 1..6: Word's navigation pane and TOC field read these. */
    String heading(int level) {
        int n = Math.min(Math.max(level, 1), MAX_HEADING);
        return idOrDefine("heading " + n, "Heading" + n, () -> paragraphStyle("Heading" + n, "heading " + n,
                look.headingFont(), look.headingSize(n), look.primaryColor(), true, false, n - 1,
                n == 1 ? 360 : 240, 120));
    }

    String quote() {
        return idOrDefine("Quote", "Quote", () -> paragraphStyle("Quote", "Quote", look.bodyFont(),
                look.bodySize() + 1, look.accentColor(), false, true, -1, 120, 120));
    }

    String caption() {
        return idOrDefine("caption", "Caption", () -> paragraphStyle("Caption", "caption", look.headingFont(),
                look.bodySize() - 1, look.primaryColor(), true, false, -1, 120, 60));
    }

    String listParagraph() {
        return idOrDefine("List Paragraph", "ListParagraph", () -> {
            CTStyle style = paragraphStyle("ListParagraph", "List Paragraph", look.bodyFont(), look.bodySize(),
                    look.textColor(), false, false, -1, 0, 60);
            style.getPPr().addNewContextualSpacing();
            return style;
        });
    }

    String tocHeading() {
        return idOrDefine("TOC Heading", "TOCHeading", () -> {
            CTStyle style = paragraphStyle("TOCHeading", "TOC Heading", look.headingFont(), look.headingSize(1),
                    look.primaryColor(), true, false, -1, 360, 120);
            style.getBasedOn().setVal(heading(1));
            // Body-text outline level: the contents heading must not list itself when Word updates the field.
            style.getPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(9));
            return style;
        });
    }

    /** {@code toc N}: contents entries, with a right tab and dot leader for the page number. */
    String toc(int level, double textWidthTwips) {
        int n = Math.min(Math.max(level, 1), 9);
        return idOrDefine("toc " + n, "TOC" + n, () -> {
            CTStyle style = paragraphStyle("TOC" + n, "toc " + n, look.bodyFont(), look.bodySize(),
                    look.textColor(), n == 1, false, -1, n == 1 ? 120 : 0, 60);
            style.getPPr().addNewInd().setLeft(BigInteger.valueOf(220L * (n - 1)));
            var tab = style.getPPr().addNewTabs().addNewTab();
            tab.setVal(STTabJc.RIGHT);
            tab.setLeader(STTabTlc.DOT);
            tab.setPos(BigInteger.valueOf(Math.round(textWidthTwips)));
            return style;
        });
    }

    /**
     * {@code footnote reference}: the superscript number in the text and in front of the note. POI marks every
     * footnote reference run with this style, so without a definition the numbers render full size.
     */
    String footnoteReference() {
        return idOrDefine("footnote reference", "FootnoteReference", () -> {
            CTStyle style = CTStyle.Factory.newInstance();
            style.setStyleId("FootnoteReference");
            style.setType(STStyleType.CHARACTER);
            style.addNewName().setVal("footnote reference");
            style.addNewUiPriority().setVal(BigInteger.valueOf(99));
            style.addNewRPr().addNewVertAlign().setVal(STVerticalAlignRun.SUPERSCRIPT);
            return style;
        });
    }

    /** {@code footnote text}: smaller than body text, single spaced, a little space between notes. */
    String footnoteText() {
        return idOrDefine("footnote text", "FootnoteText", () -> {
            CTStyle style = paragraphStyle("FootnoteText", "footnote text", look.bodyFont(),
                    Math.max(7, look.bodySize() - 2), look.textColor(), false, false, -1, 0, 40);
            var spacing = style.getPPr().getSpacing();
            spacing.setLine(BigInteger.valueOf(240));
            spacing.setLineRule(STLineSpacingRule.AUTO);
            return style;
        });
    }

    /** The character style of links. */
    String hyperlink() {
        return idOrDefine("Hyperlink", "Hyperlink", () -> {
            CTStyle style = CTStyle.Factory.newInstance();
            style.setStyleId("Hyperlink");
            style.setType(STStyleType.CHARACTER);
            style.addNewName().setVal("Hyperlink");
            CTRPr run = style.addNewRPr();
            run.addNewColor().setVal(look.accentColor());
            run.addNewU().setVal(org.openxmlformats.schemas.wordprocessingml.x2006.main.STUnderline.SINGLE);
            return style;
        });
    }

    private String idOrDefine(String name, String id, java.util.function.Supplier<CTStyle> definition) {
        String existing = idByName.get(name.toLowerCase(Locale.ROOT));
        if (existing != null) {
            return existing;
        }
        if (!styles.styleExist(id)) {
            styles.addStyle(new XWPFStyle(definition.get(), styles));
        }
        idByName.put(name.toLowerCase(Locale.ROOT), id);
        return id;
    }

    private CTStyle paragraphStyle(String id, String name, String font, double sizePt, String color,
                                   boolean bold, boolean italic, int outlineLevel, int spaceBeforeTwips,
                                   int spaceAfterTwips) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal(name);
        if (!"Normal".equals(id)) {
            style.addNewBasedOn().setVal(normal());
            style.addNewNext().setVal(normal());
        }
        style.addNewQFormat();
        CTPPrGeneral paragraph = style.addNewPPr();
        var spacing = paragraph.addNewSpacing();
        spacing.setBefore(BigInteger.valueOf(spaceBeforeTwips));
        spacing.setAfter(BigInteger.valueOf(spaceAfterTwips));
        if (outlineLevel >= 0) {
            paragraph.addNewKeepNext();
            paragraph.addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
        }
        CTRPr run = style.addNewRPr();
        CTFonts fonts = run.addNewRFonts();
        fonts.setAscii(font);
        fonts.setHAnsi(font);
        fonts.setCs(font);
        fonts.setEastAsia(font);
        if (bold) {
            run.addNewB();
        }
        if (italic) {
            run.addNewI();
        }
        run.addNewColor().setVal(color);
        run.addNewSz().setVal(BigInteger.valueOf(Math.round(sizePt * 2)));
        run.addNewSzCs().setVal(BigInteger.valueOf(Math.round(sizePt * 2)));
        return style;
    }
}
