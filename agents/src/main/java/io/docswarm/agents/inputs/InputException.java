package io.docswarm.agents.inputs;

/**
 * An input file that cannot be read or understood; the message names the file (as the bucket names it) and
 * says what is wrong in plain words. {@link #specField()} says which field of the spec's source or data entry is
 * at fault ({@code path}, {@code sheet}, {@code text}), so the pipeline can name its JSON path.
 */
public class InputException extends RuntimeException {

    private final String specField;
    private final String expected;

    public InputException(String message, Throwable cause) {
        this(message, "path", "a readable input file", cause);
    }

    public InputException(String message) {
        this(message, "path", "a readable input file", null);
    }

    /**
     * @param specField the field of the spec entry at fault: {@code path}, {@code sheet} or {@code text}
     * @param expected  what was expected there, for the failure report
     */
    public InputException(String message, String specField, String expected, Throwable cause) {
        super(message, cause);
        this.specField = specField;
        this.expected = expected;
    }

    /** The field of the spec's source or data entry at fault: {@code path}, {@code sheet} or {@code text}. */
    public String specField() {
        return specField;
    }

    /** What was expected, in words. */
    public String expected() {
        return expected;
    }
}
