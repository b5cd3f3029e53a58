package io.docswarm.agents.inputs;

import io.docswarm.agents.job.DataRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV (commons-csv) and XLSX (POI, streamed) data files into typed {@link DataTable}s, within the
 * {@link DataLimits} a data file is held to: a file over a limit fails while it is read, at the first byte, row or
 * cell too many, and is never loaded whole.
 */
public final class DataLoader {

    private DataLoader() {
    }

    /**
     * @param ref    the data file
     * @param origin its bucket-relative name, for citations
     * @param opener reads the file
     * @throws InputException in plain words, naming {@code origin}, when the file cannot be read or is too big
     */
    public static DataTable load(DataRef ref, String origin, InputOpener opener) {
        return load(ref, origin, opener, DataLimits.DEFAULT);
    }

    /** {@link #load(DataRef, String, InputOpener)} within other {@code limits}. */
    public static DataTable load(DataRef ref, String origin, InputOpener opener, DataLimits limits) {
        String name = ref.path().toLowerCase(Locale.ROOT);
        try {
            List<List<String>> raw;
            if (name.endsWith(".csv")) {
                raw = csv(ref, origin, opener, limits);
            } else if (name.endsWith(".xlsx")) {
                raw = new XlsxSheetReader(ref, origin, limits).read(opener);
            } else {
                throw new InputException(origin + ": unsupported data type (expected .csv or .xlsx)");
            }
            return typed(ref.name(), origin, raw);
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InputException(origin + " cannot be read: " + InputFiles.detail(e, ref.path(), origin), e);
        }
    }

    /** Cells that mean "no value" in a number or date column: they become missing instead of making it text. */
    static final java.util.Set<String> MISSING_MARKERS = java.util.Set.of("n/a", "na", "#n/a", "-", "\u2013",
            "\u2014", "null", "none");

    /** Delimiters a CSV file may use; the one its header line uses most (outside quotes) wins, comma on a tie. */
    static final char[] DELIMITERS = {',', ';', '\t'};

