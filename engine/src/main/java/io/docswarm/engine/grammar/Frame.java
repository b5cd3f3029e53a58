package io.docswarm.engine.grammar;

/**
 * One level of the pushdown automaton's stack: the matching state of one JSON value (or of the document
 * root). Frames are immutable records; two equal frames accept exactly the same continuations, which is
 * what lets {@link SchemaConstraint} cache token masks per {@link MatchState}. Grammars compare by identity.
 */
interface Frame {
    /**
     * Tries to consume byte {@code b} (0-255).
     *
     * @return what happens, or null if this frame cannot take the byte here (the caller then ends the frame
     *     if {@link #canEnd()} and offers the byte to the enclosing value)
     */
    Step advance(int b);

    /** Whether the value may end here although it could go on (a number, an enum literal that prefixes another). */
    default boolean canEnd() {
        return false;
    }

    /** This frame once the child value it pushed has ended. */
    default Frame afterChild() {
        throw new IllegalStateException(getClass().getSimpleName() + " has no child value");
    }

    /** The outcome of offering a byte to a frame. */
    sealed interface Step {
        /** The byte was consumed; {@code next} replaces the frame. */
        record Consumed(Frame next) implements Step {
        }

        /** The byte was consumed and it was the value's last. */
        record Finished() implements Step {
        }

        /** A child value starts here: {@code self} waits below {@code child}, which is offered the byte. */
        record Push(Frame self, Frame child) implements Step {
        }

        Step FINISHED = new Finished();
    }
}
