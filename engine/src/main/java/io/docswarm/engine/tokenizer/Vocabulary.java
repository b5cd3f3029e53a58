package io.docswarm.engine.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The token list of a model: text, score and type per id, and the reverse lookup from text to id.
 *
 * <p>Immutable. Empty token texts are renamed {@code [EMPTY_i]} exactly as llama.cpp does, so ids stay
 * addressable; duplicate texts are rejected because the text-to-id map must be a bijection.
 */
public final class Vocabulary {
    private final String[] texts;
    private final float[] scores;
    private final TokenType[] types;
    private final Map<String, Integer> ids;

    /**
     * @param texts  token texts, index = token id
     * @param scores per-token scores (SentencePiece log probabilities), or null for all zero
     * @param types  per-token types, or null for all {@link TokenType#NORMAL}
     */
    public Vocabulary(List<String> texts, float[] scores, TokenType[] types) {
        Objects.requireNonNull(texts, "texts");
        int n = texts.size();
        if (n == 0) {
            throw new IllegalArgumentException("vocabulary is empty");
        }
        if (scores != null && scores.length < n) {
            throw new IllegalArgumentException("vocabulary has " + n + " tokens but only " + scores.length + " scores");
        }
        if (types != null && types.length < n) {
            throw new IllegalArgumentException("vocabulary has " + n + " tokens but only " + types.length + " token types");
        }
        this.texts = new String[n];
        this.scores = scores == null ? new float[n] : Arrays.copyOf(scores, n);
        this.types = new TokenType[n];
        this.ids = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            String text = texts.get(i);
            if (text == null || text.isEmpty()) {
                text = "[EMPTY_" + i + "]";
            }
            this.texts[i] = text;
            this.types[i] = types == null || types[i] == null ? TokenType.NORMAL : types[i];
            Integer previous = ids.put(text, i);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "vocabulary has the token text " + quote(text) + " twice (ids " + previous + " and " + i + ")");
            }
        }
    }

    /** A vocabulary whose token types are given as GGUF numbers. */
    public static Vocabulary of(List<String> texts, float[] scores, int[] typeIds) {
        TokenType[] types = null;
        if (typeIds != null) {
            types = new TokenType[typeIds.length];
            for (int i = 0; i < typeIds.length; i++) {
                types[i] = TokenType.fromId(typeIds[i]);
            }
        }
        return new Vocabulary(texts, scores, types);
    }

    public int size() {
        return texts.length;
    }

    public String text(int id) {
        return texts[checkId(id)];
    }

    public float score(int id) {
        return scores[checkId(id)];
    }

    public TokenType type(int id) {
        return types[checkId(id)];
    }

    /** The id of a token text, or -1. */
    public int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    /** All token texts in id order. */
    public List<String> texts() {
        return List.of(texts);
    }

    /** Ids of all tokens of the given types, in id order. */
    List<Integer> idsOfTypes(TokenType... wanted) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            for (TokenType type : wanted) {
                if (types[i] == type) {
                    result.add(i);
                    break;
                }
            }
        }
        return result;
    }

    /** A copy with some token types replaced (used to promote control-looking tokens). */
    Vocabulary withTypes(Map<Integer, TokenType> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        TokenType[] newTypes = types.clone();
        changes.forEach((id, type) -> newTypes[id] = type);
        return new Vocabulary(List.of(texts), scores, newTypes);
    }

    private int checkId(int id) {
        if (id < 0 || id >= texts.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size " + texts.length + ")");
        }
        return id;
    }

    static String quote(String text) {
        return "'" + text.replace("\n", "\\n") + "'";
    }
}
