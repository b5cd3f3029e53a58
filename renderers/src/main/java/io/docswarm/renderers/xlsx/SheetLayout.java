package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.model.Sheet;

/**
 * Where a sheet's table lies (0-based rows): the title in the first row, one row per note, then the header, the
 * body and the totals row. Known before any cell is written, so formulas on one sheet can refer to another's body.
 *
 * @param headerRow    the header row
 * @param firstDataRow the first body row
 * @param lastDataRow  the last body row ({@code headerRow} for a table without rows)
 */
record SheetLayout(int headerRow, int firstDataRow, int lastDataRow) {

    static SheetLayout of(Sheet sheet) {
        int header = 2 + sheet.notes().size();
        return new SheetLayout(header, header + 1, header + sheet.table().rows().size());
    }

    /** The worksheet row of body row {@code r}. */
    int rowOf(int r) {
        return firstDataRow + r;
    }
}
