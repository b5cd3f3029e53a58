package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A table with typed columns. Cells hold {@link String}, {@link Double} or {@link java.time.LocalDate}
 * values (or {@code null} for empty) matching their column's type.
 *
 * @param caption   a caption shown above the table
 * @param columns   the header row and column types
 * @param rows      the body rows
 * @param totalsRow whether renderers add a totals row summing the numeric columns (as formulas where the
 *                  format has them)
 */
public record Table(String caption, List<Column> columns, List<List<Object>> rows, boolean totalsRow)
        implements Block {

    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table '" + caption + "' row " + r + " has " + row.size()
                        + " cells, the header has " + columns.size());
            }
            for (int c = 0; c < row.size(); c++) {
                columns.get(c).type().check(row.get(c), caption, r, c);
            }
            copied.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copied);
    }

    /** Sum of a numeric column over the body rows. */
    public double columnTotal(int column) {
        double sum = 0;
        for (List<Object> row : rows) {
            if (row.get(column) instanceof Double d) {
                sum += d;
            }
        }
        return sum;
    }

    /**
     * @param name   header text
     * @param type   the cell type
     * @param format a number format such as {@code #,##0.00} or {@code 0.0%}; empty for the default
     */
    public record Column(String name, ColumnType type, String format) implements Serializable {
        public Column {
            format = format == null ? "" : format;
        }

        public static Column text(String name) {
            return new Column(name, ColumnType.TEXT, "");
        }

        public static Column number(String name, String format) {
            return new Column(name, ColumnType.NUMBER, format);
        }
    }

    /** Cell types; numbers stay numbers and dates stay dates in every format. */
    public enum ColumnType {
        TEXT(String.class), NUMBER(Double.class), DATE(java.time.LocalDate.class);

        private final Class<?> javaType;

        ColumnType(Class<?> javaType) {
            this.javaType = javaType;
        }

        void check(Object value, String caption, int row, int column) {
            if (value != null && !javaType.isInstance(value)) {
                throw new IllegalArgumentException("table '" + caption + "' cell (" + row + "," + column
                        + ") should be " + javaType.getSimpleName() + ", is " + value.getClass().getSimpleName());
            }
        }
    }
}
