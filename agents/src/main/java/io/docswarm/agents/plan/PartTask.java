package io.docswarm.agents.plan;

import io.docswarm.renderers.OutputFormat;
import java.io.Serializable;
import java.util.List;

/**
 * One unit of drafting work: a section, a slide group or a sheet of one deliverable.
 *
 * @param jobId            the job
 * @param deliverableIndex which of the job's deliverables
 * @param partIndex        order within the deliverable
 * @param format           the deliverable's format
 * @param kind             what the part is
 * @param heading          section heading or slide title
 * @param level            heading level (1 = top)
 * @param purpose          {@code summary}, {@code narrative}, {@code data} or {@code conclusion}
 * @param sentenceBudget   most sentences (or bullets) the part may carry
 * @param dataIndex        for data parts, which data table (-1 for all)
 * @param sections         every section of the same deliverable (agenda slides list them; drafters share
 *                         sentences out between them without talking to each other)
 * @param budget           this part's share of the job's swarm budget
 */
public record PartTask(String jobId, int deliverableIndex, int partIndex, OutputFormat format, PartKind kind,
                       String heading, int level, String purpose, int sentenceBudget, int dataIndex,
                       List<SectionRef> sections, SwarmBudget.Share budget) implements Serializable {

    public PartTask {
        sections = List.copyOf(sections);
        budget = budget == null ? SwarmBudget.Share.UNLIMITED : budget;
    }

    /** A part with no budget share yet (the planner assigns shares once it knows every part). */
    public PartTask(String jobId, int deliverableIndex, int partIndex, OutputFormat format, PartKind kind,
                    String heading, int level, String purpose, int sentenceBudget, int dataIndex,
                    List<SectionRef> sections) {
        this(jobId, deliverableIndex, partIndex, format, kind, heading, level, purpose, sentenceBudget, dataIndex,
                sections, SwarmBudget.Share.UNLIMITED);
    }

    public PartTask withBudget(SwarmBudget.Share share) {
        return new PartTask(jobId, deliverableIndex, partIndex, format, kind, heading, level, purpose,
                sentenceBudget, dataIndex, sections, share);
    }

    /** A section of the deliverable: its heading and purpose. */
    public record SectionRef(String heading, String purpose) implements Serializable {
    }
}
