package io.docswarm.skills.templates;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import io.docswarm.skills.FrontMatter;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRelation;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.NumberingDocument;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/**
 * A Word source document for a built-in Skill: a theme, real paragraph styles (Title, Subtitle, heading 1-3 with
 * outline levels, Normal, List Paragraph, Caption, Quote, Header, Footer), a table style, bullet and decimal
 * numbering, a running header with a TITLE field and a footer with a PAGE field, and a body of sample sections
 * whose headings are the Skill's default outline and whose text sets its voice.
 */
final class WordTemplate {

    /** One sample section: a heading, paragraphs, optional bullets, numbered steps and a table. */
    record SampleSection(String heading, List<String> paragraphs, List<String> bullets, List<String> steps,
                         List<List<String>> table, String tableCaption) {
    }

    /**
     * @param theme        colours and fonts
     * @param textColor    body text colour
     * @param bodySize     Normal size in points
     * @param titleSize    Title size
     * @param headingSizes heading 1..3 sizes
     * @param marginMm     page margin on every side
     * @param justify      whether body paragraphs are justified
     * @param title        the sample's title (the header's TITLE field shows it)
     * @param subtitle     the sample's subtitle
     * @param frontMatter  a cover page (title and subtitle, then a page break; no running header or footer on it)
     *                     or a title block above the first section; a contents list (a TOC field in Word's
     *                     "Table of Contents" content control, then a page break) or none
     * @param sections     the body
     */
    record Spec(ThemeXml theme, String textColor, double bodySize, double titleSize, List<Double> headingSizes,
                double marginMm, boolean justify, String title, String subtitle, FrontMatter frontMatter,
                List<SampleSection> sections) {
    }

    private WordTemplate() {
    }

