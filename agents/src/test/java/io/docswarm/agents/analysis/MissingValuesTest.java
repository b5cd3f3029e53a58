package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Missing values (n/a in a number column, read as null) are not zeros: a region without figures is not "lowest". */
class MissingValuesTest {

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    @Test
    void aCategoryWithOnlyMissingValuesIsNotRankedAsZero() {
        DataTable table = new DataTable("sales", "data/sales.csv", List.of("Region", "Revenue"),
                List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER),
                List.of(row("North", 10.0), row("South", null), row("East", 12.0), row("West", 8.0)));
        List<String> facts = DataSummary.of(table).facts();
        assertFalse(facts.toString().contains("South"), facts::toString);
        assertTrue(facts.toString().contains("lowest in West"), facts::toString);
    }

    @Test
    void aBlankDateGroupsLastAsBlankInsteadOfFailingTheSummary() {
        // Dates sort in time order; a blank cell used to be a String key among LocalDate keys (ClassCastException).
        DataTable table = new DataTable("spend", "data/spend.csv", List.of("Date", "Spend"),
                List.of(DataTable.ColumnKind.DATE, DataTable.ColumnKind.NUMBER),
                List.of(row(LocalDate.of(2026, 2, 1), 20.0), row(null, 5.0), row(LocalDate.of(2026, 1, 1), 10.0)));
        DataSummary summary = DataSummary.of(table);
        assertEquals(List.of("Jan 2026", "Feb 2026", "(blank)"), summary.categories(), "the 1st stands for its month");
        assertFalse(summary.facts().isEmpty());
    }

    @Test
    void planAndActualAreComparedOnlyWhereBothAreKnown() {
        // A full year's plan against the actuals so far: the missing months are not spending of 0.
        DataTable table = new DataTable("spend", "data/spend.csv", List.of("Month", "Plan", "Actual"),
                List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.NUMBER),
                List.of(row("Jan", 100.0, 110.0), row("Feb", 100.0, 120.0), row("Mar", 100.0, null),
                        row("Apr", 100.0, null)));
        String facts = DataSummary.of(table).facts().toString();
        assertTrue(facts.contains("Actual totals 230, 30 (15.0%) above plan (200)"), facts);
        assertFalse(facts.contains("below"), facts);
    }

    @Test
    void amountsNamedWithPeriodWordsInThemAreSummedNotGroupedBy() {
        DataTable table = new DataTable("delays", "data/delays.csv", List.of("Site", "Days late", "Year"),
                List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.NUMBER),
                List.of(row("Ghent", 3.0, 2025.0), row("Lyon", 14.0, 2025.0), row("Ghent", 1.0, 2026.0),
                        row("Lyon", 12.0, 2026.0)));
        DataSummary summary = DataSummary.of(table);
        assertEquals(List.of("Days late"), summary.measures(), "'Days late' is an amount; 'Year' a period");
        assertTrue(summary.timeSeries());
    }

    @Test
    void aCategoryWithoutAValueInTheLastPeriodDoesNotFallToZero() {
        DataTable table = new DataTable("installs", "data/installs.csv", List.of("Year", "Country", "Installations"),
                List.of(DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER),
                List.of(row(2024.0, "Sweden", 100.0), row(2024.0, "Norway", 50.0), row(2024.0, "Finland", 20.0),
                        row(2025.0, "Sweden", 150.0), row(2025.0, "Norway", null), row(2025.0, "Finland", 60.0)));
        String facts = DataSummary.of(table).facts().toString();
        assertFalse(facts.contains("Norway (-100"), facts);
        assertFalse(facts.contains("Norway for 0"), facts);
    }
}
