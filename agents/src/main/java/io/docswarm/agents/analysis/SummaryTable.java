package io.docswarm.agents.analysis;

import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The primary breakdown as a table: for a document, with the pair's difference and rate as values; for a
 * workbook, with the difference as a value and every rate and share as a live formula (derived columns), since
 * a workbook's reader edits the numbers and expects the rates to follow.
 *
 * @param table   the rows, one per primary category
 * @param derived formula columns the workbook appends
 */
public record SummaryTable(Table table, List<Sheet.DerivedColumn> derived) {

    private static final String RATE = "0.0%";

    public SummaryTable {
        derived = List.copyOf(derived);
    }

    /** The table a document shows: measures, then the pair's difference and its rate. */
    static Table forDocument(DataSummary summary) {
        List<Table.Column> columns = measureColumns(summary);
        summary.pair().ifPresent(pair -> {
            columns.add(Table.Column.number(differenceName(pair), summary.metrics().get(pair.compared()).format()));
            columns.add(Table.Column.number(differenceName(pair) + " %", RATE));
        });
        List<List<Object>> rows = new ArrayList<>();
        for (int k = 0; k < summary.primary().size(); k++) {
            List<Object> row = measureRow(summary, k);
            if (summary.pair().isPresent()) {
                MeasurePair pair = summary.pair().get();
                double base = summary.primary().value(pair.base(), k);
                double difference = summary.primary().value(pair.compared(), k) - base;
                row.add(difference);
                row.add(base == 0 ? null : difference / base);
            }
            rows.add(row);
        }
        return new Table(caption(summary), columns, rows, true);
    }

    /**
     * The workbook's summary: the pair's difference as a value with its rate ({@code difference / base}) and, for
     * changes, each row's share of the total change as formulas; without a pair, the main measure's growth over
     * time or share of the total as a formula.
     */
    public static SummaryTable forWorkbook(DataSummary summary) {
        List<Table.Column> columns = measureColumns(summary);
        List<List<Object>> rows = new ArrayList<>();
        for (int k = 0; k < summary.primary().size(); k++) {
            rows.add(measureRow(summary, k));
        }
        List<Sheet.DerivedColumn> derived = new ArrayList<>();
        if (summary.pair().isPresent()) {
            MeasurePair pair = summary.pair().get();
            String name = differenceName(pair);
            int differenceColumn = columns.size();
            columns.add(Table.Column.number(name, summary.metrics().get(pair.compared()).format()));
            for (int k = 0; k < rows.size(); k++) {
                rows.get(k).add(summary.primary().value(pair.compared(), k) - summary.primary().value(pair.base(), k));
            }
            derived.add(Sheet.DerivedColumn.ratio(name + " %", differenceColumn, 1 + pair.base(), RATE));
            if (pair.kind() != MeasurePair.Kind.PLAN) {
                derived.add(new Sheet.DerivedColumn("Share of " + name.toLowerCase(java.util.Locale.ROOT),
                        Sheet.DerivedKind.SHARE_OF_TOTAL, differenceColumn, RATE));
            }
        } else {
            int main = summary.mainMeasure();
            String measure = summary.metrics().get(main).name();
            derived.add(summary.timeSeries()
                    ? new Sheet.DerivedColumn("Change in " + measure, Sheet.DerivedKind.GROWTH_FROM_PREVIOUS, 1 + main,
                    RATE)
                    : new Sheet.DerivedColumn("Share of " + measure, Sheet.DerivedKind.SHARE_OF_TOTAL, 1 + main, RATE));
        }
        return new SummaryTable(new Table(caption(summary), columns, rows, true), derived);
    }

    /** "Variance" for a plan and its actual, "Change" between periods. */
    static String differenceName(MeasurePair pair) {
        return pair.kind() == MeasurePair.Kind.PLAN ? "Variance" : "Change";
    }

    private static List<Table.Column> measureColumns(DataSummary summary) {
        List<Table.Column> columns = new ArrayList<>();
        columns.add(Table.Column.text(summary.category().isBlank() ? "Item" : summary.category()));
        for (Measure measure : summary.metrics()) {
            columns.add(Table.Column.number(measure.name(), measure.format()));
        }
        return columns;
    }

    private static List<Object> measureRow(DataSummary summary, int key) {
        List<Object> row = new ArrayList<>();
        row.add(summary.primary().keys().get(key));
        for (int m = 0; m < summary.metrics().size(); m++) {
            row.add(summary.primary().value(m, key));
        }
        return row;
    }

    private static String caption(DataSummary summary) {
        String subject = summary.metrics().size() == 1 ? summary.metrics().getFirst().name() : summary.source().name();
        return subject + summary.byPrimary() + " (source: " + summary.source().origin() + ")";
    }
}
