package io.docswarm.agents.draft;

import io.docswarm.engine.Engine;
import io.docswarm.engine.GenerationRequest;
import io.docswarm.engine.GenerationResult;
import io.docswarm.engine.chat.ChatMessage;
import io.docswarm.engine.sampling.StopCondition;
import java.util.List;

/** The in-process engine: chat template when the model has one, greedy, schema-constrained. */
public final class EngineTextModel implements TextModel {

    private final Engine engine;

    public EngineTextModel(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public Answer complete(String prompt, String jsonSchema, int maxTokens) {
        GenerationRequest request = engine.chatTemplate() != null
                ? GenerationRequest.chat(List.of(ChatMessage.user(prompt)), maxTokens)
                : GenerationRequest.raw(prompt, maxTokens);
        GenerationResult result = engine.generate(request.withSchema(jsonSchema));
        boolean complete = result.stopReason() == StopCondition.Reason.DOCUMENT_COMPLETE
                || result.stopReason() == StopCondition.Reason.END_OF_GENERATION;
        return new Answer(result.text(), result.tokens().length, complete);
    }

    @Override
    public void close() {
        engine.close();
    }
}
