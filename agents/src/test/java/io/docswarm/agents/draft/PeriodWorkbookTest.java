package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Sheet;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook of daily sales: its summary has a row per month, each month's revenue a SUMIFS over the data sheet's
 * dates from the month's first day to the next month's, its conversion rate an AVERAGEIFS, whose results are the
 * month's sum and mean.
 */
class PeriodWorkbookTest {

    @Test
    void monthsOfDailyDataAreDateRangeLookupsWhoseResultsAreTheMonthsSums(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("Date,Revenue,Conversion rate\n");
        Map<YearMonth, Double> revenue = new TreeMap<>();
        for (LocalDate day = LocalDate.of(2025, 1, 1); !day.isAfter(LocalDate.of(2026, 3, 10));
             day = day.plusDays(1)) {
            double amount = 100 + 10 * (day.getDayOfMonth() % 7) + 20 * day.getMonthValue();
            csv.append(day).append(',').append((long) amount).append(',')
                    .append(0.02 + 0.001 * (day.getDayOfMonth() % 5)).append('\n');
            revenue.merge(YearMonth.from(day), amount, Double::sum);
        }
        DataTable data = DraftedWorkbooks.load(dir, "daily-sales.csv", "Daily sales", csv);
        Document document = DraftedWorkbooks.draft("daily-sales", "Daily sales",
                "A workbook of the daily sales.", data);
        Sheet summary = document.sheets().getFirst();
        Lookup lookup = summary.lookup();
        assertNotNull(lookup, "the summary's measures are looked up");
        assertEquals(Lookup.Grouping.MONTH, lookup.grouping());
        assertEquals("Date", lookup.sourceKey());
        assertEquals(15, summary.table().rows().size(), "a row per month, not per day");
        assertEquals("Month", summary.table().columns().getFirst().name());

        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFWorkbook workbook = rendered.workbook();
            assertTrue(rendered.warnings().stream().noneMatch(w -> w.contains("keep")), rendered.warnings()::toString);
            XSSFSheet sheet = workbook.getSheet(summary.name());
            int first = DraftedWorkbooks.firstRow(summary);
            Cell february = sheet.getRow(first + 13).getCell(1);
            assertEquals("Feb 2026", sheet.getRow(first + 13).getCell(0).getStringCellValue());
            assertEquals("SUMIFS(T_Data_Daily_sales[[Revenue]],T_Data_Daily_sales[[Date]],\">=\"&DATE(2026,2,1),"
                    + "T_Data_Daily_sales[[Date]],\"<\"&DATE(2026,3,1))", february.getCellFormula());
            assertTrue(sheet.getRow(first).getCell(2).getCellFormula().startsWith("IFERROR(AVERAGEIFS("),
                    sheet.getRow(first).getCell(2).getCellFormula());
            assertEquals("Mar 2026 (to 10 Mar)", sheet.getRow(first + 14).getCell(0).getStringCellValue());
            DraftedWorkbooks.recalculate(workbook);
            int r = 0;
            for (Map.Entry<YearMonth, Double> month : revenue.entrySet()) {
                Cell cell = sheet.getRow(first + r).getCell(1);
                assertEquals(CellType.FORMULA, cell.getCellType(), cell.getAddress().formatAsString());
                assertEquals(month.getValue(), cell.getNumericCellValue(), 1e-6, month.getKey().toString());
                assertEquals((Double) summary.table().rows().get(r).get(2),
                        sheet.getRow(first + r).getCell(2).getNumericCellValue(), 1e-12, "mean rate " + month.getKey());
                r++;
            }
        }
    }

    /**
     * The summary's "Change in Revenue" compares whole months only: the month the data starts in the middle of and
     * the month it stops in are partial, so neither has a change, nor does the month after the first (its rise from
     * half a month would be no rise); every other month's change, as the spreadsheet computes it, is its growth.
     */
    @Test
    void theChangeColumnComparesNoMonthWithAPartialOne(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("Date,Revenue\n");
        Map<YearMonth, Double> revenue = dailyRevenue(csv, LocalDate.of(2025, 1, 15), LocalDate.of(2026, 3, 10));
        DataTable data = DraftedWorkbooks.load(dir, "daily-revenue.csv", "Daily revenue", csv);
        Document document = DraftedWorkbooks.draft("daily-revenue", "Daily revenue",
                "A workbook of the daily revenue.", data);
        Sheet summary = document.sheets().getFirst();
        Sheet.DerivedColumn change = summary.derivedColumns().getFirst();
        assertEquals(Sheet.DerivedKind.GROWTH_FROM_PREVIOUS, change.kind(), summary.derivedColumns()::toString);
        assertEquals(List.of(0, 14), change.incomparableRows(), "the partial first and last months");

        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFWorkbook workbook = rendered.workbook();
            XSSFSheet sheet = workbook.getSheet(summary.name());
            int first = DraftedWorkbooks.firstRow(summary);
            int column = summary.table().columns().size();
            assertEquals(change.name(), sheet.getRow(first - 1).getCell(column).getStringCellValue());
            DraftedWorkbooks.recalculate(workbook);
            List<Double> months = List.copyOf(revenue.values());
            for (int r = 0; r < months.size(); r++) {
                Cell cell = sheet.getRow(first + r).getCell(column);
                String month = sheet.getRow(first + r).getCell(0).getStringCellValue();
                if (r == 0 || r == 1 || r == months.size() - 1) {
                    assertEquals(CellType.STRING, cell.getCachedFormulaResultType(), month);
                    assertEquals("", cell.getStringCellValue(), month + " has no change");
                } else {
                    assertEquals(months.get(r) / months.get(r - 1) - 1, cell.getNumericCellValue(), 1e-12, month);
                }
            }
        }
    }

    /**
     * Headcount, a level, is its month-end's in the summary: no SUMIFS over a month's rows gives that, so its cells
     * stay values, while hires, an amount, are looked up and their formulas give the values.
     */
    @Test
    void aLevelStaysAValueBesideLookedUpAmounts(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("Team,Date,Headcount,Hires\n");
        for (int i = 0; i < 15; i++) {
            LocalDate monthEnd = YearMonth.of(2025, 1).plusMonths(i).atEndOfMonth();
            csv.append("Platform,").append(monthEnd).append(',').append(20 + i).append(',').append(1 + i % 3)
                    .append('\n');
            csv.append("Apps,").append(monthEnd).append(',').append(30 - i % 5).append(',').append(2).append('\n');
        }
        DataTable data = DraftedWorkbooks.load(dir, "staffing.csv", "Staffing", csv);
        Document document = DraftedWorkbooks.draft("staffing", "Staffing", "A workbook of the staffing.", data);
        Sheet summary = document.sheets().getFirst();
        assertEquals(List.of("Month", "Headcount", "Hires"),
                summary.table().columns().stream().map(c -> c.name()).toList());
        assertNotNull(summary.lookup(), "hires are looked up");
        assertEquals(null, summary.lookup().columnAt(1), "headcount stays a value");
        assertNotNull(summary.lookup().columnAt(2));

        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFWorkbook workbook = rendered.workbook();
            XSSFSheet sheet = workbook.getSheet(summary.name());
            int first = DraftedWorkbooks.firstRow(summary);
            DraftedWorkbooks.recalculate(workbook);
            for (int r = 0; r < 15; r++) {
                Cell headcount = sheet.getRow(first + r).getCell(1);
                Cell hires = sheet.getRow(first + r).getCell(2);
                assertEquals(CellType.NUMERIC, headcount.getCellType());
                assertEquals(50 + r - r % 5, headcount.getNumericCellValue(), 1e-9, "month " + r);
                assertEquals(CellType.FORMULA, hires.getCellType());
                assertEquals((Double) summary.table().rows().get(r).get(2), hires.getNumericCellValue(), 1e-9);
            }
            Cell headcountTotal = sheet.getRow(first + 15).getCell(1);
            assertTrue(headcountTotal.getCellType() != CellType.FORMULA, "no total of fifteen month-ends");
        }
    }

    /**
     * Daily revenue to 10 Mar 2026: the line leaves March's ten days out and says so, and the workbook's chart is
     * bound to the whole months' cells only, not to every row of the summary.
     */
    @Test
    void theWorkbooksLineLeavesOutThePartialMonthItsTitleNames(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("Date,Revenue\n");
        Map<YearMonth, Double> revenue = dailyRevenue(csv, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 10));
        DataTable data = DraftedWorkbooks.load(dir, "daily-sales.csv", "Daily sales", csv);
        Document document = DraftedWorkbooks.draft("daily-sales", "Daily sales",
                "A workbook of the daily sales.", data);
        Sheet summary = document.sheets().getFirst();
        io.docswarm.renderers.model.Chart chart = summary.charts().getFirst();
        assertEquals(revenue.size() - 1, chart.categories().size(), chart.categories().toString());
        assertTrue(chart.title().endsWith("(Mar 2026 left out: data to 10 Mar)"), chart.title());
        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFSheet sheet = rendered.workbook().getSheet(summary.name());
            int first = DraftedWorkbooks.firstRow(summary);
            var plotted = sheet.getDrawingPatriarch().getCharts().getFirst().getChartSeries().getFirst().getSeries(0);
            assertEquals(chart.categories().size(), plotted.getCategoryData().getPointCount());
            assertEquals(new CellRangeAddress(first, first + chart.categories().size() - 1, 0, 0)
                    .formatAsString(summary.name(), true), plotted.getCategoryData().getDataRangeReference());
            assertEquals(new CellRangeAddress(first, first + chart.categories().size() - 1, 1, 1)
                    .formatAsString(summary.name(), true), plotted.getValuesData().getDataRangeReference());
        }
    }

    @Test
    void strayDatesKeepMonthsOfTheirOwnWhileTheDataKeepsItsMonthlyLookups(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("Date,Revenue\n");
        Map<YearMonth, Double> revenue = dailyRevenue(csv, LocalDate.of(2024, 4, 1), LocalDate.of(2026, 3, 31));
        csv.append("1899-12-31,5\n9999-12-31,7\n");
        revenue.put(YearMonth.of(1899, 12), 5.0);
        revenue.put(YearMonth.of(9999, 12), 7.0);
        DataTable data = DraftedWorkbooks.load(dir, "daily-sales.csv", "Daily sales", csv);
        Document document = DraftedWorkbooks.draft("daily-sales", "Daily sales",
                "A workbook of the daily sales.", data);
        Sheet summary = document.sheets().getFirst();
        Lookup lookup = summary.lookup();
        assertEquals(Lookup.Grouping.MONTH, lookup.grouping(), "months, not the years of 1899 to 9999");
        assertEquals(revenue.keySet().stream().map(month -> (Object) month.atDay(1)).toList(), lookup.keys(),
                "each period's key is its first day, the strays' months first and last");
        assertTrue(summary.notes().stream().anyMatch(n -> n.contains("31 Dec 1899 and 31 Dec 9999 lie far outside")),
                summary.notes()::toString);
        assertEquals(List.of(0, revenue.size() - 1), summary.derivedColumns().getFirst().incomparableRows(),
                "no change is computed from Dec 1899 into Apr 2024, nor into Dec 9999");
        io.docswarm.renderers.model.Chart chart = summary.charts().getFirst();
        List<String> line = chart.categories();
        assertEquals(revenue.size() - 2, line.size(), "the line runs over the data's own months: " + line);
        assertEquals("Apr 2024", line.getFirst());
        assertEquals("Mar 2026", line.getLast());
        assertTrue(chart.title().endsWith("(Dec 1899 and Dec 9999 left out: stray dates)"), chart.title());

        try (DraftedWorkbooks.Rendered rendered = DraftedWorkbooks.render(document)) {
            XSSFWorkbook workbook = rendered.workbook();
            XSSFSheet sheet = workbook.getSheet(summary.name());
            int first = DraftedWorkbooks.firstRow(summary);
            assertEquals("Dec 1899", sheet.getRow(first).getCell(0).getStringCellValue());
            XDDFDataSource<?> plotted = sheet.getDrawingPatriarch().getCharts().getFirst().getChartSeries().getFirst()
                    .getSeries(0).getCategoryData();
            assertEquals(line.size(), plotted.getPointCount());
            assertEquals(new CellRangeAddress(first + 1, first + line.size(), 0, 0).formatAsString(summary.name(), true),
                    plotted.getDataRangeReference(), "the workbook's line is bound to the data's own months' cells");
            assertEquals("SUMIFS(T_Data_Daily_sales[[Revenue]],T_Data_Daily_sales[[Date]],\">=\"&DATE(2024,4,1),"
                    + "T_Data_Daily_sales[[Date]],\"<\"&DATE(2024,5,1))", sheet.getRow(first + 1).getCell(1)
                    .getCellFormula());
            DraftedWorkbooks.recalculate(workbook);
            int r = 0;
            for (Map.Entry<YearMonth, Double> month : revenue.entrySet()) {
                Cell cell = sheet.getRow(first + r).getCell(1);
                boolean stray = month.getKey().getYear() < 2000 || month.getKey().getYear() > 3000;
                assertEquals(stray ? CellType.NUMERIC : CellType.FORMULA, cell.getCellType(),
                        "a stray's month outside spreadsheet dates keeps its value: " + month.getKey());
                assertEquals(month.getValue(), cell.getNumericCellValue(), 1e-6, month.getKey().toString());
                r++;
            }
            assertEquals(26, r);
        }
    }

    /** One "date,revenue" line a day from {@code from} to {@code to} appended to {@code csv}; each month's sum. */
    private static Map<YearMonth, Double> dailyRevenue(StringBuilder csv, LocalDate from, LocalDate to) {
        Map<YearMonth, Double> revenue = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            double amount = 100 + 10 * (day.getDayOfMonth() % 7) + 20 * day.getMonthValue();
            csv.append(day).append(',').append((long) amount).append('\n');
            revenue.merge(YearMonth.from(day), amount, Double::sum);
        }
        return revenue;
    }
}
