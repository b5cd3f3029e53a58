package io.docswarm.skills.importer;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.model.XWPFHeaderFooterPolicy;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Word samples: styles, theme, page setup, header/footer, logos, table style, outline and voice. */
final class DocxImporter implements FormatImporter {

    @Override
    public Extraction extract(Sample sample) throws IOException {
        ImportReport report = new ImportReport();
        byte[] bytes = Files.readAllBytes(sample.file());
        try (XWPFDocument doc = new XWPFDocument(new java.io.ByteArrayInputStream(bytes))) {
            Theme theme = null;
            if (doc.getTheme() != null) {
                try (InputStream in = doc.getTheme().getPackagePart().getInputStream()) {
                    theme = ThemeReader.read(in);
                }
                report.extracted("theme '" + theme.name() + "': " + theme.colors().size() + " colours, fonts "
                        + theme.majorFont() + " / " + theme.minorFont());
            } else {
                report.assumed("no theme part: chart palette and accent colour come from the built-in Skill");
            }
            WordStyles styles;
            try (InputStream in = doc.getStyles() == null ? null : doc.getStyles().getPackagePart().getInputStream()) {
                styles = new WordStyles(in, theme);
            }
            Body body = readBody(doc, styles, sample);
            SkillKind kind = sample.kind() != null ? sample.kind()
                    : body.words < 1500 && body.outline.size() <= 8 ? SkillKind.BRIEF : SkillKind.REPORT;
            Skill defaults = SkillLibrary.builtIn(kind.id()).orElseThrow();
            List<TextStyle> textStyles = new ArrayList<>();
            for (String role : List.of("title", "subtitle", "heading1", "heading2", "heading3", "heading4", "body",
                    "caption", "list")) {
                styles.styleFor(role).ifPresent(textStyles::add);
            }
            textStyles.forEach(s -> report.extracted(String.format(Locale.ROOT, "style %s ('%s'): %s %.1f pt%s%s, "
                            + "colour %s, space %.0f/%.0f pt", s.role(), s.name(), s.font().isEmpty() ? "(inherited font)"
                            : s.font(), s.size(), s.bold() ? " bold" : "", s.italic() ? " italic" : "",
                    s.color().isEmpty() ? "(auto)" : s.color(), s.spaceBeforePt(), s.spaceAfterPt())));
            Look base = defaults.look();
            WordStyles.Props bodyProps = styleProps(styles, "body");
            if (bodyProps == null) {
                bodyProps = styles.props(styles.defaultStyleId());
            }
            WordStyles.Props h1 = styleProps(styles, "heading1");
            String bodyFont = firstNonBlank(bodyProps.font(), theme == null ? null : theme.minorFont(), base.bodyFont());
            String headingFont = firstNonBlank(h1 == null ? null : h1.font(), theme == null ? null : theme.majorFont(),
                    bodyFont);
            double bodySize = bodyProps.size() != null ? bodyProps.size() : 11;
            if (bodyProps.size() == null) {
                report.assumed("body size 11 pt (Word's default; the sample sets none)");
            }
            List<Double> headingSizes = new ArrayList<>();
            for (int level = 1; level <= 3; level++) {
                WordStyles.Props h = styleProps(styles, "heading" + level);
                headingSizes.add(h != null && h.size() != null ? h.size()
                        : headingSizes.isEmpty() ? Math.round(bodySize * 1.5 * 2) / 2.0 : headingSizes.getLast());
            }
            WordStyles.Props title = styleProps(styles, "title");
            double titleSize = title != null && title.size() != null ? title.size() : Math.max(headingSizes.getFirst() * 1.6, 20);
            Map<String, String> themeColors = theme == null ? Map.of() : theme.colors();
            String textColor = firstNonBlank(bodyProps.color(), themeColors.get("dk1"), "000000");
            String primary = firstNonBlank(h1 == null ? null : brand(h1.color()), title == null ? null : brand(title.color()),
                    themeColors.get("accent1"), base.primaryColor());
            List<String> accents = Colors.accents(themeColors);
            String accent = accents.stream().filter(a -> !a.equals(primary)).findFirst().orElse(base.accentColor());
            List<String> palette = accents.isEmpty() ? base.chartPalette() : accents;
            report.extracted("colours: primary " + primary + " (heading 1 or theme accent 1), accent " + accent
                    + ", text " + textColor + "; chart palette " + palette);
            PageSetup page = pageSetup(doc, report);
            HeaderFooter hf = headerFooter(doc, body.title, report);
            Map<String, byte[]> files = new LinkedHashMap<>();
            List<Logo> logos = logos(doc, files, report);
            TableStyle tableStyle = tableStyle(doc, report);
            boolean justify = body.bodyParagraphs > 0 && body.justified * 2 > body.bodyParagraphs
                    || body.bodyParagraphs == 0 && "both".equals(bodyProps.jc());
            Look look = new Look(headingFont, bodyFont, bodySize, titleSize, headingSizes, primary, accent, textColor,
                    palette, page, hf.header, hf.footer, justify, theme, textStyles, tableStyle, logos);
            report.extracted(String.format(Locale.ROOT, "fonts: headings %s, body %s %.1f pt; title %.1f pt; "
                    + "heading sizes %s; justified body: %s", headingFont, bodyFont, bodySize, titleSize, headingSizes,
                    justify));
            List<Structure.OutlineEntry> outline = body.outline;
            if (outline.isEmpty()) {
                outline = defaults.structure().outline();
                report.assumed("outline of the built-in " + kind.id() + " Skill (the sample has no headings)");
            } else {
                report.extracted("outline: " + outline.size() + " headings, " + outline.stream()
                        .map(e -> "H" + e.level() + " " + e.heading() + " [" + e.purpose() + "]").toList());
            }
            FrontMatterReader.Found front = FrontMatterReader.read(doc.getDocument().getBody(), styles::role);
            report.extracted("front matter: " + front.evidence());
            var voice = body.meter.voice(defaults.voice(), report);
            String producer = producer(doc);
            Skill skill = new Skill(sample.name(), 1, sample.descriptionOr("Imported from " + sample.fileName()),
                    kind, look, new Structure(outline, List.of(), List.of(), front.frontMatter()), voice, "template.docx", null, null,
                    sample.info(producer));
            byte[] preview = Previews.page(look, body.title.isBlank() ? "Title" : body.title, outline);
            byte[] template = cleanTemplate(doc, report, body);
            report.notKept("PNG preview", "drawn from the extracted look and outline (no Word renderer is available "
                    + "without LibreOffice), so it shows the Skill, not the sample's exact pages");
            return new Extraction(skill, template, preview, files, report);
        }
    }

