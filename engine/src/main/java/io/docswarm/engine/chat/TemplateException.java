package io.docswarm.engine.chat;

/**
 * A chat template that cannot be parsed (unsupported or malformed syntax) or that failed while rendering
 * (including the template's own {@code raise_exception}). The message names the line and column.
 */
public final class TemplateException extends RuntimeException {
    private final int line;
    private final int column;

    TemplateException(String message, int line, int column) {
        super(message + " (template line " + line + ", column " + column + ")");
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
