package io.docswarm.skills.importer;

import io.docswarm.skills.Layouts;
import io.docswarm.skills.Logo;
import io.docswarm.skills.Look;
import io.docswarm.skills.PageSetup;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillKind;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.Structure;
import io.docswarm.skills.TableStyle;
import io.docswarm.skills.TextStyle;
import io.docswarm.skills.Theme;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGraphicFrame;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSheet;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.openxmlformats.schemas.drawingml.x2006.main.CTTextCharacterProperties;
import org.openxmlformats.schemas.drawingml.x2006.main.CTTextParagraphProperties;
import org.openxmlformats.schemas.presentationml.x2006.main.CTPlaceholder;
import org.openxmlformats.schemas.presentationml.x2006.main.CTShape;
import org.openxmlformats.schemas.presentationml.x2006.main.CTSlideMasterTextStyles;

/** PowerPoint samples: theme, master text styles, every layout with its slots, slide roles, logos, voice. */
final class PptxImporter implements FormatImporter {

    @Override
    public Extraction extract(Sample sample) throws IOException {
        ImportReport report = new ImportReport();
        byte[] bytes = Files.readAllBytes(sample.file());
        try (XMLSlideShow ppt = new XMLSlideShow(new ByteArrayInputStream(bytes))) {
            if (ppt.getSlideMasters().isEmpty()) {
                throw new SampleRefusedException(sample.fileName() + ": the presentation has no slide master");
            }
            Skill defaults = SkillLibrary.builtIn("deck").orElseThrow();
            XSLFSlideMaster master = ppt.getSlideMasters().getFirst();
            Theme theme = null;
            if (master.getTheme() != null) {
                try (InputStream in = master.getTheme().getPackagePart().getInputStream()) {
                    theme = ThemeReader.read(in);
                }
                report.extracted("theme '" + theme.name() + "': " + theme.colors().size() + " colours, fonts "
                        + theme.majorFont() + " / " + theme.minorFont());
            }
            Map<String, String> themeColors = theme == null ? Map.of() : theme.colors();
            // getPageSize() rounds to whole points; the EMU size is exact.
            var sldSz = ppt.getCTPresentation().getSldSz();
            double slideW = sldSz == null ? ppt.getPageSize().getWidth() : sldSz.getCx() / 12700.0;
            double slideH = sldSz == null ? ppt.getPageSize().getHeight() : sldSz.getCy() / 12700.0;
            report.extracted(String.format(Locale.ROOT, "slide size %.0f x %.0f pt (%.2f x %.2f in)", slideW, slideH,
                    slideW / 72, slideH / 72));

            MasterStyle title = masterStyle(master, true, theme);
            MasterStyle body = masterStyle(master, false, theme);
            List<Layouts.SlideLayout> layouts = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (XSLFSlideMaster m : ppt.getSlideMasters()) {
                for (XSLFSlideLayout layout : m.getSlideLayouts()) {
                    String name = layout.getName() == null ? "Layout" : layout.getName();
                    String unique = name;
                    for (int i = 2; !names.add(unique); i++) {
                        unique = name + " (" + i + ")";
                    }
                    layouts.add(new Layouts.SlideLayout(unique, layoutType(layout), slots(layout, body.size)));
                }
            }
            Map<String, String> roles = LayoutRoles.infer(layouts, slideW);
            Layouts layoutModel = new Layouts(slideW, slideH, layouts, roles);
            for (Layouts.SlideLayout l : layouts) {
                report.extracted("layout '" + l.name() + "' (" + (l.type().isEmpty() ? "no type" : l.type()) + "): "
                        + l.slots().stream().map(s -> s.type() + (s.maxChars() > 0 ? " " + s.maxChars() + " chars/"
                        + s.maxLines() + " lines" : "")).toList());
            }
            report.extracted("layout roles: " + roles);
            for (String role : Layouts.ROLES) {
                if (!roles.containsKey(role)) {
                    report.notKept("a layout for role '" + role + "'", "no layout in the sample fits it by name, "
                            + "placeholder types or geometry; renderers fall back to the content layout");
                }
            }

            Slides slides = readSlides(ppt, layoutModel, sample, report);
            Map<String, byte[]> files = new LinkedHashMap<>();
            List<Logo> logos = logos(ppt, files, report);
            String primary = firstNonBlank(brand(title.color), themeColors.get("accent1"), defaults.look().primaryColor());
            List<String> accents = Colors.accents(themeColors);
            String accent = accents.stream().filter(a -> !a.equals(primary)).findFirst()
                    .orElse(defaults.look().accentColor());
            String textColor = firstNonBlank(body.color, themeColors.get("dk1"), defaults.look().textColor());
            String headingFont = firstNonBlank(title.font, theme == null ? null : theme.majorFont(),
                    defaults.look().headingFont());
            String bodyFont = firstNonBlank(body.font, theme == null ? null : theme.minorFont(), defaults.look().bodyFont());
            double titleSize = ctrTitleSize(layoutModel, title.size);
            double bodySize = body.size;
            double level2 = body.level2Size > 0 ? body.level2Size : Math.max(10, bodySize - 4);
            List<Double> headingSizes = List.of(title.size, bodySize, level2);
            double wMm = slideW / 72 * 25.4;
            double hMm = slideH / 72 * 25.4;
            PageSetup page = new PageSetup(PageSetup.nearestPaper(wMm, hMm), slideW > slideH, 12,
                    Math.round(wMm * 10) / 10.0, Math.round(hMm * 10) / 10.0, null);
            List<TextStyle> styles = List.of(
                    new TextStyle("title", "Master title", headingFont, title.size, title.bold, false, title.color, 0, 0),
                    new TextStyle("body", "Master body level 1", bodyFont, bodySize, body.bold, false, body.color, 0, 0),
                    new TextStyle("list", "Master body level 2", bodyFont, level2, false, false, body.color, 0, 0));
            Look look = new Look(headingFont, bodyFont, bodySize, titleSize, headingSizes, primary, accent, textColor,
                    accents.isEmpty() ? defaults.look().chartPalette() : accents, page, "", footer(master),
                    false, theme, styles, slides.tableStyle, logos);
            report.extracted(String.format(Locale.ROOT, "text: titles %s %.0f pt, body %s %.0f pt (level 2 %.0f pt), "
                    + "title slide %.0f pt; colours primary %s, accent %s, text %s", headingFont, title.size, bodyFont,
                    bodySize, level2, titleSize, primary, accent, textColor));
            report.extracted("footer: " + (look.footerText().isEmpty() ? "(none)" : "'" + look.footerText() + "'"));

            List<Structure.OutlineEntry> outline = slides.outline.isEmpty() ? defaults.structure().outline() : slides.outline;
            List<String> slideRoles = slides.roles.isEmpty() ? defaults.structure().slideRoles() : slides.roles;
            if (slides.roles.isEmpty()) {
                report.assumed("slide roles and outline of the built-in deck Skill (the sample has no slides)");
            } else {
                report.extracted("slide roles in order: " + slideRoles);
                report.extracted("outline from slide titles: " + outline.stream().map(Structure.OutlineEntry::heading).toList());
            }
            var voice = slides.meter.voice(defaults.voice(), report);
            String producer = ppt.getProperties().getExtendedProperties() == null ? ""
                    : String.valueOf(java.util.Objects.requireNonNullElse(
                    ppt.getProperties().getExtendedProperties().getApplication(), ""));
            SkillKind kind = sample.kind() != null ? sample.kind() : SkillKind.DECK;
            Skill skill = new Skill(sample.name(), 1, sample.descriptionOr("Imported from " + sample.fileName()), kind,
                    look, new Structure(outline, slideRoles), voice, "template.pptx", layoutModel, null,
                    sample.info(producer));
            byte[] preview = preview(ppt, slideW, slideH, report);
            byte[] template = cleanTemplate(ppt, report, slides);
            return new Extraction(skill, template, preview, files, report);
        }
    }

