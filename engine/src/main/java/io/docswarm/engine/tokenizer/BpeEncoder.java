package io.docswarm.engine.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE ({@code tokenizer.ggml.model = "gpt2"}), as llama.cpp does it.
 *
 * <p>The pre-tokenizer cuts the text into words; each word's UTF-8 bytes are spelled with GPT-2's byte
 * characters ({@link ByteLevel}) and then merged: repeatedly the adjacent pair with the lowest merge rank
 * (ties: leftmost) is joined. Merges never cross words. With {@code ignoreMerges} (Llama-3) a word that is
 * itself a token is taken whole.
 */
final class BpeEncoder implements TextEncoder {
    private static final int WORD_CACHE_LIMIT = 100_000;

    private final Vocabulary vocab;
    private final PreTokenizer preTokenizer;
    private final Map<String, Integer> ranks;
    private final boolean ignoreMerges;
    /** Words repeat a lot in real text; caching their ids makes long prompts cheap. */
    private final Map<String, int[]> wordCache = new ConcurrentHashMap<>();

    private record Bigram(int left, int right, int rank, int length) {
    }

    BpeEncoder(Vocabulary vocab, PreTokenizer preTokenizer, List<String> merges, boolean ignoreMerges) {
        this.vocab = vocab;
        this.preTokenizer = preTokenizer;
        this.ignoreMerges = ignoreMerges;
        this.ranks = HashMap.newHashMap(merges.size());
        for (int rank = 0; rank < merges.size(); rank++) {
            String merge = merges.get(rank);
            int space = merge.indexOf(' ', 1);
            if (space < 0) {
                throw new IllegalArgumentException("BPE merge " + rank + " has no space separating its two parts: "
                        + Vocabulary.quote(merge));
            }
            ranks.putIfAbsent(merge, rank); // the first occurrence ranks, as in llama.cpp
        }
    }

    @Override
    public void encode(String fragment, boolean afterSpecial, TokenIds out) {
        for (String word : preTokenizer.split(fragment)) {
            int[] ids = wordCache.get(word);
            if (ids == null) {
                TokenIds wordIds = new TokenIds();
                encodeWord(ByteLevel.encode(word), wordIds);
                ids = wordIds.toArray();
                if (wordCache.size() < WORD_CACHE_LIMIT) {
                    wordCache.put(word, ids);
                }
            }
            for (int id : ids) {
                out.add(id);
            }
        }
    }

    /** Merges one byte-encoded word; every char of it is one initial symbol (all are below U+0144). */
    private void encodeWord(String word, TokenIds out) {
        if (ignoreMerges) {
            int id = vocab.id(word);
            if (id >= 0) {
                out.add(id);
                return;
            }
        }
        int n = word.length();
        int[] length = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            length[i] = 1;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.rank != b.rank
                ? Integer.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            offer(queue, word, length, i - 1, i);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left;
            int right = bigram.right;
            // Symbols start at their index (a symbol only ever absorbs the ones to its right), so a pair is
            // current exactly when both are alive, adjacent and of the lengths they had when queued.
            if (length[left] == 0 || length[right] == 0 || next[left] != right
                    || length[left] + length[right] != bigram.length) {
                continue;
            }
            length[left] += length[right];
            length[right] = 0;
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            offer(queue, word, length, prev[left], left);
            offer(queue, word, length, left, next[left]);
        }
        for (int i = 0; i < n; i++) {
            if (length[i] == 0) {
                continue;
            }
            String piece = word.substring(i, i + length[i]);
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id);
                continue;
            }
            // Not a token (an incomplete vocabulary): llama.cpp looks each byte of the piece up as a
            // one-byte token and silently drops those that are missing; only ASCII can be one byte.
            for (int c = 0; c < piece.length(); c++) {
                char ch = piece.charAt(c);
                int byteId = ch < 0x80 ? vocab.id(String.valueOf(ch)) : -1;
                if (byteId >= 0) {
                    out.add(byteId);
                }
            }
        }
    }

    private void offer(PriorityQueue<Bigram> queue, String word, int[] length, int left, int right) {
        if (left < 0 || right < 0) {
            return;
        }
        String key = word.substring(left, left + length[left]) + ' ' + word.substring(right, right + length[right]);
        Integer rank = ranks.get(key);
        if (rank != null) {
            queue.add(new Bigram(left, right, rank, length[left] + length[right]));
        }
    }

    @Override
    public byte[] normalTokenBytes(String tokenText) {
        return ByteLevel.decode(tokenText);
    }
}
