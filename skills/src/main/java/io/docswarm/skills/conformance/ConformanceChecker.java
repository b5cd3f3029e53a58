package io.docswarm.skills.conformance;

import io.docswarm.skills.Layouts;
import io.docswarm.skills.Look;
import io.docswarm.skills.Skill;
import io.docswarm.skills.Structure;
import io.docswarm.skills.TextStyle;
import io.docswarm.skills.Voice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Scores a deliverable against a Skill: fonts, colours, page or slide size, styles and layouts used, outline
 * followed and text budgets respected. Each criterion passes or lists its deviations; the score is the share
 * of criteria met.
 */
public final class ConformanceChecker {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,%/-]*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"”’)]?\\s+(?=[\\p{Lu}\\p{N}\"“(])");

    /** Checks {@code file} (.docx, .pptx, .xlsx or .pdf) against {@code skill}. */
    public ConformanceReport check(Path file, Skill skill) throws IOException {
        return check(file, skill, List.of());
    }

    /**
     * Checks a deliverable whose job listed its own sections: the Skill's outline is only the default skeleton
     * for jobs that list none, so the outline followed is {@code jobSections} when it is not empty.
     */
    public ConformanceReport check(Path file, Skill skill, List<String> jobSections) throws IOException {
        if (!jobSections.isEmpty()) {
            skill = new Skill(skill.name(), skill.version(), skill.description(), skill.kind(), skill.look(),
                    new Structure(jobSections.stream().map(h -> new Structure.OutlineEntry(h, 1, "")).toList(),
                            skill.structure().slideRoles(), skill.structure().sheets(),
                            skill.structure().frontMatter()),
                    skill.voice(), skill.template(), skill.layouts(), skill.logic(), skill.sample());
        }
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        List<ConformanceReport.Criterion> criteria = switch (ext) {
            case "docx" -> docx(file, skill);
            case "pptx" -> pptx(file, skill);
            case "xlsx" -> xlsx(file, skill);
            case "pdf" -> pdf(file, skill);
            default -> throw new IllegalArgumentException(name + ": cannot check a ." + ext
                    + " file (deliverables are .docx, .pptx, .xlsx or .pdf)");
        };
        return new ConformanceReport(name, skill.reference(), criteria);
    }

    private static Set<String> fonts(Look look) {
        Set<String> fonts = new HashSet<>(List.of(look.headingFont(), look.bodyFont()));
        if (look.theme() != null) {
            fonts.add(look.theme().majorFont());
            fonts.add(look.theme().minorFont());
        }
        look.styles().forEach(s -> fonts.add(s.font()));
        fonts.remove("");
        return fonts;
    }

    /** Colours a deliverable following the Skill may use: its own, the theme's, and black and white. */
    private static Set<String> colours(Look look) {
        Set<String> colours = new HashSet<>(List.of(look.primaryColor(), look.accentColor(), look.textColor(),
                "000000", "FFFFFF"));
        colours.addAll(look.chartPalette());
        if (look.theme() != null) {
            colours.addAll(look.theme().colors().values());
        }
        look.styles().stream().map(TextStyle::color).forEach(colours::add);
        if (look.tableStyle() != null) {
            colours.addAll(List.of(look.tableStyle().headerFill(), look.tableStyle().headerTextColor(),
                    look.tableStyle().bandFill(), look.tableStyle().borderColor()));
        }
        colours.remove("");
        return colours.stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    private static ConformanceReport.Criterion used(String name, Map<String, Integer> used, Set<String> allowed) {
        List<String> deviations = new ArrayList<>();
        used.forEach((value, count) -> {
            if (!allowed.contains(value)) {
                deviations.add(value + " used " + count + " time(s); the Skill allows " + new java.util.TreeSet<>(allowed));
            }
        });
        return new ConformanceReport.Criterion(name, deviations.isEmpty(), deviations);
    }

    private static ConformanceReport.Criterion outline(List<String> headings, Skill skill) {
        List<String> expected = skill.structure().outline().stream().filter(e -> e.level() == 1)
                .map(Structure.OutlineEntry::heading).toList();
        List<String> deviations = new ArrayList<>();
        int at = 0;
        for (String heading : expected) {
            int found = -1;
            for (int i = at; i < headings.size(); i++) {
                if (headings.get(i).equalsIgnoreCase(heading)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                deviations.add("section '" + heading + "' of the Skill's outline is missing or out of order");
            } else {
                at = found + 1;
            }
        }
        return new ConformanceReport.Criterion("outline followed", deviations.isEmpty(), deviations);
    }

    private static ConformanceReport.Criterion sentences(List<String> paragraphs, Voice voice) {
        List<String> deviations = new ArrayList<>();
        for (String p : paragraphs) {
            for (String s : SENTENCE_END.split(p.strip())) {
                int n = words(s);
                if (n > voice.maxSentenceWords()) {
                    deviations.add(n + "-word sentence (budget " + voice.maxSentenceWords() + "): "
                            + s.substring(0, Math.min(60, s.length())) + "...");
                }
            }
        }
        return new ConformanceReport.Criterion("sentence length budget", deviations.isEmpty(), deviations);
    }

    private static ConformanceReport.Criterion size(String name, double actualW, double actualH, double w, double h) {
        boolean ok = Math.abs(actualW - w) <= 2 && Math.abs(actualH - h) <= 2;
        return new ConformanceReport.Criterion(name, ok, ok ? List.of() : List.of(String.format(Locale.ROOT,
                "%.1f x %.1f pt, the Skill's is %.1f x %.1f pt", actualW, actualH, w, h)));
    }

    static int words(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private List<ConformanceReport.Criterion> docx(Path file, Skill skill) throws IOException {
        try (InputStream in = Files.newInputStream(file); XWPFDocument doc = new XWPFDocument(in)) {
            Map<String, Integer> fonts = new TreeMap<>();
            Map<String, Integer> colours = new TreeMap<>();
            List<String> headings = new ArrayList<>();
            List<String> body = new ArrayList<>();
            Set<String> styles = new HashSet<>();
            for (XWPFParagraph p : doc.getParagraphs()) {
                String style = p.getStyleID() == null ? "" : p.getStyleID();
                styles.add(style);
                String text = runText(p);
                if (style.matches("(?i)heading ?1")) {
                    headings.add(text.strip());
                } else if (style.isEmpty() || style.equalsIgnoreCase("Normal") || style.toLowerCase(Locale.ROOT).contains("body")) {
                    if (p.getNumID() == null && !text.isBlank()) {
                        body.add(text);
                    }
                }
                for (XWPFRun run : p.getRuns()) {
                    if (run.getFontFamily() != null) {
                        fonts.merge(run.getFontFamily(), 1, Integer::sum);
                    }
                    if (run.getColor() != null && !"auto".equals(run.getColor())) {
                        colours.merge(run.getColor().toUpperCase(Locale.ROOT), 1, Integer::sum);
                    }
                }
            }
            List<ConformanceReport.Criterion> criteria = new ArrayList<>();
            criteria.add(used("fonts", fonts, fonts(skill.look())));
            criteria.add(used("text colours", colours, colours(skill.look())));
            var sect = doc.getDocument().getBody().getSectPr();
            if (sect != null && sect.getPgSz() != null && sect.getPgSz().getW() != null) {
                criteria.add(size("page size", twips(sect.getPgSz().getW()), twips(sect.getPgSz().getH()),
                        skill.look().page().widthPt(), skill.look().page().heightPt()));
            }
            List<String> missing = new ArrayList<>();
            if (!headings.isEmpty() && doc.getStyles() != null && !doc.getStyles().styleExist("Heading1")) {
                missing.add("headings use style Heading1, which the document does not define");
            }
            criteria.add(new ConformanceReport.Criterion("heading styles used", missing.isEmpty(), missing));
            if (!skill.structure().outline().isEmpty()) {
                criteria.add(outline(headings, skill));
            }
            criteria.add(sentences(body, skill.voice()));
            return criteria;
        }
    }

    /**
     * A paragraph's own text: its runs without footnote and endnote markers. (POI's paragraph text appends
     * "[footnoteRef:N]" after each cited sentence and the notes' text, which would merge sentences.)
     */
    private static String runText(XWPFParagraph p) {
        StringBuilder text = new StringBuilder();
        for (XWPFRun run : p.getRuns()) {
            text.append(FOOTNOTE_MARK.matcher(run.text()).replaceAll(""));
        }
        return text.toString();
    }

    private static final Pattern FOOTNOTE_MARK = Pattern.compile("\\[(footnoteRef|endnoteRef):\\d+]");

    private static double twips(Object value) {
        return new java.math.BigDecimal(value.toString()).doubleValue() / 20.0;
    }

    private List<ConformanceReport.Criterion> pptx(Path file, Skill skill) throws IOException {
        try (InputStream in = Files.newInputStream(file); XMLSlideShow ppt = new XMLSlideShow(in)) {
            Map<String, Integer> fonts = new TreeMap<>();
            Map<String, Integer> colours = new TreeMap<>();
            List<String> layoutDeviations = new ArrayList<>();
            List<String> budgetDeviations = new ArrayList<>();
            List<String> headings = new ArrayList<>();
            Layouts layouts = skill.layouts();
            Voice voice = skill.voice();
            for (XSLFSlide slide : ppt.getSlides()) {
                int number = slide.getSlideNumber();
                String layoutName = slide.getSlideLayout() == null ? "" : slide.getSlideLayout().getName();
                if (layouts != null && layouts.layout(layoutName).isEmpty()) {
                    layoutDeviations.add("slide " + number + " uses layout '" + layoutName + "', not one of the Skill's");
                }
                if (slide.getTitle() != null) {
                    headings.add(slide.getTitle().strip());
                }
                int bullets = 0;
                for (XSLFShape shape : slide.getShapes()) {
                    if (!(shape instanceof XSLFTextShape text)) {
                        continue;
                    }
                    var ph = text.getPlaceholder();
                    boolean titleLike = ph == org.apache.poi.sl.usermodel.Placeholder.TITLE
                            || ph == org.apache.poi.sl.usermodel.Placeholder.CENTERED_TITLE
                            || ph == org.apache.poi.sl.usermodel.Placeholder.SUBTITLE;
                    for (XSLFTextParagraph p : text.getTextParagraphs()) {
                        String t = p.getText().strip();
                        if (!t.isEmpty() && !titleLike && ph != null) {
                            bullets++;
                            if (words(t) > voice.maxBulletWords()) {
                                budgetDeviations.add("slide " + number + ": " + words(t) + "-word bullet (budget "
                                        + voice.maxBulletWords() + ")");
                            }
                        }
                        for (XSLFTextRun run : p.getTextRuns()) {
                            if (run.getFontFamily() != null && !run.getRawText().isBlank()) {
                                fonts.merge(run.getFontFamily(), 1, Integer::sum);
                            }
                            if (run.getFontColor() instanceof org.apache.poi.sl.usermodel.PaintStyle.SolidPaint solid
                                    && !run.getRawText().isBlank()) {
                                java.awt.Color c = org.apache.poi.sl.draw.DrawPaint.applyColorTransform(solid.getSolidColor());
                                colours.merge(String.format(Locale.ROOT, "%02X%02X%02X", c.getRed(), c.getGreen(),
                                        c.getBlue()), 1, Integer::sum);
                            }
                        }
                    }
                    if (layouts != null && text.isPlaceholder() && !text.getText().isBlank()) {
                        int chars = text.getText().strip().length();
                        layouts.layout(layoutName).flatMap(l -> l.slots().stream()
                                        .filter(s -> ph != null && slotMatches(s, ph.name())).findFirst())
                                .filter(s -> s.maxChars() > 0 && chars > s.maxChars())
                                .ifPresent(s -> budgetDeviations.add("slide " + number + ": " + chars + " characters in "
                                        + s.type() + " placeholder (budget " + s.maxChars() + ")"));
                    }
                }
                if (bullets > voice.maxBulletsPerSlide()) {
                    budgetDeviations.add("slide " + number + ": " + bullets + " bullets (budget "
                            + voice.maxBulletsPerSlide() + ")");
                }
            }
            List<ConformanceReport.Criterion> criteria = new ArrayList<>();
            criteria.add(used("fonts", fonts, fonts(skill.look())));
            criteria.add(used("text colours", colours, colours(skill.look())));
            if (layouts != null) {
                var sz = ppt.getCTPresentation().getSldSz();
                criteria.add(size("slide size", sz.getCx() / 12700.0, sz.getCy() / 12700.0, layouts.slideWidthPt(),
                        layouts.slideHeightPt()));
                criteria.add(new ConformanceReport.Criterion("layouts used", layoutDeviations.isEmpty(), layoutDeviations));
            }
            criteria.add(new ConformanceReport.Criterion("bullet and placeholder budgets", budgetDeviations.isEmpty(),
                    budgetDeviations));
            return criteria;
        }
    }

    private static boolean slotMatches(Layouts.Slot slot, String placeholder) {
        return switch (placeholder) {
            case "TITLE" -> slot.type().equals("title");
            case "CENTERED_TITLE" -> slot.type().equals("ctrTitle");
            case "SUBTITLE" -> slot.type().equals("subTitle");
            case "BODY", "CONTENT" -> slot.type().equals("body") || slot.type().equals("obj");
            default -> false;
        };
    }

    private List<ConformanceReport.Criterion> xlsx(Path file, Skill skill) throws IOException {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Map<String, Integer> fonts = new TreeMap<>();
            List<String> formatDeviations = new ArrayList<>();
            int rowsChecked = 0;
            for (var sheet : wb) {
                for (Row row : sheet) {
                    if (++rowsChecked > 20000) {
                        break;
                    }
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.BLANK) {
                            continue;
                        }
                        XSSFCellStyle style = (XSSFCellStyle) cell.getCellStyle();
                        fonts.merge(style.getFont().getFontName(), 1, Integer::sum);
                        if (skill.logic() != null && (cell.getCellType() == CellType.NUMERIC
                                || cell.getCellType() == CellType.FORMULA && cell.getCachedFormulaResultType() == CellType.NUMERIC)) {
                            String format = style.getDataFormatString();
                            boolean known = skill.logic().numberFormats().stream().anyMatch(f -> f.format().equals(format))
                                    || "General".equals(format);
                            if (!known && formatDeviations.size() < 20) {
                                formatDeviations.add(sheet.getSheetName() + "!" + cell.getAddress() + " uses number format '"
                                        + format + "', not one of the Skill's");
                            }
                        }
                    }
                }
            }
            List<ConformanceReport.Criterion> criteria = new ArrayList<>();
            criteria.add(used("fonts", fonts, fonts(skill.look())));
            if (skill.logic() != null) {
                criteria.add(new ConformanceReport.Criterion("number formats", formatDeviations.isEmpty(), formatDeviations));
            }
            return criteria;
        }
    }

    private List<ConformanceReport.Criterion> pdf(Path file, Skill skill) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            Map<String, Integer> fonts = new TreeMap<>();
            for (PDPage page : pdf.getPages()) {
                var resources = page.getResources();
                if (resources == null) {
                    continue;
                }
                for (var name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    if (font != null && font.getName() != null) {
                        fonts.merge(family(font.getName()), 1, Integer::sum);
                    }
                }
            }
            Set<String> allowed = new HashSet<>();
            fonts(skill.look()).forEach(f -> allowed.add(f.replace(" ", "").toLowerCase(Locale.ROOT)));
            Map<String, Integer> normalised = new TreeMap<>();
            fonts.forEach((f, n) -> normalised.merge(f.replace(" ", "").toLowerCase(Locale.ROOT), n, Integer::sum));
            List<ConformanceReport.Criterion> criteria = new ArrayList<>();
            criteria.add(used("fonts", normalised, allowed));
            var box = pdf.getPage(0).getMediaBox();
            criteria.add(size("page size", box.getWidth(), box.getHeight(), skill.look().page().widthPt(),
                    skill.look().page().heightPt()));
            return criteria;
        }
    }

    private static String family(String postScriptName) {
        return postScriptName.replaceFirst("^[A-Z]{6}\\+", "")
                .replaceFirst("[-,](Bold|Italic|Oblique|BoldItalic|BoldOblique|Regular|Roman|Book|Medium|Light).*$", "")
                .replaceFirst("(PSMT|MT|PS)$", "");
    }
}
