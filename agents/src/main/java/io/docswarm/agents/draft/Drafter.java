package io.docswarm.agents.draft;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.skills.Skill;

/** Writes one part of a deliverable. Implementations are stateless: parts are drafted in parallel, anywhere. */
public interface Drafter {

    /** The name the manifest records. */
    String name();

    DraftedPart draft(PartTask task, JobMaterials materials, Skill skill);

    /**
     * Drafts again after a review, with the reviewer's fixes. Drafters that cannot act on feedback (the
     * deterministic one) draft as before.
     */
    default DraftedPart redraft(PartTask task, JobMaterials materials, Skill skill, java.util.List<String> fixes) {
        return draft(task, materials, skill);
    }

    /** Whether {@link #redraft} can change the result, so a review loop is worth running. */
    default boolean takesFeedback() {
        return false;
    }
}
