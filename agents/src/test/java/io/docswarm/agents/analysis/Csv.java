package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.ArrayList;
import java.util.List;

/** Small comma-separated fixtures for the analysis tests: a column is numeric when every value parses. */
final class Csv {

    private Csv() {
    }

    static DataTable table(String name, String... lines) {
        List<String> header = List.of(lines[0].split(","));
        List<List<String>> cells = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            cells.add(List.of(lines[i].split(",")));
        }
        List<DataTable.ColumnKind> kinds = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            final int column = c;
            kinds.add(cells.stream().allMatch(row -> row.get(column).matches("-?\\d+(\\.\\d+)?"))
                    ? DataTable.ColumnKind.NUMBER : DataTable.ColumnKind.TEXT);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> row : cells) {
            List<Object> typed = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                typed.add(kinds.get(c) == DataTable.ColumnKind.NUMBER ? (Object) Double.valueOf(row.get(c)) : row.get(c));
            }
            rows.add(typed);
        }
        return new DataTable(name, "data/" + name + ".csv", header, kinds, rows);
    }
}
