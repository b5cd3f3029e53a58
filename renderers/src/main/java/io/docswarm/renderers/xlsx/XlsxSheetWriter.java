package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.chart.XddfChartWriter;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Skill;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;

/**
 * Lays out one sheet: title, notes, header, rows, derived columns, totals, named table, frozen header, page setup,
 * widths, charts. Rows are written top to bottom exactly once so the same code serves in-memory (XSSF) and streamed
 * (SXSSF) sheets; every formula also gets its result computed here, which is the cached value streamed sheets
 * keep (an in-memory workbook is re-evaluated by POI afterwards). Computed table cells ({@link ComputedCells}: lookups
 * into another sheet's table, differences, quotients) cache the table's own value, which their formula is known to
 * give.
 */
final class XlsxSheetWriter {

    private static final String DATE_FORMAT = "yyyy-mm-dd";
    /** Rows sampled for column widths: enough to see typical content without scanning a million rows. */
    private static final int WIDTH_SAMPLE = 1000;
    /** Characters of room beside a cell's text, and beside a header's (bold, with the filter button). */
    private static final int CELL_MARGIN = 3;
    private static final int HEADER_MARGIN = 6;
    private static final int MIN_WIDTH = 10;
    private static final int MAX_WIDTH = 60;
    /** A chart with more categories than this is unreadable and too heavy to embed; it is left out, reported. */
    private static final int MAX_CHART_POINTS = 5000;

    private final org.apache.poi.ss.usermodel.Sheet target;
    private final XSSFSheet parts;
    private final Sheet sheet;
    private final XlsxStyles styles;
    private final Skill skill;
    private final WorkbookTables.Placed placed;
    private final ComputedCells computed;
    private final boolean streaming;
    private final List<String> warnings;
    private final Table table;
    private final int headerRow;
    private final int firstDataRow;
    private final int lastDataRow;
    private final int columnCount;
    private final ColumnFormats formats;
    /** Each table column's number format, decided once from all its values. */
    private final List<String> columnFormats;

    /**
     * @param target the sheet cells are written to (XSSF or SXSSF)
     * @param parts  the XSSF sheet that holds tables and drawings (the same sheet when not streaming)
     * @param placed the sheet as the workbook places it (its name, table name and layout)
     * @param tables every sheet of the workbook, which lookups refer to
     */
    XlsxSheetWriter(org.apache.poi.ss.usermodel.Sheet target, XSSFSheet parts, WorkbookTables.Placed placed,
                    WorkbookTables tables, XlsxStyles styles, Skill skill, boolean streaming, List<String> warnings) {
        this.target = target;
        this.parts = parts;
        this.sheet = placed.sheet();
        this.placed = placed;
        this.styles = styles;
        this.skill = skill;
        this.streaming = streaming;
        this.warnings = warnings;
        this.table = sheet.table();
        this.headerRow = placed.layout().headerRow();
        this.firstDataRow = placed.layout().firstDataRow();
        this.lastDataRow = placed.layout().lastDataRow();
        this.computed = new ComputedCells(placed, tables, warnings);
        this.columnCount = table.columns().size() + sheet.derivedColumns().size();
        this.formats = new ColumnFormats(skill);
        this.columnFormats = java.util.stream.IntStream.range(0, table.columns().size())
                .mapToObj(c -> formats.of(table, c)).toList();
    }

    void write() {
        text(target.createRow(0).createCell(0), table.caption().isBlank() ? sheet.name() : table.caption(),
                styles.title());
        for (int i = 0; i < sheet.notes().size(); i++) {
            text(target.createRow(1 + i).createCell(0), sheet.notes().get(i), styles.note());
        }
        header();
        body();
        if (table.totalsRow() && !table.rows().isEmpty()) {
            totals();
        }
        if (!table.rows().isEmpty()) {
            namedTable();
        }
        target.createFreezePane(0, firstDataRow);
        XlsxPageSetup.apply(target, skill.look().page(), headerRow);
        widths();
        charts();
    }

    /** The Skill's number format for a column the drafter formatted with {@code format} (see {@code Logic.follow}). */
    private String format(String format) {
        return formats.follow(format);
    }

