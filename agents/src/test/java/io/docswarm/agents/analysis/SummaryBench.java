package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times the analysis of a large data table (bench/summary-bench.sh): {@link DataSummary#of} (dimensions, level
 * times, ratio detection, every breakdown) and then the table, the facts and the workbook layout, on generated daily
 * sales (seeded: the same rows every run) of 200 region x product x channel combinations with visits, orders,
 * revenue, units, an inventory level, a conversion rate and a price (each the quotient of two amounts, rounded as a
 * report writes them) and a score; optionally with more amount and score columns, which multiply the pairs a rate is
 * tried against. Prints the median of the timed runs after warm-up, and what each column was read as.
 */
public final class SummaryBench {

    private SummaryBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int extra : new int[] {0, 9}) {
            DataTable table = sales(rows, extra);
            time(rows + " rows x " + table.columns().size() + " columns", table, warmups, runs);
        }
    }

    private static void time(String what, DataTable table, int warmups, int runs) {
        List<Long> analysis = new ArrayList<>();
        List<Long> outputs = new ArrayList<>();
        DataSummary summary = null;
        for (int i = 0; i < warmups + runs; i++) {
            long start = System.nanoTime();
            summary = DataSummary.of(table);
            long analysed = System.nanoTime();
            summary.table();
            summary.facts();
            SummaryTable.forWorkbook(summary);
            long done = System.nanoTime();
            if (i >= warmups) {
                analysis.add((analysed - start) / 1_000_000);
                outputs.add((done - analysed) / 1_000_000);
            }
        }
        System.out.printf("%s: DataSummary.of median %d ms, table + facts + workbook median %d ms%n", what,
                median(analysis), median(outputs));
        System.out.println("  read as: " + summary.metrics().stream()
                .map(m -> m.name() + " " + m.kind() + (m.ratioOfSums() ? " (ratio of sums)" : "")).toList());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Daily rows for 200 combinations, a date every 200 rows; {@code extra} more amount and score columns. */
    static DataTable sales(int rows, int extra) {
        List<String> header = new ArrayList<>(List.of("Date", "Region", "Product", "Channel", "Visits", "Orders",
                "Revenue", "Units", "Inventory", "Conversion rate", "Price", "Satisfaction score"));
        List<DataTable.ColumnKind> kinds = new ArrayList<>(List.of(DataTable.ColumnKind.DATE,
                DataTable.ColumnKind.TEXT, DataTable.ColumnKind.TEXT, DataTable.ColumnKind.TEXT));
        while (kinds.size() < header.size()) {
            kinds.add(DataTable.ColumnKind.NUMBER);
        }
        for (int e = 0; e < extra; e++) {
            header.add("Amount " + e);
            header.add("Score " + e);
            kinds.add(DataTable.ColumnKind.NUMBER);
            kinds.add(DataTable.ColumnKind.NUMBER);
        }
        Random random = new Random(20261127);
        LocalDate first = LocalDate.of(2023, 1, 1);
        List<List<Object>> data = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int combination = r % 200;
            double visits = 100 + random.nextInt(900);
            double orders = Math.round(visits * (0.01 + random.nextDouble() * 0.05));
            double units = 1 + random.nextInt(50);
            double revenue = Math.round(units * (10 + random.nextDouble() * 40) * 100) / 100.0;
            List<Object> row = new ArrayList<>(List.of(first.plusDays(r / 200), "Region " + combination % 5,
                    "Product " + combination / 5 % 10, "Channel " + combination / 50, visits, orders, revenue, units,
                    (double) (500 + random.nextInt(100)), Math.round(orders / visits * 1000) / 1000.0,
                    Math.round(revenue / units * 100) / 100.0, 1.5 + random.nextInt(5)));
            for (int e = 0; e < extra; e++) {
                row.add((double) random.nextInt(1000));
                row.add(random.nextDouble() * 5);
            }
            data.add(row);
        }
        return new DataTable("sales", "data/sales.csv", header, kinds, data);
    }
}