    static byte[] build(Spec spec) throws Exception {
        try (XWPFDocument doc = new XWPFDocument()) {
            addTheme(doc, spec.theme());
            doc.createStyles().setStyles(StylesDocument.Factory.parse(stylesXml(spec)).getStyles());
            doc.createNumbering().setNumbering(NumberingDocument.Factory.parse(numberingXml(spec)).getNumbering());
            page(doc, spec.marginMm());
            headerAndFooter(doc, spec);
            var core = doc.getProperties().getCoreProperties();
            core.setTitle(spec.title());
            core.setCreator("Docswarm");
            paragraph(doc, "Title").createRun().setText(spec.title());
            paragraph(doc, "Subtitle").createRun().setText(spec.subtitle());
            if (spec.frontMatter().cover()) {
                coverPage(doc);
            }
            if (spec.frontMatter().contents()) {
                contents(doc, spec.sections());
            }
            for (SampleSection section : spec.sections()) {
                paragraph(doc, "Heading1").createRun().setText(section.heading());
                for (String text : section.paragraphs()) {
                    XWPFParagraph p = paragraph(doc, "Normal");
                    if (spec.justify()) {
                        p.setAlignment(ParagraphAlignment.BOTH);
                    }
                    p.createRun().setText(text);
                }
                list(doc, section.bullets(), 1);
                list(doc, section.steps(), 2);
                if (!section.table().isEmpty()) {
                    table(doc, section.table(), section.tableCaption(), spec.theme().dark2());
                }
            }
            doc.getProperties().getCoreProperties().setCreated(TemplateGenerator.CREATED);
            doc.getProperties().getExtendedProperties().getUnderlyingProperties().setApplication("Docswarm TemplateGenerator");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** Ends the cover page, which shows no running header or footer ("different first page", both empty). */
    private static void coverPage(XWPFDocument doc) {
        pageBreak(doc);
        // Empty and in no style: the Header style's rule would show on the cover.
        doc.createHeader(HeaderFooterType.FIRST).createParagraph();
        doc.createFooter(HeaderFooterType.FIRST).createParagraph();
        CTSectPr sect = doc.getDocument().getBody().getSectPr();
        if (!sect.isSetTitlePg()) {
            sect.addNewTitlePg();
        }
    }

    /**
     * A contents list as Word inserts one: a "Table of Contents" content control holding a heading and a TOC
     * field whose cached result lists the sections (without page numbers: only Word's layout knows them), then
     * a page break.
     */
    private static void contents(XWPFDocument doc, List<SampleSection> sections) {
        var sdt = doc.getDocument().getBody().addNewSdt();
        var gallery = sdt.addNewSdtPr().addNewDocPartObj();
        gallery.addNewDocPartGallery().setVal("Table of Contents");
        gallery.addNewDocPartUnique();
        var content = sdt.addNewSdtContent();
        var heading = content.addNewP();
        heading.addNewPPr().addNewPStyle().setVal("TOCHeading");
        heading.addNewR().addNewT().setStringValue("Contents");
        for (int i = 0; i < sections.size(); i++) {
            var entry = content.addNewP();
            entry.addNewPPr().addNewPStyle().setVal("TOC1");
            if (i == 0) {
                entry.addNewR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
                entry.addNewR().addNewInstrText().setStringValue(" TOC \\o \"1-3\" \\h \\z \\u ");
                entry.addNewR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
            }
            entry.addNewR().addNewT().setStringValue(sections.get(i).heading());
            if (i == sections.size() - 1) {
                entry.addNewR().addNewFldChar().setFldCharType(STFldCharType.END);
            }
        }
        pageBreak(doc);
    }

    private static void pageBreak(XWPFDocument doc) {
        doc.createParagraph().createRun().addBreak(BreakType.PAGE);
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, String style) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(style);
        return p;
    }

    private static void list(XWPFDocument doc, List<String> items, int numId) {
        for (String item : items) {
            XWPFParagraph p = paragraph(doc, "ListParagraph");
            p.setNumID(BigInteger.valueOf(numId));
            p.setNumILvl(BigInteger.ZERO);
            p.createRun().setText(item);
        }
    }

    private static void table(XWPFDocument doc, List<List<String>> rows, String caption, String header) {
        paragraph(doc, "Caption").createRun().setText(caption);
        XWPFTable table = doc.createTable(rows.size(), rows.getFirst().size());
        table.setStyleID("DocswarmTable");
        // POI gives new tables direct borders on every side; the table style draws the rules instead.
        table.getCTTbl().getTblPr().unsetTblBorders();
        table.setWidth("100%");
        var look = table.getCTTbl().getTblPr().addNewTblLook();
        look.setFirstRow(Boolean.TRUE);
        look.setLastRow(Boolean.TRUE);
        look.setNoVBand(Boolean.TRUE);
        look.setFirstColumn(Boolean.FALSE);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                XWPFParagraph p = table.getRow(r).getCell(c).getParagraphArray(0);
                p.setAlignment(c == 0 ? ParagraphAlignment.LEFT : ParagraphAlignment.RIGHT);
                var run = p.createRun();
                run.setText(rows.get(r).get(c));
                if (r == 0) {
                    // Also direct: readers that ignore a table style's first-row text colour still show white
                    // on the header fill, and the import records the header colours from the first table.
                    run.setColor("FFFFFF");
                    table.getRow(r).getCell(c).setColor(header);
                }
            }
        }
        table.getRow(0).setRepeatHeader(true);
        doc.createParagraph();
    }

    private static void addTheme(XWPFDocument doc, ThemeXml theme) throws Exception {
        var name = PackagingURIHelper.createPartName("/word/theme/theme1.xml");
        PackagePart part = doc.getPackage().createPart(name, XWPFRelation.THEME.getContentType());
        try (OutputStream out = part.getOutputStream()) {
            out.write(theme.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        doc.getPackagePart().addRelationship(name, TargetMode.INTERNAL, XWPFRelation.THEME.getRelation());
    }

    private static long twips(double mm) {
        return Math.round(mm / 25.4 * 1440);
    }

    private static void page(XWPFDocument doc, double marginMm) {
        CTSectPr sect = doc.getDocument().getBody().addNewSectPr();
        var size = sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        size.setOrient(STPageOrientation.PORTRAIT);
        var mar = sect.addNewPgMar();
        BigInteger m = BigInteger.valueOf(twips(marginMm));
        mar.setTop(m);
        mar.setBottom(m);
        mar.setLeft(m);
        mar.setRight(m);
        mar.setHeader(BigInteger.valueOf(twips(marginMm / 2)));
        mar.setFooter(BigInteger.valueOf(twips(marginMm / 2)));
        mar.setGutter(BigInteger.ZERO);
    }

    /** Header: the document title as a TITLE field (so it follows each report); footer: "Page N" with a PAGE field. */
    private static void headerAndFooter(XWPFDocument doc, Spec spec) {
        XWPFParagraph header = doc.createHeader(HeaderFooterType.DEFAULT).createParagraph();
        header.setStyle("Header");
        var title = header.getCTP().addNewFldSimple();
        title.setInstr(" TITLE \\* MERGEFORMAT ");
        title.addNewR().addNewT().setStringValue(spec.title());
        XWPFParagraph footer = doc.createFooter(HeaderFooterType.DEFAULT).createParagraph();
        footer.setStyle("Footer");
        footer.createRun().setText("Page ");
        var page = footer.getCTP().addNewFldSimple();
        page.setInstr(" PAGE \\* MERGEFORMAT ");
        page.addNewR().addNewT().setStringValue("1");
    }

    private static String halfPoints(double pt) {
        return String.valueOf(Math.round(pt * 2));
    }

    private static String runProps(String themeFont, String font, double size, String color, boolean bold,
                                   boolean italic) {
        return "<w:rPr><w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font + "\" w:cs=\"" + font + "\" w:asciiTheme=\""
                + themeFont + "HAnsi\" w:hAnsiTheme=\"" + themeFont + "HAnsi\"/>" + (bold ? "<w:b/><w:bCs/>" : "")
                + (italic ? "<w:i/><w:iCs/>" : "") + "<w:color w:val=\"" + color + "\"/><w:sz w:val=\""
                + halfPoints(size) + "\"/><w:szCs w:val=\"" + halfPoints(size) + "\"/></w:rPr>";
    }

    private static String paragraphStyle(String id, String name, String pPr, String rPr, boolean isDefault) {
        return "<w:style w:type=\"paragraph\"" + (isDefault ? " w:default=\"1\"" : "") + " w:styleId=\"" + id
                + "\"><w:name w:val=\"" + name + "\"/>" + (isDefault ? "" : "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>")
                + "<w:qFormat/>" + pPr + rPr + "</w:style>";
    }

    static String stylesXml(Spec spec) {
        ThemeXml theme = spec.theme();
        String primary = theme.dark2();
        String accent = theme.accents().get(1);
        String text = spec.textColor();
        double body = spec.bodySize();
        String line = "<w:spacing w:before=\"0\" w:after=\"140\" w:line=\"290\" w:lineRule=\"auto\"/>";
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:docDefaults><w:rPrDefault>" + runProps("minor", theme.minor(), body, text, false, false)
                + "</w:rPrDefault><w:pPrDefault><w:pPr>" + line
                + "</w:pPr></w:pPrDefault></w:docDefaults>");
        // Normal takes font, size and colour from the document defaults: properties set on Normal itself would
        // override the table style inside tables (Word applies paragraph styles after table styles).
        s.append(paragraphStyle("Normal", "Normal", "<w:pPr>" + line + (spec.justify() ? "<w:jc w:val=\"both\"/>" : "")
                + "</w:pPr>", "", true));
        s.append(paragraphStyle("Title", "Title", "<w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"24\" w:space=\"8\" "
                + "w:color=\"" + accent + "\"/></w:pBdr><w:spacing w:before=\"2400\" w:after=\"240\" w:line=\"240\" "
                + "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/><w:contextualSpacing/></w:pPr>",
                runProps("major", theme.major(), spec.titleSize(), primary, true, false), false));
        s.append(paragraphStyle("Subtitle", "Subtitle", "<w:pPr><w:spacing w:before=\"120\" w:after=\"480\"/>"
                + "<w:jc w:val=\"left\"/></w:pPr>", runProps("major", theme.major(), body + 4, accent, false, false), false));
        int[] before = {480, 320, 240};
        for (int level = 1; level <= 3; level++) {
            String border = level == 1 ? "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\""
                    + primary + "\"/></w:pBdr>" : "";
            s.append(paragraphStyle("Heading" + level, "heading " + level, "<w:pPr><w:keepNext/><w:keepLines/>" + border
                            + "<w:spacing w:before=\"" + before[level - 1] + "\" w:after=\"120\"/><w:jc w:val=\"left\"/>"
                            + "<w:outlineLvl w:val=\"" + (level - 1) + "\"/></w:pPr>",
                    runProps("major", theme.major(), spec.headingSizes().get(level - 1), level == 3 ? accent : primary,
                            true, false), false));
        }
        s.append(paragraphStyle("ListParagraph", "List Paragraph", "<w:pPr><w:spacing w:after=\"60\"/>"
                + "<w:ind w:left=\"720\"/><w:contextualSpacing/><w:jc w:val=\"left\"/></w:pPr>",
                runProps("minor", theme.minor(), body, text, false, false), false));
        s.append(paragraphStyle("Caption", "caption", "<w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"80\"/>"
                + "<w:jc w:val=\"left\"/></w:pPr>", runProps("major", theme.major(), body - 1, primary, true, false), false));
        s.append(paragraphStyle("Quote", "Quote", "<w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"18\" w:space=\"8\" "
                + "w:color=\"" + accent + "\"/></w:pBdr><w:ind w:left=\"567\"/></w:pPr>",
                runProps("minor", theme.minor(), body + 1, primary, false, true), false));
        s.append(paragraphStyle("Header", "header", "<w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" "
                + "w:color=\"" + accent + "\"/></w:pBdr><w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/></w:pPr>",
                runProps("major", theme.major(), body - 2, primary, false, false), false));
        s.append(paragraphStyle("Footer", "footer", "<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>",
                runProps("major", theme.major(), body - 2, text, false, false), false));
        // The table style: primary header row with white bold text, light bands, thin rules, a bold totals row.
        String rule = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BFC7D1\"";
        s.append("<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"DocswarmTable\"><w:name w:val=\"Docswarm Table\"/>"
                + "<w:uiPriority w:val=\"40\"/><w:qFormat/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" "
                + "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr>"
                + runProps("minor", theme.minor(), body - 1, text, false, false)
                + "<w:tblPr><w:tblBorders><w:top " + rule + "/><w:bottom " + rule + "/><w:insideH " + rule + "/></w:tblBorders>"
                + "<w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
                + "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:color w:val=\"FFFFFF\"/></w:rPr><w:tcPr>"
                + "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + primary + "\"/></w:tcPr></w:tblStylePr>"
                + "<w:tblStylePr w:type=\"lastRow\"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders><w:top w:val=\"single\" "
                + "w:sz=\"8\" w:space=\"0\" w:color=\"" + primary + "\"/></w:tcBorders></w:tcPr></w:tblStylePr>"
                + "<w:tblStylePr w:type=\"band1Horz\"><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\""
                + theme.light2() + "\"/></w:tcPr></w:tblStylePr></w:style>");
        if (spec.frontMatter().contents()) {
            // The contents heading looks like heading 1 but has no outline level, so it does not list itself;
            // entries have a dot leader to the right margin, where Word puts the page numbers.
            s.append(paragraphStyle("TOCHeading", "TOC Heading", "<w:pPr><w:keepNext/><w:spacing w:before=\"480\" "
                    + "w:after=\"240\"/><w:jc w:val=\"left\"/></w:pPr>", runProps("major", theme.major(),
                    spec.headingSizes().getFirst(), primary, true, false), false));
            s.append(paragraphStyle("TOC1", "toc 1", "<w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\""
                    + (11906 - 2 * twips(spec.marginMm())) + "\"/></w:tabs><w:spacing w:before=\"120\" w:after=\"60\"/>"
                    + "</w:pPr>", runProps("minor", theme.minor(), body, text, false, false), false));
        }
        s.append("<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:rPr>"
                + "<w:color w:val=\"" + theme.accents().getFirst() + "\"/><w:u w:val=\"single\"/></w:rPr></w:style>");
        s.append("</w:styles>");
        return s.toString();
    }

    /** numId 1: bullets (three levels), numId 2: decimals (1. a. i.). */
    static String numberingXml(Spec spec) {
        String accent = spec.theme().accents().get(1);
        String[] bullets = {"\u25A0", "\u2013", "\u2022"};
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
        s.append("<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>");
        for (int level = 0; level < 3; level++) {
            s.append("<w:lvl w:ilvl=\"").append(level).append("\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
                    + "<w:lvlText w:val=\"").append(bullets[level]).append("\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"")
                    .append(360 * (level + 1)).append("\" w:hanging=\"280\"/></w:pPr><w:rPr><w:color w:val=\"")
                    .append(accent).append("\"/>").append(level == 0 ? "<w:sz w:val=\"14\"/>" : "").append("</w:rPr></w:lvl>");
        }
        s.append("</w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"multilevel\"/>");
        String[] formats = {"decimal", "lowerLetter", "lowerRoman"};
        for (int level = 0; level < 3; level++) {
            s.append("<w:lvl w:ilvl=\"").append(level).append("\"><w:start w:val=\"1\"/><w:numFmt w:val=\"")
                    .append(formats[level]).append("\"/><w:lvlText w:val=\"%").append(level + 1)
                    .append(".\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"").append(360 * (level + 1))
                    .append("\" w:hanging=\"360\"/></w:pPr>").append(level == 0 ? "<w:rPr><w:b/><w:color w:val=\""
                            + spec.theme().dark2() + "\"/></w:rPr>" : "").append("</w:lvl>");
        }
        s.append("</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                + "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>");
        return s.toString();
    }
}
