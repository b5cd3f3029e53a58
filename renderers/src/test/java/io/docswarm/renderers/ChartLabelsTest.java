package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import io.docswarm.renderers.chart.JFreeChartFactory;
import io.docswarm.renderers.model.Chart;
import io.docswarm.skills.SkillLibrary;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.junit.jupiter.api.Test;

/** The vector charts of PDFs: every category label is drawn whole, as the PDF renderer draws them. */
class ChartLabelsTest {

    /** Records every text the chart draws (and lets it be drawn as shapes). */
    private static final class RecordingTextDrawer extends PdfBoxGraphics2DFontTextDrawer {
        final List<String> texts = new ArrayList<>();

        @Override
        public boolean canDrawText(AttributedCharacterIterator iterator, IFontTextDrawerEnv env) {
            StringBuilder text = new StringBuilder();
            for (char c = iterator.first(); c != CharacterIterator.DONE; c = iterator.next()) {
                text.append(c);
            }
            iterator.first();
            texts.add(text.toString());
            return false;
        }
    }

    private static List<String> drawnTexts(Chart chart, double width, double height) throws IOException {
        JFreeChart drawn = JFreeChartFactory.create(chart, SkillLibrary.builtIn("report").orElseThrow().look(),
                TextDirection.LEFT_TO_RIGHT);
        try (PDDocument pdf = new PDDocument()) {
            PdfBoxGraphics2D graphics = new PdfBoxGraphics2D(pdf, (float) width, (float) height);
            RecordingTextDrawer recorder = new RecordingTextDrawer();
            graphics.setFontTextDrawer(recorder);
            // JFreeChart draws rotated text as glyph outlines (TextLayout), which bypasses the text drawer; drawn
            // with drawString instead, the recorder sees rotated labels too. Same layout, same label text.
            boolean workaround = TextUtils.isUseDrawRotatedStringWorkaround();
            TextUtils.setUseDrawRotatedStringWorkaround(false);
            try {
                drawn.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
            } finally {
                TextUtils.setUseDrawRotatedStringWorkaround(workaround);
            }
            graphics.dispose();
            return recorder.texts.stream().map(String::strip).toList();
        }
    }

    private static Chart months(Chart.ChartType type, int count) {
        List<String> categories = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            categories.add(String.format("%d-%02d", 2026 + m / 12, m % 12 + 1));
            values.add(1000.0 + 50 * m);
        }
        return new Chart(type, "Spend by month", categories, List.of(new Chart.Series("Spend", values)), "EUR");
    }

    @Test
    void monthLabelsAreDrawnWholeInColumnAndLineCharts() throws IOException {
        for (Chart.ChartType type : List.of(Chart.ChartType.COLUMN, Chart.ChartType.LINE,
                Chart.ChartType.STACKED_COLUMN)) {
            for (int count : List.of(12, 36)) {
                Chart chart = months(type, count);
                List<String> texts = drawnTexts(chart, 451, 248);
                for (String category : chart.categories()) {
                    assertTrue(texts.contains(category), type + " " + count + ": '" + category + "' drawn whole in "
                            + texts);
                }
                assertFalse(texts.stream().anyMatch(t -> t.contains("…") || t.endsWith("...")),
                        type + ": nothing cut: " + texts);
            }
        }
    }

    @Test
    void shortLabelsThatFitStayLevelAndWordsWrapRatherThanCut() throws IOException {
        Chart regions = new Chart(Chart.ChartType.COLUMN, "Revenue", List.of("North", "South", "Customer support",
                "West"), List.of(new Chart.Series("Revenue", List.of(1.0, 2.0, 3.0, 4.0))), "");
        List<String> texts = drawnTexts(regions, 451, 248);
        assertTrue(texts.containsAll(List.of("North", "South", "West")), texts::toString);
        assertTrue(texts.contains("Customer support") || texts.containsAll(List.of("Customer", "support")),
                texts::toString);
        assertFalse(texts.stream().anyMatch(t -> t.contains("…") || t.endsWith("...")), texts::toString);
    }
}
