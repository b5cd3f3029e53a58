package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Deterministic analysis of one data table: each numeric column by every dimension of the table (its periods and
 * its low-cardinality text columns), the variance between paired measures (plan and actual, one year and the next),
 * shares, leaders and change over time, ready as a summary table, a chart and factual statements. Numbers are
 * computed here, never by a model.
 *
 * <p>Amounts (revenue, units, cost) are summed; intensive measures (rates, percentages, prices, scores: see
 * {@link MeasureClassifier}) are averaged, never summed or shared out, and their changes are differences
 * (percentage points for percentages).
 *
 * <p>The table and chart show the primary breakdown: the dimension the focus names, else the table's period, else
 * its first text dimension. The facts cover every dimension, the most relevant to the focus first; which facts
 * there are depends only on the table and the focus's growth threshold, never on its words, so every figure a
 * drafter may write can be checked against the facts of a summary with the same threshold.
 *
 * @param source     the table analysed
 * @param metrics    the numeric columns summarised (periods such as a Year column group the rows instead)
 * @param primary    the breakdown the table and chart show
 * @param breakdowns one breakdown per dimension of the table, in column order
 * @param pair       the two measures compared with each other, if the headers name such a pair
 * @param focus      what the reader asked about
 * @param clock      when the rows were taken, as levels are dated (see {@link LevelTime}); null without a date or
 *                   period column. Found once: reading which columns name entities scans the table.
 */
