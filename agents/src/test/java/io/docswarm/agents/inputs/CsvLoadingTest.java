package io.docswarm.agents.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docswarm.agents.job.DataRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files as spreadsheets export them: with a byte order mark, semicolons or tabs, and "n/a" for no value. */
class CsvLoadingTest {

    @TempDir
    Path dir;

    private DataTable load(String content) throws IOException {
        Path path = dir.resolve("sales.csv");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return DataLoader.load(new DataRef("Sales", path.toString(), ""), "data/sales.csv", InputOpener.LOCAL_FILES);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstHeader() throws IOException {
        DataTable table = load("\uFEFFRegion,Revenue\nNorth,10\n");
        assertEquals(List.of("Region", "Revenue"), table.columns());
    }

    @Test
    void semicolonAndTabFilesAreSplitIntoTheirColumns() throws IOException {
        DataTable semicolon = load("\uFEFFRegion;Revenue;Note\nNorth;10;\"a, b\"\nSouth;12;c\n");
        assertEquals(List.of("Region", "Revenue", "Note"), semicolon.columns());
        assertEquals(DataTable.ColumnKind.NUMBER, semicolon.kinds().get(1));
        assertEquals("a, b", semicolon.rows().getFirst().get(2));
        DataTable tab = load("Region\tRevenue\nNorth\t10\n");
        assertEquals(List.of("Region", "Revenue"), tab.columns());
        assertEquals(10.0, tab.rows().getFirst().get(1));
        DataTable comma = load("\"Region; area\",Revenue\nNorth,10\n");
        assertEquals(List.of("Region; area", "Revenue"), comma.columns(), "a delimiter in quotes does not count");
    }

    @Test
    void missingValueMarkersKeepANumberColumnNumeric() throws IOException {
        DataTable table = load("Region,Revenue,Date,Note\nNorth,10,2026-01-01,-\nSouth,n/a,NA,ok\nEast,\u2014,,x\n"
                + "West,-,2026-02-01,y\nMid,12,2026-03-01,N/A\n");
        assertEquals(List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER, DataTable.ColumnKind.DATE,
                DataTable.ColumnKind.TEXT), table.kinds());
        assertEquals(10.0, table.rows().get(0).get(1));
        assertNull(table.rows().get(1).get(1));
        assertNull(table.rows().get(2).get(1));
        assertNull(table.rows().get(3).get(1));
        assertNull(table.rows().get(1).get(2));
        assertEquals("-", table.rows().get(0).get(3), "a text column keeps what it says");
    }

    @Test
    void delimiterComesFromTheHeaderLine() {
        assertEquals(',', DataLoader.delimiter("a,b;c\n1;2;3;4;5"));
        assertEquals(';', DataLoader.delimiter("a;b;c"));
        assertEquals('\t', DataLoader.delimiter("a\tb"));
        assertEquals(',', DataLoader.delimiter("single"));
    }
}