    private String dateFormat() {
        return skill.logic() == null ? DATE_FORMAT : skill.logic().formatFor("date").orElse(DATE_FORMAT);
    }

    private List<String> headerNames() {
        List<String> names = new java.util.ArrayList<>(table.columns().stream().map(Table.Column::name).toList());
        sheet.derivedColumns().forEach(d -> names.add(d.name()));
        return names;
    }

    private void header() {
        Row row = target.createRow(headerRow);
        List<String> names = headerNames();
        for (int c = 0; c < names.size(); c++) {
            text(row.createCell(c), names.get(c), styles.header());
        }
    }

    private void body() {
        double[] totals = new double[table.columns().size()];
        for (int c = 0; c < totals.length; c++) {
            totals[c] = table.columnTotal(c);
        }
        for (int r = 0; r < table.rows().size(); r++) {
            Row row = target.createRow(firstDataRow + r);
            List<Object> values = table.rows().get(r);
            for (int c = 0; c < values.size(); c++) {
                Cell cell = row.createCell(c);
                Table.Column column = table.columns().get(c);
                String formula = computed.formula(r, c);
                if (formula != null) {
                    cell.setCellFormula(formula);
                }
                switch (values.get(c)) {
                    // A computed cell's value is its formula's cached result: blank shows as the empty string.
                    case null -> {
                        if (formula == null) {
                            cell.setBlank();
                        } else {
                            cell.setCellValue("");
                        }
                    }
                    case Double d -> cell.setCellValue(d);
                    case LocalDate date -> cell.setCellValue(date);
                    case Object other -> cell.setCellValue(other.toString());
                }
                XSSFCellStyle style = styles.body(column.type() == Table.ColumnType.DATE ? dateFormat()
                        : columnFormats.get(c));
                cell.setCellStyle(cell.getCellType() == CellType.STRING ? directed(style, cell.getStringCellValue())
                        : style);
            }
            for (int d = 0; d < sheet.derivedColumns().size(); d++) {
                Sheet.DerivedColumn derived = sheet.derivedColumns().get(d);
                Cell cell = row.createCell(table.columns().size() + d);
                cell.setCellFormula(formula(derived, firstDataRow + r));
                Double result = result(derived, r, totals);
                if (result == null) {
                    cell.setCellValue("");
                } else {
                    cell.setCellValue(result);
                }
                cell.setCellStyle(styles.body(format(derived.format())));
            }
        }
    }

    private void text(Cell cell, String text, XSSFCellStyle style) {
        cell.setCellValue(text);
        cell.setCellStyle(directed(style, text));
    }

    /** The style for {@code text}: its right-to-left variant when the text's first strong letter is right to left. */
    private XSSFCellStyle directed(XSSFCellStyle style, String text) {
        return TextDirection.of(text).isRightToLeft() ? styles.rightToLeft(style) : style;
    }

    /** Formulas guard their divisions so no output ever shows #DIV/0!. */
    private String formula(Sheet.DerivedColumn derived, int rowIndex) {
        String col = CellReference.convertNumToColString(derived.column());
        String cell = col + (rowIndex + 1);
        return switch (derived.kind()) {
            case SHARE_OF_TOTAL -> {
                String range = col + "$" + (firstDataRow + 1) + ":" + col + "$" + (lastDataRow + 1);
                yield "IF(SUM(" + range + ")=0,\"\"," + cell + "/SUM(" + range + "))";
            }
            case GROWTH_FROM_PREVIOUS -> {
                if (derived.growthLeftBlank(rowIndex - firstDataRow)) {
                    yield "\"\"";
                }
                String previous = col + rowIndex;
                yield "IF(" + previous + "=0,\"\"," + cell + "/" + previous + "-1)";
            }
            case RATIO -> {
                String divisor = CellReference.convertNumToColString(derived.otherColumn()) + (rowIndex + 1);
                yield "IF(" + divisor + "=0,\"\"," + cell + "/" + divisor + ")";
            }
        };
    }

