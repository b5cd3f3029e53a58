package io.docswarm.engine.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A fixed set of byte strings matched byte by byte, each with an outcome number. Sorted (unsigned,
 * lexicographic), so the alternatives that share a prefix form one contiguous range {@code [lo, hi)}:
 * a matching state is just that range and the number of bytes matched.
 */
final class Alternatives {
    private final byte[][] texts;
    private final int[] outcomes;

    Alternatives(List<byte[]> texts, List<Integer> outcomes) {
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byText = (a, b) -> Arrays.compareUnsigned(texts.get(a), texts.get(b));
        Arrays.sort(order, byText);
        List<byte[]> sortedTexts = new ArrayList<>();
        List<Integer> sortedOutcomes = new ArrayList<>();
        for (Integer i : order) {
            if (!sortedTexts.isEmpty() && Arrays.equals(sortedTexts.getLast(), texts.get(i))) {
                continue; // duplicates (an enum listing a value twice) match once
            }
            sortedTexts.add(texts.get(i));
            sortedOutcomes.add(outcomes.get(i));
        }
        this.texts = sortedTexts.toArray(byte[][]::new);
        this.outcomes = sortedOutcomes.stream().mapToInt(Integer::intValue).toArray();
    }

    int size() {
        return texts.length;
    }

    boolean anyStartsWith(int b) {
        return narrow(0, texts.length, 0, b) >= 0;
    }

    /**
     * The range of alternatives in {@code [lo, hi)} whose byte at {@code offset} is {@code b}, packed as
     * {@code lo << 32 | hi}, or -1 if there is none.
     */
    long narrow(int lo, int hi, int offset, int b) {
        int newLo = -1;
        int newHi = -1;
        for (int i = lo; i < hi; i++) {
            byte[] t = texts[i];
            if (t.length > offset && (t[offset] & 0xFF) == b) {
                if (newLo < 0) {
                    newLo = i;
                }
                newHi = i + 1;
            } else if (newLo >= 0) {
                break;
            }
        }
        return newLo < 0 ? -1 : ((long) newLo << 32) | newHi;
    }

    /** Whether the first alternative of a range is fully matched after {@code offset} bytes (it sorts first). */
    boolean completeAt(int lo, int offset) {
        return texts[lo].length == offset;
    }

    int outcome(int index) {
        return outcomes[index];
    }
}
