package io.docswarm.engine.chat;

/** The template text, for turning offsets into line and column numbers in error messages. */
record Source(String text) {

    TemplateException error(String message, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TemplateException(message, line, offset - lineStart + 1);
    }
}