    private static String brand(String color) {
        return color == null || Colors.neutral(color) ? null : color;
    }

    private static WordStyles.Props styleProps(WordStyles styles, String role) {
        return styles.styleFor(role).map(s -> styles.props(styleIdOf(styles, s))).orElse(null);
    }

    private static String styleIdOf(WordStyles styles, TextStyle s) {
        return s.name().isEmpty() ? null : styles.idForName(s.name());
    }

    private static final class Body {
        final List<Structure.OutlineEntry> outline = new ArrayList<>();
        final VoiceMeter meter = new VoiceMeter();
        String title = "";
        int words;
        int bodyParagraphs;
        int justified;
        int tables;
        int pictures;
        int charts;
        int sectionBreaks;
        int contentControls;
    }

    private static Body readBody(XWPFDocument doc, WordStyles styles, Sample sample) {
        Body body = new Body();
        List<String> headings = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        int limit = sample.limits().maxRows() * 50;
        int seen = 0;
        for (IBodyElement element : doc.getBodyElements()) {
            if (++seen > limit) {
                break;
            }
            if (element instanceof XWPFTable) {
                body.tables++;
                continue;
            }
            if (!(element instanceof XWPFParagraph p)) {
                body.contentControls++;
                continue;
            }
            if (p.getCTP().getPPr() != null && p.getCTP().getPPr().isSetSectPr()) {
                body.sectionBreaks++;
            }
            for (XWPFRun run : p.getRuns()) {
                body.pictures += run.getEmbeddedPictures().size();
                body.charts += run.getEmbeddedCharts().size();
            }
            String text = p.getText().strip();
            if (text.isEmpty()) {
                continue;
            }
            body.words += VoiceMeter.words(text);
            String role = styles.role(p.getStyleID());
            if (role.startsWith("heading")) {
                headings.add(text);
                levels.add(Integer.parseInt(role.substring(7)));
                body.meter.section();
            } else if (role.equals("title")) {
                if (body.title.isEmpty()) {
                    body.title = text;
                }
            } else if (role.equals("list") || p.getNumID() != null) {
                body.meter.bullet(text);
            } else if (role.equals("body") || role.equals("other")) {
                body.bodyParagraphs++;
                var alignment = p.getAlignment();
                if (alignment == org.apache.poi.xwpf.usermodel.ParagraphAlignment.BOTH
                        || alignment == org.apache.poi.xwpf.usermodel.ParagraphAlignment.DISTRIBUTE) {
                    body.justified++;
                }
                body.meter.paragraph(text);
            }
        }
        List<String> purposes = OutlinePurposes.purposes(headings);
        for (int i = 0; i < headings.size(); i++) {
            body.outline.add(new Structure.OutlineEntry(headings.get(i), levels.get(i), purposes.get(i)));
        }
        if (body.title.isEmpty()) {
            String coreTitle = doc.getProperties().getCoreProperties().getTitle();
            body.title = coreTitle == null ? "" : coreTitle.strip();
        }
        return body;
    }