    private static final class MasterStyle {
        String font;
        double size;
        double level2Size;
        boolean bold;
        String color;
    }

    private static MasterStyle masterStyle(XSLFSlideMaster master, boolean titleStyle, Theme theme) {
        MasterStyle style = new MasterStyle();
        style.size = titleStyle ? 44 : 28;
        CTSlideMasterTextStyles tx = master.getXmlObject().getTxStyles();
        var list = tx == null ? null : titleStyle ? tx.getTitleStyle() : tx.getBodyStyle();
        if (list == null) {
            return style;
        }
        CTTextParagraphProperties lvl1 = list.getLvl1PPr();
        if (lvl1 != null && lvl1.getDefRPr() != null) {
            CTTextCharacterProperties rpr = lvl1.getDefRPr();
            if (rpr.isSetSz()) {
                style.size = rpr.getSz() / 100.0;
            }
            style.bold = rpr.isSetB() && rpr.getB();
            if (rpr.isSetLatin()) {
                style.font = themeFont(rpr.getLatin().getTypeface(), theme);
            }
            if (rpr.isSetSolidFill()) {
                var fill = rpr.getSolidFill();
                if (fill.isSetSrgbClr()) {
                    style.color = Colors.hex(fill.getSrgbClr().xgetVal().getStringValue());
                } else if (fill.isSetSchemeClr() && theme != null) {
                    style.color = theme.colors().get(schemeSlot(master, fill.getSchemeClr().getVal().toString()));
                }
            }
        }
        CTTextParagraphProperties lvl2 = list.getLvl2PPr();
        if (lvl2 != null && lvl2.getDefRPr() != null && lvl2.getDefRPr().isSetSz()) {
            style.level2Size = lvl2.getDefRPr().getSz() / 100.0;
        }
        return style;
    }

