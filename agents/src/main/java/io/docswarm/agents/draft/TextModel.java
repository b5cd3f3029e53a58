package io.docswarm.agents.draft;

/**
 * A language model as the drafters use it: one prompt in, one JSON document out, constrained by a JSON Schema.
 * Implementations: the in-process engine, or any OpenAI-compatible server.
 */
public interface TextModel extends AutoCloseable {

    /**
     * @param text     the answer (a JSON document when complete)
     * @param tokens   tokens generated
     * @param complete whether the answer is a complete document (false when the token budget ran out)
     */
    record Answer(String text, long tokens, boolean complete) {
    }

    /** A short name for manifests and traces, e.g. {@code engine} or {@code openai}. */
    String name();

    Answer complete(String prompt, String jsonSchema, int maxTokens);

    @Override
    default void close() {
    }
}
