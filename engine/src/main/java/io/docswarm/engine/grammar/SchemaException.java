package io.docswarm.engine.grammar;

/**
 * A JSON Schema that cannot be compiled: invalid, contradictory, or using a keyword outside the supported
 * subset. The message names the keyword and where it is (a path like {@code $.properties.parts.items}).
 */
public final class SchemaException extends IllegalArgumentException {
    private final String path;

    SchemaException(String path, String message) {
        super("JSON Schema at " + path + ": " + message);
        this.path = path;
    }

    /** Where in the schema the problem is, e.g. {@code $.properties.parts.items}. */
    public String path() {
        return path;
    }
}
