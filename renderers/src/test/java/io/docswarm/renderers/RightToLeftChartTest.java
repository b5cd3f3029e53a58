package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import io.docswarm.renderers.chart.JFreeChartFactory;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChart;
import org.apache.poi.xddf.usermodel.chart.XDDFChartAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.entity.AxisEntity;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts of a right-to-left document are mirrored as its tables are: the axis across starts at the right (the first
 * category of a column or line chart, zero of a bar chart) and the upright axis stands on the right, in the native
 * charts of Word, PowerPoint and Excel and in the charts the PDF draws. Pie charts and scatter plots are not
 * mirrored, and the charts of a left-to-right document stay as they were.
 */
class RightToLeftChartTest {

    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final Skill DECK = SkillLibrary.builtIn("deck").orElseThrow();
    private static final Skill WORKBOOK = SkillLibrary.builtIn("workbook").orElseThrow();

    private static final List<String> QUARTERS = List.of("Q1", "Q2", "Q3", "Q4");
    /** Falling, so the first category has the tallest bar: where it stands shows which way the axis runs. */
    private static final List<Double> REVENUE = List.of(4000.0, 3000.0, 2000.0, 1000.0);
    private static final List<Chart.ChartType> WITH_CATEGORY_AXIS = List.of(Chart.ChartType.COLUMN,
            Chart.ChartType.STACKED_COLUMN, Chart.ChartType.LINE, Chart.ChartType.BAR);
    private static final List<OutputFormat> NATIVE = List.of(OutputFormat.DOCX, OutputFormat.PPTX,
            OutputFormat.XLSX);

    @TempDir
    Path dir;

    /** One series, no value title: the only text along the axes is the quarters and the value ticks. */
    private static Chart chart(Chart.ChartType type) {
        return new Chart(type, "Revenue by quarter", QUARTERS, List.of(new Chart.Series("Revenue", REVENUE)), "");
    }

    private static Document document(OutputFormat format, String language, Chart chart) {
        Document.DocumentMetadata sample = SampleDocuments.metadata();
        Document.DocumentMetadata metadata = new Document.DocumentMetadata(sample.title(), sample.subtitle(),
                sample.author(), language, sample.created());
        return switch (format) {
            case PPTX -> new Document(metadata, List.of(),
                    List.of(new Slide(Slide.SlideRole.CHART, "הכנסות", List.of(chart), "")), List.of());
            case XLSX -> new Document(metadata, List.of(), List.of(), List.of(
                    new Sheet("Revenue", table(), List.of(), List.of(chart), List.of())));
            default -> new Document(metadata, List.of(new Section("הכנסות", 1, List.of(chart))), List.of(),
                    List.of());
        };
    }

