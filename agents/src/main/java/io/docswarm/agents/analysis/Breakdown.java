package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.TextFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals of every measure by the values of one dimension.
 *
 * @param dimension what the rows are grouped by
 * @param keys      the dimension's values: in time order for dates and numeric periods, in order of first
 *                  appearance otherwise (text periods such as month names keep the file's order)
 * @param totals    totals[m][k]: the sum of measure m over the rows with key k
 */
public record Breakdown(Dimension dimension, List<String> keys, double[][] totals) {

    public Breakdown {
        keys = List.copyOf(keys);
    }

    static Breakdown of(DataTable table, Dimension dimension, List<Measure> measures) {
        boolean chronological = dimension.period() && dimension.column() >= 0
                && table.kinds().get(dimension.column()) != DataTable.ColumnKind.TEXT;
        // A blank key (null) sorts after every period, and shows as "(blank)"; keys of one column share a type.
        Map<Object, double[]> grouped = chronological ? new TreeMap<>(Comparator.nullsLast(Breakdown::compareKeys))
                : new LinkedHashMap<>();
        java.util.Set<Object> withValues = new java.util.HashSet<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<Object> row = table.rows().get(r);
            Object k0 = dimension.isRows() ? "Row " + (r + 1) : row.get(dimension.column());
            double[] sums = grouped.computeIfAbsent(k0, k -> new double[measures.size()]);
            for (int m = 0; m < measures.size(); m++) {
                if (row.get(measures.get(m).column()) instanceof Double d) {
                    sums[m] += d;
                    withValues.add(k0);
                }
            }
        }
        // A key whose every measure is missing (n/a in the file) says nothing: it is not ranked "lowest at 0".
        if (!withValues.isEmpty()) {
            grouped.keySet().retainAll(withValues);
        }
        List<String> keys = new ArrayList<>();
        double[][] totals = new double[measures.size()][grouped.size()];
        int k = 0;
        for (Map.Entry<Object, double[]> entry : grouped.entrySet()) {
            keys.add(label(entry.getKey()));
            for (int m = 0; m < measures.size(); m++) {
                totals[m][k] = entry.getValue()[m];
            }
            k++;
        }
        return new Breakdown(dimension, keys, totals);
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

    public int size() {
        return keys.size();
    }

    public double value(int measure, int key) {
        return totals[measure][key];
    }

    public double total(int measure) {
        double sum = 0;
        for (double value : totals[measure]) {
            sum += value;
        }
        return sum;
    }

    /** The key's share of the measure's total; 0 when the total is 0. */
    public double share(int measure, int key) {
        double total = total(measure);
        return total == 0 ? 0 : totals[measure][key] / total;
    }

    /** Index of the key with the largest value of {@code measure} (the first on ties). */
    public int leader(int measure) {
        int best = 0;
        for (int k = 1; k < keys.size(); k++) {
            if (totals[measure][k] > totals[measure][best]) {
                best = k;
            }
        }
        return best;
    }

    /** Index of the key with the smallest value of {@code measure} (the last on ties). */
    public int smallest(int measure) {
        int least = 0;
        for (int k = 1; k < keys.size(); k++) {
            if (totals[measure][k] <= totals[measure][least]) {
                least = k;
            }
        }
        return least;
    }

    /** Keys ordered by value of {@code measure}, largest first (stable). */
    public List<Integer> ranked(int measure) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            order.add(k);
        }
        order.sort((a, b) -> Double.compare(totals[measure][b], totals[measure][a]));
        return order;
    }
}
