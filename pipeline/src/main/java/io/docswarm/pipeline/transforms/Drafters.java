package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.GroundedDrafter;
import java.util.List;

/** The drafters a run can use, by name. */
public final class Drafters {

    public static final List<String> NAMES = List.of(GroundedDrafter.NAME);

    private Drafters() {
    }

    public static Drafter byName(String name) {
        if (GroundedDrafter.NAME.equals(name)) {
            return new GroundedDrafter();
        }
        throw new IllegalArgumentException("unknown drafter '" + name + "' (available: " + String.join(", ", NAMES)
                + ")");
    }
}