    private static List<List<String>> csv(DataRef ref, String origin, InputOpener opener, DataLimits limits)
            throws IOException {
        InputStream in = InputFiles.atMost(opener.open(ref.path()), limits.maxBytes(),
                () -> limits.tooManyBytes(origin));
        java.io.BufferedReader buffered = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                StandardCharsets.UTF_8));
        char delimiter;
        try {
            // A UTF-8 byte order mark (Excel writes one) is not part of the first header.
            buffered.mark(1);
            if (buffered.read() != '\uFEFF') {
                buffered.reset();
            }
            buffered.mark(1 << 16);
            char[] head = new char[1 << 16];
            int read = buffered.read(head, 0, head.length);
            buffered.reset();
            delimiter = delimiter(read <= 0 ? "" : new String(head, 0, read));
        } catch (IOException | RuntimeException e) {
            buffered.close(); // the parser below would close it; it is not reached
            throw e;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setTrim(true).get();
        ReadBudget budget = new ReadBudget(origin, limits);
        try (Reader reader = buffered; CSVParser parser = format.parse(reader)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                budget.row(record.size());
                rows.add(record.toList());
            }
            return rows;
        } catch (java.io.UncheckedIOException | IOException e) {
            throw new InputException(origin + " is not a well-formed CSV file: " + csvProblem(e, ref.path(), origin),
                    "path", "a well-formed CSV file", e);
        }
    }

    /** The delimiter the first line of {@code text} uses most outside quotes: comma, semicolon or tab. */
    static char delimiter(String text) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int d = 0; d < DELIMITERS.length; d++) {
                    if (c == DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    /** Whether a cell is empty or a common "no value" marker (n/a, NA, -, an en or em dash...). */
    static boolean isMissing(String cell) {
        String c = cell.strip();
        return c.isEmpty() || MISSING_MARKERS.contains(c.toLowerCase(Locale.ROOT));
    }

    /** commons-csv's errors in plain words, e.g. an unclosed quote. */
    static String csvProblem(Exception e, String location, String origin) {
        String detail = InputFiles.detail(e, location, origin);
        var unclosed = java.util.regex.Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token "
                + "finished").matcher(detail);
        if (unclosed.find()) {
            return "a quoted cell that starts on line " + unclosed.group(1) + " is never closed";
        }
        var afterQuote = java.util.regex.Pattern.compile("\\(line (\\d+)\\) invalid char between encapsulated token "
                + "and delimiter").matcher(detail);
        if (afterQuote.find()) {
            return "line " + afterQuote.group(1) + " has text after a closing quote";
        }
        return detail;
    }

    /** Infers each column's kind from all its values: a column is numeric only if every cell that is not empty or a
     * missing-value marker ({@link #isMissing}) is; markers in number and date columns become missing (null). */
    static DataTable typed(String name, String origin, List<List<String>> raw) {
        if (raw.isEmpty() || raw.getFirst().stream().allMatch(String::isBlank)) {
            throw new InputException(origin + ": no header row");
        }
        List<String> header = new ArrayList<>(raw.getFirst().stream().map(String::strip).toList());
        if (header.getFirst().startsWith("\uFEFF")) {
            header.set(0, header.getFirst().substring(1).strip());
        }
        List<List<String>> body = raw.subList(1, raw.size()).stream()
                .filter(row -> row.stream().anyMatch(cell -> !cell.isBlank())).toList();
        List<DataTable.ColumnKind> kinds = new ArrayList<>();
        java.util.Set<Integer> percentages = new java.util.HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            kinds.add(kindOf(body, c));
            if (kinds.get(c) == DataTable.ColumnKind.NUMBER && allPercentages(body, c)) {
                percentages.add(c);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < body.size(); r++) {
            List<String> row = body.get(r);
            if (row.size() > header.size()) {
                throw new InputException(origin + ": row " + (r + 2) + " has " + row.size() + " cells, the header has "
                        + header.size());
            }
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = c < row.size() ? row.get(c).strip() : "";
                boolean missing = cell.isEmpty() || (kinds.get(c) != DataTable.ColumnKind.TEXT && isMissing(cell));
                values.add(missing ? null : switch (kinds.get(c)) {
                    case NUMBER -> parseNumber(cell);
                    case DATE -> LocalDate.parse(cell);
                    case TEXT -> cell;
                });
            }
            rows.add(values);
        }
        return new DataTable(name, origin, header, kinds, rows, percentages);
    }

    /** Whether every value of a number column is written with a percent sign (missing values aside). */
    private static boolean allPercentages(List<List<String>> body, int column) {
        boolean any = false;
        for (List<String> row : body) {
            String cell = column < row.size() ? row.get(column).strip() : "";
            if (!isMissing(cell)) {
                if (!cell.endsWith("%")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static DataTable.ColumnKind kindOf(List<List<String>> body, int column) {
        boolean numbers = true;
        boolean dates = true;
        boolean any = false;
        for (List<String> row : body) {
            String cell = column < row.size() ? row.get(column).strip() : "";
            if (isMissing(cell)) {
                continue;
            }
            any = true;
            numbers &= parseNumber(cell) != null;
            dates &= isDate(cell);
        }
        if (!any) {
            return DataTable.ColumnKind.TEXT;
        }
        return numbers ? DataTable.ColumnKind.NUMBER : dates ? DataTable.ColumnKind.DATE : DataTable.ColumnKind.TEXT;
    }

    /** Parses plain decimals, with optional thousands separators, a leading currency sign or a trailing %. */
    static Double parseNumber(String text) {
        String cleaned = text.replace(",", "").replaceFirst("^[$€£]", "");
        boolean percent = cleaned.endsWith("%");
        if (percent) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        if (!cleaned.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        // A percentage is shifted in decimal, so 3.1% is the double nearest 0.031 (3.1 / 100 is not).
        return percent ? new java.math.BigDecimal(cleaned).movePointLeft(2).doubleValue()
                : Double.parseDouble(cleaned);
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
