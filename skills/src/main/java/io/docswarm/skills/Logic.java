package io.docswarm.skills;

import java.io.Serializable;
import java.util.List;

/**
 * The calculation conventions of a workbook sample.
 *
 * @param numberFormats      the number formats each kind of column uses, most used first within a kind
 * @param formulas           formula patterns found, most frequent first
 * @param conditionalFormats conditional formatting rules
 */
public record Logic(List<NumberFormat> numberFormats, List<FormulaPattern> formulas,
                    List<ConditionalFormat> conditionalFormats) implements Serializable {

    public Logic {
        numberFormats = numberFormats == null ? List.of() : List.copyOf(numberFormats);
        formulas = formulas == null ? List.of() : List.copyOf(formulas);
        conditionalFormats = conditionalFormats == null ? List.of() : List.copyOf(conditionalFormats);
    }

    /** The most used number format for a column kind, if the sample showed one. */
    public java.util.Optional<String> formatFor(String columnKind) {
        return numberFormats.stream().filter(f -> f.columnKind().equals(columnKind)).map(NumberFormat::format)
                .findFirst();
    }

    /**
     * The format a column should use to follow this Skill, given the format a drafter chose: that format when the
     * Skill uses it, else the Skill's most used format for the same kind of column, else the format unchanged.
     */
    public String follow(String format) {
        if (format == null || format.isEmpty() || numberFormats.stream().anyMatch(f -> f.format().equals(format))) {
            return format;
        }
        return formatFor(kindOfFormat(format)).orElse(format);
    }

    /**
     * The kind of column a number format shows: {@code percent}, {@code currency}, {@code decimal} or
     * {@code integer} ({@code General} counts as {@code decimal}; dates are recognised from the cell, not here).
     */
    public static String kindOfFormat(String format) {
        String f = format == null ? "General" : format;
        String lower = f.toLowerCase(java.util.Locale.ROOT);
        String unquoted = f.replaceAll("\"[^\"]*\"", "");
        if (unquoted.contains("%")) {
            return "percent";
        }
        if (f.contains("[$") || f.matches(".*[$€£¥₹].*") || lower.matches(".*\"(eur|usd|gbp|chf|sek|nok|dkk)\".*")) {
            return "currency";
        }
        if (lower.equals("general")) {
            return "decimal";
        }
        // Digits after the decimal point, required (0) or optional (#): "#,##0.00", "0.0", "#,##0.##".
        return unquoted.matches(".*[0#]\\.[0#].*") ? "decimal" : "integer";
    }

    /**
     * @param columnKind {@code currency}, {@code percent}, {@code integer}, {@code decimal} or {@code date}
     * @param format     the Excel format code, e.g. {@code #,##0.00 [$EUR]}
     * @param columns    how many columns of the sample use it
     */
    public record NumberFormat(String columnKind, String format, int columns) implements Serializable {
    }

    /**
     * A formula shape with cell references made relative, e.g. {@code SUM(R[-12]C:R[-1]C)}.
     *
     * @param kind    {@code total}, {@code average}, {@code ratio}, {@code difference}, {@code lookup},
     *                {@code conditional} or {@code other}
     * @param pattern the formula with references in relative R1C1 form
     * @param example one occurrence as written in the sample, with its sheet and cell
     * @param count   occurrences
     */
    public record FormulaPattern(String kind, String pattern, String example, int count) implements Serializable {
    }

    /**
     * @param sheet   sheet name
     * @param range   cell range it applies to, e.g. {@code D2:D40}
     * @param type    rule type: {@code cellIs}, {@code expression}, {@code colorScale}, {@code dataBar} ...
     * @param rule    the operator and formulas, e.g. {@code lessThan 0}
     * @param fill    fill colour it applies, empty when none or not a solid fill
     */
    public record ConditionalFormat(String sheet, String range, String type, String rule, String fill)
            implements Serializable {
    }
}
