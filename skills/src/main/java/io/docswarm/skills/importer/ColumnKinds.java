package io.docswarm.skills.importer;

import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;

/** The kind of value a cell holds, from its type and number format. */
final class ColumnKinds {

    private ColumnKinds() {
    }

    /** {@code currency}, {@code percent}, {@code integer}, {@code decimal}, {@code date}, {@code text} or {@code empty}. */
    static String of(Cell cell) {
        if (cell == null) {
            return "empty";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue().isBlank() ? "empty" : "text";
            case BOOLEAN -> "text";
            case NUMERIC -> numeric(cell);
            default -> "empty";
        };
    }

    private static String numeric(Cell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            return "date";
        }
        return ofFormat(cell.getCellStyle().getDataFormatString(), cell.getNumericCellValue());
    }

    static String ofFormat(String format, double value) {
        String f = format == null ? "General" : format;
        String lower = f.toLowerCase(Locale.ROOT);
        String unquoted = f.replaceAll("\"[^\"]*\"", "");
        if (unquoted.contains("%")) {
            return "percent";
        }
        if (f.contains("[$") || f.matches(".*[$€£¥₹].*") || lower.matches(".*\"(eur|usd|gbp|chf|sek|nok|dkk)\".*")) {
            return "currency";
        }
        if (lower.equals("general")) {
            return value == Math.rint(value) ? "integer" : "decimal";
        }
        return unquoted.matches(".*0\\.0.*|.*#\\.#.*") ? "decimal" : "integer";
    }
}
