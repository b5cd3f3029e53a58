package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels in the layouts real files have: groups reporting on different days, Year and Month or Quarter columns
 * instead of dates, text months, ledgers that only look like levels, opening balances, blank and single dates, and
 * levels with few or no values. Each expected figure is worked out from the rows written.
 */
class LevelEdgeCasesTest {

    static DataTable load(Path dir, String name, String csv) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".csv"), csv);
        return DataLoader.load(new DataRef(name, file.toString(), ""), "data/" + name + ".csv",
                InputOpener.LOCAL_FILES);
    }


    /** Two warehouses, daily stock; B's data ends one day before A's. */
    @Test
    void groupsReportingOnDifferentLastDates(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Warehouse,Inventory\n");
        for (LocalDate d = LocalDate.of(2025, 10, 1); !d.isAfter(LocalDate.of(2026, 3, 10)); d = d.plusDays(1)) {
            csv.append(d).append(",A,1000\n");
            if (d.isBefore(LocalDate.of(2026, 3, 10))) {
                csv.append(d).append(",B,1000\n");
            }
        }
        DataSummary s = DataSummary.of(load(dir, "stock", csv.toString()));
        DataSummary byWh = DataSummary.of(load(dir, "stock", csv.toString()), Focus.of("Inventory by warehouse", "", List.of()));
        Table t = s.table();
        assertEquals(2000.0, (Double) t.rows().getLast().get(1), "Mar 2026: A on 10 Mar + B on 9 Mar");
        assertEquals(byWh.total(0), s.total(0), "company inventory the same by month and by warehouse");
    }

    /** Month-end headcount; Sales reports on the last business day (Fri 28 Feb 2025...), others on the last day. */
    @Test
    void monthEndOnDifferentDays(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int i = 0; i < 12; i++) {
            LocalDate end = LocalDate.of(2025, 1, 1).plusMonths(i).withDayOfMonth(1).plusMonths(1).minusDays(1);
            LocalDate lastBusiness = end;
            while (lastBusiness.getDayOfWeek().getValue() > 5) {
                lastBusiness = lastBusiness.minusDays(1);
            }
            csv.append(end).append(",Engineering,50\n");
            csv.append(lastBusiness).append(",Sales,20\n");
        }
        DataSummary s = DataSummary.of(load(dir, "hc", csv.toString()));
        for (List<Object> row : s.table().rows()) {
            assertEquals(70.0, (Double) row.get(1), "every month: 50 + 20, " + row);
        }
    }

    /** Year and Month as numbers; a year's headcount sums its twelve months. */
    @Test
    void yearAndMonthNumericColumns(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Year,Month,Headcount\n");
        for (int y = 2024; y <= 2025; y++) {
            for (int m = 1; m <= 12; m++) {
                csv.append(y).append(',').append(m).append(',').append(100 + (y - 2024) * 12 + m).append('\n');
            }
        }
        DataSummary s = DataSummary.of(load(dir, "ym", csv.toString()));
        assertEquals("Month", s.category(), "the year and month make a month");
        assertEquals(101.0, s.values()[0][0], "Jan 2024's headcount");
        assertEquals("Dec 2024", s.categories().get(11));
        assertEquals(112.0, s.values()[0][11], "Dec 2024's headcount");
        assertTrue(s.breakdowns().stream().noneMatch(b -> b.dimension().name().equals("Year")),
                "no year's sum of twelve month-ends: the year and month make the months");
        assertEquals(124.0, s.total(0), "latest headcount is Dec 2025's");
    }

    /** Year numeric, Quarter as text. */
    @Test
    void yearAndTextQuarter(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Year,Quarter,Region,Closing balance\n");
        for (int y = 2023; y <= 2025; y++) {
            for (int q = 1; q <= 4; q++) {
                csv.append(y).append(",Q").append(q).append(",North,").append(1000 + q).append('\n');
                csv.append(y).append(",Q").append(q).append(",South,").append(500 + q).append('\n');
            }
        }
        DataSummary s = DataSummary.of(load(dir, "yq", csv.toString()));
        assertEquals(1508.0, s.total(0), "the latest balance is Q4 2025's: 1004 + 504");
    }

    /** A Date column and a derived Year column. */
    @Test
    void dateAndYearColumns(@TempDir Path dir) throws IOException {
        StringBuilder dateFirst = new StringBuilder("Date,Year,Headcount\n");
        StringBuilder yearFirst = new StringBuilder("Year,Date,Headcount\n");
        for (int i = 0; i < 30; i++) {
            LocalDate end = LocalDate.of(2023, 1, 31).plusMonths(i).withDayOfMonth(1).plusMonths(1).minusDays(1);
            dateFirst.append(end).append(',').append(end.getYear()).append(',').append(100 + i).append('\n');
            yearFirst.append(end.getYear()).append(',').append(end).append(',').append(100 + i).append('\n');
        }
        DataSummary a = DataSummary.of(load(dir, "df", dateFirst.toString()), Focus.of("Headcount by year", "", List.of()));
        DataSummary b = DataSummary.of(load(dir, "yf", yearFirst.toString()));
        assertEquals(3, a.table().rows().stream().filter(r -> r.get(1) != null).count(), "each year has a year-end headcount");
        assertEquals(129.0, b.total(0), "latest headcount is Jun 2025's");
    }

    /** Months written as text (2025-01), headcount by department. */
    @Test
    void textMonths(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Month,Department,Headcount\n");
        for (int i = 1; i <= 12; i++) {
            csv.append(String.format("2025-%02d", i)).append(",Engineering,50\n");
            csv.append(String.format("2025-%02d", i)).append(",Sales,20\n");
        }
        DataSummary s = DataSummary.of(load(dir, "tm", csv.toString()), Focus.of("Headcount by department", "", List.of()));
        assertEquals(50.0, s.values()[0][0], "Engineering's headcount is 50, not 12 x 50");
        DataSummary plain = DataSummary.of(load(dir, "tm", csv.toString()));
        String facts = String.join("\n", plain.facts());
        assertFalse(facts.contains("600"), facts);
    }

    /** The level is blank on the table's last date (hires recorded, headcount not yet). */
    @Test
    void partialLastDateWording(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Headcount,Hires\n");
        for (LocalDate d = LocalDate.of(2025, 11, 1); !d.isAfter(LocalDate.of(2026, 3, 10)); d = d.plusDays(1)) {
            String hc = d.equals(LocalDate.of(2026, 3, 10)) ? "" : String.valueOf(100 + d.getDayOfMonth());
            csv.append(d).append(',').append(hc).append(",2\n"); // hires the headcount does not run with: a plain snapshot
        }
        DataSummary s = DataSummary.of(load(dir, "p6", csv.toString()));
        String facts = String.join("\n", s.facts());
        assertFalse(facts.contains("headcount on 10 Mar is 109"), "109 is 9 Mar's headcount: " + facts);
        assertTrue(facts.contains("Mar 2026 is partial (data to 10 Mar): the latest headcount is 109."), facts);
    }

    /** An invoice ledger, one row per invoice with its amount outstanding. */
    @Test
    void invoiceLedgerOutstanding(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Invoice date,Customer,Amount,Amount outstanding\n");
        String[] customers = {"Acme", "Globex", "Initech"};
        double total = 0;
        for (int i = 0; i < 60; i++) {
            LocalDate d = LocalDate.of(2025, 10, 1).plusDays(i * 3);
            csv.append(d).append(',').append(customers[i % 3]).append(",100,").append(i % 2 == 0 ? 100 : 0).append('\n');
            total += i % 2 == 0 ? 100 : 0;
        }
        DataSummary s = DataSummary.of(load(dir, "ar", csv.toString()), Focus.of("Outstanding by customer", "", List.of()));
        assertEquals(total, s.total(1), "every invoice's outstanding amount counts");
    }

    /** A single snapshot date. */
    @Test
    void singleDate(@TempDir Path dir) throws IOException {
        DataSummary s = DataSummary.of(load(dir, "snap", """
                Date,Department,Team,Headcount
                2026-03-31,Engineering,Platform,30
                2026-03-31,Engineering,Apps,20
                2026-03-31,Sales,North,12
                2026-03-31,Sales,South,8
                """));
        String facts = String.join("\n", s.facts());
        assertFalse(facts.contains("in 2026-03-31"), facts);
    }

    /** A flow whose header the classifier reads as a level. */
    @Test
    void cashCollected(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Cash collected\n");
        for (LocalDate d = LocalDate.of(2025, 1, 1); !d.isAfter(LocalDate.of(2025, 6, 30)); d = d.plusDays(1)) {
            csv.append(d).append(",100\n");
        }
        DataSummary s = DataSummary.of(load(dir, "cash", csv.toString()));
        assertEquals(3100.0, (Double) s.table().rows().getFirst().get(1), "January's cash collected is 31 x 100");
    }

    /** A row without a date (a blank period) and the trend. */
    @Test
    void blankDateInTrend(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Headcount,Revenue\n");
        for (int i = 0; i < 20; i++) {
            LocalDate d = LocalDate.of(2025, 1, 1).plusMonths(i);
            csv.append(d).append(',').append(100 + i).append(",1000\n");
        }
        csv.append(",5,7\n");
        DataSummary s = DataSummary.of(load(dir, "blank", csv.toString()));
        String facts = String.join("\n", s.facts());
        Sheet sheet = SummaryTable.forWorkbook(s).sheet("S", List.of(), List.of());
        assertTrue(sheet.derivedColumns().getFirst().growthLeftBlank(s.primary().size() - 1), "no growth into (blank)");
        assertFalse(facts.contains("(blank)"), facts);
    }

    /** An opening balance is the period's first, not its last day's. */
    @Test
    void openingBalance(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Opening balance,Closing balance\n");
        double balance = 1000;
        for (LocalDate d = LocalDate.of(2025, 1, 1); !d.isAfter(LocalDate.of(2025, 6, 30)); d = d.plusDays(1)) {
            csv.append(d).append(',').append((long) balance).append(',').append((long) (balance + 10)).append('\n');
            balance += 10;
        }
        DataSummary s = DataSummary.of(load(dir, "ob", csv.toString()));
        assertEquals(1000.0, (Double) s.table().rows().getFirst().get(1), "January opens at 1,000 (1 Jan's opening)");
    }

    /** A level reported only in the latest month, beside an amount. */
    @Test
    void levelOnlyInLatestMonth(@TempDir Path dir) throws IOException {
        StringBuilder a = new StringBuilder("Date,Department,Headcount,Revenue\n");
        StringBuilder b = new StringBuilder("Date,Department,Revenue,Headcount\n");
        for (int i = 0; i < 15; i++) {
            LocalDate end = LocalDate.of(2025, 1, 1).plusMonths(i + 1).minusDays(1);
            for (String dept : List.of("Engineering", "Sales")) {
                String hc = i == 14 ? (dept.equals("Sales") ? "20" : "50") : "";
                a.append(end).append(',').append(dept).append(',').append(hc).append(",1000\n");
                b.append(end).append(',').append(dept).append(",1000,").append(hc).append('\n');
            }
        }
        DataSummary first = DataSummary.of(load(dir, "a", a.toString()));
        DataSummary second = DataSummary.of(load(dir, "b", b.toString()));
        String facts = String.join("\n", first.facts()) + "\n" + String.join("\n", second.facts());
        assertFalse(facts.contains("across 15 months"), facts);
        assertFalse(facts.contains("led by Mar 2026"), facts);
    }

    /** A measure with no value left after a pair's rows are kept (both plan and actual present). */
    @Test
    void measureWithoutValues(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Planned spend,Actual spend,Headcount\n");
        for (int i = 0; i < 15; i++) {
            LocalDate end = LocalDate.of(2025, 1, 1).plusMonths(i + 1).minusDays(1);
            boolean actual = i < 12;
            csv.append(end).append(",100,").append(actual ? "90" : "").append(',').append(actual ? "" : "70").append('\n');
        }
        DataSummary s = DataSummary.of(load(dir, "p15", csv.toString()));
    }

    /**
     * Sales's March headcount is not in yet: March lacks a department February had, so it is left out of the
     * comparisons (no "fell to 22") and a fact says why; a department that closed in February leaves no gap, and a
     * fact says it stopped.
     */
    @Test
    void aMonthMissingADepartmentIsAGapNotAFall(@TempDir Path dir) throws IOException {
        String csv = """
                Date,Department,Headcount
                2025-01-31,Sales,10
                2025-01-31,Engineering,20
                2025-01-31,Legal,3
                2025-02-28,Sales,11
                2025-02-28,Engineering,21
                2025-03-31,Sales,
                2025-03-31,Engineering,22
                """;
        DataSummary s = DataSummary.of(load(dir, "gap", csv));
        String facts = String.join("\n", s.facts());
        assertTrue(facts.contains("Mar 2025 has no headcount for Sales and is left out of the comparisons over time."),
                facts);
        assertFalse(facts.contains("no headcount for Legal"), "Legal closed after January: no gap in February or"
                + " March: " + facts);
        assertTrue(facts.contains("Headcount stops after Jan 2025 for Legal (3)."), facts);
        assertTrue(s.facts().getFirst().startsWith("Headcount rose from 33 in Jan 2025 to 32 in Feb 2025")
                || s.facts().getFirst().startsWith("Headcount fell from 33 in Jan 2025 to 32 in Feb 2025"),
                "the trend ends with the last whole month: " + s.facts().getFirst());
        Sheet sheet = SummaryTable.forWorkbook(s).sheet("S", List.of(), List.of());
        assertEquals(List.of(2), sheet.derivedColumns().getFirst().incomparableRows(), "no change into March");
    }

    /**
     * A bank statement: several postings a day, each row's balance the one before plus its amount. A month's
     * balance is its last posting's, not the sum of the day's balances, and the descriptions are no accounts.
     */
    @Test
    void aStatementsRunningBalanceIsItsLastPostingsBalance(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Date,Description,Amount,Balance\n");
        double balance = 1000;
        java.util.Map<String, Double> monthEnd = new java.util.LinkedHashMap<>();
        String[] descriptions = {"Salary", "Rent", "Groceries", "Coffee", "Transfer"};
        int n = 0;
        for (LocalDate day = LocalDate.of(2025, 1, 2); day.isBefore(LocalDate.of(2025, 5, 1)); day = day.plusDays(3)) {
            for (int posting = 0; posting < 2; posting++) {
                double amount = (n % 5 == 0 ? 900 : -37) + posting;
                balance += amount;
                csv.append(day).append(',').append(descriptions[n % 5]).append(" ").append(n).append(',')
                        .append(amount).append(',').append(balance).append('\n');
                monthEnd.put(java.time.YearMonth.from(day).toString(), balance);
                n++;
            }
        }
        DataSummary s = DataSummary.of(load(dir, "statement", csv.toString()));
        int b = s.measures().indexOf("Balance");
        assertEquals(MeasureKind.LEVEL, s.metrics().get(b).kind());
        assertTrue(s.metrics().get(b).running() != null, "the balance runs with the amount");
        List<Double> expected = List.copyOf(monthEnd.values());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k), s.values()[b][k], 1e-9, s.categories().get(k));
        }
        assertEquals(expected.getLast(), s.total(b), 1e-9, "the statement's closing balance");
        assertFalse(String.join("\n", s.facts()).contains("has no balance"), s.facts()::toString);
    }
}
