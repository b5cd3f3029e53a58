package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Table;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a spreadsheet's SUMIFS, AVERAGEIFS or COUNTIFS gives for each group of a lookup, computed from the source
 * table the way the spreadsheet matches criteria: text ignoring case, numbers by value, dates by period. A cell is
 * written as a formula only where this equals the summary's own value, so a file's cached results (which a
 * streamed workbook never recalculates) always agree with its formulas, and a key the spreadsheet would match
 * differently (a case variant of another key, rows the summary left out) keeps its value instead.
 */
final class GroupValues {

    /** The numbers and rows of one group. */
    private static final class Group {
        double sum;
        int numbers;
        int rows;
    }

    private final Lookup lookup;
    private final Map<Object, Group> groups = new HashMap<>();

    /** One pass over {@code source}'s rows for aggregation {@code aggregation}. */
    GroupValues(Table source, Lookup lookup, Lookup.Aggregation aggregation) {
        this.lookup = lookup;
        int key = source.columnIndex(lookup.sourceKey());
        int value = aggregation.function() == Lookup.Function.COUNT ? -1
                : source.columnIndex(aggregation.sourceColumn());
        for (List<Object> row : source.rows()) {
            Object group = groupOf(row.get(key));
            if (group == null) {
                continue;
            }
            Group g = groups.computeIfAbsent(group, k -> new Group());
            g.rows++;
            if (value >= 0 && row.get(value) instanceof Double d) {
                g.sum += d;
                g.numbers++;
            }
        }
    }

    /** The group a key cell belongs to, as criteria compare it; null for a blank cell, which no key matches. */
    private Object groupOf(Object cell) {
        return switch (cell) {
            case null -> null;
            case String text -> text.toLowerCase(Locale.ROOT);
            case LocalDate date -> lookup.grouping().byDate() ? lookup.grouping().start(date) : date;
            default -> cell;
        };
    }

    /**
     * The spreadsheet's result for {@code key}'s group: the sum (0 without numbers), the mean (null, shown blank,
     * without numbers) or the row count.
     */
    Double result(Lookup.Function function, Object key) {
        Group g = groups.getOrDefault(groupOf(key), new Group());
        return switch (function) {
            case SUM -> g.sum;
            case AVERAGE -> g.numbers == 0 ? null : g.sum / g.numbers;
            case COUNT -> (double) g.rows;
        };
    }

    /** The first day whose spreadsheet serial every reader agrees on. */
    private static final java.time.LocalDate FIRST_SAFE_DATE = java.time.LocalDate.of(1900, 3, 1);
    /** The last day a spreadsheet date can be: Excel's DATE(10000,1,1) is #NUM!. */
    private static final java.time.LocalDate LAST_DATE = java.time.LocalDate.of(9999, 12, 31);

    /**
     * Whether criteria on {@code key} mean plain equality: text with a wildcard ({@code * ? ~}), a leading
     * comparison ({@code = < >}) or that reads as a number, a truth value or a date is a pattern or a comparison to
     * a spreadsheet, not the text itself. Excel reads criteria such as "2026-07" or "3/4" as dates in the reader's
     * locale, so text of digits and date separators only is left out whatever LibreOffice and POI would do. A
     * period starting before 1 March 1900, or whose end bound (the day after it, under {@code grouping}) is past
     * 9999-12-31, is left out too.
     */
    static boolean plainKey(Object key, Lookup.Grouping grouping) {
        if (key instanceof java.time.LocalDate date) {
            // Spreadsheet dates start in 1900 (DATE(1850,1,1) is read as the year 3750), and Excel's serials of
            // January and February 1900 carry its phantom 29 February; they stop at 9999-12-31, so the "<" bound
            // of a "never" dated 9999-12-31 (its month ends on DATE(10000,1,1)) is an error: such a period keeps
            // its value.
            return !date.isBefore(FIRST_SAFE_DATE) && !grouping.end(date).isAfter(LAST_DATE);
        }
        if (!(key instanceof String text)) {
            return key != null;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty() || text.matches("(?s).*[*?~].*") || text.matches("(?s)^\\s*[=<>].*")
                || trimmed.matches("[\\d\\s./:-]+")
                || trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return false;
        }
        try {
            Double.parseDouble(trimmed);
            return false;
        } catch (NumberFormatException notANumber) {
            return true;
        }
    }

    /** Whether two results agree, to the rounding of adding the same numbers in the same order. */
    static boolean same(Double a, Double b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
