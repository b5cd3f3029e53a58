package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time order of a text period column's values. A file sorted by department lists Sales's February before
 * Engineering's January, so the order of first appearance is no time order; month names, quarters and year-based
 * labels ("2025-03", "2025 Q1", "Mar 2025", "Sept. 2025", "Quarter 1 2025", "1Q 2025", "Jan-25", "FY2026", "FY25 Q1",
 * "2024-25") are put in calendar order instead. Only labels none of those read keep the file's order.
 */
final class TextPeriods {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    /** "2025", "2025-03", "2025/3", "2025 Q1", "2025-H2", "2025-W07". */
    private static final Pattern YEAR_FIRST = Pattern.compile(
            "(\\d{4})(?:[-/ .]?(?:(\\d{1,2})|q([1-4])|h([12])|w(\\d{1,2})))?");
    /** "Q1 2025", "H2 2025", "Mar 2025", "March 2025". */
    private static final Pattern YEAR_LAST = Pattern.compile("(q[1-4]|h[12]|[a-z]+)[-/ .]?(\\d{4})");
    private static final Pattern FISCAL_YEAR = Pattern.compile("fy ?(\\d{2}|\\d{4})");
    /** "Jan-25", "Jan'25", "Q1-25": a spreadsheet's month and two-digit year (not "Mar 15", which may be a day). */
    private static final Pattern SHORT_YEAR_LAST = Pattern.compile("(q[1-4]|h[12]|[a-z]+)(?:-|'| ')(\\d{2})");
    /** "FY25 Q1", "FY2025-H2", and the other way round, "Q1 FY25". */
    private static final Pattern FISCAL_PART = Pattern.compile(
            "fy ?(\\d{2}|\\d{4})[ -]?(q[1-4]|h[12])|(q[1-4]|h[12])[ -]?fy ?(\\d{2}|\\d{4})");
    /** "2024-25", "2024/25": a (fiscal or school) year across two calendar years, sorted by its first. */
    private static final Pattern YEAR_SPAN = Pattern.compile("(\\d{4})[-/](\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("q([1-4])");
    /** {@link #calendarKey}'s units of a year: keys below it name a period of no year. */
    private static final long YEAR = 1000;
    /** A year in the units of a period within it ({@link #within}): December's, Q4's and H2's key. */
    private static final long YEAR_ROUND = 120;
    /**
     * "Quarter 1", "Qtr 1", "Qtr1", "Quarter-1", "1Q", "1st quarter", "1st Qtr", "2Q2025": each written as "q1"
     * before it is read.
     */
    private static final Pattern QUARTER_WORDS = Pattern.compile(
            "\\b(?:quarter|qtr)[ -]?([1-4])\\b|\\b([1-4])(?:st|nd|rd|th)? ?(?:quarter|qtr|q)(?=\\b|\\d{4}\\b)");
    /** An abbreviation's dot after a letter: "Sept. 2025", "Mar." (a dot between digits stays: "2025.03"). */
    private static final Pattern ABBREVIATION_DOT = Pattern.compile("(?<=\\p{L})\\.");

    private TextPeriods() {
    }

    /**
     * Each text value of {@code column} with its rank in time order, 0 first. Labels without a year ("Oct", "Q3")
     * run round the year: they start after the widest gap between the year's periods they name (Oct to Mar of a
     * half-year, Apr to Mar of a fiscal year), or, where no gap is widest (all twelve months), at the file's first.
     */
    static Map<Object, Integer> ranks(DataTable table, int column) {
        Set<String> values = distinctTexts(table, column);
        Map<String, Long> keys = new HashMap<>();
        for (String value : values) {
            OptionalLong key = calendarKey(value);
            if (key.isEmpty()) {
                keys.clear(); // one label that is no calendar period: the file's order for all
                break;
            }
            keys.put(value, key.getAsLong());
        }
        List<String> ordered = new ArrayList<>(values);
        if (!keys.isEmpty()) {
            ordered.sort(Comparator.comparingLong(keys::get)); // stable: equal keys keep the file's order
            if (keys.values().stream().allMatch(key -> key < YEAR)) {
                ordered = roundTheYear(ordered, keys, values.iterator().next());
            }
        }
        Map<Object, Integer> ranks = new HashMap<>();
        for (String value : ordered) {
            ranks.put(value, ranks.size());
        }
        return ranks;
    }

    /** Whether every text value of {@code column} is a calendar period, so {@link #ranks} is a time order. */
    static boolean calendarOrdered(DataTable table, int column) {
        Set<String> values = distinctTexts(table, column);
        return !values.isEmpty() && values.stream().allMatch(value -> calendarKey(value).isPresent());
    }

    /** The column's texts, each once, in the order the file first has them (each is parsed once, not once a row). */
    private static Set<String> distinctTexts(DataTable table, int column) {
        Set<String> values = new LinkedHashSet<>();
        for (List<Object> row : table.rows()) {
            if (row.get(column) instanceof String text) {
                values.add(text);
            }
        }
        return values;
    }

    /**
     * {@code sorted} (labels of no year, in the year's order) started after the widest gap between consecutive
     * ones, counted round the year; at {@code first} (the file's first label) where no gap is widest.
     */
    private static List<String> roundTheYear(List<String> sorted, Map<String, Long> keys, String first) {
        int start = sorted.indexOf(first);
        long widest = -1;
        boolean tie = false;
        for (int i = 0; i < sorted.size(); i++) {
            long from = keys.get(sorted.get(i));
            long to = keys.get(sorted.get((i + 1) % sorted.size())) + (i + 1 == sorted.size() ? YEAR_ROUND : 0);
            if (to - from > widest) {
                widest = to - from;
                start = (i + 1) % sorted.size();
                tie = false;
            } else if (to - from == widest) {
                tie = true;
            }
        }
        if (tie) {
            start = sorted.indexOf(first);
        }
        List<String> rotated = new ArrayList<>(sorted.subList(start, sorted.size()));
        rotated.addAll(sorted.subList(0, start));
        return rotated;
    }

    /**
     * {@code groups} keyed by the values of text period column {@code column} of {@code table}, in time order
     * ({@link #ranks}), the blank key (null) last; in the given order where some label is no calendar period.
     */
    static <V> Map<Object, V> inTimeOrder(Map<Object, V> groups, DataTable table, int column) {
        Map<Object, Integer> ranks = ranks(table, column);
        List<Map.Entry<Object, V>> entries = new ArrayList<>(groups.entrySet());
        entries.sort(Comparator.comparingInt(e -> e.getKey() == null ? Integer.MAX_VALUE
                : ranks.getOrDefault(e.getKey(), Integer.MAX_VALUE - 1)));
        Map<Object, V> ordered = new java.util.LinkedHashMap<>();
        entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /**
     * A label written the way the patterns read it: lowercase, no abbreviation dots ("Sept. 2025" as "sept 2025",
     * "Qtr. 2" as "qtr 2"), then quarters as "q1" however they are written.
     */
    static String normalized(String label) {
        String undotted = ABBREVIATION_DOT.matcher(label.strip().toLowerCase(Locale.ROOT)).replaceAll("");
        return QUARTER_WORDS.matcher(undotted).replaceAll(m -> "q" + (m.group(1) != null ? m.group(1) : m.group(2)));
    }

    /** A number that sorts calendar periods in time order (year x 1000 + the period within it); empty for none. */
    static OptionalLong calendarKey(String written) {
        String label = normalized(written);
        Matcher m = YEAR_FIRST.matcher(label);
        if (m.matches()) {
            long year = Long.parseLong(m.group(1)) * 1000;
            if (m.group(2) == null) {
                return OptionalLong.of(year + within(m.group(3), m.group(4), m.group(5)));
            }
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return OptionalLong.of(year + month * 10);
            } // else perhaps a year across two ("2024-25"), below
        }
        // "FY2026" matches a month's pattern too, with "fy" for its month: the fiscal patterns below read it.
        for (Pattern yearLast : List.of(YEAR_LAST, SHORT_YEAR_LAST)) {
            m = yearLast.matcher(label);
            OptionalLong within = m.matches() ? withinYear(m.group(1)) : OptionalLong.empty();
            if (within.isPresent()) {
                return OptionalLong.of(fullYear(m.group(2)) * 1000 + within.getAsLong());
            }
        }
        m = FISCAL_YEAR.matcher(label);
        if (m.matches()) {
            return OptionalLong.of(fullYear(m.group(1)) * 1000);
        }
        m = FISCAL_PART.matcher(label);
        if (m.matches()) {
            String year = m.group(1) != null ? m.group(1) : m.group(4);
            String part = m.group(2) != null ? m.group(2) : m.group(3);
            return OptionalLong.of(fullYear(year) * 1000 + withinYear(part).getAsLong());
        }
        m = YEAR_SPAN.matcher(label);
        if (m.matches() && Integer.parseInt(m.group(2)) == (Integer.parseInt(m.group(1)) + 1) % 100) {
            return OptionalLong.of(Long.parseLong(m.group(1)) * 1000);
        }
        return withinYear(label);
    }

    /** A year of four digits, or of two (2000 + 25 for "25", 1900 + 98 for "98": a spreadsheet's own rule). */
    private static long fullYear(String digits) {
        long year = Long.parseLong(digits);
        return digits.length() > 2 ? year : year < 30 ? 2000 + year : 1900 + year;
    }

    /** A month (10-120), quarter (30-120), half (60-120) or week (1-53, as 1000ths of a year would) in the year. */
    private static long within(String quarter, String half, String week) {
        if (quarter != null) {
            return Long.parseLong(quarter) * 30;
        }
        if (half != null) {
            return Long.parseLong(half) * 60;
        }
        return week == null ? 0 : Long.parseLong(week) * 2;
    }

    /**
     * A label's month (1-12, {@code count} 12: "Mar", "March", "Sept.") or quarter (1-4, {@code count} 4: "Q1",
     * "Quarter 1", "1Q") of the year; empty for anything else.
     */
    static OptionalInt positionInYear(String written, int count) {
        String label = normalized(written);
        OptionalLong key = withinYear(label);
        boolean quarter = QUARTER.matcher(label).matches();
        if (key.isEmpty() || quarter != (count == 4) || label.matches("h[12]")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) (key.getAsLong() / (quarter ? 30 : 10)));
    }

    /** "Mar", "March", "Q1", "H2" on their own; empty for anything else. */
    private static OptionalLong withinYear(String label) {
        Matcher quarter = QUARTER.matcher(label);
        if (quarter.matches()) {
            return OptionalLong.of(Long.parseLong(quarter.group(1)) * 30);
        }
        if (label.matches("h[12]")) {
            return OptionalLong.of(Long.parseLong(label.substring(1)) * 60);
        }
        if (label.length() >= 3) {
            int month = MONTHS.indexOf(label.substring(0, 3));
            String full = month < 0 ? "" : java.time.Month.of(month + 1).name().toLowerCase(Locale.ROOT);
            if (month >= 0 && (label.length() == 3 || full.startsWith(label))) {
                return OptionalLong.of((month + 1) * 10L);
            }
        }
        return OptionalLong.empty();
    }
}
