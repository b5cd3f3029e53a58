package io.docswarm.engine.grammar;

import io.docswarm.engine.tokenizer.SpecialTokens;
import io.docswarm.engine.tokenizer.TokenType;
import io.docswarm.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What constrained generation needs to know about a model's vocabulary, precomputed once per tokenizer
 * and shared by every schema and generation: each token's bytes, a trie over them, the classification of
 * plain string tokens, and the end tokens. Only ordinary tokens (normal and byte tokens with a non-empty
 * text) are ever allowed, plus an end token once the document is complete. Immutable and thread-safe;
 * building it for a 150k vocabulary takes a fraction of a second.
 */
public final class TokenVocabulary {
    private final byte[][] bytes;
    private final int[] endTokens;
    private final TokenTrie all;
    private final TokenTrie escaping;
    private final StringContentTokens content;

    /**
     * @param tokenBytes each token's bytes by id; null for tokens never allowed in a document (special
     *                   tokens, empty ones)
     * @param endTokens  ids that end generation, allowed once the document is complete
     */
    public TokenVocabulary(byte[][] tokenBytes, int[] endTokens) {
        this.bytes = new byte[tokenBytes.length][];
        for (int id = 0; id < tokenBytes.length; id++) {
            byte[] b = tokenBytes[id];
            this.bytes[id] = b == null || b.length == 0 ? null : b.clone();
        }
        for (int id : endTokens) {
            if (id < 0 || id >= tokenBytes.length) {
                throw new IllegalArgumentException("end token " + id + " is outside the vocabulary (size "
                        + tokenBytes.length + ")");
            }
        }
        this.endTokens = endTokens.clone();
        int[] ordinary = IntStream.range(0, bytes.length).filter(id -> bytes[id] != null).toArray();
        if (ordinary.length == 0) {
            throw new IllegalArgumentException("the vocabulary has no ordinary tokens");
        }
        this.all = new TokenTrie(ordinary, bytes);
        this.content = new StringContentTokens(bytes, ordinary);
        this.escaping = new TokenTrie(content.escapingIds(), bytes);
    }

    /**
     * The vocabulary of a tokenizer: normal and byte tokens by the bytes they print as; the end-of-sequence,
     * end-of-turn and end-of-message tokens end a complete document.
     */
    public static TokenVocabulary of(Tokenizer tokenizer) {
        int n = tokenizer.vocabulary().size();
        byte[][] bytes = new byte[n][];
        for (int id = 0; id < n; id++) {
            TokenType type = tokenizer.vocabulary().type(id);
            if (type == TokenType.NORMAL || type == TokenType.BYTE) {
                bytes[id] = tokenizer.tokenBytes(id, false);
            }
        }
        SpecialTokens special = tokenizer.specialTokens();
        Set<Integer> ends = new LinkedHashSet<>();
        for (int id : new int[] {special.eos(), special.eot(), special.eom()}) {
            if (id >= 0) {
                ends.add(id);
            }
        }
        return new TokenVocabulary(bytes, ends.stream().mapToInt(Integer::intValue).toArray());
    }

    public int size() {
        return bytes.length;
    }

    /** The token's bytes, or null if it may never appear in a document. Not a copy: do not modify. */
    byte[] bytes(int id) {
        return bytes[id];
    }

    int[] endTokens() {
        return endTokens;
    }

    boolean isEndToken(int id) {
        return Arrays.stream(endTokens).anyMatch(e -> e == id);
    }

    /** The tokens allowed in {@code state}, as a bitset over ids (end tokens not included). */
    long[] allowedTokens(MatchState state) {
        long[] allowed = new long[(bytes.length + 63) >>> 6];
        if (state.top instanceof StringGrammar.StringFrame s && s.inContent()) {
            content.collect(s.need(), s.lo(), s.hi(), s.remaining(), allowed);
            escaping.collect(state, allowed);
        } else {
            all.collect(state, allowed);
        }
        return allowed;
    }

    /** The same set by walking the whole trie, without the string shortcut (for tests). */
    long[] allowedTokensByFullWalk(MatchState state) {
        long[] allowed = new long[(bytes.length + 63) >>> 6];
        all.collect(state, allowed);
        return allowed;
    }
}