    /** The chart's data in a sheet, which an Excel chart refers to: a quarter and its revenue in each row. */
    private static Table table() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < QUARTERS.size(); i++) {
            rows.add(List.of(QUARTERS.get(i), REVENUE.get(i)));
        }
        return new Table("הכנסות", List.of(Table.Column.text("Quarter"), Table.Column.number("Revenue", "#,##0")),
                rows, false);
    }

    private static Skill skill(OutputFormat format) {
        return switch (format) {
            case PPTX -> DECK;
            case XLSX -> WORKBOOK;
            default -> REPORT;
        };
    }

    private static byte[] render(OutputFormat format, String language, Chart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document(format, language, chart), skill(format), out);
        return out.toByteArray();
    }

    // ---- Native charts: Word, PowerPoint, Excel ----

    @Test
    void nativeChartsRunFromTheRightWithTheUprightAxisOnTheRightInARightToLeftDocument() throws IOException {
        for (OutputFormat format : NATIVE) {
            for (Chart.ChartType type : WITH_CATEGORY_AXIS) {
                String what = format + " " + type;
                Axes rtl = axes(format, "he", chart(type));
                assertEquals(AxisOrientation.MAX_MIN, rtl.across().getOrientation(), what + ": across from the right");
                assertEquals(AxisPosition.RIGHT, rtl.upright().getPosition(), what + ": upright axis on the right");
                assertEquals(AxisOrientation.MIN_MAX, rtl.upright().getOrientation(), what + ": upright not flipped");
                // It crosses the axis across at its start (the first category, or zero), which is now on the right;
                // crossing at the maximum would bring it back to the left.
                assertEquals(AxisCrosses.AUTO_ZERO, rtl.upright().getCrosses(), what);
                // Columns and lines reverse their categories; horizontal bars their values.
                if (type == Chart.ChartType.BAR) {
                    assertInstanceOf(XDDFValueAxis.class, rtl.across(), what);
                } else {
                    assertInstanceOf(XDDFCategoryAxis.class, rtl.across(), what);
                }

                Axes ltr = axes(format, "en", chart(type));
                assertEquals(AxisOrientation.MIN_MAX, ltr.across().getOrientation(), what + " in English");
                assertEquals(AxisOrientation.MIN_MAX, ltr.upright().getOrientation(), what + " in English");
                assertEquals(AxisPosition.LEFT, ltr.upright().getPosition(), what + " in English");
            }
        }
    }

    @Test
    void pieChartsAndScatterPlotsAreNotMirrored() throws IOException {
        for (OutputFormat format : List.of(OutputFormat.DOCX, OutputFormat.PPTX)) {
            Axes scatter = axes(format, "he", chart(Chart.ChartType.SCATTER));
            assertEquals(AxisOrientation.MIN_MAX, scatter.across().getOrientation(), format + ": x grows rightwards");
            assertEquals(AxisPosition.LEFT, scatter.upright().getPosition(), format.toString());
            assertTrue(charts(format, "he", chart(Chart.ChartType.PIE)).getFirst().getAxes().isEmpty(),
                    format + ": a pie has no axes");
        }
    }

    @Test
    void mirroredNativeChartsOpenInLibreOfficeWithTheFirstCategoryOnTheRight() throws Exception {
        LibreOffice.assumeAvailable();
        for (OutputFormat format : NATIVE) {
            Path file = dir.resolve("rtl-chart." + format.name().toLowerCase());
            Files.write(file, render(format, "he", chart(Chart.ChartType.COLUMN)));
            Path pdf = LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("lo-" + format)));
            List<List<TextPosition>> lines = lines(pdf);
            List<TextPosition> categories = lines.stream()
                    .filter(line -> line.stream().filter(g -> g.getUnicode().equals("Q")).count() == QUARTERS.size())
                    .findFirst().orElseThrow(() -> new AssertionError(format + ": no line of category labels"));
            assertEquals("Q4Q3Q2Q1", visual(categories), format + ": the first quarter on the right");
            // The value axis labels ("1,000" ... "4,000"; the page number has no comma) stand right of the plot.
            List<TextPosition> ticks = lines.stream().filter(line -> visual(line).matches("[0-9,]*,[0-9,]*"))
                    .flatMap(List::stream).toList();
            assertTrue(ticks.size() >= 4 * 5, format + ": value axis labels " + ticks);
            float rightmostCategory = right(categories);
            assertTrue(ticks.stream().allMatch(g -> g.getXDirAdj() > rightmostCategory),
                    format + ": the value axis is right of the last category label");
        }
    }

    /** The axis that runs across the plot and the one that stands upright. */
    private record Axes(XDDFChartAxis across, XDDFChartAxis upright) {
    }

    private static Axes axes(OutputFormat format, String language, Chart chart) throws IOException {
        XDDFChart drawn = charts(format, language, chart).getFirst();
        return new Axes(axis(drawn, true), axis(drawn, false));
    }

    private static XDDFChartAxis axis(XDDFChart chart, boolean across) {
        return chart.getAxes().stream().filter(a -> across == (a.getPosition() == AxisPosition.BOTTOM
                        || a.getPosition() == AxisPosition.TOP))
                .findFirst().orElseThrow(() -> new AssertionError("no axis " + (across ? "across" : "upright")));
    }

    /** The native charts of a rendered file, read back with POI. */
    private static List<? extends XDDFChart> charts(OutputFormat format, String language, Chart chart)
            throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(render(format, language, chart));
        return switch (format) {
            case DOCX -> {
                try (XWPFDocument docx = new XWPFDocument(in)) {
                    yield docx.getCharts();
                }
            }
            case PPTX -> {
                try (XMLSlideShow show = new XMLSlideShow(in)) {
                    yield show.getCharts();
                }
            }
            case XLSX -> {
                try (XSSFWorkbook workbook = new XSSFWorkbook(in)) {
                    yield workbook.getSheetAt(0).getDrawingPatriarch().getCharts();
                }
            }
            default -> throw new IllegalArgumentException(format + " has no native charts");
        };
    }

    // ---- PDF ----

    @Test
    void pdfChartsRunFromTheRightWithTheValueAxisOnTheRightInARightToLeftDocument() throws IOException {
        for (Chart.ChartType type : List.of(Chart.ChartType.COLUMN, Chart.ChartType.STACKED_COLUMN,
                Chart.ChartType.LINE)) {
            Drawn rtl = Drawn.of(chart(type), TextDirection.RIGHT_TO_LEFT);
            assertTrue(rtl.item("Q1").getCenterX() > rtl.item("Q4").getCenterX(), type + ": Q1 right of Q4");
            assertTrue(rtl.axis(false).getMinX() >= rtl.data().getMaxX(), type + ": value axis right of the plot");

            Drawn ltr = Drawn.of(chart(type), TextDirection.LEFT_TO_RIGHT);
            assertTrue(ltr.item("Q1").getCenterX() < ltr.item("Q4").getCenterX(), type + " in English");
            assertTrue(ltr.axis(false).getMaxX() <= ltr.data().getMinX(), type + " in English");
        }
        Drawn rtl = Drawn.of(chart(Chart.ChartType.BAR), TextDirection.RIGHT_TO_LEFT);
        assertEquals(rtl.data().getMaxX(), rtl.item("Q1").getMaxX(), 1, "bars grow leftwards from the right edge");
        assertTrue(rtl.item("Q1").getMinX() < rtl.item("Q4").getMinX(), "the largest value reaches furthest left");
        assertTrue(rtl.axis(true).getMinX() >= rtl.data().getMaxX(), "the quarters stand right of the bars");
        Drawn ltr = Drawn.of(chart(Chart.ChartType.BAR), TextDirection.LEFT_TO_RIGHT);
        assertEquals(ltr.data().getMinX(), ltr.item("Q1").getMinX(), 1);
        assertTrue(ltr.axis(true).getMaxX() <= ltr.data().getMinX());
        assertEquals(ltr.axis(false).getCenterY(), rtl.axis(false).getCenterY(), 1,
                "the value axis of bars stays on the same side top to bottom");
    }

    /** A chart as the PDF renderer draws it, and where its parts landed. */
    private record Drawn(ChartRenderingInfo info) {

        static Drawn of(Chart chart, TextDirection direction) throws IOException {
            JFreeChart drawn = JFreeChartFactory.create(chart, REPORT.look(), direction);
            ChartRenderingInfo info = new ChartRenderingInfo();
            try (PDDocument pdf = new PDDocument()) {
                PdfBoxGraphics2D graphics = new PdfBoxGraphics2D(pdf, 451, 248);
                drawn.draw(graphics, new Rectangle2D.Double(0, 0, 451, 248), info);
                graphics.dispose();
            }
            return new Drawn(info);
        }

        Rectangle2D data() {
            return info.getPlotInfo().getDataArea();
        }

        /** The bar or point of {@code category} (its one series). */
        Rectangle2D item(String category) {
            return entities().stream().filter(e -> e instanceof CategoryItemEntity item
                            && item.getColumnKey().equals(category))
                    .findFirst().orElseThrow(() -> new AssertionError("no item " + category)).getArea().getBounds2D();
        }

        /** The domain (category) axis, or the range (value) axis. */
        Rectangle2D axis(boolean domain) {
            return entities().stream().filter(e -> e instanceof AxisEntity axis
                            && (axis.getAxis() instanceof CategoryAxis) == domain)
                    .findFirst().orElseThrow(() -> new AssertionError("no " + (domain ? "category" : "value")
                            + " axis drawn")).getArea().getBounds2D();
        }

        private List<ChartEntity> entities() {
            List<ChartEntity> all = new ArrayList<>();
            info.getEntityCollection().getEntities().forEach(e -> all.add((ChartEntity) e));
            return all;
        }
    }

    @Test
    void rightToLeftPdfDrawsItsChartsMirrored() throws IOException {
        assertEquals(List.of("Q4", "Q3", "Q2", "Q1"), barsFromLeft(render(OutputFormat.PDF, "he",
                chart(Chart.ChartType.COLUMN))), "the first quarter's bar is the rightmost");
        assertEquals(QUARTERS, barsFromLeft(render(OutputFormat.PDF, "en", chart(Chart.ChartType.COLUMN))),
                "and the leftmost in English");
    }

    /**
     * The bars of the one column chart in a PDF, from left to right, each named by the quarter whose revenue its
     * height shows: the PDF draws charts as shapes, so they are found in the page's pixels, in the series' colour.
     */
    private static List<String> barsFromLeft(byte[] pdfBytes) throws IOException {
        int colour = new Color(Integer.parseInt(REPORT.look().seriesColor(0), 16)).getRGB();
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            for (int page = 0; page < pdf.getNumberOfPages(); page++) {
                BufferedImage image = new PDFRenderer(pdf).renderImage(page, 1);
                List<Integer> heights = new ArrayList<>();
                int run = 0;
                for (int x = 0; x < image.getWidth(); x++) {
                    int height = 0;
                    for (int y = 0; y < image.getHeight(); y++) {
                        height += image.getRGB(x, y) == colour ? 1 : 0;
                    }
                    // Bars are tens of pixels tall; text in the same colour is not.
                    boolean bar = height > 25;
                    if (bar) {
                        run = Math.max(run, height);
                    } else if (run > 0) {
                        heights.add(run);
                        run = 0;
                    }
                }
                if (heights.size() == QUARTERS.size()) {
                    int tallest = Collections.max(heights);
                    return heights.stream().map(h -> quarterOf(Collections.max(REVENUE) * h / tallest)).toList();
                }
            }
        }
        throw new AssertionError("no page with " + QUARTERS.size() + " bars");
    }

    /** The quarter whose revenue is nearest {@code value}. */
    private static String quarterOf(double value) {
        return QUARTERS.get(IntStream.range(0, REVENUE.size()).boxed()
                .min(Comparator.comparing(i -> Math.abs(REVENUE.get(i) - value))).orElseThrow());
    }

    // ---- LibreOffice's PDFs ----

    /** The glyphs of a PDF, one list per baseline of each page. */
    private static List<List<TextPosition>> lines(Path pdfFile) throws IOException {
        Map<Integer, List<TextPosition>> byBaseline = new LinkedHashMap<>();
        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(pdfFile))) {
            PdfBaselines.collect(pdf, byBaseline);
        }
        return new ArrayList<>(byBaseline.values());
    }

    /** A line's glyphs from left to right. */
    private static String visual(List<TextPosition> line) {
        return line.stream().sorted(Comparator.comparing(TextPosition::getXDirAdj)).map(TextPosition::getUnicode)
                .collect(Collectors.joining());
    }

    private static float right(List<TextPosition> line) {
        return (float) line.stream().mapToDouble(g -> g.getXDirAdj() + g.getWidthDirAdj()).max().orElseThrow();
    }
}
