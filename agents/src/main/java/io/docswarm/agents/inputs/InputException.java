package io.docswarm.agents.inputs;

/** An input file that cannot be read or understood; the message names the file and what is wrong. */
public class InputException extends RuntimeException {
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    public InputException(String message) {
        super(message);
    }
}
