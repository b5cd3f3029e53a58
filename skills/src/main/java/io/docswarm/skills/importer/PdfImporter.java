package io.docswarm.skills.importer;

import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.Look;
import io.docswarm.skills.PageSetup;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillKind;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.Structure;
import io.docswarm.skills.TextStyle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDF samples: fonts, colours, page size, margins, heading hierarchy from font-size clusters, outline,
 * running header/footer and voice. A PDF is not an editable template, so the Skill has none.
 */
final class PdfImporter implements FormatImporter {

    @Override
    public Extraction extract(Sample sample) throws IOException {
        ImportReport report = new ImportReport();
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBufferedFile(sample.file().toFile()), "",
                null, null, MemoryUsageSetting.setupMixed(64L << 20).streamCache)) {
            return extract(sample, pdf, report);
        } catch (InvalidPasswordException e) {
            throw new SampleRefusedException(sample.fileName()
                    + ": the PDF is encrypted (password protected); save a copy without a password and import that", e);
        }
    }

    private Extraction extract(Sample sample, PDDocument pdf, ImportReport report) throws IOException {
        if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
            throw new SampleRefusedException(sample.fileName()
                    + ": the PDF is encrypted and forbids text extraction; save a copy without restrictions");
        }
        int pages = pdf.getNumberOfPages();
        if (pages == 0) {
            throw new SampleRefusedException(sample.fileName() + ": the PDF has no pages");
        }
        int analysed = Math.min(pages, sample.limits().maxPages());
        if (analysed < pages) {
            report.notKept("pages after " + analysed, "only the first " + analysed + " pages are analysed (import limit)");
        }
        Collector collector = new Collector();
        collector.setStartPage(1);
        collector.setEndPage(analysed);
        collector.setSortByPosition(true);
        collector.getText(pdf);
        List<Line> lines = collector.lines;
        if (lines.isEmpty()) {
            throw new SampleRefusedException(sample.fileName() + ": the PDF has no extractable text (scanned pages?); "
                    + "a Skill needs text to measure fonts, headings and voice");
        }
        SkillKind kind = sample.kind() != null ? sample.kind() : pages <= 4 ? SkillKind.BRIEF : SkillKind.REPORT;
        Skill defaults = SkillLibrary.builtIn(kind.id()).orElseThrow();

        PDRectangle box = pdf.getPage(0).getMediaBox();
        int rotation = pdf.getPage(0).getRotation();
        double widthPt = rotation % 180 == 0 ? box.getWidth() : box.getHeight();
        double heightPt = rotation % 180 == 0 ? box.getHeight() : box.getWidth();
        // Running headers and footers: the same text (digits aside) at the same height on most pages.
        Map<String, List<Line>> repeated = lines.stream().filter(l -> l.y < heightPt * 0.1 || l.y > heightPt * 0.9)
                .collect(Collectors.groupingBy(l -> l.text.replaceAll("\\d+", "#") + "@" + Math.round(l.y / 4)));
        List<Line> running = new ArrayList<>();
        repeated.values().stream().filter(group -> group.size() >= Math.max(2, analysed * 2 / 3.0))
                .forEach(running::addAll);
        List<Line> content = lines.stream().filter(l -> !running.contains(l)).toList();

        Map<Double, Integer> charsBySize = new TreeMap<>();
        content.forEach(l -> charsBySize.merge(l.size, l.text.length(), Integer::sum));
        double bodySize = charsBySize.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Line> bodyLines = content.stream().filter(l -> l.size == bodySize).toList();
        String bodyFont = mostCommon(bodyLines.stream().map(l -> l.font).toList(), defaults.look().bodyFont());
        String textColor = mostCommon(bodyLines.stream().map(l -> l.color).toList(), "000000");
        // Heading levels: sizes clearly larger than the body, or bold body-size lines, used on short lines.
        Map<Double, List<Line>> larger = new TreeMap<>(Comparator.reverseOrder());
        for (Line l : content) {
            if (l.size >= bodySize + 0.9 && VoiceMeter.words(l.text) <= 16) {
                larger.computeIfAbsent(l.size, k -> new ArrayList<>()).add(l);
            }
        }
        List<Double> clusters = new ArrayList<>(larger.keySet());
        double titleSize = clusters.isEmpty() ? bodySize * 2 : clusters.getFirst();
        boolean titleIsOwnCluster = clusters.size() > 1 && larger.get(titleSize).size() <= 2
                && larger.get(titleSize).stream().allMatch(l -> l.page == 1);
        List<Double> headingSizes = new ArrayList<>(titleIsOwnCluster ? clusters.subList(1, clusters.size()) : clusters);
        if (headingSizes.size() > 3) {
            report.notKept((headingSizes.size() - 3) + " smaller heading size cluster(s) " + headingSizes.subList(3,
                    headingSizes.size()), "the Skill keeps three heading levels");
            headingSizes = headingSizes.subList(0, 3);
        }
        List<Line> headingLines = content.stream().filter(l -> l.size > bodySize && VoiceMeter.words(l.text) <= 16).toList();
        String headingFont = mostCommon(headingLines.stream().map(l -> l.font).toList(), bodyFont);
        String primary = mostCommon(headingLines.stream().map(l -> l.color).filter(c -> !Colors.neutral(c)).toList(),
                null);
        List<String> brand = content.stream().map(l -> l.color).filter(c -> !Colors.neutral(c))
                .collect(Collectors.groupingBy(c -> c, LinkedHashMap::new, Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
        if (primary == null) {
            primary = brand.isEmpty() ? defaults.look().primaryColor() : brand.getFirst();
            report.assumed("primary colour " + primary + (brand.isEmpty() ? " from the built-in Skill (the PDF's text "
                    + "has no brand colour)" : " (the most used non-grey text colour)"));
        }
        String primaryColor = primary;
        String accent = brand.stream().filter(c -> !c.equals(primaryColor)).findFirst().orElse(null);
        if (accent == null) {
            accent = defaults.look().accentColor();
            report.assumed("accent colour " + accent + " from the built-in Skill (the PDF's text has one brand colour)");
        }
        List<String> palette = new ArrayList<>(brand);
        for (String c : defaults.look().chartPalette()) {
            if (palette.size() < 5 && !palette.contains(c)) {
                palette.add(c);
            }
        }
        report.assumed("chart palette " + palette + ": the PDF's text colours, completed from the built-in Skill "
                + "(colours of drawn shapes and charts are not analysed)");

        // Margins: the text's extent over the analysed pages (running header/footer included).
        double left = lines.stream().mapToDouble(l -> l.x).min().orElse(72);
        double right = widthPt - lines.stream().mapToDouble(l -> l.xEnd).max().orElse(widthPt - 72);
        double top = lines.stream().mapToDouble(l -> l.y - l.size).min().orElse(72);
        double bottom = heightPt - lines.stream().mapToDouble(l -> l.y).max().orElse(heightPt - 72);
        PageSetup.Margins margins = new PageSetup.Margins(mm(Math.max(0, top)), mm(Math.max(0, right)),
                mm(Math.max(0, bottom)), mm(Math.max(0, left)));
        double wMm = mm(widthPt);
        double hMm = mm(heightPt);
        PageSetup page = new PageSetup(PageSetup.nearestPaper(wMm, hMm), widthPt > heightPt,
                Math.max(5, Math.min(60, margins.leftMm())), wMm, hMm, margins);
        report.extracted(String.format(Locale.ROOT, "page %.1f x %.1f mm (%s), %d pages; margins from the text extent: "
                        + "top %.1f, right %.1f, bottom %.1f, left %.1f mm", wMm, hMm, page.size(), pages,
                margins.topMm(), margins.rightMm(), margins.bottomMm(), margins.leftMm()));

        String header = runningText(running, l -> l.y < heightPt * 0.1);
        String footer = runningText(running, l -> l.y > heightPt * 0.9);
        report.extracted("running header: " + (header.isEmpty() ? "(none)" : "'" + header + "'") + "; footer: "
                + (footer.isEmpty() ? "(none)" : "'" + footer + "'"));

        List<Structure.OutlineEntry> outline = bookmarks(pdf);
        if (!outline.isEmpty()) {
            report.extracted("outline from the PDF's bookmarks: " + outline.size() + " entries");
        } else {
            List<String> headings = new ArrayList<>();
            List<Integer> levels = new ArrayList<>();
            for (Line l : content) {
                int level = headingSizes.indexOf(l.size) + 1;
                if (level > 0 && VoiceMeter.words(l.text) <= 16) {
                    headings.add(l.text);
                    levels.add(level);
                }
            }
            List<String> purposes = OutlinePurposes.purposes(headings);
            for (int i = 0; i < headings.size(); i++) {
                outline.add(new Structure.OutlineEntry(headings.get(i), levels.get(i), purposes.get(i)));
            }
            report.extracted("outline from heading font sizes " + headingSizes + ": " + outline.stream()
                    .map(e -> "H" + e.level() + " " + e.heading()).toList());
        }
        if (outline.isEmpty()) {
            outline = defaults.structure().outline();
            report.assumed("outline of the built-in " + kind.id() + " Skill (no bookmarks and no heading sizes)");
        }
        List<Double> sizes = new ArrayList<>(headingSizes);
        if (sizes.isEmpty()) {
            sizes.add(Math.round(bodySize * 1.4 * 2) / 2.0);
            report.assumed("heading size " + sizes.getFirst() + " pt (no text larger than the body)");
        }
        VoiceMeter meter = new VoiceMeter();
        StringBuilder paragraph = new StringBuilder();
        int bullets = 0;
        for (Line l : content) {
            if (l.size != bodySize) {
                if (l.size > bodySize) {
                    meter.section();
                }
                flush(meter, paragraph);
                continue;
            }
            String t = l.text.strip();
            if (t.matches("^[•▪◦‣\\-–—*]\\s*.*")) {
                flush(meter, paragraph);
                meter.bullet(t.replaceFirst("^[•▪◦‣\\-–—*]\\s*", ""));
                bullets++;
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(t);
                if (t.endsWith(".") || t.endsWith("!") || t.endsWith("?") || t.endsWith(":")) {
                    flush(meter, paragraph);
                }
            }
        }
        flush(meter, paragraph);
        var voice = meter.voice(defaults.voice(), report);
        List<TextStyle> styles = new ArrayList<>();
        styles.add(new TextStyle("body", "body text cluster", bodyFont, bodySize, false, false, textColor, 0, 0));
        if (titleIsOwnCluster) {
            styles.add(new TextStyle("title", "title cluster", headingFont, titleSize, false, false, primary, 0, 0));
        }
        for (int i = 0; i < headingSizes.size(); i++) {
            double s = headingSizes.get(i);
            List<Line> ls = larger.get(s);
            styles.add(new TextStyle("heading" + (i + 1), "font size cluster " + s + " pt",
                    mostCommon(ls.stream().map(l -> l.font).toList(), headingFont), s,
                    ls.stream().filter(l -> l.bold).count() * 2 > ls.size(), false,
                    mostCommon(ls.stream().map(l -> l.color).toList(), primary), 0, 0));
        }
        report.extracted(String.format(Locale.ROOT, "fonts: body %s %.1f pt, headings %s; title %.1f pt; heading "
                        + "sizes %s; colours: text %s, primary %s, accent %s", bodyFont, bodySize, headingFont, titleSize,
                headingSizes, textColor, primary, accent));
        Look look = new Look(headingFont, bodyFont, bodySize, titleSize, sizes, primary, accent, textColor, palette,
                page, header, footer, false, null, styles, null, List.of());
        String producer = pdf.getDocumentInformation() == null ? ""
                : java.util.Objects.requireNonNullElse(pdf.getDocumentInformation().getProducer(),
                java.util.Objects.requireNonNullElse(pdf.getDocumentInformation().getCreator(), ""));
        report.assumed("front matter: " + FrontMatter.COVER_AND_CONTENTS.describe() + " (the default; it is not read "
                + "from a PDF's pages)");
        Skill skill = new Skill(sample.name(), 1, sample.descriptionOr("Imported from " + sample.fileName()), kind,
                look, new Structure(outline, List.of()), voice, "", null, null, sample.info(producer));
        PDFRenderer renderer = new PDFRenderer(pdf);
        float scale = (float) (Previews.WIDTH / widthPt);
        BufferedImage image = renderer.renderImage(0, scale, ImageType.RGB);
        report.extracted("preview.png: page 1 rendered by PDFBox");
        report.notKept("an editable template", "a PDF is a final layout, not a Word, PowerPoint or Excel file: the Skill "
                + "keeps the PDF's look, outline and voice, and renderers build new documents from them");
        report.notKept("images, logos, drawn shapes and table styling", "PDF content streams are not analysed for "
                + "graphics; only text (fonts, sizes, colours, positions) is");
        report.notKept("paragraph spacing and justification", "not measured from PDF text positions");
        return new Extraction(skill, null, Previews.png(image), Map.of(), report);
    }

    private static void flush(VoiceMeter meter, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            meter.paragraph(paragraph.toString());
            paragraph.setLength(0);
        }
    }

    private static String runningText(List<Line> running, java.util.function.Predicate<Line> where) {
        Map<String, Line> byPattern = new LinkedHashMap<>();
        running.stream().filter(where).forEach(l -> byPattern.putIfAbsent(l.text.replaceAll("\\d+", "#"), l));
        return byPattern.keySet().stream().map(t -> t.replace("#", "{page}")).collect(Collectors.joining(" | "));
    }

    private static List<Structure.OutlineEntry> bookmarks(PDDocument pdf) {
        List<Structure.OutlineEntry> entries = new ArrayList<>();
        var outline = pdf.getDocumentCatalog().getDocumentOutline();
        if (outline != null) {
            walk(outline, 1, entries);
        }
        List<String> purposes = OutlinePurposes.purposes(entries.stream().map(Structure.OutlineEntry::heading).toList());
        List<Structure.OutlineEntry> withPurpose = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            withPurpose.add(new Structure.OutlineEntry(entries.get(i).heading(), entries.get(i).level(), purposes.get(i)));
        }
        return withPurpose;
    }

    private static void walk(PDOutlineNode node, int level, List<Structure.OutlineEntry> out) {
        int guard = 0;
        for (PDOutlineItem item = node.getFirstChild(); item != null && guard++ < 500 && out.size() < 500;
             item = item.getNextSibling()) {
            if (item.getTitle() != null && !item.getTitle().isBlank() && level <= 6) {
                out.add(new Structure.OutlineEntry(item.getTitle().strip(), level, ""));
            }
            if (level < 6) {
                walk(item, level + 1, out);
            }
        }
    }

    private static double mm(double pt) {
        return Math.round(pt / 72 * 25.4 * 10) / 10.0;
    }

    private static <T> T mostCommon(List<T> values, T fallback) {
        Map<T, Integer> counts = new HashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
    }

    /** A line of text with the dominant font, size and colour of its characters. */
    private record Line(int page, String text, String font, double size, boolean bold, String color, double x,
                        double xEnd, double y) {
    }

    /** Collects lines with their fonts, sizes (rounded to half points) and fill colours. */
    private static final class Collector extends PDFTextStripper {
        final List<Line> lines = new ArrayList<>();
        private final Map<TextPosition, String> colors = new HashMap<>();

        Collector() {
            // The text stripper ignores colour operators by default; track the fill colour to know text colours.
            addOperator(new org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace(this));
            addOperator(new org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor(this));
            addOperator(new org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN(this));
            addOperator(new org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor(this));
            addOperator(new org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor(this));
            addOperator(new org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor(this));
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            String color = "000000";
            try {
                var c = getGraphicsState().getNonStrokingColor();
                if (c != null) {
                    color = String.format(Locale.ROOT, "%06X", c.toRGB() & 0xFFFFFF);
                }
            } catch (IOException | RuntimeException e) {
                // a colour space we cannot convert: treat as black text
            }
            colors.put(text, color);
            super.processTextPosition(text);
        }

        @Override
        protected void writeString(String string, List<TextPosition> positions) {
            if (string.isBlank() || positions.isEmpty()) {
                return;
            }
            Map<String, Integer> fonts = new HashMap<>();
            Map<Double, Integer> sizes = new HashMap<>();
            Map<String, Integer> cols = new HashMap<>();
            for (TextPosition p : positions) {
                String font = p.getFont() == null || p.getFont().getName() == null ? "" : p.getFont().getName();
                fonts.merge(font, 1, Integer::sum);
                // getFontSizeInPt() truncates to whole points; the rendering matrix's scale keeps 10.5 as 10.5.
                sizes.merge(Math.round(Math.abs(p.getYScale()) * 2) / 2.0, 1, Integer::sum);
                cols.merge(colors.getOrDefault(p, "000000"), 1, Integer::sum);
            }
            String rawFont = fonts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            TextPosition first = positions.getFirst();
            TextPosition last = positions.getLast();
            lines.add(new Line(getCurrentPageNo(), string.strip(), family(rawFont),
                    sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey(),
                    rawFont.toLowerCase(Locale.ROOT).contains("bold"),
                    cols.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey(),
                    first.getXDirAdj(), last.getXDirAdj() + last.getWidthDirAdj(), first.getYDirAdj()));
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
            colors.clear();
            super.endPage(page);
        }

        /**
         * "ABCDEF+DejaVuSans-Bold" becomes "DejaVu Sans", "TimesNewRomanPSMT" "Times New Roman": the subset prefix
         * and style suffix go, and common family words are split off (splitting at every capital would turn
         * DejaVu into "Deja Vu").
         */
        static String family(String postScriptName) {
            String name = postScriptName.replaceFirst("^[A-Z]{6}\\+", "");
            name = name.replaceFirst("[-,](Bold|Italic|Oblique|BoldItalic|BoldOblique|Regular|Roman|Book|Medium|Light)"
                    + ".*$", "").replaceFirst("(PSMT|MT|PS)$", "");
            return name.replaceAll("(?<=\\p{L})(?=(Sans|Serif|Mono|New|Roman|Text|Display|Condensed|Pro|Neue|Gothic|Grotesk)"
                    + "(?![a-z]))", " ").strip();
        }
    }
}
