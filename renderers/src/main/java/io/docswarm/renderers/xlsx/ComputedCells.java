package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The formulas of a sheet's computed table cells: a {@link Lookup}'s cells as SUMIFS, AVERAGEIFS or COUNTIFS over
 * the looked-up sheet's table, a {@link Sheet.Difference}'s cells as the difference of two cells of the row. A cell
 * becomes a formula only where the formula gives the table's own value (see {@link GroupValues}); that value is the
 * formula's cached result. The rest keep their values, and the sheet's warnings say how many and why.
 */
final class ComputedCells {

    private final Table table;
    private final SheetLayout layout;
    /** formulas[r][c]: the formula of body row r, table column c; null for a value. */
    private final String[][] formulas;

    ComputedCells(WorkbookTables.Placed self, WorkbookTables tables, List<String> warnings) {
        Sheet sheet = self.sheet();
        this.table = sheet.table();
        this.layout = self.layout();
        this.formulas = new String[table.rows().size()][table.columns().size()];
        if (sheet.lookup() != null) {
            lookups(sheet, tables, warnings);
        }
        differences(sheet, warnings);
    }

    /** The formula of body row {@code r}, table column {@code c}; null where the cell holds its value. */
    String formula(int r, int c) {
        return formulas[r][c];
    }

    private void lookups(Sheet sheet, WorkbookTables tables, List<String> warnings) {
        Lookup lookup = sheet.lookup();
        Optional<WorkbookTables.Placed> found = tables.byModelName(lookup.sheet())
                .filter(source -> !source.tableName().isEmpty());
        if (found.isEmpty()) {
            warnings.add("sheet '" + sheet.name() + "': its figures keep their values: the workbook has no sheet '"
                    + lookup.sheet() + "' with rows (or more than one) to compute them from");
            return;
        }
        WorkbookTables.Placed source = found.get();
        String key = ExcelReferences.bodyOf(source, source.sheet().table().columnIndex(lookup.sourceKey()));
        int kept = 0;
        for (Lookup.Aggregation aggregation : lookup.columns()) {
            GroupValues expected = new GroupValues(source.sheet().table(), lookup, aggregation);
            String values = aggregation.function() == Lookup.Function.COUNT ? ""
                    : ExcelReferences.bodyOf(source, source.sheet().table().columnIndex(aggregation.sourceColumn()))
                    + ",";
            for (int r = 0; r < table.rows().size(); r++) {
                Object group = lookup.keys().get(r);
                if (group == null) {
                    continue; // a row that is no group of the source: its value is all there is
                }
                Object literal = table.rows().get(r).get(aggregation.column());
                if (!GroupValues.plainKey(group, lookup.grouping())
                        || !GroupValues.same(expected.result(aggregation.function(), group), (Double) literal)) {
                    kept++;
                    continue;
                }
                String criteria = criteria(lookup, key, r, group);
                formulas[r][aggregation.column()] = switch (aggregation.function()) {
                    case SUM -> "SUMIFS(" + values + criteria + ")";
                    // An average of no rows is #DIV/0! in a spreadsheet; the table shows it blank.
                    case AVERAGE -> "IFERROR(AVERAGEIFS(" + values + criteria + "),\"\")";
                    case COUNT -> "COUNTIFS(" + criteria + ")";
                };
            }
        }
        if (kept > 0) {
            warnings.add("sheet '" + sheet.name() + "': " + kept + " figure(s) keep their values instead of a formula "
                    + "over sheet '" + lookup.sheet() + "', which would not give them (a key a spreadsheet matches "
                    + "as a pattern or ignoring case, or rows the summary leaves out)");
        }
    }

    /**
     * The criteria pairs that pick body row {@code r}'s group: the key cell of the row when it shows the key's
     * text (so the formula reads as an analyst would write it), else the key as a constant; a period as the two
     * bounds {@code >=start} and {@code <end}.
     */
    private String criteria(Lookup lookup, String key, int r, Object group) {
        return switch (group) {
            case String text -> key + "," + (text.equals(table.rows().get(r).get(lookup.keyColumn()))
                    ? ExcelReferences.cell(layout.rowOf(r), lookup.keyColumn()) : ExcelReferences.text(text));
            case Double number -> key + "," + ExcelReferences.number(number);
            case LocalDate start -> key + ",\">=\"&" + ExcelReferences.date(start) + "," + key + ",\"<\"&"
                    + ExcelReferences.date(lookup.grouping().end(start));
            default -> throw new IllegalStateException("unexpected key " + group);
        };
    }

    private void differences(Sheet sheet, List<String> warnings) {
        int kept = 0;
        for (Sheet.Difference difference : sheet.differences()) {
            for (int r = 0; r < table.rows().size(); r++) {
                List<Object> row = table.rows().get(r);
                Double minuend = (Double) row.get(difference.minuend());
                Double subtrahend = (Double) row.get(difference.subtrahend());
                Double expected = minuend == null || subtrahend == null ? null
                        : (minuend - subtrahend) * difference.scale();
                if (!GroupValues.same(expected, (Double) row.get(difference.column()))) {
                    kept++;
                    continue;
                }
                int at = layout.rowOf(r);
                String m = ExcelReferences.relativeCell(at, difference.minuend());
                String s = ExcelReferences.relativeCell(at, difference.subtrahend());
                String value = difference.scale() == 1 ? m + "-" + s
                        : "(" + m + "-" + s + ")*" + ExcelReferences.number(difference.scale());
                // A blank side (a mean of no rows) leaves the difference blank, as the table does.
                formulas[r][difference.column()] = "IF(OR(" + m + "=\"\"," + s + "=\"\"),\"\"," + value + ")";
            }
        }
        if (kept > 0) {
            warnings.add("sheet '" + sheet.name() + "': " + kept + " difference(s) keep their values: they are not "
                    + "the difference of their row's cells");
        }
    }
}
