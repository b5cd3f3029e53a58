package io.docswarm.skills;

import java.io.Serializable;
import java.util.List;

/**
 * A reusable delivery standard: how a kind of deliverable looks, how it is structured and how it reads.
 *
 * <p>Skills are immutable and versioned; a job's manifest records {@link #reference()} so a deliverable can
 * always be traced to the exact standard it followed.
 *
 * @param name        library name, e.g. {@code report}
 * @param version     1-based version within the library
 * @param description one line for people browsing the library
 * @param kind        which deliverables it is meant for
 * @param look        fonts, colours, page setup
 * @param structure   the default skeleton of a new deliverable
 * @param voice       measurable writing guidelines
 */
public record Skill(String name, int version, String description, SkillKind kind, Look look, Structure structure,
                    Voice voice) implements Serializable {

    public Skill {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a skill needs a name");
        }
        if (version < 1) {
            throw new IllegalArgumentException("skill " + name + ": version must be >= 1, was " + version);
        }
        structure = structure == null ? new Structure(List.of(), List.of()) : structure;
    }

    /** The pinned reference a manifest records, e.g. {@code report@1}. */
    public String reference() {
        return name + "@" + version;
    }
}
