package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Logic;
import io.docswarm.skills.Skill;
import java.util.List;

/**
 * The number format of each table column: the Skill's (see {@link Logic#follow}), except that a column whose values
 * are all whole numbers is not given decimals. A drafter formats counts and money as decimals to be safe
 * ("#,##0.##"), which the Skill turns into its decimal format, and "912.00" tickets or "5,850,000.00" euros read
 * as false precision. Such columns take the Skill's integer format instead; currency formats keep their symbol and
 * lose only the decimal places.
 */
final class ColumnFormats {

    /** Used when the Skill has no integer format. */
    static final String WHOLE = "#,##0";

    private final Skill skill;

    ColumnFormats(Skill skill) {
        this.skill = skill;
    }

    /** The Skill's format for a column the drafter formatted with {@code format}, values not considered. */
    String follow(String format) {
        return skill.logic() == null ? format : skill.logic().follow(format);
    }

    /** The format of column {@code column} of {@code table}, given its values. */
    String of(Table table, int column) {
        String format = follow(table.columns().get(column).format());
        if (format == null || format.isEmpty() || !allWhole(table.rows(), column)) {
            return format;
        }
        return switch (Logic.kindOfFormat(format)) {
            case "decimal" -> skill.logic() == null ? WHOLE : skill.logic().formatFor("integer").orElse(WHOLE);
            case "currency" -> withoutDecimals(format);
            default -> format;
        };
    }

    /** {@code #,##0.00 [$EUR]} becomes {@code #,##0 [$EUR]}, in every section of the format. */
    static String withoutDecimals(String format) {
        return format.replaceAll("([0#])\\.[0#]+", "$1");
    }

    private static boolean allWhole(List<List<Object>> rows, int column) {
        boolean any = false;
        for (List<Object> row : rows) {
            if (column < row.size() && row.get(column) instanceof Double d) {
                if (d != Math.rint(d) || d.isInfinite()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
