package io.docswarm.engine.grammar;

/**
 * A compiled JSON Schema node: the set of JSON texts (in the canonical compact layout) that generation
 * may produce for one value. Grammars are immutable and compare by identity.
 */
sealed interface Grammar permits ObjectGrammar, ArrayGrammar, StringGrammar, NumberGrammar, LiteralGrammar,
        ChoiceGrammar {
    /**
     * A fresh frame for a value that starts with byte {@code b} (the frame has not consumed it yet), or
     * null if no value of this grammar starts with {@code b}.
     */
    Frame start(int b);

    /** Whether some value of this grammar starts with byte {@code b} (used to keep anyOf branches apart). */
    boolean canStartWith(int b);
}
