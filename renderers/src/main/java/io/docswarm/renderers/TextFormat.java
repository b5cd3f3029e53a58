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

    /** Formats a number with an Excel-style pattern ({@code #,##0}, {@code 0.0%}, {@code #,##0.00}). */
    public static String number(double value, String excelFormat) {
        String pattern = excelFormat == null || excelFormat.isBlank() ? "#,##0.##" : excelFormat;
        // Excel formats may carry sections or literal text; the first section is what Java's formatter understands.
        pattern = pattern.split(";")[0].replace("\"", "");
        try {
            return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        } catch (IllegalArgumentException e) {
            return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        }
    }

    /** Replaces the {@code {title}} and {@code {page}} markers of a Skill's header and footer text. */
    public static String runningText(String template, String title, int page) {
        return template.replace("{title}", title).replace("{page}", Integer.toString(page));
    }
}
