package io.docswarm.agents.inputs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed table read from a data file. Cells are {@link String}, {@link Double}, {@link java.time.LocalDate}
 * or {@code null}, as their column's kind says.
 *
 * @param name    short name (from the job spec)
 * @param origin  the file it came from, relative to the bucket (for citations)
 * @param columns header names
 * @param kinds   inferred kind of each column
 * @param rows    body rows
 */
public record DataTable(String name, String origin, List<String> columns, List<ColumnKind> kinds,
                        List<List<Object>> rows) implements Serializable {

    public DataTable {
        columns = List.copyOf(columns);
        kinds = List.copyOf(kinds);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
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