    /** What {@link #formula} evaluates to for body row {@code r}; null for the empty string. */
    private Double result(Sheet.DerivedColumn derived, int r, double[] totals) {
        double value = number(r, derived.column());
        return switch (derived.kind()) {
            case SHARE_OF_TOTAL -> totals[derived.column()] == 0 ? null : value / totals[derived.column()];
            case GROWTH_FROM_PREVIOUS -> {
                double previous = derived.growthLeftBlank(r) ? 0 : number(r - 1, derived.column());
                yield previous == 0 ? null : value / previous - 1;
            }
            case RATIO -> {
                double divisor = number(r, derived.otherColumn());
                yield divisor == 0 ? null : value / divisor;
            }
        };
    }

    /** A cell as Excel's arithmetic sees it: blanks are 0. */
    private double number(int row, int column) {
        return table.rows().get(row).get(column) instanceof Double d ? d : 0;
    }

    private void totals() {
        Row row = target.createRow(lastDataRow + 1);
        Cell label = row.createCell(0);
        label.setCellValue("Total");
        label.setCellStyle(styles.total(""));
        for (int c = 1; c < table.columns().size(); c++) {
            Cell cell = row.createCell(c);
            String formula = totalFormula(c);
            if (formula != null) {
                cell.setCellFormula(formula);
                // The cached result, which a streamed sheet keeps as is: what the formula gives with every row visible.
                java.util.OptionalDouble value = table.aggregate(c);
                if (value.isPresent()) {
                    cell.setCellValue(value.getAsDouble());
                } else {
                    cell.setCellValue("");
                }
            }
            cell.setCellStyle(styles.total(columnFormats.get(c)));
        }
    }

    /**
     * The totals-row formula of table column {@code c}, or null for a column left blank. SUBTOTAL counts only the
     * rows the autofilter leaves visible: 109 sums them, 101 averages them (guarded, since an average of no
     * numbers would show #DIV/0!); a ratio divides one column's visible sum by another's (blank where that is 0),
     * so a filtered conversion rate is the visible orders over the visible visits.
     */
    private String totalFormula(int c) {
        Table.Column column = table.columns().get(c);
        return switch (column.aggregate()) {
            case SUM -> visibleSum(c);
            case AVERAGE -> "IFERROR(SUBTOTAL(101," + bodyRange(c) + "),\"\")";
            case RATIO -> {
                Table.Ratio ratio = column.ratio();
                String denominator = visibleSum(ratio.denominator());
                yield "IF(" + denominator + "=0,\"\"," + visibleSum(ratio.numerator()) + "/" + denominator
                        + ExcelReferences.times(ratio.scale()) + ")";
            }
            case NONE -> null;
        };
    }

    /** The sum of table column {@code c} over the rows the filter shows. */
    private String visibleSum(int c) {
        return "SUBTOTAL(109," + bodyRange(c) + ")";
    }

    /** The body cells of table column {@code c}: {@code B4:B7}. */
    private String bodyRange(int c) {
        String col = CellReference.convertNumToColString(c);
        return col + (firstDataRow + 1) + ":" + col + (lastDataRow + 1);
    }

    private void namedTable() {
        CellReference from = new CellReference(headerRow, 0);
        CellReference to = new CellReference(lastDataRow, columnCount - 1);
        XSSFTable named = parts.createTable(new AreaReference(from, to, SpreadsheetVersion.EXCEL2007));
        String name = placed.tableName();
        named.setName(name);
        named.setDisplayName(name);
        named.getCTTable().addNewTableStyleInfo().setName("TableStyleMedium2");
        named.getCTTable().getTableStyleInfo().setShowRowStripes(true);
        // Excel requires table column names to equal the header cells' text.
        List<String> names = headerNames();
        for (int c = 0; c < columnCount; c++) {
            named.getCTTable().getTableColumns().getTableColumnArray(c).setName(names.get(c));
        }
    }

