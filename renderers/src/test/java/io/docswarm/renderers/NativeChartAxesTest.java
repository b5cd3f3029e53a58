package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The value axes of native charts in every Office format: where bars sit, and how numbers are shown. */
class NativeChartAxesTest {

    private static final Pattern CROSS_BETWEEN = Pattern.compile("<c:crossBetween val=\"(\\w+)\"/>");
    private static final Pattern NUMBER_FORMAT = Pattern.compile(
            "<c:valAx>.*?<c:numFmt formatCode=\"([^\"]*)\" sourceLinked=\"(\\w+)\"/>", Pattern.DOTALL);

    /** Integer money, as in a budget: the sheet column is formatted with decimals, the axis must not be. */
    private static Table budget() {
        return new Table("Budget", List.of(Table.Column.text("Department"), Table.Column.number("Budget", "#,##0.00")),
                List.of(List.of("Sales", 5_850_000.0), List.of("IT", 7_000_000.0)), false);
    }

    private static Chart chart(Chart.ChartType type) {
        return new Chart(type, "Budget by department", List.of("Sales", "IT"),
                List.of(new Chart.Series("Budget", List.of(5_850_000.0, 7_000_000.0))), "");
    }

    @Test
    void barsSitBetweenTicksLinesOnThemInEveryFormat() throws IOException {
        for (OutputFormat format : List.of(OutputFormat.DOCX, OutputFormat.PPTX, OutputFormat.XLSX)) {
            for (Chart.ChartType type : List.of(Chart.ChartType.COLUMN, Chart.ChartType.BAR,
                    Chart.ChartType.STACKED_COLUMN, Chart.ChartType.LINE)) {
                List<String> charts = charts(format, chart(type));
                assertEquals(1, charts.size(), format + " " + type);
                Matcher m = CROSS_BETWEEN.matcher(charts.getFirst());
                assertTrue(m.find(), format + " " + type);
                assertEquals(type == Chart.ChartType.LINE ? "midCat" : "between", m.group(1), format + " " + type);
            }
        }
    }

    @Test
    void valueAxesShowThousandsSeparatorsAndNoDecimalsForWholeNumbers() throws IOException {
        for (OutputFormat format : List.of(OutputFormat.DOCX, OutputFormat.PPTX, OutputFormat.XLSX)) {
            Matcher m = NUMBER_FORMAT.matcher(charts(format, chart(Chart.ChartType.COLUMN)).getFirst());
            assertTrue(m.find(), format + " value axis has a number format");
            assertEquals("#,##0", m.group(1), format.toString());
            assertFalse(Boolean.parseBoolean(m.group(2)) || "1".equals(m.group(2)),
                    format + ": not linked to the cells' #,##0.00");
        }
        Chart small = new Chart(Chart.ChartType.LINE, "Ratio", List.of("a", "b"),
                List.of(new Chart.Series("Ratio", List.of(0.25, 1.5))), "");
        Matcher m = NUMBER_FORMAT.matcher(charts(OutputFormat.PPTX, small).getFirst());
        assertTrue(m.find());
        assertEquals("#,##0.0#", m.group(1), "small fractional values keep their decimals");
    }

    private static List<String> charts(OutputFormat format, Chart chart) throws IOException {
        Skill skill = SkillLibrary.builtIn(switch (format) {
            case PPTX -> "deck";
            case XLSX -> "workbook";
            default -> "report";
        }).orElseThrow();
        Document document = switch (format) {
            case PPTX -> new Document(SampleDocuments.metadata(), List.of(),
                    List.of(new Slide(Slide.SlideRole.CHART, "Budget", List.of(chart), "")), List.of());
            case XLSX -> new Document(SampleDocuments.metadata(), List.of(), List.of(),
                    List.of(new Sheet("Budget", budget(), List.of(), List.of(chart), List.of())));
            default -> new Document(SampleDocuments.metadata(), List.of(new Section("Budget", 1, List.of(chart))),
                    List.of(), List.of());
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document, skill, out);
        List<String> charts = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().matches(".*/charts/chart\\d+\\.xml")) {
                    charts.add(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return charts;
    }
}
