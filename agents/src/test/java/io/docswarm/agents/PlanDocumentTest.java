package io.docswarm.agents;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.Constraints;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.plan.JobPlan;
import io.docswarm.agents.plan.PlanDocument;
import io.docswarm.agents.plan.Planner;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.SkillLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDocumentTest {

    @Test
    void everyPlanMatchesThePlanSchemaAndBrokenOnesDoNot() {
        JobSpec spec = new JobSpec("qbr", "Quarterly review — Q3 “2026”", "B", "board", List.of(
                new Deliverable(OutputFormat.PPTX, "deck", "deck", 6), new Deliverable(OutputFormat.DOCX, "report",
                        "report", 0), new Deliverable(OutputFormat.XLSX, "workbook", "book", 0)), List.of(), List.of(),
                new Constraints(List.of("Summary", "Findings", "Numbers", "Next steps"), 0, 0, "en", "formal"), null);
        JobPlan plan = Planner.plan(spec, i -> SkillLibrary.builtInsOnly().resolve(
                spec.deliverables().get(i).skill()), 1);
        String json = PlanDocument.toJson(plan);
        assertTrue(PlanDocument.isValid(json), json);
        assertTrue(json.contains("\"role\":\"analyst\"") && json.contains("\"dependsOn\":[1,2,3,4]"), json);
        assertFalse(PlanDocument.isValid(json.replace("\"role\":\"analyst\"", "\"role\":\"oracle\"")));
        assertFalse(PlanDocument.isValid(json.substring(0, json.length() - 1)), "incomplete document");
    }
}