public record DataSummary(DataTable source, List<Measure> metrics, Breakdown primary, List<Breakdown> breakdowns,
                          Optional<MeasurePair> pair, Focus focus, LevelTime clock) {

    public DataSummary {
        metrics = List.copyOf(metrics);
        breakdowns = List.copyOf(breakdowns);
    }

    /** Summarises {@code table} without a brief; a table without numeric columns yields no measures. */
    public static DataSummary of(DataTable table) {
        return of(table, Focus.NONE);
    }

    /** Summarises {@code table}, putting first what {@code focus} asks about. */
    public static DataSummary of(DataTable table, Focus focus) {
        CalendarColumns.Calendar calendar = CalendarColumns.withDates(table);
        table = calendar.table();
        List<Measure> metrics = new ArrayList<>();
        for (int c : table.columnsOf(DataTable.ColumnKind.NUMBER)) {
            if (!Dimension.isPeriodColumn(table, c)) {
                metrics.add(Measure.of(table, c));
            }
        }
        // A level needs times to be taken at and rows that are snapshots of the same things; a ledger's amounts
        // outstanding, or a table without dates, are summed like amounts.
        List<Dimension> tableDimensions = dimensions(table, calendar);
        int tableRows = table.rows().size();
        Optional<LevelTime> clock = LevelTime.of(table, tableDimensions);
        for (int m = 0; m < metrics.size(); m++) {
            Measure measure = metrics.get(m);
            Optional<RunningBalance> running = clock.isEmpty() ? Optional.empty()
                    : RunningBalance.find(table, measure, metrics, clock.get().entities());
            if (running.isPresent()) {
                metrics.set(m, measure.withRunning(running.get())); // a statement: a ledger whose balance runs
            } else if (measure.level() && (clock.isEmpty() || !clock.get().snapshots(table, measure.column()))) {
                metrics.set(m, measure.asAmount());
            }
        }
        List<Measure> marked = RatioOf.mark(table, metrics);
        metrics.clear();
        metrics.addAll(marked);
        // A pair compares like with like: a rate against an amount is no plan and actual.
        Optional<MeasurePair> pair = MeasurePair.find(metrics.stream().map(Measure::name).toList())
                .filter(p -> metrics.get(p.base()).kind() == metrics.get(p.compared()).kind());
        pair.ifPresent(p -> likeWithLike(metrics, p));
        if (pair.isPresent()) {
            // A pair is compared on the rows that have both values: a plan for the whole year against actuals
            // so far would otherwise read as spending far below plan.
            DataTable complete = bothPresent(table, metrics.get(pair.get().base()).column(),
                    metrics.get(pair.get().compared()).column());
            if (complete.rows().isEmpty()) {
                pair = Optional.empty();
            } else {
                table = complete;
            }
        }
        DataTable source = table;
        // The dimensions found before, unless a pair kept only some of the rows.
        List<Dimension> dimensions = source.rows().size() == tableRows ? tableDimensions
                : dimensions(source, calendar);
        // The time read before, unless a pair kept only some of the rows.
        LevelTime time = dimensions == tableDimensions ? clock.orElse(null)
                : LevelTime.of(source, dimensions).orElse(null);
        List<Breakdown> breakdowns = dimensions.stream().map(d -> Breakdown.of(source, d, metrics, time)).toList();
        Dimension primary = primaryDimension(source, dimensions, focus);
        Breakdown primaryBreakdown = breakdowns.stream().filter(b -> b.dimension().equals(primary)).findFirst()
                .orElseGet(() -> Breakdown.of(source, primary, metrics, time));
        return new DataSummary(source, metrics, primaryBreakdown, breakdowns, pair, focus, time);
    }

    /**
     * Keeps a pair of rates comparable: both sides ratios of sums of their own amounts (planned orders over planned
     * visits against actual orders over actual visits), or both unweighted means. A weighted actual against an
     * unweighted plan would read a mix of campaigns as a miss; two sides read as the same quotient would be the
     * same figure.
     */
    private static void likeWithLike(List<Measure> metrics, MeasurePair pair) {
        RatioOf base = metrics.get(pair.base()).ratio();
        RatioOf compared = metrics.get(pair.compared()).ratio();
        boolean distinctRatios = base != null && compared != null && (base.numerator() != compared.numerator()
                || base.denominator() != compared.denominator());
        if (!distinctRatios) {
            metrics.set(pair.base(), metrics.get(pair.base()).withRatio(null));
            metrics.set(pair.compared(), metrics.get(pair.compared()).withRatio(null));
        }
    }

    /**
     * The table's dimensions, less the Year and Month columns a date made of them replaces, that date's periods
     * read as what its dates stand for (months, quarters).
     */
    private static List<Dimension> dimensions(DataTable table, CalendarColumns.Calendar calendar) {
        PeriodGrain unit = calendar.unit() == PeriodGrain.DAY ? null : calendar.unit();
        return Dimension.find(table, calendar.column(), unit).stream()
                .filter(d -> !calendar.replaced().contains(d.column())).toList();
    }

    /** The rows of {@code table} with a value in both columns. */
    private static DataTable bothPresent(DataTable table, int a, int b) {
        List<List<Object>> rows = table.rows().stream()
                .filter(row -> row.get(a) instanceof Double && row.get(b) instanceof Double).toList();
        return rows.size() == table.rows().size() ? table : table.withRows(rows);
    }

    /**
     * The dimension the focus names most; without one, the table's first date or numeric period (the order a
     * reader expects of a time series), else its first text dimension, else its first text column as item labels.
     */
    private static Dimension primaryDimension(DataTable table, List<Dimension> dimensions, Focus focus) {
        Optional<Dimension> named = dimensions.stream().filter(d -> focus.relevance(d.name()) > 0)
                .max(Comparator.comparingInt(d -> focus.relevance(d.name())));
        if (named.isPresent()) {
            return named.get();
        }
        Optional<Dimension> period = time(table, dimensions);
        if (period.isPresent() || !dimensions.isEmpty()) {
            return period.orElse(dimensions.getFirst());
        }
        int text = table.firstColumn(DataTable.ColumnKind.TEXT);
        return text < 0 ? Dimension.ROWS : new Dimension(text, table.columns().get(text), false);
    }

    /**
     * The table's time, what orders a time series: its date column (also one made of Year and Month columns),
     * unless a Year column of something else comes first; else its first numeric period column. Text periods
     * (month names) are not: they sort as the file has them, which need not be time order.
     */
    private static Optional<Dimension> time(DataTable table, List<Dimension> dimensions) {
        Optional<Dimension> first = dimensions.stream()
                .filter(d -> d.period() && table.kinds().get(d.column()) != DataTable.ColumnKind.TEXT).findFirst();
        Optional<Dimension> dates = dimensions.stream().filter(d -> d.dates() != null).findFirst();
        if (dates.isEmpty() || first.isEmpty() || first.get().equals(dates.get())) {
            return dates.isPresent() ? dates : first;
        }
        // Only a Year of something else (the year of a contract beside its signing date) is the time before a date.
        boolean otherYear = MeasureClassifier.words(first.get().name()).contains("year")
                && !yearOf(table, first.get(), dates.get());
        return otherYear && first.get().column() < dates.get().column() ? first : dates;
    }

    /** Whether {@code period}'s values are the years of {@code date}'s dates in at least nine rows of ten. */
    private static boolean yearOf(DataTable table, Dimension period, Dimension date) {
        int rows = 0;
        int agree = 0;
        for (List<Object> row : table.rows()) {
            if (row.get(date.column()) instanceof java.time.LocalDate day && row.get(period.column()) instanceof Double y) {
                rows++;
                agree += day.getYear() == y ? 1 : 0;
            }
        }
        return rows > 0 && agree >= 0.9 * rows;
    }

    /** When the rows were taken, as levels are dated (see {@link LevelTime}); empty without a date or period. */
    Optional<LevelTime> levelClock() {
        return Optional.ofNullable(clock);
    }

    /**
     * The table's latest period in which measure {@code m}, a level, has a value, as the facts name it ("Mar
     * 2026", "2025"): the time its figures by category are taken at. Empty for other measures.
     */
    public Optional<String> levelTime(int m) {
        return latestLevelTime(m, LevelTime::label);
    }

    /** {@link #levelTime} inside a sentence: "in Mar 2026", "on 31 Mar 2026". */
    Optional<String> levelAsOf(int m) {
        return latestLevelTime(m, LevelTime::phrase);
    }

    private Optional<String> latestLevelTime(int m, java.util.function.BiFunction<LevelTime, Object, String> name) {
        Measure measure = metrics.get(m);
        Optional<LevelTime> clock = measure.level() ? levelClock() : Optional.empty();
        return clock.flatMap(time -> Optional.ofNullable(LevelRows.latestPeriod(source, time, measure))
                .map(period -> name.apply(time, period)));
    }

    /**
     * Whether a numeric column holds periods rather than amounts: named like a period (year, month, ...) and
     * holding whole numbers only. Such a column groups the data instead of being summed.
     */
    public static boolean isPeriodColumn(DataTable table, int column) {
        return Dimension.isPeriodColumn(table, column);
    }

    /**
     * The number format of a numeric column shown as the file has it (a workbook's data sheet): periods as whole
     * numbers, percentages as percentages (0.031 as 3.1%, not 0.03), other numbers with up to two decimals.
     */
    public static String rawFormat(DataTable table, int column) {
        if (Dimension.isPeriodColumn(table, column)) {
            return "0";
        }
        Measure measure = Measure.of(table, column);
        return measure.percent() == Measure.PercentScale.NONE ? "#,##0.##" : measure.format();
    }

    /**
     * The heading of the primary grouping: its column's name, the period ("Month") when its dates are rolled up,
     * or empty when rows are not grouped.
     */
    public String category() {
        return primary.dimension().heading();
    }

    /** Whether the primary grouping is by period. */
    public boolean timeSeries() {
        return primary.dimension().period();
    }

    /**
     * The header of measure {@code m}'s summary column and chart series: its {@link Measure#summaryName}, with the
     * period a level's figures by category are taken at ("Headcount (Mar 2026)").
     */
    public String columnName(int m) {
        String name = metrics.get(m).summaryName();
        return timeSeries() ? name : levelTime(m).map(time -> name + " (" + time + ")").orElse(name);
    }

    /** The primary grouping's values in order. */
    public List<String> categories() {
        return primary.keys();
    }

    /** The summarised columns' headers, as written in the data file. */
    public List<String> measures() {
        return metrics.stream().map(Measure::name).toList();
    }

    /** values[m][c]: measure m over the rows of primary category c (the sum of an amount, the mean of a rate). */
    public double[][] values() {
        return primary.values();
    }

    public boolean hasMeasures() {
        return !metrics.isEmpty() && !primary.keys().isEmpty();
    }

    /** Measure {@code measure} over all rows: the sum of an amount, the mean of an intensive measure. */
    public double total(int measure) {
        return primary.overall(measure);
    }

    /** Index of the primary category with the largest value of {@code measure}. */
    public int leader(int measure) {
        return primary.leader(measure);
    }

    /**
     * The measure the facts lead with: the compared side of a pair (the actual, the later year), else the first
     * amount, else the first measure. It does not follow the focus, so that every part of a job states the same
     * figures.
     */
    public int mainMeasure() {
        if (pair.isPresent()) {
            return pair.get().compared();
        }
        for (int m = 0; m < metrics.size(); m++) {
            if (metrics.get(m).additive()) {
                return m;
            }
        }
        return 0;
    }

    /**
     * The breakdown the table would show without a focus. Facts are written against it, not against the focused
     * {@link #primary}, so the set of facts (and every figure a reviewer checks a draft against) is the same
     * whatever the focus; the focus only orders them.
     */
    Breakdown overview() {
        Dimension dimension = primaryDimension(source, breakdowns.stream().map(Breakdown::dimension).toList(),
                Focus.NONE);
        return dimension.equals(primary.dimension()) ? primary : breakdowns.stream()
                .filter(b -> b.dimension().equals(dimension)).findFirst()
                .orElseGet(() -> Breakdown.of(source, dimension, metrics, levelClock().orElse(null)));
    }

    /**
     * Aggregated table: one row per primary category, one column per measure and, for a pair, the difference and
     * its rate; renderers add the totals row.
     */
    public Table table() {
        return SummaryTable.forDocument(this);
    }

    /** A chart of the primary breakdown: lines over time, columns across categories. */
    public Chart chart() {
        return SummaryChart.of(this);
    }

    /** Factual statements computed from the numbers, the most relevant to the focus first. */
    public List<String> facts() {
        return SummaryFacts.of(this);
    }

    /** The caption's "by month" part, empty without a grouping. */
    String byPrimary() {
        return category().isBlank() ? "" : " by " + primary.dimension().phrase();
    }
}
