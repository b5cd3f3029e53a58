package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.analysis.DataSummary;
import io.docswarm.agents.analysis.MeasureKind;
import io.docswarm.renderers.model.Table;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels in the layouts users' files most often have: bank statements (oldest or newest first, descriptions that
 * recur, a category column), headcount by department with hires and leavers and a month not in yet, a company-wide
 * running total beside regions, and stock listed only when on hand.
 */
class CommonLevelLayoutsTest {

    /** A statement whose descriptions recur (merchants), with month-end balances; optionally a Category column. */
    private static String statement(boolean category, boolean newestFirst, Map<YearMonth, Double> monthEnd) {
        String[] merchants = {"Salary ACME", "Rent", "Tesco", "Netflix", "Shell", "Tesco", "Amazon"};
        String[] cats = {"Income", "Housing", "Groceries", "Subscriptions", "Transport", "Groceries", "Shopping"};
        List<String> lines = new ArrayList<>();
        double balance = 2000;
        int n = 0;
        for (LocalDate d = LocalDate.of(2025, 1, 2); d.isBefore(LocalDate.of(2025, 7, 1)); d = d.plusDays(4)) {
            for (int k = 0; k < 2; k++) {
                double amount = n % 7 == 0 ? 2500 : n % 7 == 1 ? -1200 : -(20 + (n * 13) % 90) - 0.5;
                balance += amount;
                String description = category ? "Card payment " + (1000 + n) + "," + cats[n % 7] : merchants[n % 7];
                lines.add(d + "," + description + "," + amount + "," + String.format("%.2f", balance));
                monthEnd.put(YearMonth.from(d), Math.round(balance * 100) / 100.0);
                n++;
            }
        }
        if (newestFirst) {
            java.util.Collections.reverse(lines);
        }
        return (category ? "Date,Description,Category,Amount,Balance\n" : "Date,Description,Amount,Balance\n")
                + String.join("\n", lines) + "\n";
    }

