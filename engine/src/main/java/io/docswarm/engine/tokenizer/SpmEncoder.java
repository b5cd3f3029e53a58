package io.docswarm.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * SentencePiece-style tokenization ({@code tokenizer.ggml.model = "llama"}), as llama.cpp does it.
 *
 * <p>Spaces become U+2581 ("▁"), a space is prefixed to text that starts the input or follows a special
 * token (when {@code add_space_prefix}), and then adjacent pieces are merged greedily: of all adjacent pairs
 * whose concatenation is a token, the one whose token has the highest score merges first (ties: leftmost).
 * Pieces that end up not being tokens are spelled with byte tokens {@code <0xNN>}.
 */
final class SpmEncoder implements TextEncoder {
    private static final char SPACE_MARK = '\u2581';

    private final Vocabulary vocab;
    private final boolean addSpacePrefix;
    private final int[] byteTokens = new int[256];

    private record Bigram(int left, int right, float score, int length) {
    }

    SpmEncoder(Vocabulary vocab, boolean addSpacePrefix) {
        this.vocab = vocab;
        this.addSpacePrefix = addSpacePrefix;
        for (int b = 0; b < 256; b++) {
            int id = vocab.id(String.format("<0x%02X>", b));
            if (id < 0 && b < 0x80) {
                id = vocab.id(String.valueOf((char) b)); // llama.cpp's fallback: the byte as a one-character token
            }
            byteTokens[b] = id;
        }
    }

    @Override
    public void encode(String fragment, boolean afterSpecial, TokenIds out) {
        String text = (addSpacePrefix && afterSpecial ? " " + fragment : fragment).replace(' ', SPACE_MARK);
        int n = text.codePointCount(0, text.length());
        if (n == 0) {
            return;
        }
        // Symbols are code points at first; a merge grows the left symbol and empties the right one.
        int[] start = new int[n];
        int[] length = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0, offset = 0; i < n; i++) {
            int len = Character.charCount(text.codePointAt(offset));
            start[i] = offset;
            length[i] = len;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            offset += len;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score
                ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            offer(queue, text, start, length, i - 1, i);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left;
            int right = bigram.right;
            // Stale if either side has been merged into something else since the pair was queued.
            if (length[left] == 0 || length[right] == 0 || length[left] + length[right] != bigram.length) {
                continue;
            }
            length[left] += length[right];
            length[right] = 0;
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            offer(queue, text, start, length, prev[left], left);
            offer(queue, text, start, length, left, next[left]);
        }
        for (int i = 0; i != -1; i = next[i]) {
            emit(text.substring(start[i], start[i] + length[i]), out);
        }
    }

    private void offer(PriorityQueue<Bigram> queue, String text, int[] start, int[] length, int left, int right) {
        if (left < 0 || right < 0) {
            return;
        }
        int len = length[left] + length[right];
        int id = vocab.id(text.substring(start[left], start[left] + len));
        if (id >= 0) {
            queue.add(new Bigram(left, right, vocab.score(id), len));
        }
    }

    /**
     * A final piece is a token, or else is spelled in byte tokens. (Merged pieces are always tokens, so only
     * single code points can reach the byte fallback; llama.cpp's re-segmentation of merges never triggers.)
     */
    private void emit(String piece, TokenIds out) {
        int id = vocab.id(piece);
        if (id >= 0) {
            out.add(id);
            return;
        }
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
            int byteToken = byteTokens[b & 0xFF];
            if (byteToken < 0) {
                throw new IllegalStateException(String.format(
                        "cannot tokenize %s: the vocabulary has no byte token <0x%02X>", Vocabulary.quote(piece), b & 0xFF));
            }
            out.add(byteToken);
        }
    }

    @Override
    public byte[] normalTokenBytes(String tokenText) {
        return tokenText.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
    }
}