    private static PageSetup pageSetup(XWPFDocument doc, ImportReport report) {
        CTSectPr sect = doc.getDocument().getBody().getSectPr();
        CTPageSz size = sect == null ? null : sect.getPgSz();
        CTPageMar mar = sect == null ? null : sect.getPgMar();
        if (size == null || size.getW() == null || size.getH() == null) {
            report.assumed("page A4 portrait, 25 mm margins (the sample sets no page size)");
            return new PageSetup("A4", false, 25);
        }
        double w = twipsToMm(size.getW());
        double h = twipsToMm(size.getH());
        boolean landscape = size.getOrient() == STPageOrientation.LANDSCAPE || w > h;
        PageSetup.Margins margins = mar == null ? null : new PageSetup.Margins(twipsToMm(mar.getTop()),
                twipsToMm(mar.getRight()), twipsToMm(mar.getBottom()), twipsToMm(mar.getLeft()));
        double uniform = margins == null ? 25 : Math.max(5, Math.min(60, margins.leftMm()));
        String paper = PageSetup.nearestPaper(w, h);
        report.extracted(String.format(Locale.ROOT, "page %.1f x %.1f mm (%s %s), margins %s", w, h, paper,
                landscape ? "landscape" : "portrait", margins == null ? "not set" : String.format(Locale.ROOT,
                        "top %.1f, right %.1f, bottom %.1f, left %.1f mm", margins.topMm(), margins.rightMm(),
                        margins.bottomMm(), margins.leftMm())));
        return new PageSetup(paper, landscape, uniform, round(w), round(h), margins);
    }

    private static double twipsToMm(Object twips) {
        if (twips == null) {
            return 0;
        }
        double value = new BigDecimal(twips.toString()).doubleValue();
        return round(Math.abs(value) / 1440.0 * 25.4);
    }

    private static double round(double mm) {
        return Math.round(mm * 10) / 10.0;
    }

    private record HeaderFooter(String header, String footer) {
    }

