package io.docswarm.engine.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A fixed set of JSON texts: {@code enum}, {@code const}, {@code boolean}, {@code null}. */
final class LiteralGrammar implements Grammar {
    private final List<String> texts;
    private final Alternatives alternatives;

    /** @param texts compact JSON texts, at least one */
    LiteralGrammar(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a literal grammar needs at least one value");
        }
        this.texts = List.copyOf(texts);
        List<byte[]> bytes = new ArrayList<>();
        List<Integer> outcomes = new ArrayList<>();
        for (String t : texts) {
            bytes.add(t.getBytes(StandardCharsets.UTF_8));
            outcomes.add(outcomes.size());
        }
        this.alternatives = new Alternatives(bytes, outcomes);
    }

    List<String> texts() {
        return texts;
    }

    @Override
    public Frame start(int b) {
        return canStartWith(b) ? new LiteralFrame(this, 0, alternatives.size(), 0) : null;
    }

    @Override
    public boolean canStartWith(int b) {
        return alternatives.anyStartsWith(b);
    }

    /** The alternatives {@code [lo, hi)} still possible after {@code offset} bytes. */
    record LiteralFrame(LiteralGrammar grammar, int lo, int hi, int offset) implements Frame {
        @Override
        public Step advance(int b) {
            Alternatives alts = grammar.alternatives;
            long range = alts.narrow(lo, hi, offset, b);
            if (range < 0) {
                return null;
            }
            int newLo = (int) (range >>> 32);
            int newHi = (int) range;
            if (newHi - newLo == 1 && alts.completeAt(newLo, offset + 1)) {
                return Step.FINISHED;
            }
            return new Step.Consumed(new LiteralFrame(grammar, newLo, newHi, offset + 1));
        }

        @Override
        public boolean canEnd() {
            return offset > 0 && grammar.alternatives.completeAt(lo, offset);
        }
    }
}
