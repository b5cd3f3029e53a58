package io.docswarm.renderers.docx;

import io.docswarm.skills.Look;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Defines the paragraph styles a report uses (Normal, Title, Subtitle, Heading 1-3, Quote, Caption) from a
 * Skill's look. Headings carry outline levels so Word's navigation pane and TOC field find them.
 */
final class DocxStyles {

    static final String TITLE = "Title";
    static final String SUBTITLE = "Subtitle";
    static final String QUOTE = "Quote";
    static final String CAPTION = "Caption";

    private DocxStyles() {
    }

    static String heading(int level) {
        return "Heading" + Math.min(Math.max(level, 1), 3);
    }

    static void define(XWPFDocument document, Look look) {
        XWPFStyles styles = document.createStyles();
        styles.setSpellingLanguage("en-GB");
        add(styles, paragraphStyle("Normal", "Normal", look.bodyFont(), look.bodySize(), look.textColor(), false,
                false, -1, 0, 120));
        add(styles, paragraphStyle(TITLE, "Title", look.headingFont(), look.titleSize(), look.primaryColor(), true,
                false, -1, 0, 240));
        add(styles, paragraphStyle(SUBTITLE, "Subtitle", look.headingFont(), look.bodySize() + 3,
                look.accentColor(), false, false, -1, 0, 360));
        for (int level = 1; level <= 3; level++) {
            add(styles, paragraphStyle(heading(level), "heading " + level, look.headingFont(),
                    look.headingSize(level), look.primaryColor(), true, false, level - 1,
                    level == 1 ? 360 : 240, 120));
        }
        add(styles, paragraphStyle(QUOTE, "Quote", look.bodyFont(), look.bodySize() + 1, look.accentColor(), false,
                true, -1, 120, 120));
        add(styles, paragraphStyle(CAPTION, "caption", look.headingFont(), look.bodySize() - 1, look.primaryColor(),
                true, false, -1, 120, 60));
    }

    private static void add(XWPFStyles styles, CTStyle style) {
        styles.addStyle(new XWPFStyle(style, styles));
    }

    private static CTStyle paragraphStyle(String id, String name, String font, double sizePt, String color,
                                          boolean bold, boolean italic, int outlineLevel, int spaceBeforeTwips,
                                          int spaceAfterTwips) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal(name);
        if (!"Normal".equals(id)) {
            style.addNewBasedOn().setVal("Normal");
            style.addNewNext().setVal("Normal");
        }
        style.addNewQFormat();
        CTPPrGeneral paragraph = style.addNewPPr();
        var spacing = paragraph.addNewSpacing();
        spacing.setBefore(BigInteger.valueOf(spaceBeforeTwips));
        spacing.setAfter(BigInteger.valueOf(spaceAfterTwips));
        if (outlineLevel >= 0) {
            paragraph.addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
            paragraph.addNewKeepNext();
        }
        CTRPr run = style.addNewRPr();
        CTFonts fonts = run.addNewRFonts();
        fonts.setAscii(font);
        fonts.setHAnsi(font);
        fonts.setCs(font);
        fonts.setEastAsia(font);
        run.addNewSz().setVal(BigInteger.valueOf(Math.round(sizePt * 2)));
        run.addNewSzCs().setVal(BigInteger.valueOf(Math.round(sizePt * 2)));
        run.addNewColor().setVal(color);
        if (bold) {
            run.addNewB();
        }
        if (italic) {
            run.addNewI();
        }
        return style;
    }
}
