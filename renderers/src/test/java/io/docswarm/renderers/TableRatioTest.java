package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.renderers.model.Table.Aggregate;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.junit.jupiter.api.Test;

/**
 * A rate's total is a ratio of sums ({@link Aggregate#RATIO}): all orders over all visits, not the mean of the
 * channels' rates, in the model and in every format's totals row. The workbook's formula is in
 * {@link XlsxRatioFormulasTest}.
 */
class TableRatioTest {

    /** Columns: Channel, Visits, Orders, Conversion rate, Revenue, Profit, Margin % (31 for 31%). */
    static final int VISITS = 1, ORDERS = 2, RATE = 3, REVENUE = 4, PROFIT = 5, MARGIN = 6;

    /**
     * Visits 1,000 + 200 + 800 = 2,000 and orders 30 + 20 + 8 = 58: the total rate is 58 / 2,000 = 2.9%, where the
     * mean of the rates would be 4.7% and their sum 14.0%. Profit 2,600 of revenue 10,000 is a 26.0% margin (the
     * margins' mean is 31.7). A channel without visits has no rate but still counts its revenue.
     */
    static Table channels() {
        List<List<Object>> rows = List.of(
                Arrays.asList("Search", 1000.0, 30.0, 0.03, 5000.0, 1500.0, 30.0),
                Arrays.asList("Email", 200.0, 20.0, 0.10, 1000.0, 500.0, 50.0),
                Arrays.asList("Social", 800.0, 8.0, 0.01, 4000.0, 600.0, 15.0),
                Arrays.asList("Print", null, null, null, 0.0, 0.0, null));
        return new Table("Channels", List.of(Table.Column.text("Channel"), Table.Column.number("Visits", "#,##0"),
                Table.Column.number("Orders", "#,##0"),
                Table.Column.ratio("Conversion rate", "0.0%", new Table.Ratio(ORDERS, VISITS, 1)),
                Table.Column.number("Revenue", "#,##0"), Table.Column.number("Profit", "#,##0"),
                Table.Column.ratio("Margin %", "0.0\"%\"", new Table.Ratio(PROFIT, REVENUE, 100))), rows, true);
    }

    @Test
    void aRatioTotalDividesTheColumnsTotals() {
        Table table = channels();
        assertEquals(58.0 / 2000, table.aggregate(RATE).getAsDouble(), 0, "all orders over all visits");
        assertEquals(2600.0 / 10000 * 100, table.aggregate(MARGIN).getAsDouble(), 0, "scaled to a percentage");
        assertEquals(2000, table.aggregate(VISITS).getAsDouble(), 0, "the operands keep their own totals");
        assertEquals(Aggregate.RATIO, table.columns().get(RATE).aggregate());
        assertEquals(new Table.Ratio(ORDERS, VISITS, 1), table.columns().get(RATE).ratio());
        assertEquals(null, table.columns().get(VISITS).ratio(), "no ratio unless the total is one");
    }

    @Test
    void aDenominatorTotallingZeroGivesNoFigure() {
        Table noVisits = new Table("No visits", List.of(Table.Column.text("Channel"),
                Table.Column.number("Visits", "0"), Table.Column.number("Orders", "0"),
                Table.Column.ratio("Rate", "0.0%", new Table.Ratio(2, 1, 1))),
                List.of(Arrays.asList("Print", 0.0, 3.0, null), Arrays.asList("Radio", null, 1.0, null)), true);
        assertTrue(noVisits.aggregate(3).isEmpty(), "no rate of no visits, not an infinite one");
        assertEquals("", TextFormat.totalCell(noVisits, 3));
    }

