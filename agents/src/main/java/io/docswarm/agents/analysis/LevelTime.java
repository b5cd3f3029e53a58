package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When each row of a table was taken, and of what, as a {@link MeasureKind#LEVEL level} needs to know: a level adds
 * up across the things measured at one time (departments, warehouses: the entities) and is taken at the latest time
 * of a period.
 *
 * <p>The time is the table's date column when it has one (a Year column beside it only groups those dates);
 * otherwise its period columns together, coarsest first as the file orders them (Year, then Quarter or Month), their
 * text values (Jan, Q1, 2025-01) in the order the file first has them.
 *
 * @param date      the date dimension whose dates are the instants and whose periods (months...) the periods; null
 *                  when the table has none
 * @param periods   without a date, the period dimensions whose values together are the instant (and the period)
 * @param entities  the category dimensions: what is measured at each time
 * @param textOrder for each of {@code periods}, its text values' first appearance in the file; empty maps for
 *                  numbers
 */
record LevelTime(Dimension date, List<Dimension> periods, List<Dimension> entities,
                 List<Map<Object, Integer>> textOrder) {

    /** At least this share of every (entity, time) pair has a row in a table of snapshots. */
    private static final double SNAPSHOT_COVERAGE = 0.5;
    /** A text column unique to every row of at least this many rows is an id: the table lists transactions. */
    private static final int ID_ROWS = 10;

    /** The time of {@code table}, whose dimensions are {@code dimensions}; empty when it has no date or period. */
    static Optional<LevelTime> of(DataTable table, List<Dimension> dimensions) {
        Dimension date = dimensions.stream().filter(d -> d.dates() != null).findFirst().orElse(null);
        List<Dimension> periods = date != null ? List.of()
                : dimensions.stream().filter(d -> d.period() && !d.isRows()).toList();
        if (date == null && periods.isEmpty()) {
            return Optional.empty();
        }
        List<Dimension> entities = dimensions.stream().filter(d -> !d.period() && !d.isRows()).toList();
        List<Map<Object, Integer>> order = new ArrayList<>();
        for (Dimension period : periods) {
            Map<Object, Integer> first = new HashMap<>();
            for (List<Object> row : table.rows()) {
                if (row.get(period.column()) instanceof String text) {
                    first.putIfAbsent(text, first.size());
                }
            }
            order.add(first);
        }
        return Optional.of(new LevelTime(date, periods, entities, order));
    }

    /** When {@code row} was taken, comparable with {@link #compare}; null when it says nothing of its time. */
    List<Double> instant(List<Object> row) {
        if (date != null) {
            return row.get(date.column()) instanceof LocalDate day ? List.of((double) day.toEpochDay()) : null;
        }
        List<Double> parts = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            Object cell = row.get(periods.get(p).column());
            if (cell instanceof Double number) {
                parts.add(number);
            } else if (cell instanceof String text) {
                parts.add((double) textOrder.get(p).get(text));
            } else {
                return null;
            }
        }
        return parts;
    }

    /**
     * The period {@code row} falls in, for finding the latest one: a date's month (or whatever its dates are
     * summarised by); without a date, the instant itself. Null for a row without a time.
     */
    Object period(List<Object> row) {
        if (date != null) {
            return row.get(date.column()) instanceof LocalDate day ? date.keyOf(day) : null;
        }
        return instant(row);
    }

    /** Whether {@code period} holds only stray dates (a 9999-12-31 "never"), which is no time of the data. */
    boolean stray(Object period) {
        return date != null && date.strayPeriod(period);
    }

    /** The period as a reader names it: "Mar 2026", "2025 Q4". */
    String label(Object period) {
        if (date != null) {
            return date.label(period);
        }
        @SuppressWarnings("unchecked")
        List<Double> parts = (List<Double>) period;
        List<String> labels = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            Object value = parts.get(p);
            if (!textOrder.get(p).isEmpty()) {
                int index = parts.get(p).intValue();
                value = textOrder.get(p).entrySet().stream().filter(e -> e.getValue() == index)
                        .map(Map.Entry::getKey).findFirst().orElse(value);
            }
            labels.add(periods.get(p).label(value));
        }
        return String.join(" ", labels);
    }

    /** The period inside a sentence: "in Mar 2026", "in 2025 Q4", "on 31 Mar 2026" for a day. */
    String phrase(Object period) {
        if (date != null && date.dates().grain() == PeriodGrain.DAY && period instanceof LocalDate day) {
            return "on " + PeriodGrain.dateOf(day);
        }
        return "in " + label(period);
    }

    /** What row {@code row} measures: its values of the category dimensions other than {@code grouped}. */
    List<Object> entity(List<Object> row, Set<Integer> grouped) {
        List<Object> values = new ArrayList<>();
        for (Dimension entity : entities) {
            if (!grouped.contains(entity.column())) {
                values.add(row.get(entity.column()));
            }
        }
        return values;
    }

    /** Orders instants and periods: dates and numbers as such, tuples part by part; null first. */
    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int c = Double.compare((Double) left.get(i), (Double) right.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    /**
     * Whether the level in {@code valueColumn} reads as snapshots: the same entities measured time after time, so
     * taking each one's latest value makes sense. A ledger is not: invoices with the amount still outstanding on
     * each are summed, not taken at the latest invoice date. It is told by an id column unique to every row, or by
     * (entity, time) pairs that cover less than half of all entities at all times (each customer on a few dates).
     */
    boolean snapshots(DataTable table, int valueColumn) {
        if (hasIdColumn(table)) {
            return false;
        }
        Set<List<Object>> entities = new HashSet<>();
        Set<List<Double>> instants = new HashSet<>();
        Set<List<Object>> pairs = new HashSet<>();
        for (List<Object> row : table.rows()) {
            List<Double> instant = instant(row);
            if (instant != null && row.get(valueColumn) instanceof Double) {
                List<Object> entity = entity(row, Set.of());
                entities.add(entity);
                instants.add(instant);
                pairs.add(List.of(entity, instant));
            }
        }
        return !pairs.isEmpty() && pairs.size() >= SNAPSHOT_COVERAGE * entities.size() * instants.size();
    }

    /**
     * Whether some text column other than the time's holds a different value in every one of at least
     * {@value #ID_ROWS} rows.
     */
    private boolean hasIdColumn(DataTable table) {
        if (table.rows().size() < ID_ROWS) {
            return false;
        }
        Set<Integer> time = new HashSet<>();
        periods.forEach(period -> time.add(period.column()));
        for (int c : table.columnsOf(DataTable.ColumnKind.TEXT)) {
            if (time.contains(c)) {
                continue;
            }
            Set<Object> values = new HashSet<>();
            for (List<Object> row : table.rows()) {
                values.add(row.get(c));
            }
            if (values.size() == table.rows().size() && !values.contains(null)) {
                return true;
            }
        }
        return false;
    }
}