    private static String themeFont(String typeface, Theme theme) {
        if (typeface == null || theme == null) {
            return typeface;
        }
        return switch (typeface) {
            case "+mj-lt" -> theme.majorFont();
            case "+mn-lt" -> theme.minorFont();
            default -> typeface;
        };
    }

    /** Maps tx1/bg1/tx2/bg2 through the master's colour map to theme slots. */
    private static String schemeSlot(XSLFSlideMaster master, String scheme) {
        var map = master.getXmlObject().getClrMap();
        if (map == null) {
            return scheme;
        }
        return switch (scheme) {
            case "tx1" -> map.getTx1().toString();
            case "tx2" -> map.getTx2().toString();
            case "bg1" -> map.getBg1().toString();
            case "bg2" -> map.getBg2().toString();
            default -> scheme;
        };
    }

    private static String layoutType(XSLFSlideLayout layout) {
        var ct = layout.getXmlObject();
        return ct.isSetType() ? ct.getType().toString() : "";
    }

    private static List<Layouts.Slot> slots(XSLFSheet layout, double bodySize) {
        List<Layouts.Slot> slots = new ArrayList<>();
        for (XSLFShape shape : layout.getShapes()) {
            if (!(shape instanceof XSLFTextShape text) || !(shape.getXmlObject() instanceof CTShape ct)
                    || ct.getNvSpPr() == null || ct.getNvSpPr().getNvPr() == null || !ct.getNvSpPr().getNvPr().isSetPh()) {
                continue;
            }
            CTPlaceholder ph = ct.getNvSpPr().getNvPr().getPh();
            String type = ph.isSetType() ? ph.getType().toString() : "obj";
            Rectangle2D anchor = text.getAnchor();
            double fontSize = 0;
            if (!List.of("pic", "chart", "tbl", "media", "clipArt", "dgm").contains(type)) {
                fontSize = fontSize(text, type, bodySize);
            }
            slots.add(Layouts.Slot.measured(shape.getShapeName(), type, (int) ph.getIdx(), anchor.getX(),
                    anchor.getY(), anchor.getWidth(), anchor.getHeight(), fontSize));
        }
        return slots;
    }