    private static void assertMonthEndBalances(DataSummary s, Map<YearMonth, Double> monthEnd) {
        int b = s.measures().indexOf("Balance");
        assertEquals(MeasureKind.LEVEL, s.metrics().get(b).kind(), "a balance is no amount to sum");
        List<Double> expected = List.copyOf(monthEnd.values());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k), s.values()[b][k], 1e-6, s.categories().get(k) + ": " + s.facts());
        }
    }

    private static DataSummary summarised(Path dir, String statement) throws Exception {
        return DataSummary.of(DraftedWorkbooks.load(dir, "st.csv", "Statement", statement));
    }

    /** the most common statement: Date, Description, Amount, Balance, merchants recurring. */
    @Test
    void statementWithRecurringDescriptionsOldestFirst(@TempDir Path dir) throws Exception {
        Map<YearMonth, Double> monthEnd = new LinkedHashMap<>();
        DataSummary s = summarised(dir, statement(false, false, monthEnd));
        assertMonthEndBalances(s, monthEnd);
    }

    @Test
    void statementWithRecurringDescriptionsNewestFirst(@TempDir Path dir) throws Exception {
        Map<YearMonth, Double> monthEnd = new LinkedHashMap<>();
        DataSummary s = summarised(dir, statement(false, true, monthEnd));
        assertMonthEndBalances(s, monthEnd);
    }

    /** a statement with a transaction Category column: the balance becomes an amount and is summed. */
    @Test
    void statementWithCategoryColumn(@TempDir Path dir) throws Exception {
        Map<YearMonth, Double> monthEnd = new LinkedHashMap<>();
        DataSummary s = summarised(dir, statement(true, false, monthEnd));
        Table table = s.table();
        int column = 1 + s.measures().indexOf("Balance");
        assertEquals(Table.Aggregate.NONE, table.columns().get(column).aggregate(), "no total of month-end balances");
        assertMonthEndBalances(s, monthEnd);
    }

    /** headcount by department with hires and leavers; the latest month lacks Finance's row. */
    @Test
    void headcountWithHiresAndLeaversReportsTheLatestMonthsGap(@TempDir Path dir) throws Exception {
        String[] depts = {"Engineering", "Sales", "Finance"};
        StringBuilder csv = new StringBuilder("Month,Department,Headcount,Hires,Leavers\n");
        int[] hc = {40, 25, 10};
        for (int i = 0; i < 12; i++) {
            for (int d = 0; d < 3; d++) {
                int hires = (i + d) % 3 + 1;
                int leavers = (i * 2 + d) % 3;
                hc[d] += hires - leavers;
                if (i == 11 && d == 2) {
                    continue; // Finance's December not in yet
                }
                csv.append(YearMonth.of(2025, 1).plusMonths(i).atEndOfMonth()).append(',').append(depts[d])
                        .append(',').append(hc[d]).append(',').append(hires).append(',').append(leavers).append('\n');
            }
        }
        DataSummary s = DataSummary.of(DraftedWorkbooks.load(dir, "hc.csv", "Headcount", csv));
        String facts = String.join("\n", s.facts());
        assertFalse(facts.contains("headcount fell 17.6% on Nov 2025"), facts);
        assertTrue(facts.contains("Dec 2025 has no headcount for Finance"), facts);
    }

    /** a company-wide running total listed per region (rows interleaved): one balance, not three summed. */
    @Test
    void companyWideRunningTotalBesideARegionColumn(@TempDir Path dir) throws Exception {
        String[] regions = {"North", "South", "East"};
        StringBuilder csv = new StringBuilder("Date,Region,New subscribers,Total subscribers\n");
        int total = 1000;
        Map<YearMonth, Integer> monthEnd = new LinkedHashMap<>();
        for (LocalDate d = LocalDate.of(2025, 1, 1); !d.isAfter(LocalDate.of(2025, 4, 30)); d = d.plusDays(1)) {
            for (int r = 0; r < 3; r++) {
                int added = 3 + (d.getDayOfMonth() + r) % 5;
                total += added;
                csv.append(d).append(',').append(regions[r]).append(',').append(added).append(',').append(total)
                        .append('\n');
                monthEnd.put(YearMonth.from(d), total);
            }
        }
        DataSummary s = DataSummary.of(DraftedWorkbooks.load(dir, "subs.csv", "Subscribers", csv));
        int t = s.measures().indexOf("Total subscribers");
        assertEquals(monthEnd.get(YearMonth.of(2025, 1)), s.values()[t][0], 1e-9, s.facts()::toString);
    }

    /**
     * P5: stock snapshots that list only items in stock (one warehouse/product pair missing each month, rotating):
     * the split by warehouse is taken at the first month of the year rather than the latest.
     */
    @Test
    void sparseSnapshotsDoNotSendTheSplitBackToTheFirstMonth(@TempDir Path dir) throws Exception {
        String[] warehouses = {"Oslo", "Bergen", "Trondheim"};
        String[] products = {"A", "B", "C", "D"};
        StringBuilder csv = new StringBuilder("Date,Warehouse,Product,Stock on hand\n");
        for (int i = 0; i < 12; i++) {
            for (int w = 0; w < 3; w++) {
                for (int p = 0; p < 4; p++) {
                    if (i > 0 && (w * 4 + p) == i % 12) {
                        continue; // out of stock this month: not listed
                    }
                    csv.append(YearMonth.of(2025, 1).plusMonths(i).atEndOfMonth()).append(',').append(warehouses[w])
                            .append(',').append(products[p]).append(',').append(50 + 10 * i + w + p).append('\n');
                }
            }
        }
        DataSummary s = DataSummary.of(DraftedWorkbooks.load(dir, "stock.csv", "Stock", csv),
                io.docswarm.agents.analysis.Focus.of("Stock by warehouse", "", List.of()));
        assertEquals("Warehouse", s.category());
        assertTrue(s.columnName(s.measures().indexOf("Stock on hand")).contains("Dec 2025")
                        || s.columnName(s.measures().indexOf("Stock on hand")).contains("Nov 2025"),
                s.columnName(0) + " " + s.facts());
    }
}
