package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A workbook chart plots the rows its categories name: all of them, a run of them (a line that leaves a partial
 * period out), matched by the text the chart names them with (a Year cell 2023 is the category "2023"); where the
 * categories stand on no run of rows, the chart holds its own values.
 */
class XlsxChartBindingTest {

    private static Table revenueByYear() {
        List<List<Object>> rows = new ArrayList<>();
        for (int year = 2021; year <= 2025; year++) {
            rows.add(List.of((double) year, 1000.0 * (year - 2020)));
        }
        return new Table("Revenue", List.of(Table.Column.number("Year", "0"), Table.Column.number("Revenue", "#,##0")),
                rows, false);
    }

    private static XDDFChartData.Series firstSeries(Chart chart) throws Exception {
        Document document = new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(new Sheet("Revenue", revenueByYear(), List.of(), List.of(chart), List.of())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.XLSX).render(document, SkillLibrary.builtIn("workbook").orElseThrow(), out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            return workbook.getSheet("Revenue").getDrawingPatriarch().getCharts().getFirst().getChartSeries()
                    .getFirst().getSeries(0);
        }
    }

    private static Chart chart(List<String> years, List<Double> revenue) {
        return new Chart(Chart.ChartType.COLUMN, "Revenue", years, List.of(new Chart.Series("Revenue", revenue)), "");
    }

    @Test
    void aChartOfConsecutiveYearRowsIsBoundToTheirCells() throws Exception {
        XDDFChartData.Series series = firstSeries(chart(List.of("2023", "2024", "2025"),
                List.of(3000.0, 4000.0, 5000.0)));
        assertTrue(series.getCategoryData().isReference(), "the categories are the sheet's cells");
        // The table's header is on row 3 (1-based), its data on rows 4 to 8: 2023 to 2025 are rows 6 to 8.
        assertEquals("Revenue!$A$6:$A$8", series.getCategoryData().getDataRangeReference());
        assertEquals("Revenue!$B$6:$B$8", series.getValuesData().getDataRangeReference());
    }

    @Test
    void aChartOfYearsThatAreNoRunOfRowsHoldsItsOwnValues() throws Exception {
        XDDFChartData.Series series = firstSeries(chart(List.of("2021", "2025"), List.of(1000.0, 5000.0)));
        assertFalse(series.getCategoryData().isReference());
        assertEquals(2, series.getCategoryData().getPointCount());
        assertEquals("2025", series.getCategoryData().getPointAt(1));
        assertEquals(5000.0, series.getValuesData().getPointAt(1));
    }
}
