package io.docswarm.engine.grammar;

/**
 * The state of the pushdown automaton: an immutable stack of frames, innermost value on top. Advancing
 * returns a new state (sharing the unchanged part of the stack), so a walk over the token trie can branch
 * from one state without copying or undoing anything. States are value objects (equal stacks are equal),
 * which is what the token mask cache is keyed on.
 */
final class MatchState {
    final Frame top;
    final MatchState below;
    private final int hash;

    private MatchState(Frame top, MatchState below) {
        this.top = top;
        this.below = below;
        this.hash = 31 * top.hashCode() + (below == null ? 0 : below.hash);
    }

    static MatchState initial(Grammar root) {
        return new MatchState(new RootFrame(root, false), null);
    }

    /** The state after byte {@code b} (0-255), or null if no valid document continues with it. */
    MatchState advance(int b) {
        MatchState s = this;
        while (true) {
            Frame.Step step = s.top.advance(b);
            if (step == null) {
                // a value that may end here (a number) ends, and the byte goes to the enclosing value
                if (s.below == null || !s.top.canEnd()) {
                    return null;
                }
                s = s.popped();
                continue;
            }
            switch (step) {
                case Frame.Step.Consumed c -> {
                    return new MatchState(c.next(), s.below);
                }
                case Frame.Step.Finished f -> {
                    return s.popped();
                }
                case Frame.Step.Push p -> s = new MatchState(p.child(), new MatchState(p.self(), s.below));
            }
        }
    }

    /** The state after all of {@code bytes}, or null if they do not continue a valid document. */
    MatchState advance(byte[] bytes) {
        MatchState s = this;
        for (int i = 0; i < bytes.length && s != null; i++) {
            s = s.advance(bytes[i] & 0xFF);
        }
        return s;
    }

    /** The top frame removed and its parent told that its child value ended. */
    private MatchState popped() {
        return new MatchState(below.top.afterChild(), below.below);
    }

    /** Whether the bytes so far form a complete document (values that could go on, like numbers, may end). */
    boolean isComplete() {
        MatchState s = this;
        while (s.below != null) {
            if (!s.top.canEnd()) {
                return false;
            }
            s = s.popped();
        }
        return ((RootFrame) s.top).done();
    }

    /** Whether any byte can follow. */
    boolean canContinue() {
        for (int b = 0; b < 256; b++) {
            if (advance(b) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MatchState other)) {
            return false;
        }
        MatchState a = this;
        MatchState b = other;
        while (a != null && b != null) {
            if (a == b) {
                return true;
            }
            if (a.hash != b.hash || !a.top.equals(b.top)) {
                return false;
            }
            a = a.below;
            b = b.below;
        }
        return a == b;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (MatchState s = this; s != null; s = s.below) {
            sb.append(s.top).append(s.below == null ? "" : " / ");
        }
        return sb.toString();
    }

    /** The bottom of the stack: one document, then nothing. */
    record RootFrame(Grammar grammar, boolean done) implements Frame {
        @Override
        public Step advance(int b) {
            if (done) {
                return null;
            }
            Frame child = grammar.start(b);
            return child == null ? null : new Step.Push(this, child);
        }

        @Override
        public Frame afterChild() {
            return new RootFrame(grammar, true);
        }
    }
}
