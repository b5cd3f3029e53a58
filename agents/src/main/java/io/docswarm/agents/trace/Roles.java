package io.docswarm.agents.trace;

import io.docswarm.agents.plan.PartTask;
import java.util.List;

/** Which role a part's drafting plays in the swarm, and the tools the grounded drafter uses for it. */
public final class Roles {

    private Roles() {
    }

    public static String of(PartTask task) {
        return switch (task.kind()) {
            case TITLE_SLIDE, AGENDA_SLIDE, CLOSING_SLIDE -> "designer";
            case DATA_SHEET, SUMMARY_SHEET -> "analyst";
            case SECTION -> "data".equals(task.purpose()) ? "analyst" : "writer";
        };
    }

    /** Tools the grounded drafter runs for a part: retrieval and ranking for text, computation for data. */
    public static List<String> groundedTools(PartTask task) {
        return switch (of(task)) {
            case "analyst" -> List.of("data-summary");
            case "designer" -> List.of("layout");
            default -> List.of("sentence-split", "textrank", "bm25", "sentence-allocation");
        };
    }
}
