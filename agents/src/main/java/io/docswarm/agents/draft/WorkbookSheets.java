package io.docswarm.agents.draft;

import io.docswarm.agents.inputs.DataTable;
import org.apache.poi.ss.util.WorkbookUtil;

/**
 * The names of a data table's two workbook sheets. The planner makes the summary and the data sheet separate parts,
 * drafted apart, and the summary's figures are looked up in the data sheet by its name: both names come from here so
 * they cannot drift apart. The Excel table the lookups read is named by the renderer from the data sheet's name.
 */
final class WorkbookSheets {

    private WorkbookSheets() {
    }

    /** The sheet summarising {@code table}: "Summary Q3 sales". */
    static String summary(DataTable table) {
        return name("Summary", table.name());
    }

    /** The sheet holding {@code table}'s rows: "Data Q3 sales". */
    static String data(DataTable table) {
        return name("Data", table.name());
    }

    /** A name the model's sheet accepts (POI's rule: 31 characters, none of []:*?/\). */
    private static String name(String prefix, String name) {
        return WorkbookUtil.createSafeSheetName(prefix + " " + name, '-').strip();
    }
}
