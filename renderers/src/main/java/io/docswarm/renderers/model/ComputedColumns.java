package io.docswarm.renderers.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a sheet's computed table columns ({@link Lookup}, {@link Sheet.Difference}, {@link Sheet.Quotient}):
 * against the sheet's own table when the sheet is made, against the table looked up in when the document is made.
 * Mistakes fail there, with the sheet and column named, instead of as a broken formula in a file.
 */
final class ComputedColumns {

    private ComputedColumns() {
    }

    /**
     * Checks {@code lookup} and the same-row columns (differences, quotients) against the sheet's own table: every
     * column they fill or read is a number column, none is filled twice, and no same-row column depends on itself
     * through others (a circular reference in a spreadsheet).
     */
    static void check(String sheet, Table table, Lookup lookup, List<Sheet.SameRowColumn> sameRow) {
        Set<Integer> computed = new HashSet<>();
        if (lookup != null) {
            if (lookup.sheet().equals(sheet)) {
                throw new IllegalArgumentException("sheet '" + sheet + "': a lookup reads another sheet, not its own");
            }
            column(sheet, table, lookup.keyColumn(), "the lookup's key column");
            if (lookup.keys().size() != table.rows().size()) {
                throw new IllegalArgumentException("sheet '" + sheet + "': the lookup has " + lookup.keys().size()
                        + " keys for " + table.rows().size() + " rows");
            }
            for (Lookup.Aggregation aggregation : lookup.columns()) {
                numberColumn(sheet, table, aggregation.column(), "a looked-up column");
                if (aggregation.column() == lookup.keyColumn()) {
                    throw new IllegalArgumentException("sheet '" + sheet + "': the key column cannot be looked up");
                }
                computed.add(aggregation.column());
            }
        }
        for (Sheet.SameRowColumn column : sameRow) {
            String kind = column.kind();
            numberColumn(sheet, table, column.column(), "a " + kind + " column");
            for (int operand : column.operands()) {
                numberColumn(sheet, table, operand, "a " + kind + "'s operand");
            }
            if (!computed.add(column.column())) {
                throw new IllegalArgumentException("sheet '" + sheet + "': column '"
                        + table.columns().get(column.column()).name() + "' is computed twice");
            }
        }
        noCycles(sheet, table, sameRow);
    }

    /**
     * Fails when a same-row column reads itself through other same-row columns (a difference of a quotient of the
     * difference): its cells would be a circular reference in a spreadsheet, with no value at all.
     */
    private static void noCycles(String sheet, Table table, List<Sheet.SameRowColumn> sameRow) {
        Map<Integer, List<Integer>> reads = new HashMap<>();
        sameRow.forEach(column -> reads.put(column.column(), column.operands()));
        for (int start : reads.keySet()) {
            Deque<Integer> pending = new ArrayDeque<>(reads.get(start));
            Set<Integer> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                int next = pending.pop();
                if (next == start) {
                    throw new IllegalArgumentException("sheet '" + sheet + "': column '"
                            + table.columns().get(start).name() + "' is computed from itself through other "
                            + "computed columns");
                }
                if (seen.add(next)) {
                    pending.addAll(reads.getOrDefault(next, List.of()));
                }
            }
        }
    }

    /**
     * Checks each sheet's lookup against the sheet it reads, when the document has that sheet (once, by that name):
     * the key and aggregated columns exist and their types fit. A lookup whose sheet the document lacks is no error:
     * its cells keep their values, as in formats without formulas.
     */
    static void checkSources(List<Sheet> sheets) {
        for (Sheet sheet : sheets) {
            if (sheet.lookup() == null) {
                continue;
            }
            Lookup lookup = sheet.lookup();
            List<Sheet> sources = sheets.stream().filter(s -> s.name().equals(lookup.sheet())).toList();
            if (sources.size() != 1) {
                continue;
            }
            Table source = sources.getFirst().table();
            String where = "sheet '" + sheet.name() + "' looks up sheet '" + lookup.sheet() + "': ";
            Table.Column key = named(source, lookup.sourceKey(), where);
            for (Object value : lookup.keys()) {
                Table.ColumnType wanted = switch (value) {
                    case null -> key.type();
                    case String text -> Table.ColumnType.TEXT;
                    case Double number -> Table.ColumnType.NUMBER;
                    default -> Table.ColumnType.DATE;
                };
                if (key.type() != wanted) {
                    throw new IllegalArgumentException(where + "key column '" + key.name() + "' is " + key.type()
                            + ", the key " + value + " is " + wanted);
                }
            }
            for (Lookup.Aggregation aggregation : lookup.columns()) {
                if (aggregation.function() != Lookup.Function.COUNT) {
                    Table.Column column = named(source, aggregation.sourceColumn(), where);
                    if (column.type() != Table.ColumnType.NUMBER) {
                        throw new IllegalArgumentException(where + "column '" + column.name() + "' is " + column.type()
                                + ": only numbers are summed or averaged");
                    }
                }
            }
        }
    }

    private static Table.Column named(Table table, String name, String where) {
        int index = table.columnIndex(name);
        if (index < 0) {
            throw new IllegalArgumentException(where + "its table has no column '" + name + "'");
        }
        return table.columns().get(index);
    }

    private static void column(String sheet, Table table, int column, String what) {
        if (column < 0 || column >= table.columns().size()) {
            throw new IllegalArgumentException("sheet '" + sheet + "': " + what + " (" + column
                    + ") is not one of the table's " + table.columns().size() + " columns");
        }
    }

    private static void numberColumn(String sheet, Table table, int column, String what) {
        column(sheet, table, column, what);
        if (table.columns().get(column).type() != Table.ColumnType.NUMBER) {
            throw new IllegalArgumentException("sheet '" + sheet + "': " + what + ", '"
                    + table.columns().get(column).name() + "', is not a number column");
        }
    }
}
