package io.docswarm.agents.plan;

import java.io.Serializable;
import java.util.List;

/**
 * The planner's decomposition of a job.
 *
 * @param jobId    the job
 * @param parts    every part of every deliverable, in order
 * @param warnings budget decisions the planner made (parts dropped to meet a slide or page budget)
 */
public record JobPlan(String jobId, List<PartTask> parts, List<String> warnings) implements Serializable {
    public JobPlan {
        parts = List.copyOf(parts);
        warnings = List.copyOf(warnings);
    }
}
