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
 * <p>What is measured at each time (the entity: a department, a warehouse, a team within a department) is told
 * by the text columns that take different values at the same time, or, where each time has one row, several values
 * in a period, each at one time of it (warehouses counting stock on different days of the month end, customers on
 * their invoices' dates). A column that describes the time is no entity: a month name beside the date (one value a
 * period), a weekday or a holiday flag (a value on many days of a period).
 *
 * @param date      the date dimension whose dates are the instants and whose periods (months...) the periods; null
 *                  when the table has none
 * @param periods   without a date, the period dimensions whose values together are the instant (and the period)
 * @param entities  the columns whose values together name what a row measures
 * @param textOrder for each of {@code periods}, the rank of each of its text values in time order (see
 *                  {@link TextPeriods}); empty maps for numbers
 */
record LevelTime(Dimension date, List<Dimension> periods, List<Integer> entities,
                 List<Map<Object, Integer>> textOrder) {

    /** At least this share of every (entity, time) pair has a row in a table of snapshots. */
    private static final double SNAPSHOT_COVERAGE = 0.5;
    /**
     * An entity reported once a period is seen at about one instant of it; a weekday or a holiday flag in daily
     * data holds each value on several days of a month.
     */
    private static final double INSTANTS_OF_AN_ENTITY = 1.5;
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
        List<Map<Object, Integer>> order = new ArrayList<>();
        for (Dimension period : periods) {
            order.add(TextPeriods.ranks(table, period.column()));
        }
        LevelTime time = new LevelTime(date, periods, List.of(), order);
        Set<Integer> timeColumns = new HashSet<>();
        dimensions.stream().filter(Dimension::period).forEach(d -> timeColumns.add(d.column()));
        List<Integer> entities = new ArrayList<>();
        for (int c : table.columnsOf(DataTable.ColumnKind.TEXT)) {
            if (!timeColumns.contains(c) && time.namesWhatIsMeasured(table, c)) {
                entities.add(c);
            }
        }
        return Optional.of(new LevelTime(date, periods, entities, order));
    }

    /**
     * Whether text column {@code column} names what rows measure rather than describing their time: it holds two
     * values (a blank counts as one) at some instant; or its periods hold several values, each mostly at a single
     * instant of the period.
     */
    private boolean namesWhatIsMeasured(DataTable table, int column) {
        Map<List<Double>, Object> atInstant = new HashMap<>();
        Map<Object, Set<java.time.DayOfWeek>> weekdays = new HashMap<>();
        Map<Object, Set<Object>> valuesInPeriod = new HashMap<>();
        Map<List<Object>, Set<List<Double>>> instantsOfValueInPeriod = new HashMap<>();
        for (List<Object> row : table.rows()) {
            List<Double> instant = instant(row);
            if (instant == null) {
                continue;
            }
            Object value = row.get(column) == null ? "" : row.get(column);
            Object first = atInstant.putIfAbsent(instant, value);
            if (first != null && !first.equals(value)) {
                return true;
            }
            if (date != null) {
                weekdays.computeIfAbsent(value, k -> new HashSet<>())
                        .add(((LocalDate) row.get(date.column())).getDayOfWeek());
            }
            Object period = period(row);
            valuesInPeriod.computeIfAbsent(period, k -> new HashSet<>()).add(value);
            instantsOfValueInPeriod.computeIfAbsent(List.of(value, period), k -> new HashSet<>()).add(instant);
        }
        boolean weekdayNames = weekdays.size() > 1 && weekdays.values().stream().allMatch(days -> days.size() == 1);
        boolean oneValueAPeriod = valuesInPeriod.values().stream().allMatch(values -> values.size() == 1);
        if (weekdayNames) {
            return false; // each value on its own weekday: the day's name, not what is measured
        }
        double instantsEach = instantsOfValueInPeriod.values().stream().mapToInt(Set::size).average().orElse(0);
        return !oneValueAPeriod && instantsEach <= INSTANTS_OF_AN_ENTITY;
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

    /** What row {@code row} measures: its values of the entity columns other than those {@code grouped} by. */
    List<Object> entity(List<Object> row, Set<Integer> grouped) {
        List<Object> values = new ArrayList<>();
        for (int entity : entities) {
            if (!grouped.contains(entity)) {
                values.add(row.get(entity));
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
     * (entity, period) pairs that cover less than half of all entities in all periods (each customer on a few
     * dates). Periods, not days: warehouses that count their stock on different days of the month end are still
     * snapshots.
     */
    boolean snapshots(DataTable table, int valueColumn) {
        if (hasIdColumn(table)) {
            return false;
        }
        Set<List<Object>> entities = new HashSet<>();
        Set<Object> periodsSeen = new HashSet<>();
        Set<List<Object>> pairs = new HashSet<>();
        for (List<Object> row : table.rows()) {
            Object period = period(row);
            if (period != null && row.get(valueColumn) instanceof Double) {
                List<Object> entity = entity(row, Set.of());
                entities.add(entity);
                periodsSeen.add(period);
                pairs.add(List.of(entity, period));
            }
        }
        return !pairs.isEmpty() && pairs.size() >= SNAPSHOT_COVERAGE * entities.size() * periodsSeen.size();
    }

    /**
     * Whether some entity column (one that varies at a time: not a month name beside the date) holds a different
     * value in every one of at least {@value #ID_ROWS} rows.
     */
    private boolean hasIdColumn(DataTable table) {
        if (table.rows().size() < ID_ROWS) {
            return false;
        }
        for (int c : entities) {
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
