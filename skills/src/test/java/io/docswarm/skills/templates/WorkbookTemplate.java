package io.docswarm.skills.templates;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.DefaultIndexedColorMap;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook's source: our theme, the default font, a title and note above a header row in the brand colour,
 * number formats per column kind (amounts, counts, years, shares, dates), a named table with banded rows, frozen
 * panes, a totals row of SUBTOTAL formulas, ratio formulas and conditional formats; landscape A4 print setup.
 */
final class WorkbookTemplate {

    static final String AMOUNT = "#,##0.00";
    static final String COUNT = "#,##0";
    static final String YEAR = "0";
    static final String SHARE = "0.0%";
    static final String DATE = "yyyy-mm-dd";

    private WorkbookTemplate() {
    }

    static byte[] build(ThemeXml theme, String textColor, double bodySize, double titleSize) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.getStylesSource().ensureThemesTable();
            wb.getStylesSource().getTheme().readFrom(new ByteArrayInputStream(theme.xml().getBytes(StandardCharsets.UTF_8)));
            XSSFFont normal = wb.getFontAt(0);
            normal.setFontName(theme.minor());
            normal.setFontHeightInPoints((short) Math.round(bodySize));
            Styles s = new Styles(wb, theme, textColor, bodySize, titleSize);
            summary(wb, s);
            data(wb, s);
            wb.getProperties().getCoreProperties().setCreator("Docswarm");
            wb.getProperties().getCoreProperties().setCreated(TemplateGenerator.CREATED);
            wb.getProperties().getExtendedProperties().getUnderlyingProperties().setApplication("Docswarm TemplateGenerator");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** Shared cell styles. */
    private static final class Styles {
        final XSSFWorkbook wb;
        final XSSFCellStyle title;
        final XSSFCellStyle note;
        final XSSFCellStyle header;
        final XSSFCellStyle text;
        final XSSFCellStyle totalLabel;
        final String textColor;
        final double bodySize;
        final String primary;

        Styles(XSSFWorkbook wb, ThemeXml theme, String textColor, double bodySize, double titleSize) {
            this.wb = wb;
            this.textColor = textColor;
            this.bodySize = bodySize;
            this.primary = theme.dark2();
            title = wb.createCellStyle();
            title.setFont(font(theme.major(), titleSize, true, primary));
            note = wb.createCellStyle();
            XSSFFont noteFont = font(theme.minor(), bodySize, false, "5A6270");
            noteFont.setItalic(true);
            note.setFont(noteFont);
            header = wb.createCellStyle();
            header.setFont(font(theme.major(), bodySize, true, "FFFFFF"));
            header.setFillForegroundColor(color(primary));
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setWrapText(true);
            header.setBorderBottom(BorderStyle.MEDIUM);
            header.setBottomBorderColor(color(theme.accents().get(1)));
            text = body("");
            totalLabel = total("");
        }

        XSSFFont font(String name, double size, boolean bold, String hex) {
            XSSFFont f = wb.createFont();
            f.setFontName(name);
            f.setFontHeightInPoints((short) Math.round(size));
            f.setBold(bold);
            f.setColor(color(hex));
            return f;
        }

        XSSFCellStyle body(String format) {
            XSSFCellStyle style = wb.createCellStyle();
            style.setFont(font(wb.getFontAt(0).getFontName(), bodySize, false, textColor));
            if (!format.isEmpty()) {
                style.setDataFormat(wb.createDataFormat().getFormat(format));
            }
            return style;
        }

        XSSFCellStyle total(String format) {
            XSSFCellStyle style = body(format);
            style.setFont(font(wb.getFontAt(0).getFontName(), bodySize, true, textColor));
            style.setBorderTop(BorderStyle.THIN);
            style.setTopBorderColor(color(primary));
            style.setBorderBottom(BorderStyle.DOUBLE);
            style.setBottomBorderColor(color(primary));
            return style;
        }
    }

    private static XSSFColor color(String hex) {
        return new XSSFColor(java.util.HexFormat.of().parseHex(hex), new DefaultIndexedColorMap());
    }

