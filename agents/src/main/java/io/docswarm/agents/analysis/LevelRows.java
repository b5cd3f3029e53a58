package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The rows a {@link MeasureKind#LEVEL level}'s figures are taken from. A level adds up across the things measured
 * at one time but not over time, so each group is its rows at the latest time it has: a month's headcount is the
 * headcount on the month's last reported date; a department's is its headcount on its latest date in the table's
 * latest period (a department with no rows in that period has none left). The time is the table's date or numeric
 * period column ({@code time}); a row without one cannot be placed in time and counts only towards the blank period.
 */
final class LevelRows {

    private LevelRows() {
    }

    /**
     * Which rows count for the level in column {@code valueColumn} when rows are grouped by {@code group}: those
     * with a value at their group's latest time. Grouped by the time column itself, the group is the period and its
     * latest time the period's last date with a value; grouped otherwise, only the latest period's rows count.
     *
     * @param groupOf the group of row {@code r}, as the breakdown groups it
     */
    static boolean[] atGroupEnds(DataTable table, Dimension time, boolean groupedByTime, int valueColumn,
                                 Function<Integer, Object> groupOf) {
        List<List<Object>> rows = table.rows();
        Object latestPeriod = groupedByTime ? null : latestPeriod(table, time, valueColumn);
        Map<Object, Object> latestInstant = new HashMap<>();
        boolean[] eligible = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            Object instant = row.get(time.column());
            eligible[r] = row.get(valueColumn) instanceof Double
                    && (groupedByTime || instant != null && time.keyOf(instant).equals(latestPeriod));
            if (eligible[r]) {
                latestInstant.merge(key(groupOf.apply(r)), wrap(instant), LevelRows::later);
            }
        }
        boolean[] counted = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            counted[r] = eligible[r] && Objects.equals(latestInstant.get(key(groupOf.apply(r))),
                    wrap(rows.get(r).get(time.column())));
        }
        return counted;
    }

    /**
     * The latest period (as {@link Dimension#keyOf} names it) in which the level has a value; null for none. A stray
     * date's period (a 9999-12-31 "never") is no time of the data.
     */
    static Object latestPeriod(DataTable table, Dimension time, int valueColumn) {
        Object latest = null;
        for (List<Object> row : table.rows()) {
            Object instant = row.get(time.column());
            if (instant != null && row.get(valueColumn) instanceof Double && !time.strayPeriod(time.keyOf(instant))) {
                Object period = time.keyOf(instant);
                latest = latest == null || Breakdown.compareKeys(period, latest) > 0 ? period : latest;
            }
        }
        return latest;
    }

    /** HashMap keeps null keys, but a sentinel keeps the intent visible: the blank group is a group. */
    private static Object key(Object group) {
        return group == null ? Blank.INSTANCE : group;
    }

    private static Object wrap(Object instant) {
        return instant == null ? Blank.INSTANCE : instant;
    }

    private static Object later(Object a, Object b) {
        if (a == Blank.INSTANCE) {
            return b;
        }
        return b == Blank.INSTANCE || Breakdown.compareKeys(a, b) >= 0 ? a : b;
    }

    /** The missing time (or group) of a row. */
    private enum Blank {
        INSTANCE
    }
}
