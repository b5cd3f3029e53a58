package io.docswarm.renderers.xlsx;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.poi.ss.util.CellReference;

/**
 * Formula text for references and constants. A column of another sheet's table is referred to by a structured
 * reference ({@code T_Data[[Revenue]]}): Excel, LibreOffice and POI's evaluator all read it inside SUMIFS,
 * AVERAGEIFS and COUNTIFS, and unlike a cell range it grows with the table when a reader adds rows. A header with
 * a bracket is the exception (POI's parser cannot read one, escaped or not): that column is referred to by its
 * absolute cell range ({@code 'Data sheet'!$C$4:$C$103}).
 */
final class ExcelReferences {

    private ExcelReferences() {
    }

    /** The body cells of column {@code column} of the table on {@code placed}. */
    static String bodyOf(WorkbookTables.Placed placed, int column) {
        String header = placed.sheet().table().columns().get(column).name();
        if (header.contains("[") || header.contains("]")) {
            String col = CellReference.convertNumToColString(column);
            return quotedSheet(placed.name()) + "!$" + col + "$" + (placed.layout().firstDataRow() + 1) + ":$" + col
                    + "$" + (placed.layout().lastDataRow() + 1);
        }
        // Within a column specifier ' and # are escaped with '; double brackets allow spaces and punctuation.
        return placed.tableName() + "[[" + header.replace("'", "''").replace("#", "'#") + "]]";
    }

    static String quotedSheet(String name) {
        return "'" + name.replace("'", "''") + "'";
    }

    /** A text constant: {@code "North"}, quotes doubled. */
    static String text(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** A number constant without exponent or trailing zeros: {@code 2026}, {@code 0.5}. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** What multiplies a result by {@code scale}: {@code *100}; nothing for a scale of 1. */
    static String times(double scale) {
        return scale == 1 ? "" : "*" + number(scale);
    }

    /** A date as the serial number formulas compare dates by. */
    static String date(LocalDate date) {
        return "DATE(" + date.getYear() + "," + date.getMonthValue() + "," + date.getDayOfMonth() + ")";
    }

    /** Cell {@code column} of worksheet row {@code row} (0-based), its column fixed: {@code $A5}. */
    static String cell(int row, int column) {
        return "$" + CellReference.convertNumToColString(column) + (row + 1);
    }

    /** Cell {@code column} of worksheet row {@code row} (0-based), relative: {@code C5}. */
    static String relativeCell(int row, int column) {
        return CellReference.convertNumToColString(column) + (row + 1);
    }
}
