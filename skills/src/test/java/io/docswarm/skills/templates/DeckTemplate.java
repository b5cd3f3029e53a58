package io.docswarm.skills.templates;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.sl.usermodel.ShapeType;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFAutoShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSheet;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.openxmlformats.schemas.drawingml.x2006.main.CTTextCharacterProperties;
import org.openxmlformats.schemas.drawingml.x2006.main.CTTextParagraphProperties;
import org.openxmlformats.schemas.drawingml.x2006.main.STSchemeColorVal;
import org.openxmlformats.schemas.drawingml.x2006.main.ThemeDocument;
import org.openxmlformats.schemas.presentationml.x2006.main.CTShape;
import org.openxmlformats.schemas.presentationml.x2006.main.STPlaceholderType;
import org.openxmlformats.schemas.presentationml.x2006.main.STSlideLayoutType;

/**
 * The deck's source: a 16:9 master with our theme and text styles and named layouts for every slide role
 * (Title Slide, Section Header, Title and Content, Two Content, Chart, Table, Picture with Caption, Agenda,
 * Closing), plus six sample slides whose titles are the default outline and whose bullets set the voice.
 */
final class DeckTemplate {

    static final double W = 960;
    static final double H = 540;
    private static final double MARGIN = 48;
    private static final Rectangle2D TITLE = new Rectangle2D.Double(MARGIN, 30, W - 2 * MARGIN, 64);
    private static final Rectangle2D BODY = new Rectangle2D.Double(MARGIN, 122, W - 2 * MARGIN, 360);

    private DeckTemplate() {
    }

