package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.ReproducibleZip;
import io.docswarm.renderers.chart.XddfChartWriter;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Excel renderer: typed cells with the Skill's formats, a named table with autofilter per sheet, derived
 * columns and totals as live formulas with cached results, frozen header, fitted column widths and native
 * charts that reference the sheet's own cells.
 */
public final class XlsxRenderer implements DocumentRenderer {

    private static final String DATE_FORMAT = "yyyy-mm-dd";

    @Override
    public OutputFormat format() {
        return OutputFormat.XLSX;
    }

    @Override
    public RenderResult render(Document document, Skill skill, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            var core = workbook.getProperties().getCoreProperties();
            core.setTitle(document.metadata().title());
            core.setCreator(document.metadata().author());
            Date created = Date.from(document.metadata().created());
            core.setCreated(Optional.of(created));
            core.setModified(Optional.of(created));
            XlsxStyles styles = new XlsxStyles(workbook, skill.look());
            List<String> warnings = new ArrayList<>();
            Set<String> tableNames = new HashSet<>();
            for (Sheet sheet : document.sheets()) {
                new SheetWriter(workbook.createSheet(sheet.name()), sheet, styles, skill, tableNames).write();
            }
            // Cache every formula's result so readers that do not recalculate (viewers, POI, pandas) see numbers.
            XSSFFormulaEvaluator.evaluateAllFormulaCells(workbook);
            ReproducibleZip.write(workbook::write, document.metadata().created(), out);
            return new RenderResult(warnings, document.sheets().size());
        }
    }

    /** Lays out one sheet: title, notes, header, rows, derived columns, totals, charts. */
    private static final class SheetWriter {
        private final XSSFSheet target;
        private final Sheet sheet;
        private final XlsxStyles styles;
        private final Skill skill;
        private final Set<String> tableNames;
        private final Table table;
        private final int headerRow;
        private final int firstDataRow;
        private final int lastDataRow;
        private final int columnCount;

        SheetWriter(XSSFSheet target, Sheet sheet, XlsxStyles styles, Skill skill, Set<String> tableNames) {
            this.target = target;
            this.sheet = sheet;
            this.styles = styles;
            this.skill = skill;
            this.tableNames = tableNames;
            this.table = sheet.table();
            this.headerRow = 2 + sheet.notes().size();
            this.firstDataRow = headerRow + 1;
            this.lastDataRow = headerRow + table.rows().size();
            this.columnCount = table.columns().size() + sheet.derivedColumns().size();
        }

        void write() {
            XSSFCell titleCell = target.createRow(0).createCell(0);
            titleCell.setCellValue(table.caption().isBlank() ? sheet.name() : table.caption());
            titleCell.setCellStyle(styles.title());
            for (int i = 0; i < sheet.notes().size(); i++) {
                XSSFCell cell = target.createRow(1 + i).createCell(0);
                cell.setCellValue(sheet.notes().get(i));
                cell.setCellStyle(styles.note());
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
            widths();
            charts();
        }

        private void header() {
            XSSFRow row = target.createRow(headerRow);
            int c = 0;
            for (Table.Column column : table.columns()) {
                header(row, c++, column.name());
            }
            for (Sheet.DerivedColumn derived : sheet.derivedColumns()) {
                header(row, c++, derived.name());
            }
        }

        private void header(XSSFRow row, int column, String text) {
            XSSFCell cell = row.createCell(column);
            cell.setCellValue(text);
            cell.setCellStyle(styles.header());
        }

        private void body() {
            for (int r = 0; r < table.rows().size(); r++) {
                XSSFRow row = target.createRow(firstDataRow + r);
                List<Object> values = table.rows().get(r);
                for (int c = 0; c < values.size(); c++) {
                    XSSFCell cell = row.createCell(c);
                    Table.Column column = table.columns().get(c);
                    switch (values.get(c)) {
                        case null -> cell.setBlank();
                        case Double d -> cell.setCellValue(d);
                        case LocalDate date -> cell.setCellValue(date);
                        case Object other -> cell.setCellValue(other.toString());
                    }
                    cell.setCellStyle(styles.body(column.type() == Table.ColumnType.DATE
                            ? DATE_FORMAT : column.format()));
                }
                for (int d = 0; d < sheet.derivedColumns().size(); d++) {
                    Sheet.DerivedColumn derived = sheet.derivedColumns().get(d);
                    XSSFCell cell = row.createCell(table.columns().size() + d);
                    cell.setCellFormula(formula(derived, firstDataRow + r));
                    cell.setCellStyle(styles.body(derived.format()));
                }
            }
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
                    if (rowIndex == firstDataRow) {
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

        private void totals() {
            XSSFRow row = target.createRow(lastDataRow + 1);
            XSSFCell label = row.createCell(0);
            label.setCellValue("Total");
            label.setCellStyle(styles.total(""));
            for (int c = 1; c < table.columns().size(); c++) {
                Table.Column column = table.columns().get(c);
                XSSFCell cell = row.createCell(c);
                if (column.type() == Table.ColumnType.NUMBER && !column.format().contains("%")) {
                    String col = CellReference.convertNumToColString(c);
                    // SUBTOTAL(109, ...) sums only rows left visible by the autofilter.
                    cell.setCellFormula("SUBTOTAL(109," + col + (firstDataRow + 1) + ":" + col + (lastDataRow + 1)
                            + ")");
                }
                cell.setCellStyle(styles.total(column.format()));
            }
        }

        private void namedTable() {
            CellReference from = new CellReference(headerRow, 0);
            CellReference to = new CellReference(lastDataRow, columnCount - 1);
            XSSFTable named = target.createTable(new AreaReference(from, to, SpreadsheetVersion.EXCEL2007));
            String name = uniqueTableName();
            named.setName(name);
            named.setDisplayName(name);
            named.getCTTable().addNewTableStyleInfo().setName("TableStyleMedium2");
            named.getCTTable().getTableStyleInfo().setShowRowStripes(true);
            // Excel requires table column names to equal the header cells' text.
            for (int c = 0; c < columnCount; c++) {
                named.getCTTable().getTableColumns().getTableColumnArray(c)
                        .setName(target.getRow(headerRow).getCell(c).getStringCellValue());
            }
        }

        private String uniqueTableName() {
            String base = sheet.tableName().isEmpty() ? "T_" + sheet.name().replaceAll("[^A-Za-z0-9_]", "_")
                    : sheet.tableName();
            String name = base;
            for (int i = 2; !tableNames.add(name.toLowerCase()); i++) {
                name = base + "_" + i;
            }
            return name;
        }

        private void widths() {
            for (int c = 0; c < columnCount; c++) {
                int longest = target.getRow(headerRow).getCell(c).getStringCellValue().length();
                for (List<Object> row : table.rows()) {
                    if (c < row.size() && row.get(c) != null) {
                        longest = Math.max(longest, row.get(c).toString().length());
                    }
                }
                target.setColumnWidth(c, Math.min(60, Math.max(10, longest + 3)) * 256);
            }
        }

        private void charts() {
            if (sheet.charts().isEmpty() || table.rows().isEmpty()) {
                return;
            }
            XSSFDrawing drawing = target.createDrawingPatriarch();
            int anchorColumn = columnCount + 1;
            int anchorRow = headerRow;
            for (Chart chart : sheet.charts()) {
                XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, anchorColumn, anchorRow,
                        anchorColumn + 9, anchorRow + 20);
                XSSFChart target = drawing.createChart(anchor);
                XddfChartWriter.write(target, chart, skill.look(), new CellBinding(), false);
                anchorRow += 22;
            }
        }

        /**
         * Binds a chart to the sheet's cells: categories are the first column, each series the table column
         * with the series' name.
         */
        private final class CellBinding implements XddfChartWriter.DataBinding {
            @Override
            public XDDFDataSource<String> categories(Chart chart) {
                return XDDFDataSourcesFactory.fromStringCellRange(target,
                        new CellRangeAddress(firstDataRow, lastDataRow, 0, 0));
            }

            @Override
            public XDDFNumericalDataSource<Double> values(Chart chart, int series) {
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
                return XDDFDataSourcesFactory.fromNumericCellRange(target,
                        new CellRangeAddress(firstDataRow, lastDataRow, column, column));
            }
        }
    }
}
