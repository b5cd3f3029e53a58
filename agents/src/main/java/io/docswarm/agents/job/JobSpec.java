package io.docswarm.agents.job;

import java.io.Serializable;
import java.util.List;

/**
 * A validated job spec (v1): what is wanted, for whom, from which inputs, in which formats.
 *
 * @param id           stable identifier; names the output folder
 * @param title        deliverable title
 * @param brief        what is wanted and for whom
 * @param audience     who reads the deliverables
 * @param deliverables the files to produce
 * @param sources      texts to draw content from
 * @param data         tables to compute numbers from
 * @param constraints  sections, budgets, language, tone
 * @param priority     scheduling priority
 */
public record JobSpec(String id, String title, String brief, String audience, List<Deliverable> deliverables,
                      List<SourceRef> sources, List<DataRef> data, Constraints constraints, Priority priority)
        implements Serializable {

    public JobSpec {
        deliverables = List.copyOf(deliverables);
        sources = sources == null ? List.of() : List.copyOf(sources);
        data = data == null ? List.of() : List.copyOf(data);
        constraints = constraints == null ? Constraints.NONE : constraints;
        priority = priority == null ? Priority.NORMAL : priority;
    }
}
