package io.docswarm.agents.analysis;

import io.docswarm.renderers.TextFormat;
import java.util.Locale;

/**
 * A numeric column that is summed: its index, its header read as English, and the number format its values take.
 */
public record Measure(int column, ColumnLabel label, String format) {

    static Measure of(int column, String header) {
        return new Measure(column, ColumnLabel.of(header), formatFor(header));
    }

    public String name() {
        return label.original();
    }

    /** A value as written in a sentence, with the column's unit: {@code 301 MWh}. */
    public String amount(double value) {
        return label.withUnit(TextFormat.number(value, format));
    }

    /** A difference with its sign: {@code +24,700}, {@code -8,500}. */
    public String signedAmount(double value) {
        return (value < 0 ? "-" : "+") + amount(Math.abs(value));
    }

    /** Number format by the header: percentages, counts, amounts. */
    static String formatFor(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        if (name.contains("%") || name.contains("rate") || name.contains("share")) {
            return "0.0%";
        }
        if (name.matches(".*(count|units|deals|headcount|customers|orders|tickets|users|fte|installations).*")) {
            return "#,##0";
        }
        return "#,##0.##";
    }
}
