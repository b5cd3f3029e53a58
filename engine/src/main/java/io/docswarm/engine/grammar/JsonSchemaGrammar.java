package io.docswarm.engine.grammar;

/**
 * A JSON Schema compiled into a pushdown automaton over UTF-8 bytes, for constrained generation.
 *
 * <p>Generation writes one canonical, compact layout so the automaton stays small: no whitespace, object
 * properties in schema order (required ones always, optional ones may be left out, undeclared ones never),
 * numbers without leading zeros or a plus sign. Every document it accepts is valid under the schema; not
 * every valid document is accepted (e.g. one with spaces).
 *
 * <p>Supported subset:
 * <ul>
 *   <li>{@code type}: object, array, string, number, integer, boolean, null, or a list of them;</li>
 *   <li>objects: {@code properties}, {@code required}, {@code additionalProperties} (any value: undeclared
 *       properties are never written);</li>
 *   <li>arrays: {@code items} (one schema), {@code minItems}, {@code maxItems}, {@code uniqueItems: false};</li>
 *   <li>strings: {@code minLength}, {@code maxLength} (in code points);</li>
 *   <li>numbers and integers: {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 *       {@code exclusiveMaximum} (numeric form); bounded numbers are written without exponent;</li>
 *   <li>{@code enum} and {@code const} of any JSON values (written compactly);</li>
 *   <li>{@code anyOf} / {@code oneOf} whose branches start differently (e.g. a string or null, an enum or
 *       an object); literal branches are merged;</li>
 *   <li>annotations ({@code title}, {@code description}, {@code default}, ...) are ignored.</li>
 * </ul>
 * Everything else ({@code pattern}, {@code format}, {@code $ref}, {@code allOf}, ...) is refused with a
 * {@link SchemaException} naming the keyword and its path. Immutable and thread-safe.
 */
public final class JsonSchemaGrammar {
    private final Grammar root;

    private JsonSchemaGrammar(Grammar root) {
        this.root = root;
    }

    /**
     * Compiles a schema given as JSON text.
     *
     * @throws SchemaException for a schema outside the supported subset or one no value satisfies
     * @throws IllegalArgumentException if the text is not JSON
     */
    public static JsonSchemaGrammar compile(String schemaJson) {
        return new JsonSchemaGrammar(SchemaCompiler.compile(Json.parse(schemaJson)));
    }

    /** A matcher at the start of a document. */
    public JsonPrefixMatcher newMatcher() {
        return new JsonPrefixMatcher(initialState());
    }

    MatchState initialState() {
        return MatchState.initial(root);
    }
}
