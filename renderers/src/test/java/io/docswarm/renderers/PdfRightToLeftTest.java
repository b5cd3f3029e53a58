package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hebrew and Arabic in the PDF layout: lines in visual order, Arabic in its contextual forms, right-to-left
 * paragraphs right-aligned, links and citation marks on the right words. The expected visual orders are worked out
 * by hand from the bidi rules, not computed with the library the renderer uses.
 */
class PdfRightToLeftTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();

    private static final String HEBREW = "שלום עולם";
    private static final String MIXED = "הכנסות Acme גדלו ב-12% בשנת 2026";
    private static final String ARABIC = "بيت لا";
    private static final String ENGLISH = "Plain English stays on the left.";

    /** Every glyph drawn, in drawing order, by page. */
    private static Map<Integer, List<Glyph>> glyphs;
    private static List<Link> links;
    private static float leftMargin;
    private static float rightMargin;

    private record Glyph(String text, float x, float right, float baseline, float size) {
    }

    private record Link(int page, PDRectangle area, String address) {
    }

    @BeforeAll
    static void render() throws IOException {
        StringBuilder longHebrew = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            longHebrew.append("משפט ארוך מאוד ").append(i).append(' ');
        }
        Document document = new Document(SampleDocuments.metadata(), List.of(new Section("סיכום", 1, List.of(
                Paragraph.of(HEBREW),
                Paragraph.of(MIXED),
                Paragraph.of(ARABIC),
                Paragraph.of(ENGLISH),
                new Paragraph(List.of(Run.plain("ראו את "), Run.link("האתר", "https://example.org/he"),
                        Run.plain(" שלנו "), Run.cited("היום", "sources/notes.md"), Run.plain(" בבוקר"))),
                Paragraph.of(longHebrew.toString().strip()),
                new BulletList(true, List.of(new BulletList.Item(List.of(Run.plain("פריט ראשון")), List.of())))))),
                List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.PDF).render(document, REPORT, out);
        leftMargin = (float) REPORT.look().page().marginPt();
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            rightMargin = pdf.getPage(0).getMediaBox().getWidth() - leftMargin;
            glyphs = new LinkedHashMap<>();
            PDFTextStripper collector = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    glyphs.computeIfAbsent(getCurrentPageNo(), p -> new ArrayList<>()).add(new Glyph(
                            text.getUnicode(), text.getXDirAdj(), text.getXDirAdj() + text.getWidthDirAdj(),
                            text.getYDirAdj(), text.getFontSizeInPt()));
                }
            };
            collector.getText(pdf);
            links = new ArrayList<>();
            for (int p = 0; p < pdf.getNumberOfPages(); p++) {
                for (var annotation : pdf.getPage(p).getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
                        links.add(new Link(p + 1, link.getRectangle(), uri.getURI()));
                    }
                }
            }
        }
    }

    @Test
    void hebrewIsDrawnInVisualOrderAndRightAligned() {
        List<Glyph> line = lineWith("ש", "ע");
        assertEquals("ם", line.getFirst().text(), "the first glyph drawn is the last letter of the line");
        assertEquals("םלועםולש", visual(line));
        assertEquals(rightMargin, right(line), 0.5, "a right-to-left line ends at the right margin");
    }

    @Test
    void mixedHebrewEnglishAndNumbersFollowTheBidiAlgorithm() {
        // Read right to left: הכנסות, "Acme", גדלו, ב-12%, בשנת, 2026; English and numbers stay left to right.
        List<Glyph> line = lineWith("A");
        assertEquals("2026תנשב12%-בולדגAcmeתוסנכה", visual(line));
        assertEquals(rightMargin, right(line), 0.5);
    }

    @Test
    void arabicIsShapedIntoContextualFormsWithTheLamAlefLigature() {
        List<Glyph> line = lineWith("\uFEFB");
        // بيت: beh initial, yeh medial, teh final; لا: the isolated lam-alef ligature. Drawn left to right.
        assertEquals("\uFEFB\uFE96\uFEF4\uFE91", visual(line));
        assertEquals(rightMargin, right(line), 0.5);
        assertFalse(glyphs.values().stream().flatMap(List::stream).anyMatch(g -> g.text().equals("\u0628")),
                "no unshaped (isolated) beh");
    }

    @Test
    void leftToRightParagraphsStayLeftAligned() {
        List<Glyph> line = lineWith("P", "E");
        assertEquals("PlainEnglishstaysontheleft.", visual(line));
        assertEquals(leftMargin, line.stream().map(Glyph::x).min(Float::compare).orElseThrow(), 0.5);
    }

    @Test
    void theLinkCoversItsHebrewWordAndTheCitationFollowsTheCitedWord() {
        List<Glyph> line = lineWith("ר", "ב", "[");
        // ראו את [האתר] שלנו היום[1] בבוקר, drawn left to right; the marker is raised and smaller.
        assertEquals("רקובב[1]םויהונלשרתאהתאואר", visual(line));
        Link link = links.stream().filter(l -> l.address().equals("https://example.org/he")).findFirst().orElseThrow();
        String covered = line.stream().filter(g -> g.x() + 0.1f >= link.area().getLowerLeftX()
                        && g.right() - 0.1f <= link.area().getUpperRightX())
                .map(Glyph::text).collect(Collectors.joining());
        assertEquals("רתאה", covered, "the link's area covers exactly the linked word");
        float bodySize = line.stream().map(Glyph::size).max(Float::compare).orElseThrow();
        List<Glyph> marker = line.stream().filter(g -> g.size() < bodySize).toList();
        assertEquals("[1]", marker.stream().map(Glyph::text).collect(Collectors.joining()));
        Glyph citedWordLeftEdge = line.stream().filter(g -> g.text().equals("ם")).findFirst().orElseThrow();
        assertEquals(citedWordLeftEdge.x(), marker.getLast().right(), 0.5,
                "the marker sits at the end (left side) of the cited word");
    }

    @Test
    void longRightToLeftParagraphsAreJustifiedWithTheLastLineOnTheRight() {
        List<List<Glyph>> lines = lines().stream().filter(l -> visual(l).contains("דואמ")).toList();
        assertTrue(lines.size() > 2, "the long paragraph wraps");
        for (List<Glyph> line : lines) {
            assertEquals(rightMargin, right(line), 0.5, "every line starts at the right margin");
        }
        for (List<Glyph> line : lines.subList(0, lines.size() - 1)) {
            assertEquals(leftMargin, line.stream().map(Glyph::x).min(Float::compare).orElseThrow(), 0.5,
                    "justified lines fill the width");
        }
        List<Glyph> last = lines.getLast();
        assertTrue(last.stream().map(Glyph::x).min(Float::compare).orElseThrow() > leftMargin + 20,
                "the last line stays ragged on the left");
    }

    @Test
    void rightToLeftListItemsHaveTheirMarkerOnTheRight() {
        List<Glyph> line = lineWith("פ", "ן");
        assertEquals("ןושארטירפ.1", visual(line), "the number reads '1.' right to left, to the right of the item");
        // Mirrors a left-to-right item: marker 3 pt inside the margin, text indented 16 pt.
        assertEquals(rightMargin - 3, right(line), 0.5);
        float textRight = line.stream().filter(g -> g.text().equals("פ")).findFirst().orElseThrow().right();
        assertEquals(rightMargin - 16, textRight, 0.5);
    }

    @Test
    void rightToLeftHeadingsAreRightAligned() {
        List<Glyph> heading = lines().stream().filter(l -> visual(l).equals("םוכיס")).findFirst().orElseThrow();
        assertEquals(rightMargin, right(heading), 0.5);
    }

    /** The glyphs of every line in drawing order, grouped by page and baseline. */
    private static List<List<Glyph>> lines() {
        List<List<Glyph>> lines = new ArrayList<>();
        for (List<Glyph> page : glyphs.values()) {
            Map<Integer, List<Glyph>> byBaseline = new LinkedHashMap<>();
            for (Glyph glyph : page) {
                if (!glyph.text().isBlank()) {
                    byBaseline.computeIfAbsent(Math.round(glyph.baseline()), b -> new ArrayList<>()).add(glyph);
                }
            }
            // A raised citation marker sits a little above its line: it joins the line just below it.
            List<Integer> baselines = new ArrayList<>(byBaseline.keySet());
            for (Integer baseline : baselines) {
                List<Glyph> line = byBaseline.get(baseline);
                if (line != null && line.stream().allMatch(g -> g.text().matches("[\\[\\]0-9]"))) {
                    for (int below = baseline + 1; below <= baseline + 8; below++) {
                        if (byBaseline.containsKey(below)) {
                            byBaseline.get(below).addAll(byBaseline.remove(baseline));
                            break;
                        }
                    }
                }
            }
            lines.addAll(byBaseline.values());
        }
        return lines;
    }

    /** The first line that has every one of {@code characters}. */
    private static List<Glyph> lineWith(String... characters) {
        return lines().stream()
                .filter(l -> Arrays.stream(characters).allMatch(c -> l.stream().anyMatch(g -> g.text().equals(c))))
                .findFirst().orElseThrow(() -> new AssertionError("no line with " + Arrays.toString(characters)));
    }

    /** The line's glyphs from left to right. */
    private static String visual(List<Glyph> line) {
        return line.stream().sorted(Comparator.comparing(Glyph::x)).map(Glyph::text).collect(Collectors.joining());
    }

    private static float right(List<Glyph> line) {
        return line.stream().map(Glyph::right).max(Float::compare).orElseThrow();
    }
}
