package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>A file of several accounts (or departments) carries one balance each: rows follow the previous row of the same
 * account, told by the entity columns whose values recur (an account, not a description that is new on each row).
 * Those columns together are tried first, then each alone, then none: a statement whose categories or recurring
 * descriptions repeat is still one balance.
 *
 * @param amount      the column of the amounts the balance moves by
 * @param sign        +1 when an amount adds to the balance, -1 when it is taken from it (a debit column)
 * @param against     a second column taken from the balance (debits beside credits, blanks and zeros alike); -1
 *                    when the amount column alone moves it
 * @param newestFirst whether the file lists the latest row first, so a day's balance is its first row's
 * @param accounts    the columns whose values name each balance's account; empty for a single statement
 */
record RunningBalance(int amount, int sign, int against, boolean newestFirst, List<Integer> accounts) {

    RunningBalance {
        accounts = List.copyOf(accounts);
    }

    static final int MIN_STEPS = 3;
    static final double AGREEING = 0.9;
    private static final double CENT = 0.005;

    /**
     * How {@code balance}, a level of {@code table}, runs with one of the {@code amounts}, account by account among
     * the {@code entities} columns; empty when it does not.
     */
    static Optional<RunningBalance> find(DataTable table, Measure balance, List<Measure> amounts,
                                         List<Integer> entities) {
        if (!balance.level()) {
            return Optional.empty();
        }
        boolean newestFirst = newestFirst(table);
        List<Integer> recurring = entities.stream().filter(c -> recurs(table, c)).toList();
        // Several accounts when the recurring columns split the balance; else one statement whose categories or
        // recurring descriptions name no account.
        Set<List<Integer>> candidates = new LinkedHashSet<>();
        candidates.add(recurring);
        recurring.forEach(c -> candidates.add(List.of(c)));
        candidates.add(List.of());
        List<Integer> flows = amounts.stream().filter(Measure::accumulates).map(Measure::column).toList();
        for (List<Integer> accounts : candidates) {
            for (int amount : flows) {
                for (int sign : new int[] {1, -1}) {
                    RunningBalance candidate = new RunningBalance(amount, sign, -1, newestFirst, accounts);
                    if (candidate.follows(table, balance.column())) {
                        return Optional.of(candidate);
                    }
                }
            }
            for (int credit : flows) {
                for (int debit : flows) {
                    RunningBalance candidate = new RunningBalance(credit, 1, debit, newestFirst, accounts);
                    if (credit != debit && candidate.follows(table, balance.column())) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the balance column moves by this amount from each row to the account's next in time. Stops reading
     * once more rows disagree than the share allowed of all the rows could hold: most candidates fail early.
     */
    private boolean follows(DataTable table, int balance) {
        List<List<Object>> rows = table.rows();
        Map<List<Object>, List<Object>> previous = new HashMap<>();
        double disagreementsAllowed = (1 - AGREEING) * rows.size();
        int steps = 0;
        int agreeing = 0;
        for (int i = 0; i < rows.size() && steps - agreeing <= disagreementsAllowed; i++) {
            List<Object> row = rows.get(newestFirst ? rows.size() - 1 - i : i);
            if (!(row.get(balance) instanceof Double after)) {
                continue;
            }
            List<Object> before = previous.put(account(row), row);
            Double moved = movement(row);
            if (before != null && moved != null) {
                steps++;
                agreeing += Math.abs((Double) before.get(balance) + moved - after) <= CENT ? 1 : 0;
            }
        }
        return steps >= MIN_STEPS && agreeing >= AGREEING * steps;
    }

    /** What a row moves the balance by; null when it holds no amount. */
    private Double movement(List<Object> row) {
        Double in = row.get(amount) instanceof Double d ? d : null;
        Double out = against >= 0 && row.get(against) instanceof Double d ? d : null;
        if (in == null && out == null) {
            return null;
        }
        return sign * (in == null ? 0 : in) - (out == null ? 0 : out);
    }

    /** The account a row's balance is of: its values of the account columns. */
    List<Object> account(List<Object> row) {
        List<Object> values = new ArrayList<>();
        accounts.forEach(c -> values.add(row.get(c)));
        return values;
    }

    /** Whether a column's values recur (at most one distinct value for every two rows): accounts, not descriptions. */
    private static boolean recurs(DataTable table, int column) {
        Set<Object> values = new HashSet<>();
        table.rows().forEach(row -> values.add(row.get(column)));
        return 2 * values.size() <= table.rows().size();
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
