package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A balance a statement carries from row to row: each row's balance is the one before plus (or minus) the row's
 * amount, as a bank statement, a stock ledger or an account's postings write it. Several rows may share a day, so
 * a day's (a month's) balance is the one on its last row, not the sum of the rows' balances, and the statement is
 * one balance, whatever its description or category columns say.
 *
 * <p>Found from the numbers: the balance must follow the amount, in the file's order or (a statement listing the
 * newest first) the reverse, within a cent, on at least {@value #AGREEING} of at least {@value #MIN_STEPS} steps
 * between consecutive rows with both values.
 *
 * @param amount      the column of the amounts the balance moves by
 * @param sign        +1 when an amount adds to the balance, -1 when it is taken from it (a debit column)
 * @param newestFirst whether the file lists the latest row first, so a day's balance is its first row's
 */
record RunningBalance(int amount, int sign, boolean newestFirst) {

    static final int MIN_STEPS = 3;
    static final double AGREEING = 0.9;
    private static final double CENT = 0.005;

    /** How {@code balance}, a level of {@code table}, runs with one of the {@code amounts}; empty when it does not. */
    static Optional<RunningBalance> find(DataTable table, Measure balance, List<Measure> amounts) {
        if (!balance.level()) {
            return Optional.empty();
        }
        boolean newestFirst = newestFirst(table);
        for (Measure amount : amounts) {
            if (!amount.accumulates()) {
                continue;
            }
            for (int sign : new int[] {1, -1}) {
                RunningBalance candidate = new RunningBalance(amount.column(), sign, newestFirst);
                if (candidate.follows(table, balance.column())) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the balance column moves by this amount from each row to the next in time. */
    private boolean follows(DataTable table, int balance) {
        List<List<Object>> rows = table.rows();
        int steps = 0;
        int agreeing = 0;
        for (int r = 1; r < rows.size(); r++) {
            List<Object> earlier = rows.get(newestFirst ? r : r - 1);
            List<Object> later = rows.get(newestFirst ? r - 1 : r);
            if (earlier.get(balance) instanceof Double before && later.get(balance) instanceof Double after
                    && later.get(amount) instanceof Double moved) {
                steps++;
                agreeing += Math.abs(before + sign * moved - after) <= CENT ? 1 : 0;
            }
        }
        return steps >= MIN_STEPS && agreeing >= AGREEING * steps;
    }

    /** Whether the table's first date column runs backwards in the file: the newest row first. */
    private static boolean newestFirst(DataTable table) {
        int column = table.firstColumn(DataTable.ColumnKind.DATE);
        if (column < 0) {
            return false;
        }
        LocalDate first = null;
        LocalDate last = null;
        for (List<Object> row : table.rows()) {
            if (row.get(column) instanceof LocalDate date) {
                first = first == null ? date : first;
                last = date;
            }
        }
        return first != null && last.isBefore(first);
    }
}
