package io.docswarm.agents.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A level's total gains an entity that starts within the data (a new department) and loses one that stops: the
 * facts say so, with the entity's level then, so a rise from a new department does not read as the others'
 * growth. An entity missing from the latest month only is a gap (its report not in yet), not one that stopped.
 */
class LevelEntitiesTest {

    @TempDir
    Path dir;

    private DataTable load(String csv) throws Exception {
        Path file = Files.writeString(dir.resolve("staff.csv"), csv);
        return DataLoader.load(new DataRef("staff", file.toString(), ""), "data/staff.csv", InputOpener.LOCAL_FILES);
    }

    /** Engineering all year; Marketing from Jul (12 then 13, ...); Support to Oct (its last headcount 8). */
    private static String staffing() {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int month = 1; month <= 12; month++) {
            String end = YearMonth.of(2025, month).atEndOfMonth().toString();
            csv.append(end).append(",Engineering,").append(40 + month).append('\n');
            if (month >= 7) {
                csv.append(end).append(",Marketing,").append(5 + month).append('\n');
            }
            if (month <= 10) {
                csv.append(end).append(",Support,").append(18 - month).append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void aDepartmentThatStartsOrStopsWithinTheDataIsNamedWithItsHeadcountThen() throws Exception {
        DataSummary summary = DataSummary.of(load(staffing()));
        String facts = String.join("\n", summary.facts());
        assertTrue(facts.contains("Headcount starts in Jul 2025 for Marketing (12), so the changes since then include"
                + " it."), facts);
        assertTrue(facts.contains("Headcount stops after Oct 2025 for Support (8)."), facts);
        assertFalse(facts.contains("has no headcount for Support"), "a department gone for two months is no gap: "
                + facts);
        // The months' totals still add up whoever is there.
        assertEquals(47.0 + 12.0 + 11.0, (Double) summary.table().rows().get(6).get(1), 1e-9,
                "Jul: Engineering 47, Marketing 12, Support 11 ... " + summary.table().rows().get(6));
    }

    @Test
    void aDepartmentMissingOnlyFromTheLatestMonthIsAGapNotAStop() throws Exception {
        String csv = staffing().lines().filter(l -> !l.startsWith("2025-12-31,Marketing")).reduce("",
                (a, b) -> a + b + "\n");
        String facts = String.join("\n", DataSummary.of(load(csv)).facts());
        assertTrue(facts.contains("Dec 2025 has no headcount for Marketing"), facts);
        assertFalse(facts.contains("stops after Nov 2025 for Marketing"), facts);
    }

    @Test
    void entitiesPresentThroughoutSayNothing() throws Exception {
        StringBuilder csv = new StringBuilder("Date,Department,Headcount\n");
        for (int month = 1; month <= 6; month++) {
            String end = YearMonth.of(2025, month).atEndOfMonth().toString();
            csv.append(end).append(",Engineering,").append(40 + month).append('\n');
            csv.append(end).append(",Sales,").append(20 + month).append('\n');
        }
        String facts = String.join("\n", DataSummary.of(load(csv.toString())).facts());
        assertFalse(facts.contains(" starts in ") || facts.contains(" stops after "), facts);
    }
}
