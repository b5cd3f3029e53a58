package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rows a {@link MeasureKind#LEVEL level}'s figures are taken from. A level adds up across the things measured
 * at one time but not over time, so each group is, for each thing it holds (each entity: a department, a
 * warehouse), that thing's rows at its latest time in the group: a month's headcount is every department's
 * headcount on its last report of the month, even when one reports a day before the others. Grouped by a category
 * instead of by time, only the table's latest period counts (a department with no rows in it has none left). An
 * opening balance is taken at the earliest time instead.
 */
final class LevelRows {

    private LevelRows() {
    }

    /**
     * Which rows count for the level in column {@code valueColumn} when rows are grouped by {@code groupOf}.
     *
     * @param byTime  whether the grouping is by a period (the date, a year, a month), so each group is a time;
     *                otherwise only the latest period's rows count
     * @param grouped the columns the grouping is by, which are not part of what an entity is
     * @param opening whether the level is taken at the start of each group's time rather than at its end
     */
    static boolean[] atGroupEnds(DataTable table, LevelTime time, boolean byTime, Set<Integer> grouped,
                                 Measure level, Function<Integer, Object> groupOf) {
        List<List<Object>> rows = table.rows();
        int valueColumn = level.column();
        boolean opening = level.opening();
        RunningBalance running = level.running();
        if (running != null && !byTime && !running.accounts().containsAll(grouped)) {
            // A statement's balance by transaction category means nothing: an account has one balance, at each time.
            return new boolean[table.rows().size()];
        }
        Object latestPeriod = byTime ? null : latestPeriod(table, time, level);
        Map<List<Object>, List<Double>> chosen = new HashMap<>();
        boolean[] eligible = new boolean[rows.size()];
        List<List<Object>> keys = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            List<Double> instant = time.instant(row);
            eligible[r] = row.get(valueColumn) instanceof Double
                    && (byTime || instant != null && Objects.equals(time.period(row), latestPeriod));
            // A running balance is its account's one balance, whatever its description or category columns hold.
            List<Object> key = new ArrayList<>(List.of(entity(row, time, grouped, running)));
            key.add(groupOf.apply(r));
            keys.add(key);
            if (eligible[r]) {
                if (!chosen.containsKey(key)) {
                    chosen.put(key, instant);
                } else {
                    int c = LevelTime.compare(instant, chosen.get(key));
                    if (opening ? c < 0 : c > 0) {
                        chosen.put(key, instant);
                    }
                }
            }
        }
        boolean[] counted = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            counted[r] = eligible[r] && Objects.equals(chosen.get(keys.get(r)), time.instant(rows.get(r)));
        }
        return running == null ? counted : lastRowOfEach(counted, keys, running.newestFirst() != opening);
    }

    /**
     * Of the counted rows sharing a key (a day's several postings), the one whose balance is the day's: the last in
     * time, which is the first in the file when {@code firstInFile}.
     */
    private static boolean[] lastRowOfEach(boolean[] counted, List<List<Object>> keys, boolean firstInFile) {
        Map<List<Object>, Integer> chosenRow = new HashMap<>();
        for (int r = 0; r < counted.length; r++) {
            if (counted[r] && (!firstInFile || !chosenRow.containsKey(keys.get(r)))) {
                chosenRow.put(keys.get(r), r);
            }
        }
        boolean[] one = new boolean[counted.length];
        chosenRow.values().forEach(r -> one[r] = true);
        return one;
    }

    /**
     * Which entities the periods (by index in {@code keyValues}, the breakdown's keys in time order) hold, where that
     * changes ({@link LevelCoverage}): the periods that lack a level of some entity counted both before and after
     * them, or, for the latest period, in the period before it (a department whose March headcount is not in yet
     * makes March no comparable month, not a fall); the entities that start after the first period with data,
     * and those that stop before the latest without being missed there.
     *
     * @param counted the rows the level is taken from ({@link #atGroupEnds})
     * @param level   the level; a running balance's accounts are its entities
     */
    static LevelCoverage coverage(DataTable table, LevelTime time, Set<Integer> grouped, boolean[] counted,
                                  Function<Integer, Object> groupOf, List<Object> keyValues, Measure level) {
        Map<Object, Integer> index = new HashMap<>();
        for (int k = 0; k < keyValues.size(); k++) {
            if (keyValues.get(k) != null) {
                index.put(keyValues.get(k), k);
            }
        }
        // Each entity's level in each period it has one (its counted rows there, added up: several rows of one entity
        // at its latest time, such as a warehouse's products, are one level).
        Map<List<Object>, TreeMap<Integer, Double>> seen = new LinkedHashMap<>();
        BitSet withData = new BitSet();
        for (int r = 0; r < counted.length; r++) {
            Integer k = counted[r] ? index.get(groupOf.apply(r)) : null;
            if (k != null && table.rows().get(r).get(level.column()) instanceof Double value) {
                seen.computeIfAbsent(entity(table.rows().get(r), time, grouped, level.running()),
                        e -> new TreeMap<>()).merge(k, value, Double::sum);
                withData.set(k);
            }
        }
        int firstWithData = withData.nextSetBit(0);
        int lastWithData = withData.length() - 1;
        TreeMap<Integer, List<String>> gaps = new TreeMap<>();
        TreeMap<Integer, List<LevelCoverage.Named>> arrivals = new TreeMap<>();
        TreeMap<Integer, List<LevelCoverage.Named>> departures = new TreeMap<>();
        TreeMap<Integer, List<LevelCoverage.Named>> brief = new TreeMap<>();
        for (Map.Entry<List<Object>, TreeMap<Integer, Double>> entity : seen.entrySet()) {
            TreeMap<Integer, Double> periods = entity.getValue();
            String name = name(entity.getKey());
            int first = periods.firstKey();
            int last = periods.lastKey();
            boolean expectedLatest = lastWithData > firstWithData
                    && periods.containsKey(withData.previousSetBit(lastWithData - 1));
            for (int k = withData.nextSetBit(first + 1); k >= 0; k = withData.nextSetBit(k + 1)) {
                // The latest period expects only what the one before it had: a department closed long ago is not
                // missing from March.
                boolean expected = k < last || k == lastWithData && expectedLatest;
                if (expected && !periods.containsKey(k)) {
                    gaps.computeIfAbsent(k, x -> new ArrayList<>()).add(name);
                }
            }
            // Periods with data between the entity's reports at most: 1 for monthly reports in monthly data, 3 for
            // quarterly ones. Missing no more than that at either end is its usual rhythm, no start or stop.
            int interval = interval(periods, withData);
            boolean arrives = withData.get(firstWithData, first).cardinality() >= interval;
            boolean departs = level.running() == null // an account without postings keeps its balance
                    && withData.get(last + 1, lastWithData + 1).cardinality() >= interval && !expectedLatest;
            double firstLevel = periods.get(first);
            double lastLevel = periods.get(last);
            if (arrives && departs && first == last) {
                addNamed(brief, first, name, firstLevel);
            } else {
                if (arrives) {
                    addNamed(arrivals, first, name, firstLevel);
                }
                if (departs) {
                    addNamed(departures, last, name, lastLevel);
                }
            }
        }
        return new LevelCoverage(gaps, arrivals, departures, brief);
    }

    /** Adds an entity at a level other than 0 (a placeholder at 0 adds nothing to the total, whenever it is there). */
    private static void addNamed(Map<Integer, List<LevelCoverage.Named>> byPeriod, int period, String name,
                                 double value) {
        if (value != 0) {
            byPeriod.computeIfAbsent(period, x -> new ArrayList<>()).add(new LevelCoverage.Named(name, value));
        }
    }

    /**
     * The most periods with data from one of the entity's reports to the next (1 when it reports in every period;
     * several where it reports quarterly in monthly data), counting the fewest such steps it takes: its rhythm.
     */
    private static int interval(TreeMap<Integer, Double> periods, BitSet withData) {
        int fewest = Integer.MAX_VALUE;
        Integer previous = null;
        for (int k : periods.keySet()) {
            if (previous != null) {
                fewest = Math.min(fewest, withData.get(previous, k).cardinality());
            }
            previous = k;
        }
        return fewest == Integer.MAX_VALUE ? 1 : fewest;
    }

    /**
     * Whether period {@code i} of {@code periods} lacks an entity seen before it and after it, or, the latest, one
     * the period before it had: the same rule as {@link #coverage}'s gaps.
     */
    private static boolean isGap(List<Object> periods, Map<Object, Set<List<Object>>> entities, int i) {
        Set<List<Object>> here = entities.get(periods.get(i));
        for (int before = 0; before < i; before++) {
            for (List<Object> entity : entities.get(periods.get(before))) {
                if (here.contains(entity)) {
                    continue;
                }
                boolean later = false;
                for (int after = i + 1; after < periods.size() && !later; after++) {
                    later = entities.get(periods.get(after)).contains(entity);
                }
                boolean latestMissesPrevious = i == periods.size() - 1
                        && entities.get(periods.get(i - 1)).contains(entity);
                if (later || latestMissesPrevious) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What a row's level is of: its account for a running balance (a description is no account), else its values
     * of the entity columns other than those {@code grouped} by.
     */
    private static List<Object> entity(List<Object> row, LevelTime time, Set<Integer> grouped,
                                       RunningBalance running) {
        return running != null ? running.account(row) : time.entity(row, grouped);
    }

    /** An entity as a reader names it: "Sales", "Sales / North"; "(blank)" for a blank one. */
    private static String name(List<Object> entity) {
        return String.join(" / ", entity.stream().map(Breakdown::label).toList());
    }

    /**
     * The latest period in which the level has a value, or the one before when the latest lacks an entity it had
     * (the period's start for dates, the latest instant otherwise); null for none. A stray date's period (a 9999-12-31 "never")
     * is no time of the data.
     */
    static Object latestPeriod(DataTable table, LevelTime time, Measure level) {
        java.util.TreeMap<Object, Set<List<Object>>> entities = new java.util.TreeMap<>(LevelTime::compare);
        for (List<Object> row : table.rows()) {
            Object period = time.period(row);
            if (period != null && row.get(level.column()) instanceof Double && !time.stray(period)) {
                entities.computeIfAbsent(period, p -> new java.util.HashSet<>())
                        .add(entity(row, time, Set.of(), level.running()));
            }
        }
        // The latest period unless it is a gap (see gaps): a department's March headcount not in yet would otherwise
        // make March's split by department one without it; then the period before. Gaps earlier in the series (a
        // product out of stock one month) do not move it.
        List<Object> periods = new ArrayList<>(entities.keySet());
        boolean statement = level.running() != null && level.running().accounts().isEmpty();
        int last = periods.size() - 1;
        if (last > 0 && !statement && isGap(periods, entities, last)) {
            return periods.get(last - 1);
        }
        return periods.isEmpty() ? null : periods.getLast();
    }
}
