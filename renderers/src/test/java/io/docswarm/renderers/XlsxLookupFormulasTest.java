package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.docswarm.renderers.CachedResults.cached;
import static io.docswarm.renderers.CachedResults.round;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.renderers.xlsx.XlsxRenderer;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summary sheets whose figures are computed from a data sheet's table ({@link Lookup}): by a text key, by the month
 * of a date, by a year number; sums, means and counts; and a variance column. The workbook holds SUMIFS,
 * AVERAGEIFS and COUNTIFS formulas whose cached results are the summary's values, that POI and LibreOffice compute
 * to the same values, and that follow an edit of the data.
 */
class XlsxLookupFormulasTest {

    private static final String DATA = "Data sales";
    /** Data columns: Region, Date, Year, Plan, Actual, Conversion rate. */
    private static final int REGION = 0, DATE = 1, YEAR = 2, PLAN = 3, ACTUAL = 4, RATE = 5;
    /** Summary rows start below the title and the header: worksheet row 3 (0-based). */
    private static final int FIRST = 3;

    private static List<List<Object>> rows(int count) {
        String[] regions = {"North", "South", "East"};
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            LocalDate date = LocalDate.of(2025 + r % 2, 1 + r % 3, 1 + r % 27);
            List<Object> row = new ArrayList<>();
            row.add(regions[r % 3]);
            row.add(date);
            row.add((double) date.getYear());
            row.add(100.0 + r);
            row.add(90.0 + 3 * (r % 7));
            // Every fifth rate is missing: a mean leaves it out, a sum treats it as nothing.
            row.add(r % 5 == 4 ? null : 0.01 * (1 + r % 4));
            rows.add(row);
        }
        return rows;
    }

    private static Sheet data(List<List<Object>> rows) {
        return new Sheet(DATA, new Table("Sales", List.of(Table.Column.text("Region"),
                new Table.Column("Date", Table.ColumnType.DATE, ""), Table.Column.number("Year", "0"),
                Table.Column.number("Plan", "#,##0"), Table.Column.number("Actual", "#,##0"),
                Table.Column.number("Conversion rate", "0.0%")), rows, false), List.of(), List.of(), List.of());
    }

    /** The sum of column {@code column}, the mean of its numbers (null without any), and the count of a group. */
    private static Double sum(List<List<Object>> rows, Predicate<List<Object>> group, int column) {
        return rows.stream().filter(group).map(r -> r.get(column)).filter(Double.class::isInstance)
                .mapToDouble(Double.class::cast).sum();
    }

    private static Double mean(List<List<Object>> rows, Predicate<List<Object>> group, int column) {
        var mean = rows.stream().filter(group).map(r -> r.get(column)).filter(Double.class::isInstance)
                .mapToDouble(Double.class::cast).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /** By region: plan and actual summed, their variance, the mean rate and the row count. */
    private static Sheet byRegion(List<List<Object>> data) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (String region : List.of("North", "South", "East")) {
            Predicate<List<Object>> in = r -> region.equals(r.get(REGION));
            double plan = sum(data, in, PLAN);
            double actual = sum(data, in, ACTUAL);
            rows.add(new ArrayList<>(List.of(region, plan, actual, actual - plan)));
            rows.getLast().add(mean(data, in, RATE));
            rows.getLast().add((double) data.stream().filter(in).count());
            keys.add(region);
        }
        Table table = new Table("By region", List.of(Table.Column.text("Region"), Table.Column.number("Plan", "#,##0"),
                Table.Column.number("Actual", "#,##0"), Table.Column.number("Variance", "#,##0"),
                Table.Column.number("Average conversion rate", "0.0%"), Table.Column.number("Rows", "0")), rows, true);
        Lookup lookup = new Lookup(DATA, "Region", Lookup.Grouping.VALUE, 0, keys, List.of(
                Lookup.Aggregation.sum(1, "Plan"), Lookup.Aggregation.sum(2, "Actual"),
                Lookup.Aggregation.average(4, "Conversion rate"), Lookup.Aggregation.count(5)));
        return new Sheet("By region", table, List.of(), List.of(), List.of())
                .computed(lookup, List.of(new Sheet.Difference(3, 2, 1, 1)));
    }

    /** By the month of the date, including a month without rows (its mean blank, its sum 0). */
    private static Sheet byMonth(List<List<Object>> data) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (LocalDate month = LocalDate.of(2025, 1, 1); !month.isAfter(LocalDate.of(2025, 4, 1));
             month = month.plusMonths(1)) {
            LocalDate start = month;
            Predicate<List<Object>> in = r -> ((LocalDate) r.get(DATE)).withDayOfMonth(1).equals(start);
            rows.add(new ArrayList<>(List.of(start.toString().substring(0, 7), sum(data, in, ACTUAL))));
            rows.getLast().add(mean(data, in, RATE));
            keys.add(start);
        }
        Table table = new Table("By month", List.of(Table.Column.text("Month"), Table.Column.number("Actual", "#,##0"),
                Table.Column.number("Average conversion rate", "0.0%")), rows, true);
        return new Sheet("By month", table, List.of(), List.of(), List.of()).computed(new Lookup(DATA, "Date",
                Lookup.Grouping.MONTH, 0, keys, List.of(Lookup.Aggregation.sum(1, "Actual"),
                Lookup.Aggregation.average(2, "Conversion rate"))), List.of());
    }

    /** By a year number: actuals summed and rows counted. */
    private static Sheet byYear(List<List<Object>> data) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (double year : List.of(2025.0, 2026.0)) {
            Predicate<List<Object>> in = r -> r.get(YEAR).equals(year);
            rows.add(List.of(String.valueOf((int) year), sum(data, in, ACTUAL),
                    (double) data.stream().filter(in).count()));
            keys.add(year);
        }
        Table table = new Table("By year", List.of(Table.Column.text("Year"), Table.Column.number("Actual", "#,##0"),
                Table.Column.number("Rows", "0")), rows, true);
        return new Sheet("By year", table, List.of(), List.of(), List.of()).computed(new Lookup(DATA, "Year",
                Lookup.Grouping.VALUE, 0, keys, List.of(Lookup.Aggregation.sum(1, "Actual"),
                Lookup.Aggregation.count(2))), List.of());
    }

    /** The summaries first, as the drafter orders them, then the data they read. */
    private static Document workbook(List<List<Object>> data) {
        return new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(byRegion(data), byMonth(data), byYear(data), data(data)));
    }

    private static XSSFWorkbook render(Document document, XlsxRenderer renderer, List<String> warnings)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        warnings.addAll(renderer.render(document, SkillLibrary.builtIn("workbook").orElseThrow(), out).warnings());
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    /** Each formula cell of a sheet's body and totals: its cached result, a number or the empty string. */
    private static Map<String, Object> formulaResults(XSSFSheet sheet, Function<Cell, Object> value) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.FORMULA) {
                    results.put(cell.getAddress().formatAsString(), value.apply(cell));
                }
            }
        }
        return results;
    }



    /** The model's value of summary body row {@code r}, column {@code c}, as a cell shows it. */
    private static Object modelValue(Sheet sheet, int r, int c) {
        return sheet.table().rows().get(r).get(c) instanceof Double d ? round(d) : "";
    }

    private static void assertLookupFormulas(XSSFWorkbook workbook, Document document) {
        XSSFSheet region = workbook.getSheet("By region");
        assertEquals("SUMIFS(T_Data_sales[[Plan]],T_Data_sales[[Region]],$A4)",
                region.getRow(FIRST).getCell(1).getCellFormula());
        assertEquals("IF(OR(C4=\"\",B4=\"\"),\"\",C4-B4)", region.getRow(FIRST).getCell(3).getCellFormula());
        assertEquals("IFERROR(AVERAGEIFS(T_Data_sales[[Conversion rate]],T_Data_sales[[Region]],$A4),\"\")",
                region.getRow(FIRST).getCell(4).getCellFormula());
        assertEquals("COUNTIFS(T_Data_sales[[Region]],$A4)", region.getRow(FIRST).getCell(5).getCellFormula());
        assertEquals("SUMIFS(T_Data_sales[[Actual]],T_Data_sales[[Date]],\">=\"&DATE(2025,2,1),"
                        + "T_Data_sales[[Date]],\"<\"&DATE(2025,3,1))",
                workbook.getSheet("By month").getRow(FIRST + 1).getCell(1).getCellFormula());
        assertEquals("SUMIFS(T_Data_sales[[Actual]],T_Data_sales[[Year]],2026)",
                workbook.getSheet("By year").getRow(FIRST + 1).getCell(1).getCellFormula());
        // Every computed cell caches the model's value.
        for (Sheet sheet : document.sheets().subList(0, 3)) {
            XSSFSheet target = workbook.getSheet(sheet.name());
            for (int r = 0; r < sheet.table().rows().size(); r++) {
                for (int c = 1; c < sheet.table().columns().size(); c++) {
                    Cell cell = target.getRow(FIRST + r).getCell(c);
                    assertEquals(CellType.FORMULA, cell.getCellType(), sheet.name() + " " + cell.getAddress());
                    assertEquals(modelValue(sheet, r, c), cached(cell), sheet.name() + " " + cell.getAddress());
                }
            }
        }
    }

    /** POI recalculates every formula to the cached results; an edit of the data then carries through. */
    private static void assertRecalculatesAndFollowsEdits(XSSFWorkbook workbook, List<List<Object>> data) {
        List<Map<String, Object>> before = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            before.add(formulaResults(workbook.getSheetAt(s), CachedResults::cached));
        }
        FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        evaluator.evaluateAll();
        for (int s = 0; s < 3; s++) {
            assertEquals(before.get(s), formulaResults(workbook.getSheetAt(s), CachedResults::cached),
                    workbook.getSheetAt(s).getSheetName());
        }
        // The first data row is North, January 2025: raise its actual by 1,000.
        Cell actual = workbook.getSheet(DATA).getRow(FIRST).getCell(ACTUAL);
        assertEquals(data.getFirst().get(ACTUAL), actual.getNumericCellValue());
        actual.setCellValue(actual.getNumericCellValue() + 1000);
        evaluator.clearAllCachedResultValues();
        evaluator.evaluateAll();
        Map<String, Object> region = formulaResults(workbook.getSheet("By region"), CachedResults::cached);
        assertEquals(round((Double) before.getFirst().get("C4") + 1000), region.get("C4"), "North's actual");
        assertEquals(round((Double) before.getFirst().get("D4") + 1000), region.get("D4"), "North's variance");
        assertEquals(before.getFirst().get("C5"), region.get("C5"), "South's actual is untouched");
        assertEquals(round((Double) before.get(1).get("B4") + 1000),
                formulaResults(workbook.getSheet("By month"), CachedResults::cached).get("B4"), "January");
        assertEquals(round((Double) before.get(2).get("B4") + 1000),
                formulaResults(workbook.getSheet("By year"), CachedResults::cached).get("B4"), "2025");
    }

    @Test
    void summaryFiguresAreFormulasOverTheDataSheetThatRecalculateAndFollowEdits() throws IOException {
        List<List<Object>> data = rows(40);
        Document document = workbook(data);
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(document, new XlsxRenderer(), warnings)) {
            assertEquals(List.of(), warnings);
            assertEquals(List.of("By region", "By month", "By year", DATA), List.of(workbook.getSheetName(0),
                    workbook.getSheetName(1), workbook.getSheetName(2), workbook.getSheetName(3)), "tab order");
            assertLookupFormulas(workbook, document);
            // April 2025 has no rows: its sum is 0 and its mean blank, not #DIV/0!.
            assertEquals(0.0, cached(workbook.getSheet("By month").getRow(FIRST + 3).getCell(1)));
            assertEquals("", cached(workbook.getSheet("By month").getRow(FIRST + 3).getCell(2)));
            assertRecalculatesAndFollowsEdits(workbook, data);
        }
    }

    @Test
    void streamedWorkbookCachesTheSameFormulasResults() throws IOException {
        List<List<Object>> data = rows(400);
        Document document = workbook(data);
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(document, new XlsxRenderer(100), warnings)) {
            assertLookupFormulas(workbook, document);
            assertRecalculatesAndFollowsEdits(workbook, data);
        }
    }

    @Test
    void libreOfficeComputesTheSummaryFromTheData(@TempDir Path dir) throws Exception {
        LibreOffice.assumeAvailable();
        List<List<Object>> data = rows(40);
        Document document = workbook(data);
        Path file = dir.resolve("lookups.xlsx");
        try (XSSFWorkbook workbook = render(document, new XlsxRenderer(), new ArrayList<>())) {
            // Stale results everywhere: only a recalculation with correct formulas gives the model's values back.
            for (int s = 0; s < 3; s++) {
                for (Row row : workbook.getSheetAt(s)) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.FORMULA) {
                            cell.setCellValue(-999);
                        }
                    }
                }
            }
            try (var out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
        Map<String, List<List<String>>> sheets = LibreOffice.recalculatedSheets(file,
                Files.createDirectories(dir.resolve("csv")));
        for (Sheet sheet : document.sheets().subList(0, 3)) {
            List<List<String>> rows = sheets.get(sheet.name());
            for (int r = 0; r < sheet.table().rows().size(); r++) {
                for (int c = 1; c < sheet.table().columns().size(); c++) {
                    // Raw values, except that LibreOffice keeps a percentage's sign: "2.5%".
                    String shown = rows.get(FIRST + r).get(c);
                    assertEquals(modelValue(sheet, r, c), shown.isEmpty() ? "" : shown.endsWith("%")
                                    ? round(Double.parseDouble(shown.substring(0, shown.length() - 1)) / 100)
                                    : round(Double.parseDouble(shown)),
                            sheet.name() + " row " + r + " column " + c + " as LibreOffice computes it");
                }
            }
        }
    }

    @Test
    void keysASpreadsheetWouldMatchOtherwiseKeepTheirValues() throws IOException {
        // "north" and "North" are two groups to the model, one to SUMIFS (which ignores case); "N*" is a pattern.
        List<List<Object>> data = List.of(List.of("North", 1.0), List.of("north", 2.0), List.of("N*", 4.0),
                List.of("South", 8.0));
        Sheet source = new Sheet("Data", new Table("Data", List.of(Table.Column.text("Region"),
                Table.Column.number("Amount", "0")), data, false), List.of(), List.of(), List.of());
        Table table = new Table("Summary", List.of(Table.Column.text("Region"), Table.Column.number("Amount", "0")),
                List.of(List.of("North", 1.0), List.of("north", 2.0), List.of("N*", 4.0), List.of("South", 8.0),
                        List.of("Other", 15.0)), true);
        List<Object> keys = new ArrayList<>(List.of("North", "north", "N*", "South"));
        keys.add(null); // a bucket, not a group of the data
        Sheet summary = new Sheet("Summary", table, List.of(), List.of(), List.of()).computed(
                new Lookup("Data", "Region", Lookup.Grouping.VALUE, 0, keys,
                        List.of(Lookup.Aggregation.sum(1, "Amount"))), List.of());
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(summary, source)), new XlsxRenderer(), warnings)) {
            XSSFSheet sheet = workbook.getSheet("Summary");
            for (int r = 0; r < 5; r++) {
                Cell cell = sheet.getRow(FIRST + r).getCell(1);
                assertEquals(r == 3 ? CellType.FORMULA : CellType.NUMERIC, cell.getCellType(), "row " + r);
                assertEquals(table.rows().get(r).get(1), cell.getNumericCellValue(), "row " + r);
            }
            assertTrue(warnings.stream().anyMatch(w -> w.contains("3 figure(s) keep their values")),
                    warnings::toString);
        }
    }

    @Test
    void withoutItsDataSheetASummaryKeepsItsValues() throws IOException {
        List<List<Object>> data = rows(12);
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(byRegion(data))), new XlsxRenderer(), warnings)) {
            Cell plan = workbook.getSheet("By region").getRow(FIRST).getCell(1);
            assertEquals(CellType.NUMERIC, plan.getCellType());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("no sheet 'Data sales'")), warnings::toString);
        }
    }

    @Test
    void lookupsAreCheckedWhereTheyAreMade() {
        List<List<Object>> data = rows(6);
        Sheet region = byRegion(data);
        Exception textColumn = assertThrows(IllegalArgumentException.class, () -> region.computed(new Lookup(DATA,
                "Region", Lookup.Grouping.VALUE, 0, region.lookup().keys(),
                List.of(Lookup.Aggregation.sum(0, "Plan"))), List.of()));
        assertTrue(textColumn.getMessage().contains("'Region', is not a number column"), textColumn.getMessage());
        Exception keys = assertThrows(IllegalArgumentException.class, () -> region.computed(new Lookup(DATA,
                "Region", Lookup.Grouping.VALUE, 0, List.of("North"), List.of()), List.of()));
        assertTrue(keys.getMessage().contains("1 keys for 3 rows"), keys.getMessage());
        Exception month = assertThrows(IllegalArgumentException.class, () -> new Lookup(DATA, "Date",
                Lookup.Grouping.MONTH, 0, List.of(LocalDate.of(2025, 1, 15)), List.of()));
        assertTrue(month.getMessage().contains("the date the period starts on"), month.getMessage());
        Sheet missing = region.computed(new Lookup(DATA, "Territory", Lookup.Grouping.VALUE, 0,
                region.lookup().keys(), region.lookup().columns()), List.of());
        Exception column = assertThrows(IllegalArgumentException.class, () -> new Document(SampleDocuments.metadata(),
                List.of(), List.of(), List.of(missing, data(data))));
        assertTrue(column.getMessage().contains("has no column 'Territory'"), column.getMessage());
        Sheet yearAsText = region.computed(new Lookup(DATA, "Year", Lookup.Grouping.VALUE, 0,
                region.lookup().keys(), List.of()), List.of());
        Exception type = assertThrows(IllegalArgumentException.class, () -> new Document(SampleDocuments.metadata(),
                List.of(), List.of(), List.of(yearAsText, data(data))));
        assertTrue(type.getMessage().contains("key column 'Year' is NUMBER"), type.getMessage());
        assertNull(new Sheet("Plain", region.table(), List.of(), List.of(), List.of()).lookup());
    }

    @Test
    void weeksAreMondayToSundayDateRanges() throws IOException {
        // Weeks of 2025-01-06 .. 2025-02-03; the data's dates fall on any weekday, so a week sums several days.
        List<List<Object>> data = rows(40);
        List<List<Object>> rows = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (LocalDate monday = LocalDate.of(2025, 1, 6); monday.isBefore(LocalDate.of(2025, 2, 10));
             monday = monday.plusWeeks(1)) {
            LocalDate start = monday;
            Predicate<List<Object>> in = r -> !((LocalDate) r.get(DATE)).isBefore(start)
                    && ((LocalDate) r.get(DATE)).isBefore(start.plusDays(7));
            rows.add(new ArrayList<>(List.of("Week of " + start, sum(data, in, ACTUAL))));
            keys.add(start);
        }
        Table table = new Table("By week", List.of(Table.Column.text("Week"), Table.Column.number("Actual", "#,##0")),
                rows, true);
        Sheet byWeek = new Sheet("By week", table, List.of(), List.of(), List.of()).computed(new Lookup(DATA, "Date",
                Lookup.Grouping.WEEK, 0, keys, List.of(Lookup.Aggregation.sum(1, "Actual"))), List.of());
        assertThrows(IllegalArgumentException.class, () -> new Lookup(DATA, "Date", Lookup.Grouping.WEEK, 0,
                List.of(LocalDate.of(2025, 1, 7)), List.of()), "a week starts on a Monday");
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(byWeek, data(data))), new XlsxRenderer(), warnings)) {
            assertEquals(List.of(), warnings);
            XSSFSheet sheet = workbook.getSheet("By week");
            assertEquals("SUMIFS(T_Data_sales[[Actual]],T_Data_sales[[Date]],\">=\"&DATE(2025,1,13),"
                    + "T_Data_sales[[Date]],\"<\"&DATE(2025,1,20))", sheet.getRow(FIRST + 1).getCell(1).getCellFormula());
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            for (int r = 0; r < rows.size(); r++) {
                assertEquals(modelValue(byWeek, r, 1), cached(sheet.getRow(FIRST + r).getCell(1)), "week " + r);
            }
            assertTrue(rows.stream().anyMatch(r -> (Double) r.get(1) > 0), "some weeks have rows");
        }
    }

    @Test
    void periodsOutsideSpreadsheetDatesKeepTheirValues() throws IOException {
        // A "never" dated 9999-12-31: its month ends on DATE(10000,1,1), which Excel cannot compute; a zero date of
        // 1899-12-31 precedes the spreadsheet's dates. Only the month between is a formula.
        List<List<Object>> data = List.of(
                List.of(LocalDate.of(1899, 12, 31), 1.0), List.of(LocalDate.of(2025, 1, 2), 2.0),
                List.of(LocalDate.of(2025, 1, 30), 4.0), List.of(LocalDate.of(9999, 12, 31), 8.0));
        Sheet source = new Sheet("Data", new Table("Data", List.of(new Table.Column("Date", Table.ColumnType.DATE, ""),
                Table.Column.number("Amount", "0")), data, false), List.of(), List.of(), List.of());
        Table table = new Table("Summary", List.of(Table.Column.text("Month"), Table.Column.number("Amount", "0")),
                List.of(List.of("Dec 1899", 1.0), List.of("Jan 2025", 6.0), List.of("Dec 9999", 8.0)), true);
        Sheet summary = new Sheet("Summary", table, List.of(), List.of(), List.of()).computed(new Lookup("Data",
                "Date", Lookup.Grouping.MONTH, 0, List.of(LocalDate.of(1899, 12, 1), LocalDate.of(2025, 1, 1),
                LocalDate.of(9999, 12, 1)), List.of(Lookup.Aggregation.sum(1, "Amount"))), List.of());
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(new Document(SampleDocuments.metadata(), List.of(), List.of(),
                List.of(summary, source)), new XlsxRenderer(), warnings)) {
            XSSFSheet sheet = workbook.getSheet("Summary");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            for (int r = 0; r < 3; r++) {
                Cell cell = sheet.getRow(FIRST + r).getCell(1);
                assertEquals(r == 1 ? CellType.FORMULA : CellType.NUMERIC, cell.getCellType(), "row " + r);
                assertEquals(table.rows().get(r).get(1), cell.getNumericCellValue(), "row " + r);
            }
            assertTrue(warnings.stream().anyMatch(w -> w.contains("2 figure(s) keep their values")),
                    warnings::toString);
        }
    }
}