    /**
     * Each column as wide as its longest text among the header and the first rows, plus a margin; the header's
     * margin is wider, since its bold text and the autofilter's drop-down button share the cell ("Headcount (Feb
     * 2026)" was cut short beside the button).
     */
    private void widths() {
        List<String> names = headerNames();
        int sample = Math.min(table.rows().size(), WIDTH_SAMPLE);
        for (int c = 0; c < columnCount; c++) {
            int longest = names.get(c).length() + HEADER_MARGIN - CELL_MARGIN;
            for (int r = 0; r < sample; r++) {
                List<Object> row = table.rows().get(r);
                if (c < row.size() && row.get(c) != null) {
                    longest = Math.max(longest, row.get(c).toString().length());
                }
            }
            target.setColumnWidth(c, Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + CELL_MARGIN)) * 256);
        }
    }

    private void charts() {
        if (sheet.charts().isEmpty() || table.rows().isEmpty()) {
            return;
        }
        if (table.rows().size() > MAX_CHART_POINTS || streaming) {
            warnings.add("sheet '" + sheet.name() + "': " + sheet.charts().size() + " chart(s) left out: "
                    + table.rows().size() + " rows are too many points for a readable chart");
            return;
        }
        // A chart reads the way the sheet it stands on does: mirrored on a sheet shown right to left.
        TextDirection direction = target.isRightToLeft() ? TextDirection.RIGHT_TO_LEFT : TextDirection.LEFT_TO_RIGHT;
        XSSFDrawing drawing = parts.createDrawingPatriarch();
        int anchorColumn = columnCount + 1;
        int anchorRow = headerRow;
        for (Chart chart : sheet.charts()) {
            XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, anchorColumn, anchorRow,
                    anchorColumn + 9, anchorRow + 20);
            XSSFChart target = drawing.createChart(anchor);
            XddfChartWriter.write(target, chart, skill.look(), new CellBinding(), false, direction);
            anchorRow += 22;
        }
    }

    /**
     * Binds a chart to the sheet's cells: categories are the first column, each series the table column with the
     * series' name, over the rows the chart's categories name. A chart may leave rows out (a line leaves out a
     * partial month of a sum, or a stray 1899 date): it is bound to the run of consecutive rows its categories
     * stand on, or, where they stand on no such run, holds its own values.
     */
    private final class CellBinding implements XddfChartWriter.DataBinding {
        /** The chart's rows ({@link #rowsOf}), found on first use: a binding serves one chart. */
        private int[] rows;
        private boolean bound;

        @Override
        public XDDFDataSource<String> categories(Chart chart) {
            int[] rows = rowsOf(chart);
            if (rows == null) {
                return XDDFDataSourcesFactory.fromArray(chart.categories().toArray(String[]::new));
            }
            return XDDFDataSourcesFactory.fromStringCellRange(parts, new CellRangeAddress(rows[0], rows[1], 0, 0));
        }

        /**
         * The first and last sheet row of the table rows the chart's categories name, in order (every row when there
         * are as many categories); null if none such.
         */
        private int[] rowsOf(Chart chart) {
            if (!bound) {
                rows = findRows(chart);
                bound = true;
            }
            return rows;
        }

        private int[] findRows(Chart chart) {
            List<String> categories = chart.categories();
            int dataRows = lastDataRow - firstDataRow + 1;
            if (categories.size() == dataRows) {
                return new int[] {firstDataRow, lastDataRow}; // a point for every row, however its label is written
            }
            for (int start = 0; start + categories.size() <= dataRows; start++) {
                boolean match = true;
                for (int k = 0; k < categories.size() && match; k++) {
                    match = categories.get(k).equals(label(table.rows().get(start + k).getFirst()));
                }
                if (match && !categories.isEmpty()) {
                    return new int[] {firstDataRow + start, firstDataRow + start + categories.size() - 1};
                }
            }
            return null;
        }

        /** A first-column cell as a chart names its category: a whole number without decimals ("2025"). */
        private static String label(Object cell) {
            if (cell instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return String.valueOf(cell);
        }

        @Override
        public XDDFNumericalDataSource<Double> values(Chart chart, int series) {
            int[] rows = rowsOf(chart);
            if (rows == null) {
                return XDDFDataSourcesFactory.fromArray(chart.series().get(series).values().toArray(Double[]::new));
            }
            String name = chart.series().get(series).name();
            int column = -1;
            for (int c = 0; c < table.columns().size(); c++) {
                if (table.columns().get(c).name().equals(name)) {
                    column = c;
                }
            }
            if (column < 0) {
                throw new IllegalArgumentException("sheet '" + sheet.name() + "' chart '" + chart.title()
                        + "': no column named '" + name + "' for its series");
            }
            return XDDFDataSourcesFactory.fromNumericCellRange(parts, new CellRangeAddress(rows[0], rows[1], column,
                    column));
        }
    }
}
