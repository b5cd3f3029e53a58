package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The primary breakdown as a table: for a document, with the pair's difference and rate as values; for a
 * workbook, with the difference as a value and every rate and share as a live formula (derived columns), since
 * a workbook's reader edits the numbers and expects the rates to follow.
 *
 * <p>An intensive measure's column holds each category's mean and is named so ("Average conversion rate"). The
 * totals row averages it when that gives the overall mean the facts state, that is when every category has as
 * many values; otherwise it is left blank rather than show an average of averages. A pair of intensive measures
 * gets its difference (in points for percentages) but no rate of change, and no column is a share of a total or
 * a growth rate of an intensive measure.
 *
 * <p>In a workbook whose data sheet holds the very rows summarised, each measure's cells are looked up there
 * ({@link Lookup}: the sum of an amount, the mean of an intensive measure, over the rows of the category) and the
 * pair's difference is the difference of the row's two cells, so an edit of the data carries through to the summary.
 *
 * @param table       the rows, one per primary category
 * @param derived     formula columns the workbook appends
 * @param lookup      the measure columns as looked up in the data sheet; null when they stay values
 * @param differences the pair's difference column as the difference of its row's measures
 * @param quotients   each rate that is the quotient of two amounts in the table, as the quotient of its row's
 *                    amounts (their sums, looked up), so it follows an edit as they do
 */