    @Test
    void ratiosAreCheckedWhereTheyAreMade() {
        Exception missing = assertThrows(IllegalArgumentException.class,
                () -> Table.Column.number("Rate", "0.0%", Aggregate.RATIO));
        assertTrue(missing.getMessage().contains("needs the ratio"), missing.getMessage());
        Exception unused = assertThrows(IllegalArgumentException.class, () -> new Table.Column("Rate",
                Table.ColumnType.NUMBER, "0.0%", Aggregate.SUM, new Table.Ratio(2, 1, 1)));
        assertTrue(unused.getMessage().contains("only a RATIO total divides"), unused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Table.Column("Rate", Table.ColumnType.TEXT, "",
                Aggregate.RATIO, new Table.Ratio(2, 1, 1)), "a text column has no total");
        assertThrows(IllegalArgumentException.class, () -> new Table.Ratio(1, 1, 1), "a column over itself");
        assertThrows(IllegalArgumentException.class, () -> new Table.Ratio(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Table.Ratio(2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Table.Ratio(2, 1, Double.NaN));

        Exception text = assertThrows(IllegalArgumentException.class, () -> withRate(new Table.Ratio(2, 0, 1)));
        assertTrue(text.getMessage().contains("'Channel', which is not a number column"), text.getMessage());
        Exception itself = assertThrows(IllegalArgumentException.class, () -> withRate(new Table.Ratio(3, 1, 1)));
        assertTrue(itself.getMessage().contains("the column itself"), itself.getMessage());
        Exception absent = assertThrows(IllegalArgumentException.class, () -> withRate(new Table.Ratio(2, 7, 1)));
        assertTrue(absent.getMessage().contains("refers to column 7, the table has 4"), absent.getMessage());
    }

    /** Channel, Visits, Orders and a rate column (3) totalled as {@code ratio}. */
    private static Table withRate(Table.Ratio ratio) {
        return new Table("Rates", List.of(Table.Column.text("Channel"), Table.Column.number("Visits", "0"),
                Table.Column.number("Orders", "0"), Table.Column.ratio("Rate", "0.0%", ratio)), List.of(), true);
    }

    /** The totals row as DOCX, PDF and PPTX show it. */
    private static final List<String> TOTALS = List.of("Total", "2,000", "58", "2.9%", "10,000", "2,600", "26.0%");

    private static byte[] render(OutputFormat format, Document document, String skill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document, SkillLibrary.builtIn(skill).orElseThrow(), out);
        return out.toByteArray();
    }

    private static Document report() {
        return new Document(SampleDocuments.metadata(), List.of(new Section("Channels", 1, List.of(channels()))),
                List.of(), List.of());
    }

    @Test
    void wordTotalsRowShowsTheRatioOfTheTotals() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(render(OutputFormat.DOCX, report(),
                "report")))) {
            assertEquals(TOTALS, docx.getTables().getFirst().getRows().getLast().getTableCells().stream()
                    .map(XWPFTableCell::getText).toList());
        }
    }

    @Test
    void pdfTotalsRowShowsTheRatioOfTheTotals() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(render(OutputFormat.PDF, report(), "report"))) {
            String text = new PDFTextStripper().getText(pdf);
            String totals = text.lines().filter(l -> l.startsWith("Total ")).findFirst().orElseThrow();
            assertEquals(String.join(" ", TOTALS), totals.strip());
            assertFalse(text.contains("4.7%") || text.contains("31.7%"), "no mean of the rates or margins");
        }
    }

    @Test
    void slideTotalsRowShowsTheRatioOfTheTotals() throws IOException {
        Document deck = new Document(SampleDocuments.metadata(), List.of(),
                List.of(new Slide(Slide.SlideRole.TABLE, "Channels", List.of(channels()), "")), List.of());
        try (XMLSlideShow pptx = new XMLSlideShow(new ByteArrayInputStream(render(OutputFormat.PPTX, deck, "deck")))) {
            XSLFTable table = pptx.getSlides().getFirst().getShapes().stream().filter(XSLFTable.class::isInstance)
                    .map(XSLFTable.class::cast).findFirst().orElseThrow();
            assertEquals(TOTALS, table.getRows().getLast().getCells().stream().map(XSLFTableCell::getText).toList());
        }
    }
}
