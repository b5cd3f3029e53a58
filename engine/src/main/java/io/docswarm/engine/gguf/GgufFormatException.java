package io.docswarm.engine.gguf;

/**
 * A GGUF file is malformed, truncated, uses something this engine does not support, or lacks metadata
 * a caller asked for. The message names the file and the problem.
 */
public class GgufFormatException extends RuntimeException {
    public GgufFormatException(String message) {
        super(message);
    }

    public GgufFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