public record SummaryTable(Table table, List<Sheet.DerivedColumn> derived, Lookup lookup,
                           List<Sheet.Difference> differences, List<Sheet.Quotient> quotients) {

    private static final String RATE = "0.0%";
    private static final String POINTS = "0.0";

    public SummaryTable {
        derived = List.copyOf(derived);
        differences = List.copyOf(differences);
        quotients = List.copyOf(quotients);
    }

    /** The summary as a workbook sheet named {@code name}, with its notes and charts. */
    public Sheet sheet(String name, List<io.docswarm.renderers.model.Chart> charts, List<String> notes) {
        return new Sheet(name, table, derived, charts, notes).computed(lookup, differences, quotients);
    }

    /** The table a document shows: measures, then the pair's difference and, for amounts, its rate. */
    static Table forDocument(DataSummary summary) {
        List<Table.Column> columns = measureColumns(summary);
        summary.pair().ifPresent(pair -> {
            columns.add(differenceColumn(summary, pair));
            if (summary.metrics().get(pair.compared()).additive()) {
                columns.add(Table.Column.number(differenceName(pair) + " %", RATE));
            }
        });
        List<List<Object>> rows = new ArrayList<>();
        for (int k = 0; k < summary.primary().size(); k++) {
            List<Object> row = measureRow(summary, k);
            if (summary.pair().isPresent()) {
                MeasurePair pair = summary.pair().get();
                Double difference = difference(summary, pair, k);
                row.add(difference);
                if (summary.metrics().get(pair.compared()).additive()) {
                    double base = summary.primary().value(pair.base(), k);
                    row.add(base == 0 || difference == null ? null : difference / base);
                }
            }
            rows.add(row);
        }
        return new Table(caption(summary), columns, rows, true);
    }

    /**
     * The workbook's summary: the pair's difference as a value with, for amounts, its rate
     * ({@code difference / base}) and, for changes, each row's share of the total change as formulas; without a
     * pair, the main measure's growth over time or share of the total as a formula, when it is an amount.
     */
    public static SummaryTable forWorkbook(DataSummary summary) {
        return forWorkbook(summary, null, Optional.empty());
    }

    /**
     * The workbook's summary of {@code data}, its measures looked up in the sheet {@code dataSheet} that holds
     * {@code data}'s rows. They stay values when there is no such sheet, when the summary covers only some of the
     * rows (a pair is compared on the rows with both values: a SUMIFS over every row would count the others) or when
     * the rows are not grouped by a column.
     */
    public static SummaryTable forWorkbook(DataSummary summary, DataTable data, Optional<String> dataSheet) {
        List<Table.Column> columns = measureColumns(summary);
        List<List<Object>> rows = new ArrayList<>();
        for (int k = 0; k < summary.primary().size(); k++) {
            rows.add(measureRow(summary, k));
        }
        List<Sheet.DerivedColumn> derived = new ArrayList<>();
        List<Sheet.Difference> differences = new ArrayList<>();
        if (summary.pair().isPresent()) {
            MeasurePair pair = summary.pair().get();
            int differenceColumn = columns.size();
            columns.add(differenceColumn(summary, pair));
            for (int k = 0; k < rows.size(); k++) {
                rows.get(k).add(difference(summary, pair, k));
            }
            boolean fraction = summary.metrics().get(pair.compared()).percent() == Measure.PercentScale.FRACTION;
            differences.add(new Sheet.Difference(differenceColumn, 1 + pair.compared(), 1 + pair.base(),
                    fraction ? 100 : 1));
            if (summary.metrics().get(pair.compared()).additive()) {
                String name = differenceName(pair);
                derived.add(Sheet.DerivedColumn.ratio(name + " %", differenceColumn, 1 + pair.base(), RATE));
                if (pair.kind() != MeasurePair.Kind.PLAN) {
                    derived.add(new Sheet.DerivedColumn("Share of " + name.toLowerCase(Locale.ROOT),
                            Sheet.DerivedKind.SHARE_OF_TOTAL, differenceColumn, RATE));
                }
            }
        } else if (summary.metrics().get(summary.mainMeasure()).additive()) {
            int main = summary.mainMeasure();
            String measure = summary.metrics().get(main).name();
            derived.add(summary.timeSeries()
                    ? Sheet.DerivedColumn.growth("Change in " + measure, 1 + main, RATE, incomparable(summary, main))
                    : new Sheet.DerivedColumn("Share of " + measure, Sheet.DerivedKind.SHARE_OF_TOTAL, 1 + main, RATE));
        }
        Lookup lookup = dataSheet.filter(sheet -> data != null && summary.source().rows().size() == data.rows().size()
                && groupedByADataColumn(summary, data)
                && !summary.primary().dimension().isRows() && headersNameOneColumnEach(summary))
                .map(sheet -> lookup(summary, sheet)).orElse(null);
        List<Sheet.Quotient> quotients = new ArrayList<>();
        for (int m = 0; m < summary.metrics().size(); m++) {
            final int column = 1 + m;
            ratioInTable(summary, m).ifPresent(ratio -> quotients.add(new Sheet.Quotient(column, ratio.numerator(),
                    ratio.denominator(), ratio.scale())));
        }
        return new SummaryTable(new Table(caption(summary), columns, rows, true), derived, lookup, differences,
                quotients);
    }

    /**
     * Whether the summary's rows are grouped by a column the data sheet has: not by the date made of its Year and
     * Month columns (see {@link CalendarColumns}), which it lacks.
     */
    private static boolean groupedByADataColumn(DataSummary summary, DataTable data) {
        List<String> columns = summary.source().columns();
        int key = summary.primary().dimension().column();
        return columns.subList(0, Math.min(columns.size(), data.columns().size())).equals(data.columns())
                && key < data.columns().size();
    }

    /**
     * The rows whose amount of {@code measure} no change over time is read from (a partial period's): its growth
     * column leaves them, and the rows after them, blank, as the facts leave them out of the comparisons.
     */
    private static List<Integer> incomparable(DataSummary summary, int measure) {
        Breakdown primary = summary.primary();
        List<Integer> comparable = primary.comparable(measure, summary.metrics().get(measure).accumulates());
        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < primary.size(); k++) {
            if (!comparable.contains(k)) {
                rows.add(k);
            }
        }
        return rows;
    }

    /**
     * Whether the key's and the measures' headers each name one data column, as a lookup's references need: a blank
     * header (the index column pandas writes) or one used twice (spreadsheets ignore case) names none.
     */
    private static boolean headersNameOneColumnEach(DataSummary summary) {
        Map<String, Long> headers = summary.source().columns().stream()
                .collect(Collectors.groupingBy(SummaryTable::headerKey, Collectors.counting()));
        List<String> referenced = new ArrayList<>(List.of(summary.primary().dimension().name()));
        summary.metrics().forEach(measure -> referenced.add(measure.name()));
        return referenced.stream().allMatch(name -> !name.isBlank() && headers.getOrDefault(headerKey(name), 0L) == 1);
    }

    private static String headerKey(String header) {
        return header.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Each measure's column as the sum (amount) or mean (intensive measure) of its data column over the rows of the
     * row's category: the dates of the row's period (its day, week, month, quarter or year), a number's or a text's
     * own value. The blank category stays a value, and so does a level dated by a time column (its figure is its
     * rows at the latest date, which no sum over the category's rows gives); null when no column is looked up.
     */
    private static Lookup lookup(DataSummary summary, String dataSheet) {
        Breakdown primary = summary.primary();
        DatePeriods dates = primary.dimension().dates();
        List<Lookup.Aggregation> columns = new ArrayList<>();
        for (int m = 0; m < summary.metrics().size(); m++) {
            Measure measure = summary.metrics().get(m);
            if (summary.levelTime(m).isPresent() || measure.ratioOfSums()) {
                // A level's figure is its rows at the latest date and a ratio's the ratio of two sums: no single
                // SUMIFS or AVERAGEIFS over the group gives either.
                continue;
            }
            columns.add(measure.additive() ? Lookup.Aggregation.sum(1 + m, measure.name())
                    : Lookup.Aggregation.average(1 + m, measure.name()));
        }
        return columns.isEmpty() ? null : new Lookup(dataSheet, primary.dimension().name(), dates == null
                ? Lookup.Grouping.VALUE : dates.grain().grouping(), 0, primary.keyValues(), columns);
    }

    /** "Variance" for a plan and its actual, "Change" between periods. */
    static String differenceName(MeasurePair pair) {
        return pair.kind() == MeasurePair.Kind.PLAN ? "Variance" : "Change";
    }

    /** The pair's difference: in the compared measure's format, or in points ("Change (points)") for percentages. */
    private static Table.Column differenceColumn(DataSummary summary, MeasurePair pair) {
        Measure compared = summary.metrics().get(pair.compared());
        boolean points = compared.percent() != Measure.PercentScale.NONE;
        return Table.Column.number(differenceName(pair) + (points ? " (points)" : ""), points ? POINTS
                : compared.format(), compared.aggregate(summary.primary().evenlyCounted(pair.compared())
                && summary.primary().evenlyCounted(pair.base()), summary.timeSeries())); // else the mean of
                // differences is not theirs
    }

    /** Category {@code k}'s difference, in points for percentages; null where either side has no value. */
    private static Double difference(DataSummary summary, MeasurePair pair, int k) {
        Breakdown primary = summary.primary();
        if (!primary.has(pair.base(), k) || !primary.has(pair.compared(), k)) {
            return null;
        }
        double difference = primary.value(pair.compared(), k) - primary.value(pair.base(), k);
        return summary.metrics().get(pair.compared()).percent() == Measure.PercentScale.FRACTION
                ? difference * 100 : difference;
    }

    private static List<Table.Column> measureColumns(DataSummary summary) {
        List<Table.Column> columns = new ArrayList<>();
        columns.add(Table.Column.text(summary.category().isBlank() ? "Item" : summary.category()));
        for (int m = 0; m < summary.metrics().size(); m++) {
            Measure measure = summary.metrics().get(m);
            Optional<Table.Ratio> ratio = ratioInTable(summary, m);
            columns.add(ratio.isPresent() ? Table.Column.ratio(summary.columnName(m), measure.format(), ratio.get())
                    : Table.Column.number(summary.columnName(m), measure.format(),
                    measure.aggregate(summary.primary().evenlyCounted(m), summary.timeSeries())));
        }
        return columns;
    }

    /**
     * For a rate that is the quotient of two amounts the table shows beside it, their columns: the totals row then
     * divides their totals (all orders over all visits), as the rate of all rows is. Empty for other measures.
     */
    private static Optional<Table.Ratio> ratioInTable(DataSummary summary, int m) {
        RatioOf ratio = summary.metrics().get(m).ratio();
        if (ratio == null || !ratio.complete()) {
            return Optional.empty(); // orders without visits in some rows: the columns' totals divide to another rate
        }
        int numerator = -1;
        int denominator = -1;
        for (int k = 0; k < summary.metrics().size(); k++) {
            int column = summary.metrics().get(k).column();
            numerator = column == ratio.numerator() ? k : numerator;
            denominator = column == ratio.denominator() ? k : denominator;
        }
        return numerator < 0 || denominator < 0 ? Optional.empty()
                : Optional.of(new Table.Ratio(1 + numerator, 1 + denominator, ratio.scale()));
    }

    /** A category's row: its name, then each measure's sum or mean (blank where a mean has no value). */
    private static List<Object> measureRow(DataSummary summary, int key) {
        List<Object> row = new ArrayList<>();
        row.add(summary.primary().rowLabel(key));
        for (int m = 0; m < summary.metrics().size(); m++) {
            row.add(summary.primary().has(m, key) ? (Object) summary.primary().value(m, key) : null);
        }
        return row;
    }

    private static String caption(DataSummary summary) {
        String subject = summary.metrics().size() == 1 ? summary.columnName(0)
                : summary.source().name();
        return subject + summary.byPrimary() + " (source: " + summary.source().origin() + ")";
    }
}
