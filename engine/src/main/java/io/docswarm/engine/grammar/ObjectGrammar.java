package io.docswarm.engine.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An object with a fixed list of properties, written in the canonical layout: properties in schema order,
 * required ones always, optional ones may be left out, nothing else ({@code {"a":1,"b":"x"}}).
 *
 * <p>After {@code {} or after a value, what may follow is a small fixed set of texts: {@code ,"name":} for each
 * property that can come next (the next one, or a later one if all those in between are optional) and
 * {@code }} once no required property is left. Those sets are precomputed per position.
 */
final class ObjectGrammar implements Grammar {
    private final List<String> names;
    private final List<Grammar> values;
    /** Key tables by {@code 2 * next + (first ? 0 : 1)}: the texts that may follow. Outcome -1 is '}'. */
    private final Alternatives[] keyTables;

    /** A property of the object. */
    record Property(String name, Grammar value, boolean required) {
    }

    ObjectGrammar(List<Property> properties) {
        this.names = properties.stream().map(Property::name).toList();
        this.values = properties.stream().map(Property::value).toList();
        int n = properties.size();
        this.keyTables = new Alternatives[2 * (n + 1)];
        for (int next = 0; next <= n; next++) {
            for (boolean first : new boolean[] {true, false}) {
                List<byte[]> texts = new ArrayList<>();
                List<Integer> outcomes = new ArrayList<>();
                boolean requiredLeft = false;
                for (int j = next; j < n; j++) {
                    StringBuilder key = new StringBuilder(first ? "" : ",");
                    Json.writeString(properties.get(j).name(), key);
                    key.append(':');
                    texts.add(key.toString().getBytes(StandardCharsets.UTF_8));
                    outcomes.add(j);
                    if (properties.get(j).required()) {
                        requiredLeft = true;
                        break; // a required property cannot be skipped
                    }
                }
                if (!requiredLeft) {
                    texts.add(new byte[] {'}'});
                    outcomes.add(-1);
                }
                keyTables[2 * next + (first ? 0 : 1)] = new Alternatives(texts, outcomes);
            }
        }
    }

    List<String> names() {
        return names;
    }

    @Override
    public Frame start(int b) {
        return b == '{' ? new ObjectFrame(this, ObjectFrame.OPEN, 0, true, 0, 0, 0) : null;
    }

    @Override
    public boolean canStartWith(int b) {
        return b == '{';
    }

    private Alternatives keys(int next, boolean first) {
        return keyTables[2 * next + (first ? 0 : 1)];
    }

    /**
     * @param next  the first property that may still be written
     * @param first whether no property has been written yet (no comma before the next key)
     * @param lo    in phase KEY: the key texts still possible, {@code [lo, hi)} after {@code offset} bytes
     */
    record ObjectFrame(ObjectGrammar grammar, int phase, int next, boolean first, int lo, int hi, int offset)
            implements Frame {
        static final int OPEN = 0;     // expects '{'
        static final int KEY = 1;      // matching ',"name":' or '}'
        static final int VALUE = 2;    // key of property `next` matched: its value starts
        static final int IN_VALUE = 3; // the value of property `next` is being matched above

        private static ObjectFrame atKey(ObjectGrammar g, int next, boolean first) {
            return new ObjectFrame(g, KEY, next, first, 0, g.keys(next, first).size(), 0);
        }

        @Override
        public Step advance(int b) {
            ObjectGrammar g = grammar;
            switch (phase) {
                case OPEN -> {
                    return b == '{' ? new Step.Consumed(atKey(g, 0, true)) : null;
                }
                case KEY -> {
                    Alternatives keys = g.keys(next, first);
                    long range = keys.narrow(lo, hi, offset, b);
                    if (range < 0) {
                        return null;
                    }
                    int newLo = (int) (range >>> 32);
                    int newHi = (int) range;
                    // key texts are prefix-free (each ends with ':' or is '}'), so a complete one is the only one left
                    if (keys.completeAt(newLo, offset + 1)) {
                        int property = keys.outcome(newLo);
                        return property < 0 ? Step.FINISHED
                                : new Step.Consumed(new ObjectFrame(g, VALUE, property, false, 0, 0, 0));
                    }
                    return new Step.Consumed(new ObjectFrame(g, KEY, next, first, newLo, newHi, offset + 1));
                }
                case VALUE -> {
                    Frame child = g.values.get(next).start(b);
                    return child == null ? null
                            : new Step.Push(new ObjectFrame(g, IN_VALUE, next, false, 0, 0, 0), child);
                }
                default -> {
                    return null;
                }
            }
        }

        @Override
        public Frame afterChild() {
            return atKey(grammar, next + 1, false);
        }
    }
}
