package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Lookup;
import io.docswarm.renderers.model.Table;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Date columns are summarised by periods a reader takes in: daily data by month, quarter or year, by week over a
 * short span, by day only for a handful of dates; every period of the span in time order, partial periods flagged
 * rather than read as a fall, and changes from one period to the next.
 */
class DatePeriodsTest {

    /** One row per day from {@code from} to {@code to}; revenue depends on the day, so months differ. */
    private static List<List<Object>> daily(LocalDate from, LocalDate to, Predicate<LocalDate> kept) {
        List<List<Object>> rows = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (kept.test(day)) {
                double revenue = 100 + 10 * (day.getDayOfMonth() % 7) + 20 * day.getMonthValue();
                double rate = 0.02 + 0.001 * (day.getDayOfMonth() % 5);
                rows.add(new ArrayList<>(List.of(day, revenue, rate)));
            }
        }
        return rows;
    }

    /** Monday to Friday. */
    private static boolean businessDay(LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5;
    }

    private static DataTable sales(List<List<Object>> rows) {
        return new DataTable("sales", "data/sales.csv", List.of("Date", "Revenue", "Conversion rate"),
                List.of(DataTable.ColumnKind.DATE, DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.NUMBER), rows);
    }

    /** Column {@code column} of {@code rows} summed (or averaged) per period, as the summary should have it. */
    private static <K> Map<K, List<Double>> byPeriod(List<List<Object>> rows, Function<LocalDate, K> period,
                                                     int column) {
        Map<K, List<Double>> values = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            values.computeIfAbsent(period.apply((LocalDate) row.get(0)), k -> new ArrayList<>())
                    .add((Double) row.get(column));
        }
        return values;
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static List<Object> column(Table table, int column) {
        return table.rows().stream().map(row -> row.get(column)).toList();
    }

    @Test
    void fourteenMonthsOfDailySalesAreSummarisedByMonthWithThePartialLastMonthFlagged() {
        List<List<Object>> rows = daily(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 10), day -> true);
        DataSummary summary = DataSummary.of(sales(rows));
        Measure money = Measure.of(sales(rows), 1);

        Map<YearMonth, List<Double>> revenue = byPeriod(rows, YearMonth::from, 1);
        assertEquals(15, summary.categories().size(), summary.categories()::toString);
        assertEquals("Jan 2025", summary.categories().getFirst());
        assertEquals(List.of("Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026"), summary.categories().subList(11, 15),
                "in time order, across the year");
        Table table = summary.table();
        assertEquals("Month", table.columns().getFirst().name());
        assertTrue(table.caption().startsWith("sales by month"), table.caption());
        assertEquals("Mar 2026 (to 10 Mar)", table.rows().getLast().getFirst(), "the partial month says so");
        int k = 0;
        for (Map.Entry<YearMonth, List<Double>> month : revenue.entrySet()) {
            assertEquals(sum(month.getValue()), (Double) table.rows().get(k).get(1), 1e-6, month.getKey().toString());
            double mean = sum(byPeriod(rows, YearMonth::from, 2).get(month.getKey())) / month.getValue().size();
            assertEquals(mean, (Double) table.rows().get(k).get(2), 1e-12, "the rate is the month's mean");
            k++;
        }
        assertEquals("Average conversion rate", table.columns().get(2).name());

        double january = sum(revenue.get(YearMonth.of(2026, 1)));
        double february = sum(revenue.get(YearMonth.of(2026, 2)));
        double march = sum(revenue.get(YearMonth.of(2026, 3)));
        String facts = String.join("\n", summary.facts());
        String change = february > january ? "rose " : "fell ";
        assertTrue(facts.contains("In Feb 2026, revenue " + change
                + Rates.percent(Math.abs(february / january - 1)) + " on Jan 2026"), facts);
        assertTrue(facts.contains("Mar 2026 is partial (data to 10 Mar): revenue so far is "
                + money.figure(march) + ", " + money.figure(march / 10) + " a day against "
                + money.figure(february / 28) + " a day in Feb 2026."), facts);
        assertTrue(summary.facts().getFirst().contains("to " + money.figure(february) + " in Feb 2026"),
                "the trend ends with the last whole month, not the ten days of March: " + summary.facts().getFirst());
        assertTrue(summary.facts().stream().filter(f -> f.toLowerCase().contains("revenue"))
                .noneMatch(f -> f.contains("in Mar 2026")), "no fall is read into the partial month: " + facts);

        Chart chart = summary.chart();
        assertEquals(Chart.ChartType.LINE, chart.type());
        List<Object> whole = column(table, 0).subList(0, table.rows().size() - 1);
        assertEquals(whole, chart.categories(), "the line plots the whole months, not March's ten days as a fall");
        assertEquals(column(table, 1).subList(0, whole.size()), List.copyOf(chart.series().getFirst().values()));
        assertTrue(chart.title().endsWith(" (Mar 2026 left out: data to 10 Mar)"), chart.title());
    }

    /**
     * A fortnight from a Thursday to a Thursday is by week: one whole week between two partial ones. Leaving the
     * partial weeks out would leave a line of one point, so they stay, labelled with what they cover.
     */
    @Test
    void aLineOfOneWholeWeekKeepsItsPartialWeeks() {
        DataSummary summary = DataSummary.of(sales(daily(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 15),
                day -> true)));
        Chart chart = summary.chart();
        assertEquals(Chart.ChartType.LINE, chart.type());
        assertEquals(column(summary.table(), 0), chart.categories(), chart.title());
        assertTrue(chart.categories().getFirst().contains("(from 1 Jan)"), chart.categories().toString());
        assertFalse(chart.title().contains("left out"), chart.title());
    }

    @Test
    void aHandfulOfDatesStaysByDay() {
        List<List<Object>> rows = daily(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 3, 30),
                day -> day.getDayOfMonth() == 5 || day.equals(LocalDate.of(2026, 3, 30)) || day.getDayOfMonth() == 20
                        && day.getMonthValue() == 1);
        assertEquals(5, rows.size());
        DataSummary summary = DataSummary.of(sales(rows));
        assertEquals(List.of("2026-01-05", "2026-01-20", "2026-02-05", "2026-03-05", "2026-03-30"),
                summary.categories(), "no empty days are filled in");
        assertEquals("Date", summary.table().columns().getFirst().name());
        assertEquals(Lookup.Grouping.DAY, SummaryTable.forWorkbook(summary, sales(rows), Optional.of("Data"))
                .lookup().grouping());
        assertFalse(String.join(" ", summary.facts()).contains("partial"), summary.facts()::toString);
    }

    @Test
    void severalYearsOfDailyDataAreSummarisedByQuarterAndDecadesByYear() {
        List<List<Object>> rows = daily(LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31), day -> true);
        DataSummary quarters = DataSummary.of(sales(rows));
        assertEquals(16, quarters.categories().size(), "48 months are too many rows; 16 quarters are not");
        assertEquals(List.of("2022 Q1", "2022 Q2", "2022 Q3", "2022 Q4", "2023 Q1"),
                quarters.categories().subList(0, 5));
        Map<String, List<Double>> revenue = byPeriod(rows,
                d -> d.getYear() + " Q" + (1 + (d.getMonthValue() - 1) / 3), 1);
        assertEquals(List.copyOf(revenue.keySet()), quarters.categories());
        for (int k = 0; k < 16; k++) {
            assertEquals(sum(revenue.get(quarters.categories().get(k))), quarters.values()[0][k], 1e-6);
        }
        assertTrue(String.join("\n", quarters.facts()).contains("In 2025 Q4, revenue"), quarters.facts()::toString);
        assertEquals(Lookup.Grouping.QUARTER, SummaryTable.forWorkbook(quarters, sales(rows), Optional.of("Data"))
                .lookup().grouping());

        List<List<Object>> decade = daily(LocalDate.of(2016, 1, 1), LocalDate.of(2025, 12, 31),
                day -> day.getDayOfMonth() == 1);
        DataSummary years = DataSummary.of(sales(decade));
        assertEquals(List.of("2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"),
                years.categories(), "40 quarters are too many rows");
        assertEquals("Year", years.category());
        assertFalse(years.table().rows().getLast().getFirst().toString().contains("("),
                "monthly snapshots to 1 Dec cover December: no partial year");
    }

    @Test
    void irregularDatesFillTheEmptyMonthsWithZeroAmountsAndBlankMeans() {
        // Transactions on some days only; nothing at all in April.
        List<List<Object>> rows = daily(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 28),
                day -> day.getMonthValue() != 4 && (day.getDayOfMonth() * 7 + day.getMonthValue()) % 5 < 2);
        assertTrue(rows.size() > DatePeriods.MAX_DAYS);
        DataSummary summary = DataSummary.of(sales(rows));
        assertEquals(List.of("Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026"),
                summary.categories());
        List<Object> april = summary.table().rows().get(3);
        assertEquals(0.0, april.get(1), "no sales in April is revenue of 0");
        assertNull(april.get(2), "but no rate: a mean of nothing is blank");
        Map<YearMonth, List<Double>> rate = byPeriod(rows, YearMonth::from, 2);
        List<Double> may = rate.get(YearMonth.of(2026, 5));
        assertEquals(sum(may) / may.size(), (Double) summary.table().rows().get(4).get(2), 1e-12);
        assertFalse(summary.table().rows().getLast().getFirst().toString().contains("("),
                "27 June, with transactions every two or three days, closes June: " + summary.table().rows().getLast());
        assertFalse(summary.table().rows().getFirst().getFirst().toString().contains("("),
                "2 January opens January");
    }

    @Test
    void aRateOnItsOwnIsAveragedPerMonthAndComparedInPoints() {
        List<List<Object>> rows = daily(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), day -> true);
        rows.forEach(row -> row.remove(1));
        DataTable rates = new DataTable("conversion", "data/conversion.csv", List.of("Date", "Conversion rate"),
                List.of(DataTable.ColumnKind.DATE, DataTable.ColumnKind.NUMBER), rows);
        DataSummary summary = DataSummary.of(rates);
        assertEquals(6, summary.categories().size());
        Map<YearMonth, List<Double>> rate = byPeriod(rows, YearMonth::from, 1);
        double may = sum(rate.get(YearMonth.of(2026, 5))) / 31;
        double june = sum(rate.get(YearMonth.of(2026, 6))) / 30;
        assertEquals(june, summary.values()[0][5], 1e-12);
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains("In Jun 2026, the average conversion rate " + (june > may ? "rose " : "fell ")),
                facts);
        assertTrue(facts.contains(" points on May 2026"), facts);
    }

    @Test
    void sixWeeksOfDailyDataAreSummarisedByIsoWeek() {
        List<List<Object>> rows = daily(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 12), day -> true);
        DataSummary summary = DataSummary.of(sales(rows));
        assertEquals(List.of("Week of 5 Jan 2026", "Week of 12 Jan 2026", "Week of 19 Jan 2026",
                "Week of 26 Jan 2026", "Week of 2 Feb 2026", "Week of 9 Feb 2026"), summary.categories());
        assertEquals("Week of 9 Feb 2026 (to 12 Feb)", summary.table().rows().getLast().getFirst());
        assertEquals(Lookup.Grouping.WEEK, SummaryTable.forWorkbook(summary, sales(rows), Optional.of("Data"))
                .lookup().grouping());
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains("In the week of 2 Feb 2026, revenue "), facts);
        assertTrue(facts.contains("on the week of 26 Jan 2026"), facts);
    }

    @Test
    void businessDaysFromAWednesdayLeaveTheFirstWeekPartialButFromATuesdayDoNot() {
        LocalDate wednesday = LocalDate.of(2026, 1, 7);
        List<List<Object>> fromWednesday = daily(wednesday, LocalDate.of(2026, 2, 20), DatePeriodsTest::businessDay);
        DataSummary late = DataSummary.of(sales(fromWednesday));
        assertEquals("Week of 5 Jan 2026", late.categories().getFirst());
        assertTrue(late.primary().partial(0), "Monday and Tuesday are two of the week's five days");
        assertEquals("Week of 5 Jan 2026 (from 7 Jan)", late.table().rows().getFirst().getFirst());
        String facts = String.join("\n", late.facts());
        assertTrue(facts.contains("The week of 5 Jan 2026 is partial (data from 7 Jan) and is left out of the "
                + "comparisons of revenue over time."), facts);
        assertFalse(late.primary().partial(late.primary().size() - 1), "Friday 20 Feb closes its week");
        assertTrue(late.facts().getFirst().contains("in the week of 12 Jan 2026"),
                "the trend starts with the first whole week: " + late.facts().getFirst());

        List<List<Object>> fromTuesday = daily(wednesday.minusDays(1), LocalDate.of(2026, 2, 20),
                DatePeriodsTest::businessDay);
        DataSummary early = DataSummary.of(sales(fromTuesday));
        assertFalse(early.primary().partial(0), "one missing Monday is tolerated, as one missing day is daily");
        assertEquals("Week of 5 Jan 2026", early.table().rows().getFirst().getFirst());
        assertTrue(early.facts().getFirst().contains("in the week of 5 Jan 2026"), early.facts().getFirst());
    }

    @Test
    void businessDaysFromWednesdayTheThirdLeaveTheFirstMonthPartial() {
        // 1 Dec 2025 is a Monday: data from Wednesday the 3rd misses two business days, from Tuesday the 2nd one.
        LocalDate end = LocalDate.of(2026, 4, 30);
        DataSummary late = DataSummary.of(sales(daily(LocalDate.of(2025, 12, 3), end, DatePeriodsTest::businessDay)));
        assertEquals(List.of("Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"), late.categories());
        assertEquals("Dec 2025 (from 3 Dec)", late.table().rows().getFirst().getFirst());
        assertFalse(late.primary().partial(4), "Thursday 30 April closes April");

        DataSummary early = DataSummary.of(sales(daily(LocalDate.of(2025, 12, 2), end, DatePeriodsTest::businessDay)));
        assertEquals("Dec 2025", early.table().rows().getFirst().getFirst());
    }

    @Test
    void aPartialLastWeekOfBusinessDaysIsComparedPerWeekday() {
        List<List<Object>> rows = daily(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 18),
                DatePeriodsTest::businessDay);
        DataSummary summary = DataSummary.of(sales(rows));
        Measure money = Measure.of(sales(rows), 1);
        Map<LocalDate, List<Double>> revenue = byPeriod(rows, day -> day.minusDays(day.getDayOfWeek().getValue() - 1),
                1);
        List<Double> lastWeek = revenue.get(LocalDate.of(2026, 2, 16));
        List<Double> weekBefore = revenue.get(LocalDate.of(2026, 2, 9));
        assertEquals(3, lastWeek.size());
        assertEquals("Week of 16 Feb 2026 (to 18 Feb)", summary.table().rows().getLast().getFirst());
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains("The week of 16 Feb 2026 is partial (data to 18 Feb): revenue so far is "
                + money.figure(sum(lastWeek)) + ", " + money.figure(sum(lastWeek) / lastWeek.size())
                + " a weekday against " + money.figure(sum(weekBefore) / weekBefore.size())
                + " a weekday in the week of 9 Feb 2026."), facts);
    }

    /** Row {@code row} of {@code rows} moved to {@code date}, as a placeholder a tool writes for "no date". */
    private static List<List<Object>> withStray(List<List<Object>> rows, LocalDate date, double revenue, double rate) {
        List<List<Object>> all = new ArrayList<>(rows);
        all.add(new ArrayList<>(List.of(date, revenue, rate)));
        return all;
    }

    @Test
    void aZeroDateRowKeepsAMonthOfItsOwnAndTheDataItsMonths() {
        List<List<Object>> data = daily(LocalDate.of(2024, 4, 1), LocalDate.of(2026, 3, 31), day -> true);
        List<List<Object>> rows = withStray(data, LocalDate.of(1899, 12, 31), 5_000, 0.5);
        DataSummary summary = DataSummary.of(sales(rows));

        List<String> months = byPeriod(data, YearMonth::from, 1).keySet().stream()
                .map(month -> PeriodGrain.MONTH.label(month.atDay(1))).toList();
        assertEquals(24, months.size());
        assertEquals("Month", summary.category(), "two years of days read by month, not by year");
        assertEquals("Dec 1899", summary.categories().getFirst(), "the stray row has a period of its own, first");
        assertEquals(months, summary.categories().subList(1, 25));
        assertTrue(summary.primary().strayPeriod(0));
        assertFalse(summary.primary().strayPeriod(1));
        assertEquals(5_000.0, summary.values()[0][0], "the stray row still counts");
        assertEquals(sum(byPeriod(rows, day -> true, 1).get(true)), summary.total(0), 1e-6, "in the total too");

        String stray = "1 row dated 31 Dec 1899 lies far outside the other dates (1 Apr 2024 to 31 Mar 2026); "
                + "it is shown on its own and left out of the changes over time.";
        assertTrue(summary.facts().contains(stray), summary.facts()::toString);
        assertTrue(summary.facts().getFirst().contains(" in Apr 2024 to "),
                "the trend starts with the data: " + summary.facts().getFirst());
        assertTrue(summary.facts().stream().filter(f -> !f.equals(stray)).noneMatch(f -> f.contains("1899")),
                summary.facts()::toString);
    }

    @Test
    void aNeverDateRowKeepsAMonthOfItsOwnAfterTheMonthlyData() {
        List<List<Object>> data = daily(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 1),
                day -> day.getDayOfMonth() == 1);
        List<List<Object>> rows = withStray(data, LocalDate.of(9999, 12, 31), 1, 0.9);
        DataSummary summary = DataSummary.of(sales(rows));
        assertEquals("Month", summary.category());
        assertEquals(25, summary.categories().size(), summary.categories()::toString);
        assertEquals("Dec 2025", summary.categories().get(23));
        assertEquals("Dec 9999", summary.categories().getLast());
        assertTrue(summary.primary().strayPeriod(24));
        assertEquals("Dec 9999", summary.table().rows().getLast().getFirst(), "no partial period is read into it");

        Map<YearMonth, List<Double>> revenue = byPeriod(data, YearMonth::from, 1);
        double november = sum(revenue.get(YearMonth.of(2025, 11)));
        double december = sum(revenue.get(YearMonth.of(2025, 12)));
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains("In Dec 2025, revenue " + (december > november ? "rose " : "fell ")), facts);
        assertTrue(summary.facts().getFirst().contains(" in Dec 2025") && !summary.facts().getFirst().contains("9999"),
                "the trend ends with the data: " + summary.facts().getFirst());
        assertTrue(facts.contains("1 row dated 31 Dec 9999 lies far outside the other dates (1 Jan 2024 to 1 Dec "
                + "2025); it is shown on its own and left out of the changes over time."), facts);
        assertFalse(facts.contains("partial"), facts);
    }

    @Test
    void aRateIsNotComparedWithAStrayDatesMeanEither() {
        List<List<Object>> rows = withStray(daily(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), day -> true),
                LocalDate.of(1970, 1, 1), 1, 0.9);
        rows.forEach(row -> row.remove(1));
        DataTable rates = new DataTable("conversion", "data/conversion.csv", List.of("Date", "Conversion rate"),
                List.of(DataTable.ColumnKind.DATE, DataTable.ColumnKind.NUMBER), rows);
        DataSummary summary = DataSummary.of(rates);
        assertEquals("Jan 1970", summary.categories().getFirst());
        assertEquals(0.9, summary.values()[0][0], 1e-12);
        assertTrue(summary.facts().getFirst().contains("Jan 2026") && !summary.facts().getFirst().contains("1970"),
                "the trend starts with the data: " + summary.facts().getFirst());
        assertTrue(summary.facts().stream().anyMatch(f -> f.startsWith("1 row dated 1 Jan 1970 lies far outside")),
                summary.facts()::toString);
    }

    @Test
    void severalStrayDatesShareAFactThatCountsThemAndAPeriodOfTheirOwn() {
        List<List<Object>> rows = daily(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), day -> true);
        assertTrue(rows.size() >= 500, "enough dates for five strays at one end");
        for (int day = 1; day <= 5; day++) {
            rows = withStray(rows, LocalDate.of(1900, 1, day), day, 0.5);
        }
        DataSummary summary = DataSummary.of(sales(rows));
        assertEquals(List.of("Jan 1900", "Jan 2024"), summary.categories().subList(0, 2));
        assertEquals(15.0, summary.values()[0][0], "the five strays' month sums their rows");
        assertTrue(summary.facts().contains("5 rows dated 1 Jan 1900, 2 Jan 1900 and 3 other dates lie far outside "
                + "the other dates (1 Jan 2024 to 31 Dec 2025); they are shown on their own and left out of the "
                + "changes over time."), summary.facts()::toString);
    }

    @Test
    void thirtyYearsOfYearlyFiguresHaveNoStrays() {
        List<List<Object>> rows = daily(LocalDate.of(1990, 1, 1), LocalDate.of(2025, 1, 1),
                day -> day.getDayOfYear() == 1 && (day.getYear() == 1990 || day.getYear() > 1995));
        assertEquals(31, rows.size(), "1990, then every year from 1996");
        DataSummary summary = DataSummary.of(sales(rows));
        assertEquals("Year", summary.category());
        assertEquals("1990", summary.categories().getFirst(), "six years before the rest is no placeholder");
        assertEquals("2025", summary.categories().getLast());
        for (int k = 0; k < summary.primary().size(); k++) {
            assertFalse(summary.primary().strayPeriod(k), summary.categories().get(k));
        }
        assertTrue(summary.facts().getFirst().contains("1990"),
                "the trend starts in 1990: " + summary.facts().getFirst());
        assertTrue(summary.facts().stream().noneMatch(f -> f.contains("far outside")), summary.facts()::toString);
    }

    @Test
    void textMonthsAndYearNumbersKeepTheirOwnValues() {
        DataSummary months = DataSummary.of(Csv.table("spend", "Month,Spend", "2026-01,10", "2026-02,20",
                "2026-04,5"));
        assertEquals(List.of("2026-01", "2026-02", "2026-04"), months.categories(), "no month is invented");
        assertEquals("Month", months.category());
        DataSummary years = DataSummary.of(Csv.table("installs", "Year,Installations", "2024,10", "2022,20"));
        assertEquals(List.of("2022", "2024"), years.categories());
        assertFalse(String.join(" ", months.facts()).contains(" on 2026-0"), months.facts()::toString);
    }

    /** Quarters and months numbered 1, 2, 3 read as "Q1" and "Month 1" in tables and sentences; years stay years. */
    @Test
    void numberedPeriodsSayWhatTheyNumber() {
        DataTable byQuarter = Csv.table("quarters", "Year,Quarter,Revenue", "2025,1,100", "2025,2,140", "2025,3,90",
                "2025,4,180");
        DataSummary quarters = DataSummary.of(Csv.table("quarters", "Quarter,Revenue", "1,100", "2,140", "3,90",
                "4,180"));
        assertEquals(List.of("Q1", "Q2", "Q3", "Q4"), quarters.categories());
        DataTable byMonth = Csv.table("months", "Month,Revenue", "1,100", "2,140", "3,90");
        DataSummary months = DataSummary.of(byMonth);
        assertEquals(List.of("Month 1", "Month 2", "Month 3"), months.categories());
        assertTrue(months.facts().getFirst().startsWith("Revenue fell from 100 in Month 1 to 90 in Month 3"),
                months.facts().getFirst());
        assertEquals(List.of("2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4"), DataSummary.of(byQuarter).categories(),
                "the year and the quarter make a quarter");
        DataSummary years = DataSummary.of(Csv.table("years", "Year,Revenue", "2024,100", "2025,120"));
        assertEquals(List.of("2024", "2025"), years.categories(), "a year names itself");
    }

    /**
     * A handful of snapshot dates, one in each of consecutive months (or quarters), read as those periods: "Jan
     * 2025", not "2025-01-31", and none is partial; irregular dates stay days.
     */
    @Test
    void aFewMonthEndOrQuarterEndDatesReadAsTheirPeriods() {
        List<List<Object>> monthEnds = new ArrayList<>();
        List<List<Object>> quarterEnds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            monthEnds.add(new ArrayList<>(List.of(YearMonth.of(2025, 1).plusMonths(i).atEndOfMonth(), 100.0 + i,
                    0.02)));
        }
        for (int i = 0; i < 8; i++) {
            quarterEnds.add(new ArrayList<>(List.of(YearMonth.of(2024, 3).plusMonths(3L * i).atEndOfMonth(),
                    100.0 + i, 0.02)));
        }
        DataSummary months = DataSummary.of(sales(monthEnds));
        assertEquals("Month", months.category());
        assertEquals(List.of("Jan 2025", "Feb 2025", "Mar 2025"), months.categories().subList(0, 3));
        assertEquals("Dec 2025", months.categories().getLast(), "not partial: the month ends with its snapshot");
        assertTrue(months.facts().getFirst().startsWith("Revenue rose from 100 in Jan 2025 to 111 in Dec 2025"),
                months.facts().getFirst());
        DataSummary quarters = DataSummary.of(sales(quarterEnds));
        assertEquals("Quarter", quarters.category());
        assertEquals(List.of("2024 Q1", "2024 Q2"), quarters.categories().subList(0, 2));
        assertEquals("2025 Q4", quarters.categories().getLast());
        List<List<Object>> irregular = new ArrayList<>(monthEnds.subList(0, 3));
        irregular.add(new ArrayList<>(List.of(LocalDate.of(2025, 3, 15), 90.0, 0.02)));
        assertEquals("Date", DataSummary.of(sales(irregular)).category(), "two dates in March: days");
    }

    /**
     * Year and Month columns make a month: two years of monthly revenue read as 24 months in time order, not as two
     * years, and a month's figure is its own year's; Year and Quarter ("Q1") make quarters.
     */
    @Test
    void yearAndMonthColumnsMakeMonths() {
        List<String> lines = new ArrayList<>(List.of("Year,Month,Revenue"));
        Map<String, Double> revenue = new LinkedHashMap<>();
        for (int year = 2024; year <= 2025; year++) {
            for (int month = 1; month <= 12; month++) {
                double amount = 1000 + 10 * month + (year - 2024) * 500;
                lines.add(year + "," + month + "," + (long) amount);
                revenue.put(YearMonth.of(year, month).format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy",
                        java.util.Locale.ENGLISH)), amount);
            }
        }
        DataSummary summary = DataSummary.of(Csv.table("monthly", lines.toArray(String[]::new)));
        assertEquals("Month", summary.category());
        assertEquals(List.copyOf(revenue.keySet()), summary.categories());
        for (int k = 0; k < 24; k++) {
            assertEquals(List.copyOf(revenue.values()).get(k), summary.values()[0][k], 1e-9);
        }
        assertTrue(summary.facts().getFirst().startsWith("Revenue rose from 1,010 in Jan 2024 to 1,620 in Dec 2025"),
                summary.facts().getFirst());
        assertNull(SummaryTable.forWorkbook(summary, Csv.table("monthly", lines.toArray(String[]::new)),
                Optional.of("Data")).lookup(), "the data sheet has no year-month column to look up by");

        DataSummary quarters = DataSummary.of(Csv.table("quarterly", "Year,Quarter,Revenue", "2024,Q3,100",
                "2024,Q4,120", "2025,Q1,90", "2025,Q2,130"));
        assertEquals(List.of("2024 Q3", "2024 Q4", "2025 Q1", "2025 Q2"), quarters.categories());
        DataSummary fiscal = DataSummary.of(Csv.table("fiscal", "Fiscal year,Month,Revenue", "2024,1,100",
                "2024,2,120", "2025,1,90"));
        assertFalse(fiscal.categories().contains("Jan 2024"), "a fiscal year's month 1 is no January");
    }
}
