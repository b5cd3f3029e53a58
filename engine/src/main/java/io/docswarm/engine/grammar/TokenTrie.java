package io.docswarm.engine.grammar;

import java.util.Arrays;

/**
 * The byte strings of a set of tokens as a trie in flat arrays. Walking it with a {@link MatchState}
 * advances the automaton once per trie edge rather than once per token byte, and a byte the automaton
 * rejects prunes every token below it: in a structural position, where a few bytes are allowed, only a
 * handful of the 150k tokens are ever looked at.
 */
final class TokenTrie {
    /** Children of node n are the nodes {@code firstChild[n] .. firstChild[n] + childCount[n] - 1}. */
    private final int[] firstChild;
    private final int[] childCount;
    /** The byte on the edge into each node. */
    private final byte[] label;
    /** Tokens ending at node n: {@code tokens[tokensFrom[n] .. tokensFrom[n + 1])}. */
    private final int[] tokensFrom;
    private final int[] tokens;

    /** @param ids tokens to include; {@code bytes[id]} non-empty */
    TokenTrie(int[] ids, byte[][] bytes) {
        Integer[] order = Arrays.stream(ids).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(bytes[a], bytes[b]));
        int[] sorted = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        // breadth-first, so that each node's children get consecutive numbers
        IntList first = new IntList();
        IntList count = new IntList();
        IntList tokenStart = new IntList();
        IntList tokenEnd = new IntList();
        ByteList labels = new ByteList();
        IntList queueLo = new IntList();
        IntList queueHi = new IntList();
        IntList queueDepth = new IntList();
        labels.add((byte) 0);
        queueLo.add(0);
        queueHi.add(sorted.length);
        queueDepth.add(0);
        for (int node = 0; node < queueLo.size(); node++) {
            int lo = queueLo.get(node);
            int hi = queueHi.get(node);
            int depth = queueDepth.get(node);
            int k = lo;
            while (k < hi && bytes[sorted[k]].length == depth) {
                k++; // tokens that end here sort first
            }
            tokenStart.add(lo);
            tokenEnd.add(k);
            first.add(queueLo.size());
            int children = 0;
            int i = k;
            while (i < hi) {
                byte b = bytes[sorted[i]][depth];
                int j = i;
                while (j < hi && bytes[sorted[j]][depth] == b) {
                    j++;
                }
                labels.add(b);
                queueLo.add(i);
                queueHi.add(j);
                queueDepth.add(depth + 1);
                children++;
                i = j;
            }
            count.add(children);
        }
        int nodes = queueLo.size();
        this.firstChild = first.toArray();
        this.childCount = count.toArray();
        this.label = labels.toArray();
        // node n's tokens are sorted[tokenStart(n) .. tokenEnd(n)); copy them into one flat array
        int[] from = new int[nodes + 1];
        IntList flat = new IntList();
        for (int n = 0; n < nodes; n++) {
            from[n] = flat.size();
            for (int t = tokenStart.get(n); t < tokenEnd.get(n); t++) {
                flat.add(sorted[t]);
            }
        }
        from[nodes] = flat.size();
        this.tokensFrom = from;
        this.tokens = flat.toArray();
    }

    int nodeCount() {
        return firstChild.length;
    }

    /**
     * Sets in {@code allowed} the bit of every token whose bytes take {@code state} to a valid state.
     */
    void collect(MatchState state, long[] allowed) {
        walk(0, state, allowed);
    }

    private void walk(int node, MatchState state, long[] allowed) {
        int end = firstChild[node] + childCount[node];
        for (int child = firstChild[node]; child < end; child++) {
            MatchState next = state.advance(label[child] & 0xFF);
            if (next == null) {
                continue; // no token below this edge can be allowed
            }
            for (int t = tokensFrom[child]; t < tokensFrom[child + 1]; t++) {
                int id = tokens[t];
                allowed[id >>> 6] |= 1L << id;
            }
            if (childCount[child] > 0) {
                walk(child, next, allowed);
            }
        }
    }

    /** A growable int array (the trie of a 150k vocabulary has about a million nodes: no boxing). */
    static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    private static final class ByteList {
        private byte[] a = new byte[1024];
        private int n;

        void add(byte v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        byte[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
