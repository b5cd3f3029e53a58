package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.EngineDrafter;
import io.docswarm.agents.draft.GroundedDrafter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The drafters a run can use, by name. */
public final class Drafters {

    public static final List<String> NAMES = List.of(GroundedDrafter.NAME, EngineDrafter.NAME);

    private Drafters() {
    }

    /** The model-free drafter by name; the engine drafter needs a loaded model (see DraftParts). */
    public static Drafter byName(String name) {
        if (GroundedDrafter.NAME.equals(name)) {
            return new GroundedDrafter();
        }
        throw new IllegalArgumentException("unknown drafter '" + name + "' (available: " + String.join(", ", NAMES)
                + ")");
    }

    /** Checks a drafter choice before a run starts, so a bad one is one clear line, not a failed pipeline. */
    public static void validate(String name, String model) {
        if (EngineDrafter.NAME.equals(name)) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("the engine drafter needs --model FILE.gguf");
            }
            if (!Files.isRegularFile(Path.of(model))) {
                throw new IllegalArgumentException("model " + model + " is not a file");
            }
            return;
        }
        byName(name);
    }
}
