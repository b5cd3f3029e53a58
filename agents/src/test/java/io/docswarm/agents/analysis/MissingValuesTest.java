package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataTable;
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
}
