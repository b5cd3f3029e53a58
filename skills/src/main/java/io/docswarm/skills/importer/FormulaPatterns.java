package io.docswarm.skills.importer;

import io.docswarm.skills.Logic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups formulas by shape: A1 references become relative R1C1 ({@code B5: SUM(B2:B4)} becomes
 * {@code SUM(R[-3]C:R[-1]C)}), so the same total written in every column counts as one pattern.
 */
final class FormulaPatterns {

    // A cell reference outside quotes: optional sheet prefix is kept as written.
    private static final Pattern REF = Pattern.compile("(?<![A-Za-z_\\d.])(\\$?)([A-Z]{1,3})(\\$?)(\\d{1,7})(?![\\d(A-Za-z_])");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"]|\"\")*\"");

    private final Map<String, Logic.FormulaPattern> patterns = new LinkedHashMap<>();

    void add(String sheet, int row, int column, String formula) {
        String pattern = relative(formula, row, column);
        String example = sheet + "!" + columnName(column) + (row + 1) + ": " + formula;
        patterns.merge(pattern, new Logic.FormulaPattern(kind(formula), pattern, example, 1),
                (a, b) -> new Logic.FormulaPattern(a.kind(), a.pattern(), a.example(), a.count() + 1));
    }

    /** Patterns, most frequent first (ties in order of first appearance), at most {@code max}. */
    List<Logic.FormulaPattern> top(int max) {
        List<Logic.FormulaPattern> all = new ArrayList<>(patterns.values());
        all.sort((a, b) -> Integer.compare(b.count(), a.count()));
        return all.subList(0, Math.min(max, all.size()));
    }

    int distinct() {
        return patterns.size();
    }

    static String relative(String formula, int row, int column) {
        StringBuilder out = new StringBuilder();
        Matcher strings = STRING.matcher(formula);
        int last = 0;
        while (strings.find()) {
            out.append(relativeRefs(formula.substring(last, strings.start()), row, column)).append(strings.group());
            last = strings.end();
        }
        out.append(relativeRefs(formula.substring(last), row, column));
        return out.toString();
    }

    private static String relativeRefs(String text, int row, int column) {
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int refColumn = columnIndex(m.group(2));
            int refRow = Integer.parseInt(m.group(4)) - 1;
            String r = m.group(3).isEmpty() ? offset("R", refRow - row) : "R" + (refRow + 1);
            String c = m.group(1).isEmpty() ? offset("C", refColumn - column) : "C" + (refColumn + 1);
            m.appendReplacement(sb, Matcher.quoteReplacement(r + c));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String offset(String axis, int delta) {
        return delta == 0 ? axis : axis + "[" + delta + "]";
    }

    static String kind(String formula) {
        String f = formula.toUpperCase(Locale.ROOT);
        if (f.matches(".*\\b(VLOOKUP|HLOOKUP|XLOOKUP|INDEX|MATCH|LOOKUP)\\(.*")) {
            return "lookup";
        }
        if (f.matches(".*\\b(IF|IFS|SUMIF|SUMIFS|COUNTIF|COUNTIFS|AVERAGEIF|AVERAGEIFS|IFERROR)\\(.*")) {
            return "conditional";
        }
        if (f.matches("^\\s*SUM\\(.*") || f.matches(".*\\bSUBTOTAL\\(\\s*(9|109)\\b.*")) {
            return "total";
        }
        if (f.matches(".*\\b(AVERAGE|MEDIAN)\\(.*")) {
            return "average";
        }
        if (f.contains("/")) {
            return "ratio";
        }
        if (f.matches("^[^()]*[A-Z$]+\\d+\\s*-\\s*\\$?[A-Z]+\\$?\\d+[^()]*$")) {
            return "difference";
        }
        return "other";
    }

    static int columnIndex(String letters) {
        int n = 0;
        for (char ch : letters.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n - 1;
    }

    static String columnName(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }
}
