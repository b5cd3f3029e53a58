package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which rows are snapshots of the same things, so a level is taken at each thing's latest time: warehouses counting
 * on different days, more departments than a dimension shows, a ledger of customers' invoices (summed), a month name
 * or weekday or holiday flag beside the date (no entity), text months in a file sorted by department.
 */
class LevelSnapshotsTest {

    private static DataTable load(Path dir, String name, String csv) throws IOException {
        return LevelEdgeCasesTest.load(dir, name, csv);
    }

    private static List<Object> monthsNot(DataSummary s, double expected) {
        List<Object> bad = new ArrayList<>();
        for (List<Object> row : s.table().rows()) {
            if (!Double.valueOf(expected).equals(row.get(1))) {
                bad.add(row);
            }
        }
        return bad;
    }

    /** Three warehouses report month-end stock on three different days: still snapshots. */
    @Test
    void threeEntitiesOnDifferentDaysAreSnapshots(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Warehouse,Inventory\n");
        for (int m = 1; m <= 12; m++) {
            LocalDate end = LocalDate.of(2025, m, 1).plusMonths(1).minusDays(1);
            csv.append(end).append(",A,100\n");
            csv.append(end.minusDays(1)).append(",B,200\n");
            csv.append(end.minusDays(2)).append(",C,300\n");
        }
        DataSummary s = DataSummary.of(load(dir, "stock", csv.toString()));
        assertEquals(600.0, s.total(0), "inventory at the end: 100 + 200 + 300, not the sum over 12 months");
    }

    /** 13 departments (over Dimension.MAX_VALUES); three report on the last business day. */
    @Test
    void thirteenDepartmentsOnDifferentMonthEnds(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int i = 0; i < 12; i++) {
            LocalDate end = LocalDate.of(2025, 1, 1).plusMonths(i + 1).minusDays(1);
            LocalDate lastBusiness = end;
            while (lastBusiness.getDayOfWeek().getValue() > 5) {
                lastBusiness = lastBusiness.minusDays(1);
            }
            for (int d = 0; d < 13; d++) {
                csv.append(d < 3 ? lastBusiness : end).append(",Dept").append(d).append(",10\n");
            }
        }
        DataSummary s = DataSummary.of(load(dir, "hc13", csv.toString()));
        List<Object> bad = new ArrayList<>();
        for (List<Object> row : s.table().rows()) {
            if (!Double.valueOf(130.0).equals(row.get(1))) {
                bad.add(row);
            }
        }
        assertTrue(bad.isEmpty(), "every month 13 x 10: " + bad);
    }

    /** P2c: an invoice ledger with 30 customers (no id column): amounts outstanding are summed, not taken at the last date. */
    @Test
    void ledgerWithManyCustomersIsSummed(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Invoice date,Customer,Balance outstanding\n");
        double sum = 0;
        for (int i = 0; i < 60; i++) {
            LocalDate day = LocalDate.of(2025, 1, 2).plusDays(i * 3L);
            double amount = 100 + 10 * i;
            sum += amount;
            csv.append(day).append(",Customer ").append(i % 30).append(',').append((int) amount).append('\n');
        }
        DataSummary s = DataSummary.of(load(dir, "ledger", csv.toString()));
        assertEquals(sum, s.total(0), "a ledger (each customer on two dates) is summed");
    }

    /** A Date column and a text Month-name column (unique per row in a one-entity series) is no ledger id. */
    @Test
    void monthNameColumnIsNoIdColumn(@TempDir Path dir) throws IOException {
        String[] names = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"};
        StringBuilder csv = new StringBuilder("Date,Month,Headcount\n");
        for (int m = 1; m <= 12; m++) {
            csv.append(LocalDate.of(2025, m, 1).plusMonths(1).minusDays(1)).append(',').append(names[m - 1])
                    .append(',').append(100 + m).append('\n');
        }
        DataSummary s = DataSummary.of(load(dir, "hcm", csv.toString()));
        assertEquals(112.0, s.total(0), "headcount at the end of December, not the sum of 12 month-ends");
    }

    /** Text months, file sorted by department; the first department joined in February. */
    @Test
    void textMonthsFirstSeenOutOfOrder(@TempDir Path dir) throws IOException {
        String csv = """
                Department,Month,Headcount
                Sales,Feb,10
                Sales,Mar,11
                Engineering,Jan,20
                Engineering,Feb,21
                Engineering,Mar,22
                """;
        DataSummary s = DataSummary.of(load(dir, "hct", csv));
        assertEquals(33.0, s.total(0), "March: 11 + 22");
    }

    /** Daily headcount with a Weekday column: the weekday is no entity (it is an attribute of the date). */
    @Test
    void weekdayColumnIsNoEntity(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Weekday,Headcount\n");
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.isBefore(LocalDate.of(2025, 4, 1)); d = d.plusDays(1)) {
            csv.append(d).append(',').append(d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT,
                    Locale.ROOT)).append(",100\n");
        }
        DataSummary s = DataSummary.of(load(dir, "hcw", csv.toString()));
        assertTrue(monthsNot(s, 100).isEmpty(), "every month's headcount is 100: " + s.table().rows());
        assertEquals(100.0, s.total(0));
    }

    /** Daily headcount with a Holiday Yes/No flag. */
    @Test
    void holidayFlagIsNoEntity(@TempDir Path dir) throws IOException {
        Set<LocalDate> holidays = Set.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 17));
        StringBuilder csv = new StringBuilder("Date,Holiday,Headcount\n");
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.isBefore(LocalDate.of(2025, 4, 1)); d = d.plusDays(1)) {
            csv.append(d).append(',').append(holidays.contains(d) ? "Yes" : "No").append(",100\n");
        }
        DataSummary s = DataSummary.of(load(dir, "hch", csv.toString()));
        assertTrue(monthsNot(s, 100).isEmpty(), "every month's headcount is 100: " + s.table().rows());
    }
}