    static byte[] build(ThemeXml theme, String textColor) throws Exception {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            ppt.setPageSize(new Dimension((int) W, (int) H));
            XSLFSlideMaster master = ppt.getSlideMasters().getFirst();
            master.getTheme().getXmlObject().set(ThemeDocument.Factory.parse(theme.xml()).getTheme());
            masterStyles(master);
            String primary = theme.dark2();
            String accent = theme.accents().get(1);
            // Master: title top left with a short accent rule beneath; footer and slide number at the bottom.
            place(master, Placeholder.TITLE, TITLE);
            place(master, Placeholder.BODY, BODY);
            place(master, Placeholder.FOOTER, new Rectangle2D.Double(MARGIN, 502, 560, 22));
            place(master, Placeholder.DATETIME, new Rectangle2D.Double(620, 502, 180, 22));
            place(master, Placeholder.SLIDE_NUMBER, new Rectangle2D.Double(W - MARGIN - 80, 502, 80, 22));
            XSLFAutoShape rule = master.createAutoShape();
            rule.setShapeType(ShapeType.RECT);
            rule.setAnchor(new Rectangle2D.Double(MARGIN, 98, 72, 4));
            rule.setFillColor(color(accent));
            rule.setLineColor(null);
            for (XSLFSlideLayout layout : master.getSlideLayouts()) {
                design(layout, primary, accent, theme.light2());
            }
            slides(ppt);
            ppt.getProperties().getCoreProperties().setCreated(TemplateGenerator.CREATED);
            ppt.getProperties().getExtendedProperties().getUnderlyingProperties().setApplication("Docswarm TemplateGenerator");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ppt.write(out);
            return out.toByteArray();
        }
    }

    private static void masterStyles(XSLFSlideMaster master) {
        var tx = master.getXmlObject().getTxStyles();
        text(tx.getTitleStyle().getLvl1PPr(), 28, true, "+mj-lt", STSchemeColorVal.TX_2);
        tx.getTitleStyle().getLvl1PPr().setAlgn(org.openxmlformats.schemas.drawingml.x2006.main.STTextAlignType.L);
        var body = tx.getBodyStyle();
        text(body.getLvl1PPr(), 18, false, "+mn-lt", STSchemeColorVal.TX_1);
        text(body.getLvl2PPr(), 16, false, "+mn-lt", STSchemeColorVal.TX_1);
        text(body.getLvl3PPr(), 14, false, "+mn-lt", STSchemeColorVal.TX_1);
        for (CTTextParagraphProperties level : List.of(body.getLvl1PPr(), body.getLvl2PPr(), body.getLvl3PPr())) {
            if (level.isSetBuClr()) {
                level.unsetBuClr();
            }
            level.addNewBuClr().addNewSchemeClr().setVal(STSchemeColorVal.ACCENT_2);
            level.addNewSpcBef().addNewSpcPts().setVal(600);
        }
    }

    private static void text(CTTextParagraphProperties level, double size, boolean bold, String font,
                             STSchemeColorVal.Enum color) {
        CTTextCharacterProperties rpr = level.isSetDefRPr() ? level.getDefRPr() : level.addNewDefRPr();
        rpr.setSz((int) Math.round(size * 100));
        rpr.setB(bold);
        if (rpr.isSetLatin()) {
            rpr.unsetLatin();
        }
        rpr.addNewLatin().setTypeface(font);
        if (rpr.isSetSolidFill()) {
            rpr.unsetSolidFill();
        }
        rpr.addNewSolidFill().addNewSchemeClr().setVal(color);
    }

    /** A layout's placeholders: position, size and (where the role needs it) colour and type. */
    private static void design(XSLFSlideLayout layout, String primary, String accent, String light) {
        var ct = layout.getXmlObject();
        String name = layout.getName();
        for (XSLFShape shape : layout.getShapes()) {
            if (shape instanceof XSLFTextShape t && shape.getXmlObject() instanceof CTShape cts
                    && cts.getTxBody() != null && cts.getTxBody().getBodyPr().isSetVert()) {
                cts.getTxBody().getBodyPr().unsetVert();
                t.setAnchor(t.getAnchor());
            }
        }
        for (XSLFShape shape : layout.getShapes()) {
            // POI's default layouts carry their own sizes (e.g. 28 pt text in Two Content); ours follow the master.
            if (shape.getXmlObject() instanceof CTShape cts && cts.getTxBody() != null && cts.getTxBody().isSetLstStyle()) {
                cts.getTxBody().unsetLstStyle();
            }
        }
        switch (name) {
            case "Title Slide" -> {
                fullBleed(layout, primary);
                place(layout, Placeholder.CENTERED_TITLE, new Rectangle2D.Double(72, 150, W - 144, 150));
                place(layout, Placeholder.SUBTITLE, new Rectangle2D.Double(72, 318, W - 144, 70));
                style(layout, Placeholder.CENTERED_TITLE, 40, true, "FFFFFF", TextParagraph.TextAlign.LEFT);
                style(layout, Placeholder.SUBTITLE, 20, false, accent, TextParagraph.TextAlign.LEFT);
                band(layout, accent, 72, 306);
            }
            case "Section Header" -> {
                fullBleed(layout, light);
                place(layout, Placeholder.TITLE, new Rectangle2D.Double(72, 170, W - 144, 110));
                place(layout, Placeholder.BODY, new Rectangle2D.Double(72, 300, W - 144, 70));
                style(layout, Placeholder.TITLE, 36, true, primary, TextParagraph.TextAlign.LEFT);
                style(layout, Placeholder.BODY, 20, false, null, TextParagraph.TextAlign.LEFT);
                band(layout, accent, 72, 288);
            }
            case "Title and Content" -> place(layout, Placeholder.CONTENT, BODY);
            case "Two Content" -> twoColumns(layout);
            case "Comparison" -> {
                rename(layout, "Title and Chart", STSlideLayoutType.CHART);
                keepOneContent(layout, STPlaceholderType.CHART);
            }
            case "Content with Caption" -> {
                rename(layout, "Title and Table", STSlideLayoutType.TBL);
                keepOneContent(layout, STPlaceholderType.TBL);
            }
            case "Picture with Caption" -> {
                place(layout, Placeholder.TITLE, TITLE);
                place(layout, Placeholder.PICTURE, new Rectangle2D.Double(MARGIN, 122, 560, 360));
                place(layout, Placeholder.BODY, new Rectangle2D.Double(MARGIN + 584, 122, W - 2 * MARGIN - 584, 360));
                style(layout, Placeholder.TITLE, 28, true, null, TextParagraph.TextAlign.LEFT);
            }
            case "Title and Vertical Text" -> {
                rename(layout, "Agenda", STSlideLayoutType.TX);
                place(layout, Placeholder.TITLE, TITLE);
                place(layout, Placeholder.BODY, BODY);
            }
            case "Vertical Title and Text" -> {
                rename(layout, "Closing", STSlideLayoutType.TITLE_ONLY);
                fullBleed(layout, primary);
                place(layout, Placeholder.TITLE, new Rectangle2D.Double(72, 170, W - 144, 110));
                place(layout, Placeholder.BODY, new Rectangle2D.Double(72, 300, W - 144, 70));
                style(layout, Placeholder.TITLE, 40, true, "FFFFFF", TextParagraph.TextAlign.LEFT);
                style(layout, Placeholder.BODY, 20, false, accent, TextParagraph.TextAlign.LEFT);
                for (XSLFTextParagraph p : ((XSLFTextShape) layout.getPlaceholder(Placeholder.BODY)).getTextParagraphs()) {
                    p.setBullet(false);
                }
                band(layout, accent, 72, 288);
            }
            default -> {
            }
        }
        if (ct.getCSld() != null && !name.equals("Blank")) {
            boolean ownTitle = name.equals("Section Header") || name.equals("Vertical Title and Text");
            if (layout.getPlaceholder(Placeholder.TITLE) != null && !ownTitle) {
                place(layout, Placeholder.TITLE, TITLE);
                style(layout, Placeholder.TITLE, 28, true, null, TextParagraph.TextAlign.LEFT);
            }
        }
    }

    private static void rename(XSLFSlideLayout layout, String name, STSlideLayoutType.Enum type) {
        layout.getXmlObject().getCSld().setName(name);
        layout.getXmlObject().setType(type);
    }

    /** Title plus one full-width placeholder of {@code type}; the layout's other content placeholders go. */
    private static void keepOneContent(XSLFSlideLayout layout, STPlaceholderType.Enum type) {
        boolean kept = false;
        for (XSLFShape shape : List.copyOf(layout.getShapes())) {
            if (!(shape instanceof XSLFTextShape t) || t.getPlaceholder() == null) {
                continue;
            }
            Placeholder ph = t.getPlaceholder();
            if (ph == Placeholder.TITLE || ph == Placeholder.FOOTER || ph == Placeholder.SLIDE_NUMBER
                    || ph == Placeholder.DATETIME) {
                continue;
            }
            if (!kept && matches(ph, Placeholder.CONTENT)) {
                ((CTShape) shape.getXmlObject()).getNvSpPr().getNvPr().getPh().setType(type);
                t.setAnchor(BODY);
                kept = true;
            } else {
                layout.removeShape(shape);
            }
        }
    }

    private static void twoColumns(XSLFSlideLayout layout) {
        double gap = 24;
        double half = (BODY.getWidth() - gap) / 2;
        int i = 0;
        for (XSLFShape shape : layout.getShapes()) {
            if (shape instanceof XSLFTextShape t && matches(t.getPlaceholder(), Placeholder.CONTENT)) {
                t.setAnchor(new Rectangle2D.Double(BODY.getX() + i++ * (half + gap), BODY.getY(), half, BODY.getHeight()));
            }
        }
    }

    /** A full-slide background colour; master graphics (the title rule) are hidden. */
    private static void fullBleed(XSLFSlideLayout layout, String hex) {
        var ct = layout.getXmlObject();
        ct.setShowMasterSp(false);
        var bg = ct.getCSld().isSetBg() ? ct.getCSld().getBg() : ct.getCSld().addNewBg();
        var pr = bg.addNewBgPr();
        pr.addNewSolidFill().addNewSrgbClr().setVal(java.util.HexFormat.of().parseHex(hex));
        pr.addNewEffectLst();
    }

    private static void band(XSLFSheet sheet, String hex, double x, double y) {
        XSLFAutoShape band = sheet.createAutoShape();
        band.setShapeType(ShapeType.RECT);
        band.setAnchor(new Rectangle2D.Double(x, y, 96, 5));
        band.setFillColor(color(hex));
        band.setLineColor(null);
    }

    private static void place(XSLFSheet sheet, Placeholder type, Rectangle2D anchor) {
        if (anchor == null) {
            return;
        }
        for (XSLFShape shape : sheet.getShapes()) {
            if (shape instanceof XSLFTextShape t && matches(t.getPlaceholder(), type)) {
                t.setAnchor(anchor);
            }
        }
    }

    /** Size, weight, colour (null: inherited) and alignment of a layout placeholder's first level. */
    private static void style(XSLFSheet sheet, Placeholder type, double size, boolean bold, String hex,
                              TextParagraph.TextAlign align) {
        for (XSLFShape shape : sheet.getShapes()) {
            if (shape instanceof XSLFTextShape t && t.getPlaceholder() == type
                    && shape.getXmlObject() instanceof CTShape cts) {
                var body = cts.getTxBody();
                var list = body.isSetLstStyle() ? body.getLstStyle() : body.addNewLstStyle();
                CTTextParagraphProperties lvl = list.isSetLvl1PPr() ? list.getLvl1PPr() : list.addNewLvl1PPr();
                lvl.setAlgn(align == TextParagraph.TextAlign.LEFT
                        ? org.openxmlformats.schemas.drawingml.x2006.main.STTextAlignType.L
                        : org.openxmlformats.schemas.drawingml.x2006.main.STTextAlignType.CTR);
                CTTextCharacterProperties rpr = lvl.isSetDefRPr() ? lvl.getDefRPr() : lvl.addNewDefRPr();
                rpr.setSz((int) Math.round(size * 100));
                rpr.setB(bold);
                if (type != Placeholder.TITLE && type != Placeholder.CENTERED_TITLE && type != Placeholder.PICTURE) {
                    lvl.addNewBuNone(); // subtitles and closing lines are not bullets
                }
                if (hex != null) {
                    rpr.addNewSolidFill().addNewSrgbClr().setVal(java.util.HexFormat.of().parseHex(hex));
                }
                for (XSLFTextParagraph p : t.getTextParagraphs()) {
                    p.setTextAlign(align);
                    for (XSLFTextRun r : p.getTextRuns()) {
                        r.setFontSize(size);
                        r.setBold(bold);
                        if (hex != null) {
                            r.setFontColor(color(hex));
                        }
                    }
                }
            }
        }
    }

    private static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }

    private static XSLFSlideLayout layout(XMLSlideShow ppt, String name) {
        for (XSLFSlideLayout layout : ppt.getSlideMasters().getFirst().getSlideLayouts()) {
            if (layout.getName().equals(name)) {
                return layout;
            }
        }
        throw new IllegalStateException("no layout " + name);
    }

    private static void fill(XSLFSlide slide, Placeholder type, List<String> lines) {
        XSLFTextShape shape = null;
        for (XSLFTextShape candidate : slide.getPlaceholders()) {
            if (shape == null && matches(candidate.getPlaceholder(), type)) {
                shape = candidate;
            }
        }
        shape.clearText();
        for (String line : lines) {
            shape.addNewTextParagraph().addNewTextRun().setText(line);
        }
    }

    private static void slides(XMLSlideShow ppt) {
        XSLFSlide title = ppt.createSlide(layout(ppt, "Title Slide"));
        fill(title, Placeholder.CENTERED_TITLE, List.of("Quarterly Business Review"));
        fill(title, Placeholder.SUBTITLE, List.of("Leadership team, October 2026"));

        XSLFSlide highlights = ppt.createSlide(layout(ppt, "Title and Content"));
        fill(highlights, Placeholder.TITLE, List.of("Highlights"));
        fill(highlights, Placeholder.CONTENT, List.of(
                "Revenue grows 12% on last year and lands ahead of our plan for the quarter in every region",
                "Our online channel now brings in one euro in every three, up from one in four a year ago",
                "Gross margin holds at 41% despite freight costs that rise faster than our prices",
                "We open the two new stores in Lyon and Ghent on schedule and within budget",
                "Customer satisfaction rises to 4.6 out of 5 as delivery times fall below three days"));

        XSLFSlide found = ppt.createSlide(layout(ppt, "Two Content"));
        fill(found, Placeholder.TITLE, List.of("What we found"));
        var holders = found.getPlaceholders();
        List<XSLFTextShape> content = java.util.Arrays.stream(holders)
                .filter(h -> matches(h.getPlaceholder(), Placeholder.CONTENT))
                .sorted(java.util.Comparator.comparingDouble(h -> h.getAnchor().getX())).toList();
        fillShape(content.get(0), List.of("Repeat customers drive most of our growth, led by the loyalty programme",
                "Bundles lift the average order to 86 euros in stores and online", "Returns fall by a fifth since we improved the sizing guides"));
        fillShape(content.get(1), List.of("Freight costs rise faster than we expected when we set the budget",
                "Two suppliers miss their delivery dates in August and September", "Stock of winter lines runs short in the northern stores by October"));

        XSLFSlide numbers = ppt.createSlide(layout(ppt, "Title and Table"));
        fill(numbers, Placeholder.TITLE, List.of("By the numbers"));
        XSLFTextShape tableHolder = (XSLFTextShape) numbers.getPlaceholder(Placeholder.TABLE);
        Rectangle2D area = tableHolder.getAnchor();
        numbers.removeShape(tableHolder);
        XSLFTable table = numbers.createTable();
        List<List<String>> rows = List.of(List.of("Region", "Revenue (k EUR)", "Growth", "Margin"),
                List.of("North", "4,210", "+14%", "42%"), List.of("Central", "3,880", "+9%", "40%"),
                List.of("South", "2,960", "+13%", "41%"));
        for (int r = 0; r < rows.size(); r++) {
            XSLFTableRow row = table.addRow();
            row.setHeight(36);
            for (int c = 0; c < rows.get(r).size(); c++) {
                var cell = row.addCell();
                XSLFTextRun run = cell.addNewTextParagraph().addNewTextRun();
                run.setText(rows.get(r).get(c));
                run.setFontSize(16.0);
                run.setBold(r == 0);
                run.setFontColor(r == 0 ? Color.WHITE : color("1E1E1E"));
                cell.setFillColor(r == 0 ? color("243B55") : r % 2 == 0 ? color("EEF1F5") : Color.WHITE);
                cell.getTextParagraphs().getFirst().setTextAlign(c == 0 ? TextParagraph.TextAlign.LEFT
                        : TextParagraph.TextAlign.RIGHT);
            }
        }
        for (int c = 0; c < 4; c++) {
            table.setColumnWidth(c, area.getWidth() / 4);
        }
        table.setAnchor(new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth(), 36 * rows.size()));

        XSLFSlide next = ppt.createSlide(layout(ppt, "Title and Content"));
        fill(next, Placeholder.TITLE, List.of("Next steps"));
        fill(next, Placeholder.CONTENT, List.of("We agree the freight contract for next year by the end of November to fix our costs",
                "We add a second supplier for winter lines so stores in the north stay stocked", "We extend bundles to every product family in the online store before the holidays",
                "We report progress on each of these steps at the January leadership review"));

        XSLFSlide closing = ppt.createSlide(layout(ppt, "Closing"));
        fill(closing, Placeholder.TITLE, List.of("Thank you"));
        fill(closing, Placeholder.BODY, List.of("Questions and discussion"));
    }

    /** Content placeholders are typed obj (CONTENT) or body (BODY) depending on the layout. */
    private static boolean matches(Placeholder actual, Placeholder wanted) {
        if (wanted == Placeholder.CONTENT) {
            return actual == Placeholder.CONTENT || actual == Placeholder.BODY;
        }
        return actual == wanted;
    }

    private static void fillShape(XSLFTextShape shape, List<String> lines) {
        shape.clearText();
        for (String line : lines) {
            shape.addNewTextParagraph().addNewTextRun().setText(line);
        }
    }
}