    private static HeaderFooter headerFooter(XWPFDocument doc, String title, ImportReport report) {
        XWPFHeaderFooterPolicy policy = doc.getHeaderFooterPolicy();
        String header = policy == null || policy.getDefaultHeader() == null ? "" : text(policy.getDefaultHeader());
        String footer = policy == null || policy.getDefaultFooter() == null ? "" : text(policy.getDefaultFooter());
        if (!title.isBlank()) {
            header = header.replace(title, "{title}");
            footer = footer.replace(title, "{title}");
        }
        report.extracted("header: " + (header.isEmpty() ? "(none)" : "'" + header + "'") + "; footer: "
                + (footer.isEmpty() ? "(none)" : "'" + footer + "'"));
        if (policy != null && (policy.getFirstPageHeader() != null || policy.getEvenPageHeader() != null)) {
            report.notKept("first-page and even-page header/footer text in skill.json",
                    "the Skill's headerText/footerText hold the default header and footer; the others stay in the template");
        }
        return new HeaderFooter(header, footer);
    }

    /** Header or footer text with the PAGE field as {page} (other fields keep their cached result). */
    static String text(XWPFHeaderFooter part) {
        StringBuilder all = new StringBuilder();
        for (XWPFParagraph p : part.getParagraphs()) {
            StringBuilder line = new StringBuilder();
            // XMLBeans' own DOM lacks DOM level 3 (getTextContent): walk a parsed copy of the paragraph instead.
            try {
                var xml = org.apache.poi.ooxml.util.DocumentHelper.readDocument(new java.io.ByteArrayInputStream(
                        p.getCTP().xmlText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                walk(xml.getDocumentElement(), line, new int[] {0, 0});
            } catch (org.xml.sax.SAXException | IOException e) {
                line.append(p.getText());
            }
            if (!line.toString().isBlank()) {
                if (!all.isEmpty()) {
                    all.append(" | ");
                }
                all.append(line.toString().strip());
            }
        }
        return all.toString().replaceAll("[ \\t]+", " ");
    }

    /** state[0]: inside a complex field's result (1) or not; state[1]: that field is PAGE (1). */
    private static void walk(Node node, StringBuilder out, int[] state) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            switch (e.getLocalName()) {
                case "fldSimple" -> {
                    if (e.getAttributeNS(WordStyles.W, "instr").strip().toUpperCase(Locale.ROOT).startsWith("PAGE")) {
                        out.append("{page}");
                    } else {
                        walk(e, out, state);
                    }
                }
                case "instrText" -> {
                    if (e.getTextContent().strip().toUpperCase(Locale.ROOT).matches("PAGE\\b.*")) {
                        state[1] = 1;
                    }
                }
                case "fldChar" -> {
                    String type = e.getAttributeNS(WordStyles.W, "fldCharType");
                    if ("separate".equals(type)) {
                        state[0] = 1;
                    } else if ("end".equals(type)) {
                        if (state[1] == 1) {
                            out.append("{page}");
                        }
                        state[0] = 0;
                        state[1] = 0;
                    }
                }
                case "t" -> {
                    if (!(state[0] == 1 && state[1] == 1)) {
                        out.append(e.getTextContent());
                    }
                }
                case "tab" -> out.append(' ');
                default -> walk(e, out, state);
            }
        }
    }

    private static List<Logo> logos(XWPFDocument doc, Map<String, byte[]> files, ImportReport report) {
        List<Logo> logos = new ArrayList<>();
        List<XWPFHeaderFooter> parts = new ArrayList<>(doc.getHeaderList());
        parts.addAll(doc.getFooterList());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (XWPFHeaderFooter part : parts) {
            String placement = doc.getHeaderList().contains(part) ? "header" : "footer";
            for (XWPFParagraph p : part.getParagraphs()) {
                for (XWPFRun run : p.getRuns()) {
                    for (XWPFPicture picture : run.getEmbeddedPictures()) {
                        var data = picture.getPictureData();
                        if (data == null || !seen.add(data.getChecksum() + "")) {
                            continue;
                        }
                        String file = "logo-" + (logos.size() + 1) + "." + data.suggestFileExtension();
                        files.put(file, data.getData());
                        logos.add(new Logo(file, data.getPackagePart().getContentType(), placement,
                                round(picture.getWidth()), round(picture.getDepth())));
                    }
                }
            }
        }
        if (!logos.isEmpty()) {
            report.extracted("logos: " + logos.stream().map(l -> l.file() + " (" + l.placement() + ", "
                    + l.widthPt() + " x " + l.heightPt() + " pt)").toList());
        }
        return logos;
    }

