package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docswarm.agents.analysis.MeasureClassifier.ColumnValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which numeric columns add up, read from their headers (and from percent signs in the cells). */
class MeasureClassifierTest {

    /** Values that settle nothing: amounts as well as rates could look like this. */
    private static final ColumnValues PLAIN = new ColumnValues(false, false);
    private static final ColumnValues FRACTIONS = new ColumnValues(false, true);
    private static final ColumnValues PERCENT_SIGNS = new ColumnValues(true, true);

    private static void assertKind(MeasureKind expected, List<String> headers, ColumnValues values) {
        for (String header : headers) {
            assertEquals(expected, MeasureClassifier.kind(header, values), header);
        }
    }

    @Test
    void ratesPercentagesAveragesPricesAndScoresAreIntensive() {
        assertKind(MeasureKind.INTENSIVE, List.of("Conversion rate", "Margin %", "Gross margin (%)", "Share",
                "Market share", "Revenue share", "Share of wallet", "Average price", "Avg order value", "Mean score",
                "Median salary", "Unit price", "Price", "Price (EUR)", "Price paid", "Share price", "Score", "NPS",
                "Customer satisfaction", "Utilisation", "Capacity utilization", "Temperature (°C)", "Temp",
                "Yield", "Revenue per user", "Sales per capita", "Cost per click", "CTR", "ARPU", "ROI",
                "Price EUR/MWh", "Tax rate 2026", "Conversion rate actual", "Debt-to-equity ratio", "Load factor",
                "Wind speed", "Churn pct", "Defects per cent", "Price index", "Hourly rate", "Exchange rate"),
                PLAIN);
    }

    @Test
    void amountsAndTotalsAreSummed() {
        assertKind(MeasureKind.AMOUNT, List.of("Revenue", "Units", "Deals", "Cost", "Planned spend",
                "Actual spend", "Budget 2027", "Installations", "Capacity MWh", "Days late",
                "Units sold", "Units shipped",
                // Not about rates at all, though a rate word or letters appear in them.
                "Rate card revenue", "Corporate sales", "Shares", "Separate costs",
                // A header that says it is a total or a count.
                "Total price", "Number of rate changes", "Share count", "# orders", "Total yield",
                // Heads that name money as often as a ratio, with values that are not fractions.
                "Gross margin", "Revenue growth", "Discount", "Churn"), PLAIN);
    }

    @Test
    void levelsHeldAtATimeAreLevelsAndTheirMovementsAmounts() {
        assertKind(MeasureKind.LEVEL, List.of("Headcount", "FTE", "Number of employees", "Employee count",
                "Total headcount", "Closing balance", "Account balance EUR", "Inventory", "Stock on hand", "Net debt",
                "Backlog", "Active users", "Active customers", "Open tickets", "Loans outstanding",
                "Shares outstanding", "Subscribers", "Members", "Cash", "ARR", "Inventory units", "Stock level",
                "Inventory value", "Units in stock", "Qty on hand", "Cash position", "Capital employed",
                "Cash held"), PLAIN);
        assertKind(MeasureKind.AMOUNT, List.of("New subscribers", "Headcount change", "Net new members", "Hires",
                "Cash flow", "Stock sold", "Debt issued", "Inventory movements", "Customers", "Users", "Staff cost",
                "Employee benefits", "Total staff cost", "Number of subscribers added", "Members joined",
                "Cash collected", "Equity raised", "Stock delivered", "Cash from operations", "Cash in",
                "Active hours", "Open days", "Active energy (kWh)", "Amount outstanding", "Turnover"), PLAIN);
        assertKind(MeasureKind.INTENSIVE, List.of("Stock price", "Equity ratio", "Open rate", "Closing price",
                "Average balance", "Cash %", "Days sales outstanding", "DSO"), PLAIN);
    }

    @Test
    void runningTotalsAreLevelsTakenAtTheirLatestTime() {
        assertKind(MeasureKind.LEVEL, List.of("Cumulative revenue", "Running total", "Running sum (EUR)",
                "Revenue YTD", "YTD sales", "Sales to date", "Year to date revenue", "Cum. orders", "MTD bookings",
                "Cumulative units shipped", "Accumulated depreciation", "Cumulative new customers", "Cum_Revenue",
                "Cum qty"), PLAIN);
        assertKind(MeasureKind.AMOUNT, List.of("Running costs", "Running hours", "Date revenue", "Revenue",
                // "Ltd" (a company), "LTD" (long-term disability) and "cum laude" are no running totals.
                "Acme Ltd", "LTD premium", "Graduates cum laude", "Up-to-date records"), PLAIN);
        assertKind(MeasureKind.INTENSIVE, List.of("YTD growth %", "Cumulative average price", "YTD conversion rate",
                "NPS to date", "Year to date conversion rate"), PLAIN);
        // A running return or margin written as fractions is a ratio, not a running total.
        assertKind(MeasureKind.INTENSIVE, List.of("Cumulative return", "YTD margin", "Win rate to date",
                "Occupancy to date"), FRACTIONS);
    }

