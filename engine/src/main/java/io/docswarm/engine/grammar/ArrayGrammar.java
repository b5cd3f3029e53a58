package io.docswarm.engine.grammar;

/** An array of {@code items}, {@code minItems} to {@code maxItems} long (max -1: unbounded), as {@code [a,b]}. */
final class ArrayGrammar implements Grammar {
    private final Grammar items;
    private final int minItems;
    private final int maxItems;

    ArrayGrammar(Grammar items, int minItems, int maxItems) {
        this.items = items;
        this.minItems = minItems;
        this.maxItems = maxItems;
    }

    @Override
    public Frame start(int b) {
        return b == '[' ? new ArrayFrame(this, ArrayFrame.OPEN, 0) : null;
    }

    @Override
    public boolean canStartWith(int b) {
        return b == '[';
    }

    private boolean mayAddItem(int count) {
        return maxItems < 0 || count < maxItems;
    }

    /**
     * @param count items so far; once the minimum is met an unbounded array forgets the exact count, so
     *              equal situations share one state (and one cached mask)
     */
    record ArrayFrame(ArrayGrammar grammar, int phase, int count) implements Frame {
        static final int OPEN = 0;       // expects '['
        static final int FIRST = 1;      // after '[': the first item or ']'
        static final int AFTER_ITEM = 2; // ',' or ']'
        static final int ITEM = 3;       // after ',': an item
        static final int IN_ITEM = 4;    // an item is being matched above this frame

        @Override
        public Step advance(int b) {
            ArrayGrammar g = grammar;
            switch (phase) {
                case OPEN -> {
                    return b == '[' ? new Step.Consumed(new ArrayFrame(g, FIRST, 0)) : null;
                }
                case FIRST -> {
                    if (b == ']') {
                        return g.minItems == 0 ? Step.FINISHED : null;
                    }
                    return g.mayAddItem(0) ? startItem(b) : null;
                }
                case AFTER_ITEM -> {
                    if (b == ']') {
                        return count >= g.minItems ? Step.FINISHED : null;
                    }
                    return b == ',' && g.mayAddItem(count) ? new Step.Consumed(new ArrayFrame(g, ITEM, count)) : null;
                }
                case ITEM -> {
                    return startItem(b);
                }
                default -> {
                    return null;
                }
            }
        }

        private Step startItem(int b) {
            Frame child = grammar.items.start(b);
            return child == null ? null : new Step.Push(new ArrayFrame(grammar, IN_ITEM, count), child);
        }

        @Override
        public Frame afterChild() {
            int n = count + 1;
            if (grammar.maxItems < 0) {
                n = Math.min(n, grammar.minItems);
            }
            return new ArrayFrame(grammar, AFTER_ITEM, n);
        }
    }
}
