package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.TextFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every measure by the values of one dimension: the sum of an amount, the mean of an intensive measure (a
 * region's conversion rate is the mean of its rows' rates, never their sum) or, when the rate is the quotient of two
 * amounts ({@link RatioOf}), the ratio of their sums (the region's orders over its visits).
 *
 * @param dimension what the rows are grouped by
 * @param keys      the dimension's values as a reader names them: in time order for dates and numeric periods,
 *                  text periods ("Jan", "2025 Q1", "Sept. 2025") in time order ({@link TextPeriods#ranks}), other
 *                  texts in order of first appearance (as do text periods of which some label is no calendar
 *                  period);
 *                  for dates rolled up into periods, every period of the span ("Jan 2026", "2026 Q1"), with or
 *                  without rows
 * @param values    values[m][k]: the sum (amount) or the mean (intensive) of measure m over the rows with key k;
 *                  NaN for an intensive measure that no row of key k has a value for (a mean of nothing is not 0)
 * @param counts    counts[m][k]: how many rows with key k have a value of measure m
 * @param overall   overall[m]: measure m over all rows: their sum, or the mean of every row's value (which is not
 *                  the mean of the keys' means when keys have different numbers of rows)
 * @param keyValues each key as the dimension's column holds it ({@link String}, {@link Double} or {@link LocalDate},
 *                  for a period the date it starts on); null for the blank key and for {@link Dimension#ROWS}, which
 *                  no column holds
 * @param levelCoverage for each measure, which entities a level's periods hold where that changes
 *                  ({@link LevelCoverage}: Sales's headcount missing in March, Marketing's starting in July), by key
 *                  index; {@link LevelCoverage#NONE} for other measures and breakdowns
 */
public record Breakdown(Dimension dimension, List<String> keys, double[][] values, int[][] counts, double[] overall,
                        List<Object> keyValues, List<LevelCoverage> levelCoverage) {

    public Breakdown {
        keys = List.copyOf(keys);
        // Null stands for the blank key, which List.copyOf would refuse.
        keyValues = java.util.Collections.unmodifiableList(new ArrayList<>(keyValues));
        levelCoverage = List.copyOf(levelCoverage);
    }

    /**
     * The sums and counts of one key's rows, one slot per measure; for a ratio of sums, the sums of its numerator
     * ({@code sums}) and of its denominator.
     */
    private record Group(double[] sums, double[] denominators, int[] counts) {
        Group(int measures) {
            this(new double[measures], new double[measures], new int[measures]);
        }

        void add(int measure, double value) {
            sums[measure] += value;
            counts[measure]++;
        }

        void addQuotient(int measure, double numerator, double denominator) {
            sums[measure] += numerator;
            denominators[measure] += denominator;
            counts[measure]++;
        }
    }

    /** The breakdown of a table without a time column: a level's rows are summed like an amount's. */
    static Breakdown of(DataTable table, Dimension dimension, List<Measure> measures) {
        return of(table, dimension, measures, null);
    }

    /**
     * Every measure of {@code table} by {@code dimension}. A {@link MeasureKind#LEVEL level} is taken from its rows
     * at each group's latest time (see {@link LevelRows}), and its overall figure is its latest: the last period's
     * when grouped by a period, else the sum of the groups in the latest period. Without a time ({@code null}) a
     * level is summed like an amount.
     */
    static Breakdown of(DataTable table, Dimension dimension, List<Measure> measures, LevelTime time) {
        boolean chronological = dimension.period() && dimension.column() >= 0
                && table.kinds().get(dimension.column()) != DataTable.ColumnKind.TEXT;
        // A blank key (null) sorts after every period, and shows as "(blank)"; keys of one column share a type.
        Map<Object, Group> grouped = chronological ? new TreeMap<>(Comparator.nullsLast(Breakdown::compareKeys))
                : new LinkedHashMap<>();
        Group all = new Group(measures.size());
        Set<Object> withValues = new HashSet<>();
        Function<Integer, Object> keyOfRow = r -> dimension.isRows() ? "Row " + (r + 1)
                : dimension.keyOf(table.rows().get(r).get(dimension.column()));
        boolean groupedByTime = dimension.period();
        Set<Integer> groupedBy = dimension.isRows() ? Set.of() : Set.of(dimension.column());
        boolean[][] levelRows = new boolean[measures.size()][];
        for (int m = 0; m < measures.size(); m++) {
            Measure measure = measures.get(m);
            if (time != null && measure.level()) {
                levelRows[m] = LevelRows.atGroupEnds(table, time, groupedByTime, groupedBy, measure, keyOfRow);
            }
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<Object> row = table.rows().get(r);
            Object key = keyOfRow.apply(r);
            Group group = grouped.computeIfAbsent(key, k -> new Group(measures.size()));
            for (int m = 0; m < measures.size(); m++) {
                if (levelRows[m] != null && !levelRows[m][r]) {
                    continue;
                }
                RatioOf ratio = measures.get(m).ratio();
                if (ratio != null) {
                    if (row.get(ratio.numerator()) instanceof Double top
                            && row.get(ratio.denominator()) instanceof Double bottom) {
                        group.addQuotient(m, top, bottom);
                        all.addQuotient(m, top, bottom);
                        withValues.add(key);
                    }
                } else if (row.get(measures.get(m).column()) instanceof Double d) {
                    group.add(m, d);
                    all.add(m, d);
                    withValues.add(key);
                }
            }
        }
        // A key whose every measure is missing (n/a in the file) says nothing: it is not ranked "lowest at 0".
        if (!withValues.isEmpty()) {
            grouped.keySet().retainAll(withValues);
        }
        if (dimension.period() && !dimension.isRows() && !chronological) {
            grouped = TextPeriods.inTimeOrder(grouped, table, dimension.column());
        }
        // A period without rows inside the span is still a period: a month of no sales sums to 0, not to nothing.
        if (dimension.rollsUp() && dimension.dates().fillsGaps()) {
            for (LocalDate start : dimension.dates().periods()) {
                grouped.putIfAbsent(start, new Group(measures.size()));
            }
        }
        List<String> keys = new ArrayList<>();
        List<Object> keyValues = new ArrayList<>();
        double[][] values = new double[measures.size()][grouped.size()];
        int[][] counts = new int[measures.size()][grouped.size()];
        int k = 0;
        for (Map.Entry<Object, Group> entry : grouped.entrySet()) {
            keys.add(dimension.label(entry.getKey()));
            keyValues.add(dimension.isRows() ? null : entry.getKey());
            for (int m = 0; m < measures.size(); m++) {
                values[m][k] = combine(measures.get(m), entry.getValue(), m, levelRows[m] != null);
                counts[m][k] = entry.getValue().counts()[m];
            }
            k++;
        }
        double[] overall = new double[measures.size()];
        List<LevelCoverage> coverage = new ArrayList<>();
        // Which entities a level's periods hold can be read only where the periods are in time order: dates, numbers, or
        // text periods that are all calendar periods ("Apr" to "Mar").
        boolean inTime = chronological || dimension.period() && !dimension.isRows()
                && TextPeriods.calendarOrdered(table, dimension.column());
        // A stray date's period is no time an entity is missing from, nor one that makes it expected.
        List<Object> timeKeys = keyValues.stream().map(key -> dimension.strayPeriod(key) ? null : key).toList();
        for (int m = 0; m < measures.size(); m++) {
            overall[m] = levelRows[m] != null && groupedByTime ? latest(dimension, values[m], counts[m], keyValues)
                    : combine(measures.get(m), all, m, levelRows[m] != null);
            // A statement's running balance is one balance: its description column names no entity to miss.
            boolean entities = levelRows[m] != null && inTime && (measures.get(m).running() == null
                    || !measures.get(m).running().accounts().isEmpty());
            coverage.add(entities ? LevelRows.coverage(table, time, groupedBy, levelRows[m], keyOfRow, timeKeys,
                    measures.get(m)) : LevelCoverage.NONE);
        }
        return new Breakdown(dimension, keys, values, counts, overall, keyValues, coverage);
    }

    /**
     * A level's figure in the latest period with rows; neither the blank period, which sorts last, nor a stray
     * date's is a time of the data.
     */
    private static double latest(Dimension time, double[] values, int[] counts, List<Object> keyValues) {
        for (int k = values.length - 1; k >= 0; k--) {
            if (counts[k] > 0 && keyValues.get(k) != null && !time.strayPeriod(keyValues.get(k))) {
                return values[k];
            }
        }
        return 0;
    }

    /**
     * The sum of an amount (0 over no rows, as before), the mean of an intensive measure (NaN over none) or the ratio
     * of its amounts' sums when it is their quotient (NaN over none, or over no denominator), the sum of a
     * level's rows at their time ({@code atTimes}; NaN over none: a month without a headcount is not a month of
     * none) or, without a time column, of all its rows like an amount.
     */
    private static double combine(Measure measure, Group group, int m, boolean atTimes) {
        if (measure.additive() && !atTimes) {
            return group.sums()[m];
        }
        if (group.counts()[m] == 0) {
            return Double.NaN;
        }
        if (measure.ratioOfSums()) {
            return measure.ratio().of(group.sums()[m], group.denominators()[m]);
        }
        return measure.additive() ? group.sums()[m] : group.sums()[m] / group.counts()[m];
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /** A dimension value as a reader sees it: years without decimals, dates in ISO form. */
    static String label(Object value) {
        return switch (value) {
            case null -> "(blank)";
            case Double number -> TextFormat.number(number, "0");
            case LocalDate date -> date.toString();
            default -> value.toString();
        };
    }

    /** Whether the data covers only part of period {@code key}, e.g. a month the data ends in (10 March). */
    public boolean partial(int key) {
        return dimension.partial(keyValues.get(key));
    }

    /** Whether period {@code key} holds stray dates only, such as a 1899-12-31 placeholder far from the data. */
    public boolean strayPeriod(int key) {
        return dimension.strayPeriod(keyValues.get(key));
    }

    /**
     * Key {@code key} as a sentence names it: "the week of 5 Jan 2026" for a week (a table's "Week of 5 Jan 2026"
     * would stand capitalised mid-sentence), else as the table does.
     */
    public String phrase(int key) {
        return keyValues.get(key) == null ? keys.get(key) : dimension.inSentence(keyValues.get(key));
    }

    /**
     * Key {@code key} as a table row or chart category names it: a partial period says what it covers, "Mar 2026
     * (to 10 Mar)", so its smaller sum does not read as a fall.
     */
    public String rowLabel(int key) {
        String label = keys.get(key);
        if (partial(key)) {
            return label + " (" + coverage(key) + ")";
        }
        return label;
    }

    /** What partial period {@code key} covers: "to 10 Mar". */
    String coverage(int key) {
        return dimension.dates().coverage((LocalDate) keyValues.get(key)).orElseThrow();
    }

    /**
     * The keys a change of {@code measure} over time can be read from, in key order: those with a value, less the
     * periods of stray dates (a placeholder's 1899 is no point of a series, whatever the measure), a level's
     * periods that lack some entity's value (see {@link #levelCoverage}), the blank period, and the partial
     * periods of an amount (a sum over ten days of March is no month's sum). A mean over part of a period is still
     * that period's mean, so an intensive measure keeps them.
     */
    List<Integer> comparable(int measure, boolean accumulates) {
        List<Integer> present = withValues(measure);
        // The blank period sorts last but is no time: "fell to 5 in (blank)" would read it as the latest.
        present.removeIf(k -> strayPeriod(k) || dimension.period() && !dimension.isRows() && keyValues.get(k) == null
                || levelCoverage.get(measure).gaps().containsKey(k));
        if (accumulates) {
            present.removeIf(this::partial);
        }
        return present;
    }

    public int size() {
        return keys.size();
    }

    public double value(int measure, int key) {
        return values[measure][key];
    }

    /** Whether key {@code key} has a value of {@code measure} (an intensive measure's mean may be missing). */
    public boolean has(int measure, int key) {
        return !Double.isNaN(values[measure][key]);
    }

    /** The measure over all rows: the sum of an amount, the mean of an intensive measure's values. */
    public double overall(int measure) {
        return overall[measure];
    }

    /** An amount's key as a share of its total; 0 when the total is 0. Shares of an intensive measure mean nothing. */
    public double share(int measure, int key) {
        double total = overall[measure];
        return total == 0 ? 0 : values[measure][key] / total;
    }

    /**
     * Whether every key with a value of {@code measure} has as many rows with one: then the mean of the keys'
     * values is the overall mean, and a totals row may average the column.
     */
    public boolean evenlyCounted(int measure) {
        int seen = 0;
        for (int count : counts[measure]) {
            if (count > 0 && seen > 0 && count != seen) {
                return false;
            }
            seen = count > 0 ? count : seen;
        }
        return true;
    }

    /** Indexes of the keys with a value of {@code measure}, in key order. */
    public List<Integer> withValues(int measure) {
        List<Integer> present = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            if (has(measure, k)) {
                present.add(k);
            }
        }
        return present;
    }

    /** Index of the key with the largest value of {@code measure} (the first on ties); -1 when none has one. */
    public int leader(int measure) {
        List<Integer> ranked = ranked(measure);
        return ranked.isEmpty() ? -1 : ranked.getFirst();
    }

    /** Index of the key with the smallest value of {@code measure} (the last on ties); -1 when none has one. */
    public int smallest(int measure) {
        int least = -1;
        for (int k : withValues(measure)) {
            if (least < 0 || values[measure][k] <= values[measure][least]) {
                least = k;
            }
        }
        return least;
    }

    /** Keys with a value of {@code measure}, largest first (stable). */
    public List<Integer> ranked(int measure) {
        List<Integer> order = withValues(measure);
        order.sort((a, b) -> Double.compare(values[measure][b], values[measure][a]));
        return order;
    }
}