    @Test
    void valuesBetweenZeroAndOneAloneDoNotMakeARate() {
        // Revenue in millions, or a handful of units, may well lie between 0 and 1: it is still an amount.
        assertKind(MeasureKind.AMOUNT, List.of("Revenue (EUR m)", "Units", "Conversions", "Q3"), FRACTIONS);
        // A head that is as often a ratio as an amount, with fractions: a ratio.
        assertKind(MeasureKind.INTENSIVE, List.of("Gross margin", "Revenue growth", "Churn", "Conversion",
                "Discount"), FRACTIONS);
    }

    @Test
    void cellsWrittenWithAPercentSignMakeAnyColumnIntensive() {
        assertKind(MeasureKind.INTENSIVE, List.of("Conversion", "Q3", "Revenue"), PERCENT_SIGNS);
    }

    @Test
    void percentagesKeepTheScaleTheFileWritesThemIn() {
        assertEquals(Measure.PercentScale.FRACTION, MeasureClassifier.scale("Conversion", PERCENT_SIGNS));
        assertEquals(Measure.PercentScale.FRACTION, MeasureClassifier.scale("Margin %", FRACTIONS));
        assertEquals(Measure.PercentScale.POINTS, MeasureClassifier.scale("Margin %", PLAIN), "31 for 31%");
        assertEquals(Measure.PercentScale.FRACTION, MeasureClassifier.scale("Conversion rate", FRACTIONS));
        assertEquals(Measure.PercentScale.NONE, MeasureClassifier.scale("Hourly rate", PLAIN), "85 EUR an hour");
        assertEquals(Measure.PercentScale.NONE, MeasureClassifier.scale("Exchange rate", FRACTIONS), "0.92 USD");
        assertEquals(Measure.PercentScale.NONE, MeasureClassifier.scale("Unit price", FRACTIONS));
    }

    @Test
    void formatsFollowTheWords() {
        assertEquals("0.0%", Measure.formatFor("Conversion rate", Measure.PercentScale.FRACTION));
        assertEquals("0.0\"%\"", Measure.formatFor("Margin %", Measure.PercentScale.POINTS));
        // "rate" and "count" inside other words no longer make percentages or whole numbers.
        assertEquals("#,##0.##", Measure.formatFor("Corporate sales", Measure.PercentScale.NONE));
        assertEquals("#,##0.##", Measure.formatFor("Discount", Measure.PercentScale.NONE));
        assertEquals("#,##0", Measure.formatFor("Units", Measure.PercentScale.NONE));
    }

    @Test
    void sentencesSayAnIntensiveMeasureIsAnAverage() {
        Measure rate = new Measure(0, ColumnLabel.of("Conversion rate"), "0.0%", MeasureKind.INTENSIVE,
                Measure.PercentScale.FRACTION);
        assertEquals("The average conversion rate", rate.subject());
        assertEquals("Average conversion rate", rate.summaryName());
        assertEquals("+0.9 points", rate.change(0.031, 0.040));
        Measure margin = new Measure(0, ColumnLabel.of("Margin %"), "0.0\"%\"", MeasureKind.INTENSIVE,
                Measure.PercentScale.POINTS);
        assertEquals("31.0%", margin.figure(31));
        assertEquals("-2.5 points", margin.change(33.5, 31));
        assertEquals("the average margin", margin.phrase());
        Measure price = new Measure(0, ColumnLabel.of("Average price EUR"), "#,##0.00", MeasureKind.INTENSIVE,
                Measure.PercentScale.NONE);
        assertEquals("Average price", price.subject(), "the header says average already");
        assertEquals("Average price EUR", price.summaryName());
        assertEquals("+1.50 EUR", price.change(10, 11.5), "a plain difference, not a relative change");
        Measure revenue = new Measure(0, ColumnLabel.of("Revenue"), "#,##0", MeasureKind.AMOUNT,
                Measure.PercentScale.NONE);
        assertEquals("Revenue", revenue.subject());
        assertEquals("+8.0%", revenue.change(100, 108));
    }
}
