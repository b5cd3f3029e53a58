package io.docswarm.skills.importer;

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
        if (format == null || format.equalsIgnoreCase("general")) {
            return value == Math.rint(value) ? "integer" : "decimal";
        }
        return io.docswarm.skills.Logic.kindOfFormat(format);
    }
}
