package io.docswarm.engine.chat;

/** A token of an expression or statement inside {@code {{ }}} or {@code {% %}}. */
record Token(Kind kind, String text, int offset) {
    enum Kind { NAME, STRING, INTEGER, FLOAT, OPERATOR, END }

    boolean is(String operatorOrName) {
        return (kind == Kind.OPERATOR || kind == Kind.NAME) && text.equals(operatorOrName);
    }
}
