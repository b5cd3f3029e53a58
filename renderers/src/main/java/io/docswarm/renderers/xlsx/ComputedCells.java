package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The formulas of a sheet's computed table cells: a {@link Lookup}'s cells as SUMIFS, AVERAGEIFS or COUNTIFS over
 * the looked-up sheet's table, a {@link Sheet.Difference}'s or {@link Sheet.Quotient}'s cells as the difference or
 * quotient of two cells of the row. A cell becomes a formula only where the formula gives the table's own value (see
 * {@link GroupValues}); that value is the formula's cached result. The rest keep their values, and the sheet's
 * warnings say how many and why.
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
        sameRow(sheet, warnings);
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

    /**
     * Each same-row column's cells as formulas over the cells of their row, where the formula gives the table's
     * value (a cell the table computed otherwise keeps it). The operands' cells hold the table's values too,
     * literal or computed, so the formula's result is the value cached, whatever order a reader evaluates in.
     */
    private void sameRow(Sheet sheet, List<String> warnings) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (Sheet.SameRowColumn column : sheet.sameRowColumns()) {
            for (int r = 0; r < table.rows().size(); r++) {
                List<Object> row = table.rows().get(r);
                if (GroupValues.same(column.valueIn(row), (Double) row.get(column.column()))) {
                    formulas[r][column.column()] = formula(column, layout.rowOf(r));
                } else {
                    kept.merge(column.kind(), 1, Integer::sum);
                }
            }
        }
        kept.forEach((noun, count) -> warnings.add("sheet '" + sheet.name() + "': " + count + " " + noun
                + "(s) keep their values: they are not the " + noun + " of their row's cells"));
    }

    /**
     * The formula of a same-row column's cell in worksheet row {@code at}, over relative references to the row's
     * cells (so it reads like an analyst's own formula and copies down). Blank, as the table has it, where an operand
     * is blank (a mean of no rows) or a quotient's denominator is 0: never #DIV/0! or #VALUE!.
     */
    private static String formula(Sheet.SameRowColumn column, int at) {
        return switch (column) {
            case Sheet.Difference d -> {
                String m = ExcelReferences.relativeCell(at, d.minuend());
                String s = ExcelReferences.relativeCell(at, d.subtrahend());
                String value = d.scale() == 1 ? m + "-" + s
                        : "(" + m + "-" + s + ")" + ExcelReferences.times(d.scale());
                yield "IF(OR(" + m + "=\"\"," + s + "=\"\"),\"\"," + value + ")";
            }
            case Sheet.Quotient q -> {
                String n = ExcelReferences.relativeCell(at, q.numerator());
                String d = ExcelReferences.relativeCell(at, q.denominator());
                // A blank denominator cell equals both "" and 0, a blank result ("") only "": both tests are needed.
                // (N(), which reads either as 0, is one POI 5.5.1's evaluator does not implement.)
                yield "IF(OR(" + n + "=\"\"," + d + "=\"\"," + d + "=0),\"\"," + n + "/" + d
                        + ExcelReferences.times(q.scale()) + ")";
            }
        };
    }
}
