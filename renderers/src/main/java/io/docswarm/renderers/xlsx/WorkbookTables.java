package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.model.Sheet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every sheet of a workbook as it will be written: its Excel name, the name of its table and where the table lies.
 * Decided before any sheet is written, so a sheet's formulas can refer to a table written later.
 */
final class WorkbookTables {

    /**
     * One sheet as written.
     *
     * @param sheet     the model sheet
     * @param name      the sheet's name in the workbook (made valid and unique, see {@link SheetNames})
     * @param tableName the name of its Excel table; empty when it has none (a table without rows)
     * @param layout    where its table lies
     */
    record Placed(Sheet sheet, String name, String tableName, SheetLayout layout) {
    }

    private final List<Placed> placed = new ArrayList<>();
    private final Map<String, List<Placed>> byModelName = new HashMap<>();

    /** Places {@code sheets} in order; every renamed sheet is reported in {@code warnings}. */
    WorkbookTables(List<Sheet> sheets, List<String> warnings) {
        SheetNames sheetNames = new SheetNames();
        Set<String> tableNames = new HashSet<>();
        for (Sheet sheet : sheets) {
            String name = sheetNames.unique(sheet.name());
            if (!name.equals(sheet.name())) {
                warnings.add("sheet '" + sheet.name() + "' is named '" + name
                        + "': Excel's sheet names are unique, at most 31 characters, without []:*?/\\");
            }
            String table = sheet.table().rows().isEmpty() ? "" : unique(tableNames, sheet);
            Placed one = new Placed(sheet, name, table, SheetLayout.of(sheet));
            placed.add(one);
            byModelName.computeIfAbsent(sheet.name(), n -> new ArrayList<>()).add(one);
        }
    }

    List<Placed> all() {
        return placed;
    }

    /** The sheet the model calls {@code name}, when exactly one has that name. */
    Optional<Placed> byModelName(String name) {
        List<Placed> found = byModelName.getOrDefault(name, List.of());
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    /** The sheet's own table name, else one derived from its name; {@code _2}, {@code _3}... when taken. */
    private static String unique(Set<String> taken, Sheet sheet) {
        String base = sheet.tableName().isEmpty() ? "T_" + sheet.name().replaceAll("[^A-Za-z0-9_]", "_")
                : sheet.tableName();
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
