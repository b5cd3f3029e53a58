package io.docswarm.engine.grammar;

import java.util.List;

/**
 * {@code anyOf} / {@code oneOf} / a list of types, restricted to branches that no value of two branches can
 * both start with: the first byte then picks the branch, so matching stays deterministic (the compiler
 * merges literal branches and rejects overlapping ones).
 */
final class ChoiceGrammar implements Grammar {
    private final Grammar[] byFirstByte = new Grammar[256];

    /**
     * @throws IllegalArgumentException naming the byte when two branches can start with it
     */
    ChoiceGrammar(List<Grammar> branches) {
        for (int b = 0; b < 256; b++) {
            for (int i = 0; i < branches.size(); i++) {
                Grammar g = branches.get(i);
                if (!g.canStartWith(b)) {
                    continue;
                }
                if (byFirstByte[b] != null) {
                    throw new IllegalArgumentException("two branches can both start with '" + (char) b
                            + "' (only branches whose values start differently are supported, e.g. a string and null)");
                }
                byFirstByte[b] = g;
            }
        }
    }

    @Override
    public Frame start(int b) {
        Grammar g = byFirstByte[b];
        return g == null ? null : g.start(b);
    }

    @Override
    public boolean canStartWith(int b) {
        return byFirstByte[b] != null;
    }
}
