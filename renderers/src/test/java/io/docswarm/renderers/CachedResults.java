package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;

/** What a formula cell of a written workbook caches, as the workbook tests compare it. */
final class CachedResults {

    private CachedResults() {
    }

    /** A cell as it reads: a number rounded past float noise, or the empty string of a blank result; never an error. */
    static Object cached(Cell cell) {
        assertNotEquals(CellType.ERROR, cell.getCachedFormulaResultType(), cell.getAddress() + " caches an error");
        return cell.getCachedFormulaResultType() == CellType.NUMERIC ? round(cell.getNumericCellValue())
                : cell.getStringCellValue();
    }

    /** A number rounded to nine decimals, past the noise of float arithmetic. */
    static Object round(double value) {
        return Math.round(value * 1e9) / 1e9;
    }
}
