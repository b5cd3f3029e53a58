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
        double[] balances = table.numbers(balance.column());
        List<double[]> flowValues = flows.stream().map(table::numbers).toList();
        for (List<Integer> accounts : candidates) {
            int[] previous = previousOfSameAccount(table, balances, accounts, newestFirst);
            for (int a = 0; a < flows.size(); a++) {
                for (int sign : new int[] {1, -1}) {
                    if (follows(balances, previous, flowValues.get(a), sign, null)) {
                        return Optional.of(new RunningBalance(flows.get(a), sign, -1, newestFirst, accounts));
                    }
                }
            }
            for (int credit = 0; credit < flows.size(); credit++) {
                for (int debit = 0; debit < flows.size(); debit++) {
                    if (credit != debit && follows(balances, previous, flowValues.get(credit), 1,
                            flowValues.get(debit))) {
                        return Optional.of(new RunningBalance(flows.get(credit), 1, flows.get(debit), newestFirst,
                                accounts));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For each row with a balance, the row before it in time of the same account (-1 for an account's first, and
     * for rows without a balance): worked out once per set of account columns, whatever amounts are then tried.
     */
    private static int[] previousOfSameAccount(DataTable table, double[] balances, List<Integer> accounts,
                                               boolean newestFirst) {
        RunningBalance keys = new RunningBalance(-1, 1, -1, newestFirst, accounts);
        int[] previous = new int[balances.length];
        java.util.Arrays.fill(previous, -1);
        Map<List<Object>, Integer> last = new HashMap<>();
        for (int i = 0; i < balances.length; i++) {
            int r = newestFirst ? balances.length - 1 - i : i;
            if (!Double.isNaN(balances[r])) {
                Integer before = last.put(keys.account(table.rows().get(r)), r);
                previous[r] = before == null ? -1 : before;
            }
        }
        return previous;
    }

    /**
     * Whether the balances move by {@code sign} times the amount (less the {@code against} column's, when there is
     * one; a blank counts as 0 beside a number) from each row's previous of its account. Stops reading once more
     * rows disagree than the share allowed of all the rows could hold: most candidates fail early.
     */
    private static boolean follows(double[] balances, int[] previous, double[] amounts, int sign, double[] against) {
        double disagreementsAllowed = (1 - AGREEING) * balances.length;
        int steps = 0;
        int agreeing = 0;
        for (int r = 0; r < balances.length && steps - agreeing <= disagreementsAllowed; r++) {
            boolean in = !Double.isNaN(amounts[r]);
            boolean out = against != null && !Double.isNaN(against[r]);
            if (previous[r] >= 0 && (in || out)) {
                double moved = sign * (in ? amounts[r] : 0) - (out ? against[r] : 0);
                steps++;
                agreeing += Math.abs(balances[previous[r]] + moved - balances[r]) <= CENT ? 1 : 0;
            }
        }
        return steps >= MIN_STEPS && agreeing >= AGREEING * steps;
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