    private static double fontSize(XSLFTextShape shape, String type, double bodySize) {
        for (XSLFTextParagraph p : shape.getTextParagraphs()) {
            Double size = p.getDefaultFontSize();
            if (!p.getTextRuns().isEmpty() && p.getTextRuns().getFirst().getFontSize() != null) {
                size = p.getTextRuns().getFirst().getFontSize();
            }
            if (size != null && size > 0) {
                return size;
            }
        }
        return switch (type) {
            case "title", "ctrTitle" -> 44;
            case "dt", "ftr", "sldNum" -> 12;
            default -> bodySize;
        };
    }

    private static double ctrTitleSize(Layouts layouts, double fallback) {
        return layouts.forRole("title").flatMap(l -> l.slots().stream()
                        .filter(s -> s.type().equals("ctrTitle") || s.type().equals("title")).findFirst())
                .map(Layouts.Slot::fontSize).filter(s -> s > 0).orElse(fallback);
    }

    private static final class Slides {
        final List<String> roles = new ArrayList<>();
        final List<Structure.OutlineEntry> outline = new ArrayList<>();
        final VoiceMeter meter = new VoiceMeter();
        TableStyle tableStyle;
        int count;
        int pictures;
        int charts;
        int tables;
        int notes;
    }

    private static Slides readSlides(XMLSlideShow ppt, Layouts layouts, Sample sample, ImportReport report) {
        Slides slides = new Slides();
        List<XSLFSlide> all = ppt.getSlides();
        int limit = Math.min(all.size(), sample.limits().maxSlides());
        if (all.size() > limit) {
            report.notKept("slides after " + limit, "only the first " + limit + " slides are analysed (import limit)");
        }
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            XSLFSlide slide = all.get(i);
            slides.count++;
            String layoutRole = roleOfLayout(layouts, slide.getSlideLayout() == null ? "" : slide.getSlideLayout().getName());
            boolean chart = false;
            boolean table = false;
            boolean picture = false;
            int bullets = 0;
            XSLFTextShape titleShape = titleShape(slide);
            for (XSLFShape shape : slide.getShapes()) {
                if (shape instanceof XSLFGraphicFrame frame && frame.hasChart()) {
                    chart = true;
                    slides.charts++;
                } else if (shape instanceof XSLFTable t) {
                    table = true;
                    slides.tables++;
                    if (slides.tableStyle == null) {
                        slides.tableStyle = tableStyle(t);
                    }
                } else if (shape instanceof XSLFPictureShape) {
                    picture = true;
                    slides.pictures++;
                } else if (shape instanceof XSLFTextShape text && text != titleShape && !isTitle(text)) {
                    for (XSLFTextParagraph p : text.getTextParagraphs()) {
                        String t = p.getText().strip();
                        if (!t.isEmpty()) {
                            bullets++;
                            slides.meter.bullet(t);
                        }
                    }
                }
            }
            if (slide.getNotes() != null) {
                slides.notes++;
            }
            slides.meter.slide(bullets);
            String role = chart ? "chart" : table ? "table" : picture && bullets == 0 ? "picture" : layoutRole;
            if (bullets == 0 && "content".equals(role)) {
                // Only a title on the slide: an opening, a divider or a closing slide by position.
                role = i == 0 ? "title" : i == limit - 1 ? "closing" : "section";
            }
            if (i == limit - 1 && limit > 2 && ("title".equals(role) || "section".equals(role))) {
                role = "closing";
            }
            slides.roles.add(role);
            String title = titleShape == null || titleShape.getText() == null ? ""
                    : titleShape.getText().strip().replaceAll("\\s+", " ");
            if (!title.isEmpty() && !"title".equals(role) && !"closing".equals(role)) {
                titles.add(title);
                if ("section".equals(role)) {
                    slides.meter.section();
                }
            }
        }
        List<String> purposes = OutlinePurposes.purposes(titles);
        for (int i = 0; i < titles.size(); i++) {
            slides.outline.add(new Structure.OutlineEntry(titles.get(i), 1, purposes.get(i)));
        }
        return slides;
    }

    /**
     * The slide's title: its title placeholder, or (in files whose producer wrote plain text boxes) the topmost
     * text box holding one short line.
     */
    private static XSLFTextShape titleShape(XSLFSlide slide) {
        XSLFTextShape best = null;
        for (XSLFShape shape : slide.getShapes()) {
            if (shape instanceof XSLFTextShape text) {
                var ph = text.getPlaceholder();
                if (ph == org.apache.poi.sl.usermodel.Placeholder.TITLE
                        || ph == org.apache.poi.sl.usermodel.Placeholder.CENTERED_TITLE) {
                    return text;
                }
                String t = text.getText() == null ? "" : text.getText().strip();
                if (ph == null && !t.isEmpty() && !t.contains("\n") && VoiceMeter.words(t) <= 12
                        && (best == null || text.getAnchor().getY() < best.getAnchor().getY())) {
                    best = text;
                }
            }
        }
        return best;
    }

    private static boolean isTitle(XSLFTextShape text) {
        var ph = text.getPlaceholder();
        return ph == org.apache.poi.sl.usermodel.Placeholder.TITLE
                || ph == org.apache.poi.sl.usermodel.Placeholder.CENTERED_TITLE
                || ph == org.apache.poi.sl.usermodel.Placeholder.SUBTITLE
                || ph == org.apache.poi.sl.usermodel.Placeholder.FOOTER
                || ph == org.apache.poi.sl.usermodel.Placeholder.SLIDE_NUMBER
                || ph == org.apache.poi.sl.usermodel.Placeholder.DATETIME;
    }

    private static String roleOfLayout(Layouts layouts, String layoutName) {
        for (String role : Layouts.ROLES) {
            if (layoutName.equals(layouts.roles().get(role))) {
                return role;
            }
        }
        return "content";
    }

    private static TableStyle tableStyle(XSLFTable table) {
        String header = table.getNumberOfRows() > 0 && table.getNumberOfColumns() > 0
                && table.getCell(0, 0).getFillColor() != null ? Colors.hex(table.getCell(0, 0).getFillColor()) : null;
        String band = table.getNumberOfRows() > 1 && table.getCell(1, 0).getFillColor() != null
                ? Colors.hex(table.getCell(1, 0).getFillColor()) : null;
        String headerText = null;
        if (table.getNumberOfRows() > 0 && !table.getCell(0, 0).getTextParagraphs().isEmpty()
                && !table.getCell(0, 0).getTextParagraphs().getFirst().getTextRuns().isEmpty()) {
            var paint = table.getCell(0, 0).getTextParagraphs().getFirst().getTextRuns().getFirst().getFontColor();
            if (paint instanceof org.apache.poi.sl.usermodel.PaintStyle.SolidPaint solid) {
                headerText = Colors.hex(org.apache.poi.sl.draw.DrawPaint.applyColorTransform(solid.getSolidColor()));
            }
        }
        var tblPr = table.getCTTable().getTblPr();
        String styleId = tblPr != null && tblPr.isSetTableStyleId() ? tblPr.getTableStyleId() : "";
        return new TableStyle(styleId, header, headerText, band, null);
    }

    private static String footer(XSLFSlideMaster master) {
        boolean number = false;
        String text = "";
        for (XSLFShape shape : master.getShapes()) {
            if (shape instanceof XSLFTextShape t && t.getPlaceholder() != null) {
                switch (t.getPlaceholder()) {
                    case SLIDE_NUMBER -> number = true;
                    // Producers put prompt text such as "<footer>" in the master's footer: not real footer text.
                    case FOOTER -> text = t.getText() == null || t.getText().strip().matches("<.*>|(?i)footer")
                            ? "" : t.getText().strip();
                    default -> {
                    }
                }
            }
        }
        return (text + (number ? (text.isEmpty() ? "" : "  ") + "{page}" : "")).strip();
    }

    private static List<Logo> logos(XMLSlideShow ppt, Map<String, byte[]> files, ImportReport report) {
        List<Logo> logos = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (XSLFSlideMaster master : ppt.getSlideMasters()) {
            collect(master, "master", logos, files, seen);
            for (XSLFSlideLayout layout : master.getSlideLayouts()) {
                collect(layout, "layout", logos, files, seen);
            }
        }
        if (!logos.isEmpty()) {
            report.extracted("logos (pictures on masters and layouts): " + logos.stream()
                    .map(l -> l.file() + " (" + l.placement() + ", " + l.widthPt() + " x " + l.heightPt() + " pt)").toList());
        }
        return logos;
    }

    private static void collect(XSLFSheet sheet, String placement, List<Logo> logos, Map<String, byte[]> files,
                                Set<String> seen) {
        for (XSLFShape shape : sheet.getShapes()) {
            if (shape instanceof XSLFPictureShape picture && picture.getPictureData() != null
                    && seen.add(java.util.HexFormat.of().formatHex(picture.getPictureData().getChecksum()))) {
                var data = picture.getPictureData();
                String file = "logo-" + (logos.size() + 1) + "." + data.suggestFileExtension();
                files.put(file, data.getData());
                Rectangle2D a = picture.getAnchor();
                logos.add(new Logo(file, data.getContentType(), placement, Math.round(a.getWidth() * 100) / 100.0,
                        Math.round(a.getHeight() * 100) / 100.0));
            }
        }
    }

    private static byte[] preview(XMLSlideShow ppt, double w, double h, ImportReport report) {
        double scale = Previews.WIDTH / w;
        BufferedImage image = new BufferedImage(Previews.WIDTH, (int) Math.round(h * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Previews.graphics(image);
        try {
            g.setPaint(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(scale, scale);
            if (!ppt.getSlides().isEmpty()) {
                ppt.getSlides().getFirst().draw(g);
                report.extracted("preview.png: the first slide, drawn by POI's slide renderer (fonts missing on this "
                        + "machine are substituted; effects such as shadows and gradients are approximated)");
            } else {
                ppt.getSlideMasters().getFirst().draw(g);
                report.extracted("preview.png: the slide master (the sample has no slides)");
            }
        } finally {
            g.dispose();
        }
        return Previews.png(image);
    }

    private static byte[] cleanTemplate(XMLSlideShow ppt, ImportReport report, Slides slides) throws IOException {
        int total = ppt.getSlides().size();
        for (int i = total - 1; i >= 0; i--) {
            ppt.removeSlide(i);
        }
        var core = ppt.getProperties().getCoreProperties();
        core.setTitle(null);
        core.setSubjectProperty(null);
        core.setDescription(null);
        core.setKeywords(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ppt.write(out);
        OpcCleaner.Result cleaned = OpcCleaner.clean(out.toByteArray());
        report.extracted("template.pptx: slide masters, layouts, theme, master text styles and master/layout "
                + "pictures kept; every slide removed");
        report.notKept(total + " slide(s) with their content (" + slides.charts + " charts, " + slides.tables
                + " tables, " + slides.pictures + " pictures, " + slides.notes + " with speaker notes)",
                "a Skill keeps the deck's form; slide roles and voice were measured from them first");
        if (!cleaned.removed().isEmpty()) {
            report.notKept("parts only the removed slides used: " + cleaned.removed().size() + " ("
                    + String.join(", ", cleaned.removed().stream().limit(8).toList())
                    + (cleaned.removed().size() > 8 ? ", ..." : "") + ")", "unreferenced after cleaning");
        }
        report.notKept("document properties (title, subject, description, keywords) and comments",
                "they describe the sample's content");
        return cleaned.bytes();
    }

    private static String brand(String color) {
        return color == null || Colors.neutral(color) ? null : color;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    /** Which layout serves which slide role, from names, then placeholder types, then geometry. */
    static final class LayoutRoles {
        private static final Map<String, Pattern> BY_NAME = new LinkedHashMap<>();

        static {
            BY_NAME.put("title", Pattern.compile("^title( slide)?$|title slide|cover|titelfolie"));
            BY_NAME.put("section", Pattern.compile("section|divider|abschnitt"));
            BY_NAME.put("two-content", Pattern.compile("two content|comparison|two column|2 content|zwei"));
            BY_NAME.put("chart", Pattern.compile("chart|graph|diagram"));
            BY_NAME.put("table", Pattern.compile("table|tabelle"));
            BY_NAME.put("picture", Pattern.compile("picture|photo|image|bild"));
            BY_NAME.put("closing", Pattern.compile("closing|end|thank|contact|q ?& ?a|questions"));
            BY_NAME.put("content", Pattern.compile("^(title,? (and )?)?(content|text|object)$"));
        }

        private static final Map<String, List<String>> BY_TYPE = Map.of(
                "title", List.of("title"),
                "section", List.of("secHead"),
                "content", List.of("obj", "tx", "txAndObj", "objTx"),
                "two-content", List.of("twoObj", "twoTxTwoObj", "twoColTx", "txAndTwoObj", "twoObjAndTx"),
                "chart", List.of("chart", "txAndChart", "chartAndTx"),
                "table", List.of("tbl"),
                "picture", List.of("picTx", "clipArtAndTx"),
                "closing", List.of("titleOnly"));

        private LayoutRoles() {
        }

        static Map<String, String> infer(List<Layouts.SlideLayout> layouts, double slideWidth) {
            Map<String, String> roles = new LinkedHashMap<>();
            for (var entry : BY_NAME.entrySet()) {
                for (Layouts.SlideLayout l : layouts) {
                    if (entry.getValue().matcher(l.name().toLowerCase(Locale.ROOT)).find()) {
                        roles.putIfAbsent(entry.getKey(), l.name());
                    }
                }
            }
            for (String role : Layouts.ROLES) {
                for (Layouts.SlideLayout l : layouts) {
                    if (BY_TYPE.getOrDefault(role, List.of()).contains(l.type())) {
                        roles.putIfAbsent(role, l.name());
                    }
                }
            }
            for (Layouts.SlideLayout l : layouts) {
                List<Layouts.Slot> bodies = l.slots().stream()
                        .filter(s -> List.of("body", "obj").contains(s.type()) && s.widthPt() > 0).toList();
                boolean hasTitle = l.slots().stream().anyMatch(s -> s.type().equals("title") || s.type().equals("ctrTitle"));
                if (bodies.size() == 1 && hasTitle && bodies.getFirst().widthPt() > slideWidth * 0.6) {
                    roles.putIfAbsent("content", l.name());
                }
                if (bodies.size() == 2 && hasTitle && Math.abs(bodies.get(0).yPt() - bodies.get(1).yPt()) < 20) {
                    roles.putIfAbsent("two-content", l.name());
                }
                if (l.slots().stream().anyMatch(s -> s.type().equals("ctrTitle"))) {
                    roles.putIfAbsent("title", l.name());
                }
                if (l.slots().stream().anyMatch(s -> s.type().equals("pic"))) {
                    roles.putIfAbsent("picture", l.name());
                }
                if (l.slots().stream().anyMatch(s -> s.type().equals("chart"))) {
                    roles.putIfAbsent("chart", l.name());
                }
                if (l.slots().stream().anyMatch(s -> s.type().equals("tbl"))) {
                    roles.putIfAbsent("table", l.name());
                }
            }
            // An object placeholder holds charts and tables too: the content layout serves them when no
            // dedicated layout exists.
            if (roles.containsKey("content")) {
                roles.putIfAbsent("chart", roles.get("content"));
                roles.putIfAbsent("table", roles.get("content"));
            }
            if (roles.containsKey("title")) {
                roles.putIfAbsent("closing", roles.get("title"));
            }
            return roles;
        }
    }
}