    private static void summary(XSSFWorkbook wb, Styles s) {
        XSSFSheet sheet = wb.createSheet("Summary");
        sheet.createRow(0).createCell(0).setCellValue("Sales by region");
        sheet.getRow(0).getCell(0).setCellStyle(s.title);
        sheet.getRow(0).setHeightInPoints(26);
        sheet.createRow(1).createCell(0).setCellValue("Revenue and orders for the quarter, with each region's share "
                + "of revenue and revenue per order.");
        sheet.getRow(1).getCell(0).setCellStyle(s.note);
        String[] headers = {"Region", "Year", "Revenue", "Orders", "Share of revenue", "Revenue per order"};
        int headerRow = 3;
        XSSFRow header = sheet.createRow(headerRow);
        header.setHeightInPoints(30);
        for (int c = 0; c < headers.length; c++) {
            header.createCell(c).setCellValue(headers[c]);
            header.getCell(c).setCellStyle(s.header);
        }
        Object[][] rows = {{"North", 4210500.0, 18420.0}, {"Central", 3880250.0, 17110.0}, {"South", 2960800.0, 14930.0},
                {"West", 1405300.0, 7310.0}, {"Online", 5120900.0, 26880.0}};
        int first = headerRow + 1;
        int last = headerRow + rows.length;
        XSSFCellStyle text = s.text;
        XSSFCellStyle year = s.body(YEAR);
        XSSFCellStyle amount = s.body(AMOUNT);
        XSSFCellStyle count = s.body(COUNT);
        XSSFCellStyle share = s.body(SHARE);
        for (int r = 0; r < rows.length; r++) {
            XSSFRow row = sheet.createRow(first + r);
            int excel = first + r + 1;
            row.createCell(0).setCellValue((String) rows[r][0]);
            row.getCell(0).setCellStyle(text);
            row.createCell(1).setCellValue(2026);
            row.getCell(1).setCellStyle(year);
            row.createCell(2).setCellValue((Double) rows[r][1]);
            row.getCell(2).setCellStyle(amount);
            row.createCell(3).setCellValue((Double) rows[r][2]);
            row.getCell(3).setCellStyle(count);
            row.createCell(4).setCellFormula("IF(SUM(C$" + (first + 1) + ":C$" + (last + 1) + ")=0,\"\",C" + excel
                    + "/SUM(C$" + (first + 1) + ":C$" + (last + 1) + "))");
            row.getCell(4).setCellStyle(share);
            row.createCell(5).setCellFormula("IF(D" + excel + "=0,\"\",C" + excel + "/D" + excel + ")");
            row.getCell(5).setCellStyle(amount);
        }
        XSSFRow totals = sheet.createRow(last + 1);
        totals.createCell(0).setCellValue("Total");
        totals.getCell(0).setCellStyle(s.totalLabel);
        totals.createCell(1).setCellStyle(s.totalLabel);
        for (int c = 2; c <= 3; c++) {
            String col = CellReference.convertNumToColString(c);
            totals.createCell(c).setCellFormula("SUBTOTAL(109," + col + (first + 1) + ":" + col + (last + 1) + ")");
            totals.getCell(c).setCellStyle(s.total(c == 2 ? AMOUNT : COUNT));
        }
        totals.createCell(4).setCellStyle(s.totalLabel);
        totals.createCell(5).setCellFormula("IF(D" + (last + 2) + "=0,\"\",C" + (last + 2) + "/D" + (last + 2) + ")");
        totals.getCell(5).setCellStyle(s.total(AMOUNT));
        table(sheet, headerRow, last, headers.length, "SalesByRegion");
        var formatting = sheet.getSheetConditionalFormatting();
        var low = formatting.createConditionalFormattingRule(ComparisonOperator.LT, "0.1");
        low.createPatternFormatting().setFillBackgroundColor(color("FBE3D6"));
        formatting.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 4, 4)}, low);
        finish(sheet, headerRow, new int[] {16, 9, 16, 12, 14, 16});
    }

    private static void data(XSSFWorkbook wb, Styles s) {
        XSSFSheet sheet = wb.createSheet("Data");
        sheet.createRow(0).createCell(0).setCellValue("Orders by week");
        sheet.getRow(0).getCell(0).setCellStyle(s.title);
        sheet.getRow(0).setHeightInPoints(26);
        sheet.createRow(1).createCell(0).setCellValue("Source: order system export, one row per region and week.");
        sheet.getRow(1).getCell(0).setCellStyle(s.note);
        String[] headers = {"Week starting", "Region", "Orders", "Revenue", "Change"};
        int headerRow = 3;
        XSSFRow header = sheet.createRow(headerRow);
        header.setHeightInPoints(30);
        for (int c = 0; c < headers.length; c++) {
            header.createCell(c).setCellValue(headers[c]);
            header.getCell(c).setCellStyle(s.header);
        }
        XSSFCellStyle date = s.body(DATE);
        XSSFCellStyle count = s.body(COUNT);
        XSSFCellStyle amount = s.body(AMOUNT);
        XSSFCellStyle share = s.body(SHARE);
        double[] orders = {1380, 1422, 1395, 1510, 1488, 1563};
        int first = headerRow + 1;
        for (int r = 0; r < orders.length; r++) {
            XSSFRow row = sheet.createRow(first + r);
            int excel = first + r + 1;
            row.createCell(0).setCellValue(LocalDate.of(2026, 9, 7).plusWeeks(r));
            row.getCell(0).setCellStyle(date);
            row.createCell(1).setCellValue("North");
            row.getCell(1).setCellStyle(s.text);
            row.createCell(2).setCellValue(orders[r]);
            row.getCell(2).setCellStyle(count);
            row.createCell(3).setCellValue(orders[r] * 228.6);
            row.getCell(3).setCellStyle(amount);
            row.createCell(4).setCellStyle(share);
            if (r > 0) {
                row.getCell(4).setCellFormula("IF(C" + (excel - 1) + "=0,\"\",C" + excel + "/C" + (excel - 1) + "-1)");
            }
        }
        int last = first + orders.length - 1;
        table(sheet, headerRow, last, headers.length, "OrdersByWeek");
        var formatting = sheet.getSheetConditionalFormatting();
        var falling = formatting.createConditionalFormattingRule(ComparisonOperator.LT, "0");
        falling.createFontFormatting().setFontColor(color("C0392B"));
        formatting.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 4, 4)}, falling);
        finish(sheet, headerRow, new int[] {14, 12, 10, 14, 10});
    }

    private static void table(XSSFSheet sheet, int headerRow, int lastRow, int columns, String name) {
        XSSFTable table = sheet.createTable(new AreaReference(new CellReference(headerRow, 0),
                new CellReference(lastRow, columns - 1), SpreadsheetVersion.EXCEL2007));
        table.setName(name);
        table.setDisplayName(name);
        table.getCTTable().addNewTableStyleInfo().setName("TableStyleMedium2");
        table.getCTTable().getTableStyleInfo().setShowRowStripes(true);
        for (int c = 0; c < columns; c++) {
            table.getCTTable().getTableColumns().getTableColumnArray(c)
                    .setName(sheet.getRow(headerRow).getCell(c).getStringCellValue());
        }
    }

    private static void finish(XSSFSheet sheet, int headerRow, int[] widths) {
        sheet.createFreezePane(0, headerRow + 1);
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        sheet.setDisplayGridlines(false);
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        sheet.setFitToPage(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        double inch = 12 / 25.4;
        for (var margin : new org.apache.poi.ss.usermodel.PageMargin[] {org.apache.poi.ss.usermodel.PageMargin.TOP,
                org.apache.poi.ss.usermodel.PageMargin.BOTTOM, org.apache.poi.ss.usermodel.PageMargin.LEFT,
                org.apache.poi.ss.usermodel.PageMargin.RIGHT}) {
            sheet.setMargin(margin, inch);
        }
        sheet.getFooter().setCenter("Page &P");
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
    }
}
