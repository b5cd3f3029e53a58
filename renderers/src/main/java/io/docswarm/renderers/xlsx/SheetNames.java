package io.docswarm.renderers.xlsx;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.util.WorkbookUtil;

/**
 * Sheet names Excel accepts, one per sheet: at most 31 characters, none of {@code []:*?/\}, no apostrophe at
 * either end, and no two equal ignoring case. POI throws on an invalid name, and a workbook with two equal names
 * does not open, so names from the model pass through here.
 */
final class SheetNames {

    private static final int MAX_LENGTH = 31;

    private final Set<String> used = new HashSet<>();

    /** {@code wanted}, made valid, with " (2)", " (3)", ... when that name is taken. */
    String unique(String wanted) {
        String base = WorkbookUtil.createSafeSheetName(wanted == null ? "" : wanted.strip(), '-').strip();
        String name = base;
        for (int i = 2; !used.add(name.toLowerCase(Locale.ROOT)); i++) {
            String suffix = " (" + i + ")";
            name = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())).strip() + suffix;
        }
        return name;
    }
}
