package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.docswarm.renderers.CachedResults.cached;
import static io.docswarm.renderers.CachedResults.round;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * Rates as ratios of sums in a workbook: a {@link Table.Ratio} total is the quotient of two columns' SUBTOTALs, a
 * {@link Sheet.Quotient} column divides two cells of its row. Both are formulas whose cached results are the
 * table's values, that POI and LibreOffice compute to the same values, blank where the denominator is 0, and that
 * follow an edit: of an operand, or of the data sheet a quotient's operands are looked up from.
 */
class XlsxRatioFormulasTest {

    /** Body rows start below the title and the header: worksheet row 3 (0-based), "4" in a formula. */
    private static final int FIRST = 3;

    private static XSSFWorkbook render(Document document, XlsxRenderer renderer, List<String> warnings)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        warnings.addAll(renderer.render(document, SkillLibrary.builtIn("workbook").orElseThrow(), out).warnings());
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static Document workbook(Sheet... sheets) {
        return new Document(SampleDocuments.metadata(), List.of(), List.of(), List.of(sheets));
    }



    private static Object shown(Double value) {
        return value == null ? "" : round(value);
    }

    /** Every formula of the sheet given a stale result, so only a recalculation gives the right ones back. */
    private static void staleResults(XSSFSheet sheet) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.FORMULA) {
                    cell.setCellValue(-999);
                }
            }
        }
    }

    // --- Totals row -------------------------------------------------------------------------------------------

    private static Sheet channels() {
        return new Sheet("Channels", TableRatioTest.channels(), List.of(), List.of(), List.of());
    }

    @Test
    void inMemoryRatioTotalsAreQuotientsOfSubtotals() throws IOException {
        assertRatioTotals(new XlsxRenderer());
    }

    @Test
    void streamedRatioTotalsCacheTheSameResults() throws IOException {
        assertRatioTotals(new XlsxRenderer(2));
    }

    private static void assertRatioTotals(XlsxRenderer renderer) throws IOException {
        Table table = TableRatioTest.channels();
        try (XSSFWorkbook workbook = render(workbook(channels()), renderer, new ArrayList<>())) {
            XSSFSheet sheet = workbook.getSheet("Channels");
            Row totals = sheet.getRow(sheet.getLastRowNum());
            assertEquals("IF(SUBTOTAL(109,B4:B7)=0,\"\",SUBTOTAL(109,C4:C7)/SUBTOTAL(109,B4:B7))",
                    totals.getCell(TableRatioTest.RATE).getCellFormula());
            assertEquals("IF(SUBTOTAL(109,E4:E7)=0,\"\",SUBTOTAL(109,F4:F7)/SUBTOTAL(109,E4:E7)*100)",
                    totals.getCell(TableRatioTest.MARGIN).getCellFormula());
            for (int c : new int[] {TableRatioTest.RATE, TableRatioTest.MARGIN}) {
                assertEquals(round(table.aggregate(c).getAsDouble()), cached(totals.getCell(c)), "cached, column " + c);
            }
            staleResults(sheet);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            assertEquals(round(58.0 / 2000), cached(totals.getCell(TableRatioTest.RATE)), "all orders / all visits");
            assertEquals(round(2600.0 / 10000 * 100), cached(totals.getCell(TableRatioTest.MARGIN)));
        }
    }

    @Test
    void aRatioTotalOverNoVisitsIsBlank() throws IOException {
        Table table = new Table("No visits", List.of(Table.Column.text("Channel"), Table.Column.number("Visits", "0"),
                Table.Column.number("Orders", "0"), Table.Column.ratio("Rate", "0.0%", new Table.Ratio(2, 1, 1))),
                List.of(Arrays.asList("Print", 0.0, 3.0, null), Arrays.asList("Radio", null, 1.0, null)), true);
        try (XSSFWorkbook workbook = render(workbook(new Sheet("No visits", table, List.of(), List.of(), List.of())),
                new XlsxRenderer(), new ArrayList<>())) {
            XSSFSheet sheet = workbook.getSheet("No visits");
            Cell total = sheet.getRow(sheet.getLastRowNum()).getCell(3);
            assertEquals("", cached(total));
            staleResults(sheet);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            assertEquals("", cached(total), "blank, never #DIV/0!");
        }
    }

    // --- Quotient columns -------------------------------------------------------------------------------------

    /**
     * The channels table with its rates as quotients: Conversion rate = Orders / Visits, Margin % = Profit /
     * Revenue * 100, plus a channel whose visits are 0 (its rate blank) and whose margin is a quotient of
     * a blank profit (blank too).
     */
    private static Sheet channelQuotients() {
        Table channels = TableRatioTest.channels();
        List<List<Object>> rows = new ArrayList<>(channels.rows());
        rows.add(Arrays.asList("Radio", 0.0, 2.0, null, 500.0, null, null));
        Table table = new Table(channels.caption(), channels.columns(), rows, true);
        return new Sheet("Channels", table, List.of(), List.of(), List.of()).computed(null, List.of(), List.of(
                new Sheet.Quotient(TableRatioTest.RATE, TableRatioTest.ORDERS, TableRatioTest.VISITS, 1),
                new Sheet.Quotient(TableRatioTest.MARGIN, TableRatioTest.PROFIT, TableRatioTest.REVENUE, 100)));
    }

    @Test
    void quotientCellsAreGuardedFormulasThatGiveTheTablesValues() throws IOException {
        Sheet sheet = channelQuotients();
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(workbook(sheet), new XlsxRenderer(), warnings)) {
            assertEquals(List.of(), warnings);
            XSSFSheet target = workbook.getSheet("Channels");
            assertEquals("IF(OR(C4=\"\",B4=\"\",B4=0),\"\",C4/B4)",
                    target.getRow(FIRST).getCell(TableRatioTest.RATE).getCellFormula());
            assertEquals("IF(OR(F5=\"\",E5=\"\",E5=0),\"\",F5/E5*100)",
                    target.getRow(FIRST + 1).getCell(TableRatioTest.MARGIN).getCellFormula());
            assertQuotients(sheet, target, "cached");
            staleResults(target);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            assertQuotients(sheet, target, "evaluated by POI");
            // Radio: 0 visits and a blank profit; Print: blank visits and orders.
            assertEquals("", cached(target.getRow(FIRST + 4).getCell(TableRatioTest.RATE)));
            assertEquals("", cached(target.getRow(FIRST + 4).getCell(TableRatioTest.MARGIN)));
            assertEquals("", cached(target.getRow(FIRST + 3).getCell(TableRatioTest.RATE)));
            // An edit of an operand carries through: Email's orders 20 -> 50 of 200 visits.
            target.getRow(FIRST + 1).getCell(TableRatioTest.ORDERS).setCellValue(50);
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            evaluator.evaluateAll();
            assertEquals(round(0.25), cached(target.getRow(FIRST + 1).getCell(TableRatioTest.RATE)));
            assertEquals(round(90.0 / 2000), cached(target.getRow(target.getLastRowNum())
                    .getCell(TableRatioTest.RATE)), "the total follows too");
        }
    }

    @Test
    void streamedQuotientsCacheTheTablesValues() throws IOException {
        Sheet sheet = channelQuotients();
        try (XSSFWorkbook workbook = render(workbook(sheet), new XlsxRenderer(2), new ArrayList<>())) {
            XSSFSheet target = workbook.getSheet("Channels");
            assertQuotients(sheet, target, "cached by a streamed sheet");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            assertQuotients(sheet, target, "evaluated by POI");
        }
    }

    /** Each quotient cell is a formula whose result is the table's value. */
    private static void assertQuotients(Sheet sheet, XSSFSheet target, String how) {
        for (int r = 0; r < sheet.table().rows().size(); r++) {
            for (Sheet.Quotient quotient : sheet.quotients()) {
                Cell cell = target.getRow(FIRST + r).getCell(quotient.column());
                assertEquals(CellType.FORMULA, cell.getCellType(), cell.getAddress().formatAsString());
                assertEquals(shown((Double) sheet.table().rows().get(r).get(quotient.column())), cached(cell),
                        cell.getAddress() + " " + how);
            }
        }
    }

    @Test
    void aQuotientThatIsNotItsRowsQuotientKeepsItsValue() throws IOException {
        Table table = new Table("Rates", List.of(Table.Column.text("Channel"), Table.Column.number("Visits", "0"),
                Table.Column.number("Orders", "0"), Table.Column.number("Rate", "0.0%")),
                List.of(List.of("Search", 100.0, 5.0, 0.05), List.of("Email", 100.0, 5.0, 0.06)), false);
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(workbook(new Sheet("Rates", table, List.of(), List.of(), List.of())
                .computed(null, List.of(), List.of(new Sheet.Quotient(3, 2, 1, 1)))), new XlsxRenderer(), warnings)) {
            XSSFSheet sheet = workbook.getSheet("Rates");
            assertEquals(CellType.FORMULA, sheet.getRow(FIRST).getCell(3).getCellType());
            assertEquals(CellType.NUMERIC, sheet.getRow(FIRST + 1).getCell(3).getCellType());
            assertEquals(0.06, sheet.getRow(FIRST + 1).getCell(3).getNumericCellValue());
            assertEquals(List.of("sheet 'Rates': 1 quotient(s) keep their values: they are not the quotient of their "
                    + "row's cells"), warnings);
        }
    }

    /**
     * Quotients over a difference's results: Added = This year - Last year (blank where last year is), Cost per
     * added customer = Cost / Added, Added % = Added / Last year * 100. South's Added is a formula's blank (the
     * empty text, which is not 0), East's a formula's 0: both leave Cost per added blank, never #VALUE! or #DIV/0!.
     */
    private static Sheet customers() {
        List<List<Object>> rows = List.of(
                Arrays.asList("North", 100.0, 130.0, 30.0, 600.0, 20.0, 30.0),
                Arrays.asList("South", null, 80.0, null, 500.0, null, null),
                Arrays.asList("East", 50.0, 50.0, 0.0, 100.0, null, 0.0));
        Table table = new Table("Customers", List.of(Table.Column.text("Region"),
                Table.Column.number("Last year", "#,##0"), Table.Column.number("This year", "#,##0"),
                Table.Column.number("Added", "#,##0"), Table.Column.number("Cost", "#,##0"),
                Table.Column.ratio("Cost per added customer", "#,##0.00", new Table.Ratio(4, 3, 1)),
                Table.Column.ratio("Added %", "0.0", new Table.Ratio(3, 1, 100))), rows, true);
        return new Sheet("Customers", table, List.of(), List.of(), List.of()).computed(null,
                List.of(new Sheet.Difference(3, 2, 1, 1)),
                List.of(new Sheet.Quotient(5, 4, 3, 1), new Sheet.Quotient(6, 3, 1, 100)));
    }

    @Test
    void blankAndZeroResultsOfOtherFormulasLeaveTheQuotientBlank() throws IOException {
        Sheet customers = customers();
        try (XSSFWorkbook workbook = render(workbook(customers), new XlsxRenderer(), new ArrayList<>())) {
            XSSFSheet sheet = workbook.getSheet("Customers");
            assertEquals("IF(OR(E5=\"\",D5=\"\",D5=0),\"\",E5/D5)",
                    sheet.getRow(FIRST + 1).getCell(5).getCellFormula());
            staleResults(sheet);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            assertQuotients(customers, sheet, "evaluated by POI");
            assertEquals("", cached(sheet.getRow(FIRST + 1).getCell(3)), "South's Added is a blank result");
            assertEquals(round(1200.0 / 30), cached(sheet.getRow(FIRST + 3).getCell(5)), "all cost / all added");
        }
    }

    // --- Quotients over looked-up sums ------------------------------------------------------------------------

    private static final String DATA = "Web data";
    /** Data columns: Channel, Visits, Orders, Planned orders. */
    private static final int D_CHANNEL = 0, D_VISITS = 1, D_ORDERS = 2, D_PLAN = 3;
    /**
     * Summary columns: Channel, Visits and Orders (looked-up sums), Conversion rate (Orders / Visits), Plan (a
     * looked-up sum), Over plan (Orders - Plan) and Over plan % (Over plan / Plan * 100: a quotient of a
     * difference of looked-up sums).
     */
    private static final int S_VISITS = 1, S_ORDERS = 2, S_RATE = 3, S_PLAN = 4, S_OVER = 5, S_OVER_PERCENT = 6;
    private static final List<String> CHANNELS = List.of("Search", "Email", "Social", "Print");

    /** Several days per channel; Print never has visits, so its rate is blank. */
    private static List<List<Object>> data() {
        List<List<Object>> rows = new ArrayList<>();
        for (int day = 0; day < 12; day++) {
            String channel = CHANNELS.get(day % 4);
            double visits = channel.equals("Print") ? 0 : 100 + 37 * day;
            rows.add(Arrays.asList(channel, visits, (double) (3 + day * 2 % 7), (double) (4 + day % 3)));
        }
        return rows;
    }

    private static Sheet dataSheet(List<List<Object>> rows) {
        return new Sheet(DATA, new Table("Visits by day", List.of(Table.Column.text("Channel"),
                Table.Column.number("Visits", "#,##0"), Table.Column.number("Orders", "#,##0"),
                Table.Column.number("Planned orders", "#,##0")), rows, false), List.of(), List.of(), List.of());
    }

    private static double sum(List<List<Object>> rows, String channel, int column) {
        return rows.stream().filter(r -> r.get(D_CHANNEL).equals(channel)).mapToDouble(r -> (Double) r.get(column))
                .sum();
    }

    /** Each channel's rate is its summed orders over its summed visits: a ratio of sums, not a mean of rates. */
    private static Sheet byChannel(List<List<Object>> data) {
        List<List<Object>> rows = new ArrayList<>();
        for (String channel : CHANNELS) {
            double visits = sum(data, channel, D_VISITS);
            double orders = sum(data, channel, D_ORDERS);
            double plan = sum(data, channel, D_PLAN);
            rows.add(Arrays.asList(channel, visits, orders, visits == 0 ? null : orders / visits, plan,
                    orders - plan, (orders - plan) / plan * 100));
        }
        Table table = new Table("By channel", List.of(Table.Column.text("Channel"),
                Table.Column.number("Visits", "#,##0"), Table.Column.number("Orders", "#,##0"),
                Table.Column.ratio("Conversion rate", "0.0%", new Table.Ratio(S_ORDERS, S_VISITS, 1)),
                Table.Column.number("Plan", "#,##0"), Table.Column.number("Over plan", "#,##0"),
                Table.Column.ratio("Over plan %", "0.0", new Table.Ratio(S_OVER, S_PLAN, 100))), rows, true);
        Lookup lookup = new Lookup(DATA, "Channel", Lookup.Grouping.VALUE, 0, new ArrayList<>(CHANNELS), List.of(
                Lookup.Aggregation.sum(S_VISITS, "Visits"), Lookup.Aggregation.sum(S_ORDERS, "Orders"),
                Lookup.Aggregation.sum(S_PLAN, "Planned orders")));
        return new Sheet("By channel", table, List.of(), List.of(), List.of()).computed(lookup,
                List.of(new Sheet.Difference(S_OVER, S_ORDERS, S_PLAN, 1)),
                List.of(new Sheet.Quotient(S_RATE, S_ORDERS, S_VISITS, 1),
                        new Sheet.Quotient(S_OVER_PERCENT, S_OVER, S_PLAN, 100)));
    }

    @Test
    void quotientsOverLookedUpSumsFollowAnEditOfTheData() throws IOException {
        List<List<Object>> data = data();
        Sheet summary = byChannel(data);
        List<String> warnings = new ArrayList<>();
        try (XSSFWorkbook workbook = render(workbook(summary, dataSheet(data)), new XlsxRenderer(), warnings)) {
            assertEquals(List.of(), warnings);
            XSSFSheet sheet = workbook.getSheet("By channel");
            assertEquals("SUMIFS(T_Web_data[[Orders]],T_Web_data[[Channel]],$A4)",
                    sheet.getRow(FIRST).getCell(S_ORDERS).getCellFormula());
            assertEquals("IF(OR(C4=\"\",B4=\"\",B4=0),\"\",C4/B4)",
                    sheet.getRow(FIRST).getCell(S_RATE).getCellFormula());
            assertEquals("IF(OR(F4=\"\",E4=\"\",E4=0),\"\",F4/E4*100)",
                    sheet.getRow(FIRST).getCell(S_OVER_PERCENT).getCellFormula());
            staleResults(sheet);
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            evaluator.evaluateAll();
            assertSummary(summary, sheet, "evaluated by POI");
            assertEquals("", cached(sheet.getRow(FIRST + 3).getCell(S_RATE)), "Print has no visits");

            // Search's first day: 100 more visits and 40 more orders. Its rate is the new sums' ratio.
            Row first = workbook.getSheet(DATA).getRow(FIRST);
            assertEquals("Search", first.getCell(D_CHANNEL).getStringCellValue());
            first.getCell(D_VISITS).setCellValue(first.getCell(D_VISITS).getNumericCellValue() + 100);
            first.getCell(D_ORDERS).setCellValue(first.getCell(D_ORDERS).getNumericCellValue() + 40);
            evaluator.clearAllCachedResultValues();
            evaluator.evaluateAll();
            double visits = sum(data, "Search", D_VISITS) + 100;
            double orders = sum(data, "Search", D_ORDERS) + 40;
            double plan = sum(data, "Search", D_PLAN);
            assertEquals(round(orders / visits), cached(sheet.getRow(FIRST).getCell(S_RATE)), "Search's rate");
            assertEquals(round((orders - plan) / plan * 100), cached(sheet.getRow(FIRST).getCell(S_OVER_PERCENT)));
            assertEquals(round((double) summary.table().rows().get(1).get(S_RATE)),
                    cached(sheet.getRow(FIRST + 1).getCell(S_RATE)), "Email's rate is untouched");
            double allOrders = data.stream().mapToDouble(r -> (Double) r.get(D_ORDERS)).sum() + 40;
            double allVisits = data.stream().mapToDouble(r -> (Double) r.get(D_VISITS)).sum() + 100;
            assertEquals(round(allOrders / allVisits), cached(sheet.getRow(FIRST + 4).getCell(S_RATE)), "the total");
        }
    }

    @Test
    void streamedQuotientsOverLookedUpSumsCacheTheTablesValues() throws IOException {
        List<List<Object>> data = data();
        Sheet summary = byChannel(data);
        try (XSSFWorkbook workbook = render(workbook(summary, dataSheet(data)), new XlsxRenderer(4),
                new ArrayList<>())) {
            XSSFSheet sheet = workbook.getSheet("By channel");
            assertSummary(summary, sheet, "cached by a streamed sheet");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            assertSummary(summary, sheet, "evaluated by POI");
        }
    }

    /** Every computed summary cell and ratio total is a formula whose result is the table's value. */
    private static void assertSummary(Sheet summary, XSSFSheet sheet, String how) {
        Table table = summary.table();
        for (int r = 0; r < table.rows().size(); r++) {
            for (int c = 1; c < table.columns().size(); c++) {
                Cell cell = sheet.getRow(FIRST + r).getCell(c);
                assertEquals(CellType.FORMULA, cell.getCellType(), cell.getAddress().formatAsString());
                assertEquals(shown((Double) table.rows().get(r).get(c)), cached(cell), cell.getAddress() + " " + how);
            }
        }
        Row totals = sheet.getRow(FIRST + table.rows().size());
        for (int c : new int[] {S_RATE, S_OVER_PERCENT}) {
            assertEquals(round(table.aggregate(c).getAsDouble()), cached(totals.getCell(c)), "total " + c + " " + how);
        }
    }

    @Test
    void libreOfficeComputesTheQuotientsAndRatioTotals(@TempDir Path dir) throws Exception {
        LibreOffice.assumeAvailable();
        List<List<Object>> data = data();
        Sheet summary = byChannel(data);
        Path file = dir.resolve("ratios.xlsx");
        try (XSSFWorkbook workbook = render(workbook(summary, dataSheet(data), customers()), new XlsxRenderer(),
                new ArrayList<>())) {
            staleResults(workbook.getSheet("By channel"));
            staleResults(workbook.getSheet("Customers"));
            try (var out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
        Map<String, List<List<String>>> sheets = LibreOffice.recalculatedSheets(file,
                Files.createDirectories(dir.resolve("csv")));
        assertLibreOffice(summary.table(), sheets.get("By channel"));
        assertLibreOffice(customers().table(), sheets.get("Customers"));
    }

    /** Every body and totals cell after column A as LibreOffice computes it equals the table's value or total. */
    private static void assertLibreOffice(Table table, List<List<String>> rows) {
        for (int r = 0; r <= table.rows().size(); r++) {
            boolean totals = r == table.rows().size();
            for (int c = 1; c < table.columns().size(); c++) {
                Double expected = totals ? (table.aggregate(c).isPresent() ? table.aggregate(c).getAsDouble() : null)
                        : (Double) table.rows().get(r).get(c);
                assertEquals(shown(expected), libreOffice(rows.get(FIRST + r).get(c)),
                        table.caption() + " " + (totals ? "totals" : "row " + r) + " column " + c
                                + " as LibreOffice computes it");
            }
        }
    }

    /** A raw CSV value of LibreOffice's, which keeps a percentage's sign: "2.5%". */
    private static Object libreOffice(String shown) {
        return shown.isEmpty() ? "" : shown.endsWith("%")
                ? round(Double.parseDouble(shown.substring(0, shown.length() - 1)) / 100)
                : round(Double.parseDouble(shown));
    }

    // --- Checks -----------------------------------------------------------------------------------------------

    @Test
    void quotientsAreCheckedWhereTheyAreMade() {
        Sheet summary = byChannel(data());
        Exception textColumn = assertThrows(IllegalArgumentException.class, () -> quotients(summary,
                new Sheet.Quotient(S_RATE, 0, S_VISITS, 1)));
        assertTrue(textColumn.getMessage().contains("a quotient's operand, 'Channel', is not a number column"),
                textColumn.getMessage());
        Exception lookedUp = assertThrows(IllegalArgumentException.class, () -> quotients(summary,
                new Sheet.Quotient(S_ORDERS, S_PLAN, S_VISITS, 1)));
        assertTrue(lookedUp.getMessage().contains("column 'Orders' is computed twice"), lookedUp.getMessage());
        Exception difference = assertThrows(IllegalArgumentException.class, () -> quotients(summary,
                new Sheet.Quotient(S_OVER, S_ORDERS, S_PLAN, 1)));
        assertTrue(difference.getMessage().contains("column 'Over plan' is computed twice"), difference.getMessage());
        Exception twice = assertThrows(IllegalArgumentException.class, () -> quotients(summary,
                new Sheet.Quotient(S_RATE, S_ORDERS, S_VISITS, 1), new Sheet.Quotient(S_RATE, S_PLAN, S_VISITS, 1)));
        assertTrue(twice.getMessage().contains("column 'Conversion rate' is computed twice"), twice.getMessage());
        Exception absent = assertThrows(IllegalArgumentException.class, () -> quotients(summary,
                new Sheet.Quotient(9, S_ORDERS, S_VISITS, 1)));
        assertTrue(absent.getMessage().contains("is not one of the table's 7 columns"), absent.getMessage());
        // Over plan % from Over plan, Over plan (now a difference of the rate) from Over plan %: circular.
        Exception circular = assertThrows(IllegalArgumentException.class, () -> summary.computed(summary.lookup(),
                List.of(new Sheet.Difference(S_OVER, S_OVER_PERCENT, S_PLAN, 1)),
                List.of(new Sheet.Quotient(S_OVER_PERCENT, S_OVER, S_PLAN, 100))));
        assertTrue(circular.getMessage().contains("is computed from itself"), circular.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sheet.Quotient(S_RATE, S_RATE, S_VISITS, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sheet.Quotient(S_RATE, S_ORDERS, S_ORDERS, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sheet.Quotient(S_RATE, S_ORDERS, S_VISITS, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sheet.Quotient(-1, S_ORDERS, S_VISITS, 1));
        assertEquals(List.of(), summary.computed(summary.lookup(), summary.differences()).quotients(),
                "the two-argument computed has no quotients");
        assertEquals(List.of(), new Sheet("Plain", summary.table(), List.of(), List.of(), List.of(), "", null,
                List.of()).quotients(), "the eight-argument constructor has none");
    }

    /** The summary with its lookup and difference and only {@code quotients}. */
    private static Sheet quotients(Sheet summary, Sheet.Quotient... quotients) {
        return summary.computed(summary.lookup(), summary.differences(), List.of(quotients));
    }

    /** The model computes each quotient as the workbook does: blank where an operand is or the denominator is 0. */
    @Test
    void aQuotientsValueInARow() {
        Sheet.Quotient rate = new Sheet.Quotient(3, 2, 1, 100);
        assertEquals(2.5, rate.valueIn(Arrays.asList("Search", 200.0, 5.0, null)));
        Predicate<List<Object>> blank = row -> rate.valueIn(row) == null;
        assertTrue(blank.test(Arrays.asList("Print", 0.0, 5.0, null)));
        assertTrue(blank.test(Arrays.asList("Print", null, 5.0, null)));
        assertTrue(blank.test(Arrays.asList("Print", 200.0, null, null)));
        assertEquals(0.0, rate.valueIn(Arrays.asList("Radio", 200.0, 0.0, null)), "no orders is a rate of 0");
    }
}
