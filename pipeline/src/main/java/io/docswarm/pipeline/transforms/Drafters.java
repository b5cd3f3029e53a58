package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.EngineTextModel;
import io.docswarm.agents.draft.GroundedDrafter;
import io.docswarm.agents.draft.OpenAiTextModel;
import io.docswarm.agents.draft.TextModel;
import io.docswarm.engine.Engine;
import io.docswarm.engine.EngineOptions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The drafters a run can use, by name: {@code grounded} (no model), {@code engine}, {@code openai}. */
public final class Drafters {

    public static final String ENGINE = "engine";
    public static final String OPENAI = "openai";
    public static final List<String> NAMES = List.of(GroundedDrafter.NAME, ENGINE, OPENAI);

    private Drafters() {
    }

    /**
     * What the model drafters need.
     *
     * @param ggufModel     the engine drafter's GGUF file
     * @param openAiBaseUrl the openai drafter's endpoint, e.g. {@code http://host:8080/v1}
     * @param openAiModel   the model name that endpoint serves
     */
    public record ModelSettings(String ggufModel, String openAiBaseUrl, String openAiModel) implements Serializable {
        public static final ModelSettings NONE = new ModelSettings(null, null, null);
    }

    /** The model-free drafter by name. */
    public static Drafter byName(String name) {
        if (GroundedDrafter.NAME.equals(name)) {
            return new GroundedDrafter();
        }
        throw new IllegalArgumentException("unknown drafter '" + name + "' (available: " + String.join(", ", NAMES)
                + ")");
    }

    /** The language model a model drafter uses, or null for the grounded drafter. The API key comes from the
     * environment ({@code OPENAI_API_KEY}) so it never travels in pipeline options. */
    public static TextModel textModel(String name, ModelSettings settings) throws IOException {
        return switch (name) {
            case ENGINE -> new EngineTextModel(Engine.load(Path.of(settings.ggufModel()), EngineOptions.defaults()));
            case OPENAI -> new OpenAiTextModel(settings.openAiBaseUrl(), settings.openAiModel(),
                    System.getenv("OPENAI_API_KEY"));
            default -> null;
        };
    }

    /** Checks a drafter choice before a run starts, so a bad one is one clear line, not a failed pipeline. */
    public static void validate(String name, ModelSettings settings) {
        switch (name) {
            case ENGINE -> {
                if (settings.ggufModel() == null || settings.ggufModel().isBlank()) {
                    throw new IllegalArgumentException("the engine drafter needs --model FILE.gguf");
                }
                if (!Files.isRegularFile(Path.of(settings.ggufModel()))) {
                    throw new IllegalArgumentException("model " + settings.ggufModel() + " is not a file");
                }
            }
            case OPENAI -> {
                if (settings.openAiBaseUrl() == null || settings.openAiModel() == null) {
                    throw new IllegalArgumentException("the openai drafter needs --openai-base-url and --openai-model "
                            + "(or OPENAI_BASE_URL and OPENAI_MODEL)");
                }
            }
            default -> byName(name);
        }
    }
}
