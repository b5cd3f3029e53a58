package io.docswarm.renderers;

import io.docswarm.renderers.model.Table;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.Locale;

/** Formats table cells as text for formats without native number formats (PDF, Word, PowerPoint). */
public final class TextFormat {

    private TextFormat() {
    }

    /** The cell as text, using the column's Excel-style number format where it has one. */
    public static String cell(Object value, Table.Column column) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return number(d, column.format());
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value.toString();
    }

    /**
     * A totals-row cell: {@code Total} in the first column, else the column's {@link Table#aggregate aggregate}
     * (its sum, its mean, or nothing) in the column's format.
     */
    public static String totalCell(Table table, int column) {
        if (column == 0) {
            return "Total";
        }
        java.util.OptionalDouble value = table.aggregate(column);
        return value.isPresent() ? number(value.getAsDouble(), table.columns().get(column).format()) : "";
    }

    /** Formats a number with an Excel-style pattern ({@code #,##0}, {@code 0.0%}, {@code #,##0.00}). */
    public static String number(double value, String excelFormat) {
        String pattern = excelFormat == null || excelFormat.isBlank() ? "#,##0.##" : excelFormat;
        // Excel formats may carry sections; the first section is what Java's formatter understands.
        pattern = quotedLiterals(pattern.split(";")[0]);
        try {
            return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        } catch (IllegalArgumentException e) {
            return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        }
    }

    /**
     * Excel's quoted literal text ({@code 0.0"%"}, {@code #,##0 "kr"}) quoted as DecimalFormat quotes it, so that a
     * literal {@code %} is printed rather than read as "multiply by 100".
     */
    private static String quotedLiterals(String excelFormat) {
        StringBuilder pattern = new StringBuilder();
        for (char c : excelFormat.toCharArray()) {
            pattern.append(c == '"' ? "'" : c == '\'' ? "''" : String.valueOf(c));
        }
        return pattern.toString();
    }

    /** Replaces the {@code {title}} and {@code {page}} markers of a Skill's header and footer text. */
    public static String runningText(String template, String title, int page) {
        return template.replace("{title}", title).replace("{page}", Integer.toString(page));
    }
}
