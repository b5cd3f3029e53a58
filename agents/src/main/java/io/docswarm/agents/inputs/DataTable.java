package io.docswarm.agents.inputs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A typed table read from a data file. Cells are {@link String}, {@link Double}, {@link java.time.LocalDate}
 * or {@code null}, as their column's kind says.
 *
 * @param name    short name (from the job spec)
 * @param origin  the file it came from, relative to the bucket (for citations)
 * @param columns header names
 * @param kinds   inferred kind of each column
 * @param rows    body rows
 * @param percentages the number columns whose every value the file writes as a percentage ({@code 3.1%} in a CSV,
 *                    a percentage number format in a workbook); their values are fractions (0.031)
 */
public record DataTable(String name, String origin, List<String> columns, List<ColumnKind> kinds,
                        List<List<Object>> rows, Set<Integer> percentages) implements Serializable {

    public DataTable {
        columns = List.copyOf(columns);
        kinds = List.copyOf(kinds);
        percentages = Set.copyOf(percentages);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }

    /** A table whose file writes no column as percentages. */
    public DataTable(String name, String origin, List<String> columns, List<ColumnKind> kinds,
                     List<List<Object>> rows) {
        this(name, origin, columns, kinds, rows, Set.of());
    }

    /** The same table with only {@code rows}, e.g. the rows with a value in two columns. */
    public DataTable withRows(List<List<Object>> rows) {
        return new DataTable(name, origin, columns, kinds, rows, percentages);
    }

    /** Column {@code column}'s numbers by row, NaN where a row has none: what column scans over many rows read. */
    public double[] numbers(int column) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r).get(column) instanceof Double d ? d : Double.NaN;
        }
        return values;
    }

    /** Whether the file writes every value of {@code column} as a percentage. */
    public boolean writtenAsPercentages(int column) {
        return percentages.contains(column);
    }

    /** Column kinds inferred from the values. */
    public enum ColumnKind { TEXT, NUMBER, DATE }

    /** Index of the first column of {@code kind}, or -1. */
    public int firstColumn(ColumnKind kind) {
        return kinds.indexOf(kind);
    }

    /** Indexes of all columns of {@code kind}. */
    public List<Integer> columnsOf(ColumnKind kind) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == kind) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