    private static TableStyle tableStyle(XWPFDocument doc, ImportReport report) {
        if (doc.getTables().isEmpty()) {
            report.assumed("table style: none (the sample has no table); renderers use the look's colours");
            return null;
        }
        XWPFTable table = doc.getTables().getFirst();
        List<XWPFTableRow> rows = table.getRows();
        String headerFill = rows.isEmpty() || rows.getFirst().getTableCells().isEmpty() ? null
                : rows.getFirst().getCell(0).getColor();
        String headerText = null;
        if (!rows.isEmpty() && !rows.getFirst().getTableCells().isEmpty()) {
            for (XWPFParagraph p : rows.getFirst().getCell(0).getParagraphs()) {
                for (XWPFRun r : p.getRuns()) {
                    headerText = headerText == null ? r.getColor() : headerText;
                }
            }
        }
        String band = null;
        for (int i = 1; i < Math.min(rows.size(), 4) && band == null; i++) {
            if (!rows.get(i).getTableCells().isEmpty()) {
                String fill = Colors.hex(rows.get(i).getCell(0).getColor());
                if (fill != null && !fill.equals(Colors.hex(headerFill)) && !"FFFFFF".equals(fill)) {
                    band = fill;
                }
            }
        }
        TableStyle style = new TableStyle(table.getStyleID(), Colors.hex(headerFill), Colors.hex(headerText), band,
                Colors.hex(table.getTopBorderColor()));
        report.extracted("table style: " + (style.name().isEmpty() ? "(direct formatting)" : style.name())
                + ", header fill " + orNone(style.headerFill()) + ", header text " + orNone(style.headerTextColor())
                + ", band " + orNone(style.bandFill()) + ", border " + orNone(style.borderColor()));
        return style;
    }

    private static String orNone(String v) {
        return v.isEmpty() ? "(none)" : v;
    }

    private static String producer(XWPFDocument doc) {
        POIXMLProperties.ExtendedProperties ext = doc.getProperties().getExtendedProperties();
        return ext == null || ext.getApplication() == null ? "" : ext.getApplication();
    }

    /** The sample with its body emptied: styles, numbering, theme, settings, headers, footers and section kept. */
    private static byte[] cleanTemplate(XWPFDocument doc, ImportReport report, Body body) throws IOException {
        for (int i = doc.getBodyElements().size() - 1; i >= 0; i--) {
            doc.removeBodyElement(i);
        }
        doc.createParagraph();
        var core = doc.getProperties().getCoreProperties();
        core.setTitle(null);
        core.setSubjectProperty(null);
        core.setDescription(null);
        core.setKeywords(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.write(out);
        OpcCleaner.Result cleaned = OpcCleaner.clean(out.toByteArray());
        report.extracted("template.docx: styles, numbering, theme, settings, fonts table, headers, footers and the "
                + "final section's page setup kept; body content removed");
        report.notKept("body content (" + body.words + " words, " + body.tables + " tables, " + body.pictures
                + " pictures, " + body.charts + " charts)", "a Skill keeps the sample's form, not its content");
        if (body.sectionBreaks > 0) {
            report.notKept(body.sectionBreaks + " section break(s) inside the body",
                    "only the final section's page setup is kept in the template");
        }
        if (body.contentControls > 0) {
            report.notKept(body.contentControls + " content control(s) or other body blocks (e.g. a table of contents)",
                    "removed with the body content");
        }
        if (!cleaned.removed().isEmpty()) {
            report.notKept("parts only the removed content used: " + cleaned.removed(), "unreferenced after cleaning");
        }
        report.notKept("comments and document properties (title, subject, description, keywords)",
                "they describe the sample's content");
        return cleaned.bytes();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
