package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.skills.Skill;

/** Writes one part of a deliverable. Implementations are stateless: parts are drafted in parallel, anywhere. */
public interface Drafter {

    /** The name the manifest records. */
    String name();

    DraftedPart draft(PartTask task, JobMaterials materials, Skill skill);
}
