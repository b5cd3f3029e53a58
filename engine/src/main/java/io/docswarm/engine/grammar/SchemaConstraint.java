package io.docswarm.engine.grammar;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schema bound to a vocabulary: the shared, thread-safe part of constrained generation. It caches the
 * token mask of every automaton state it has seen (least recently used ones are dropped past a limit):
 * states repeat a lot (every position inside a free string, every array separator), so most steps of a
 * generation, and nearly all steps of later generations with the same schema, are a cache lookup.
 */
public final class SchemaConstraint {
    /** Enough for the distinct states of agents' schemas; each sparse mask is a few KB, a dense one 19 KB. */
    private static final int DEFAULT_CACHE_ENTRIES = 2048;

    private final JsonSchemaGrammar grammar;
    private final TokenVocabulary vocabulary;
    private final Map<MatchState, TokenMask> cache;

    private SchemaConstraint(JsonSchemaGrammar grammar, TokenVocabulary vocabulary, int cacheEntries) {
        this.grammar = grammar;
        this.vocabulary = vocabulary;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<MatchState, TokenMask> eldest) {
                return size() > cacheEntries;
            }
        };
    }

    public static SchemaConstraint of(JsonSchemaGrammar grammar, TokenVocabulary vocabulary) {
        return new SchemaConstraint(grammar, vocabulary, DEFAULT_CACHE_ENTRIES);
    }

    /** {@link JsonSchemaGrammar#compile} then {@link #of}. */
    public static SchemaConstraint compile(String schemaJson, TokenVocabulary vocabulary) {
        return of(JsonSchemaGrammar.compile(schemaJson), vocabulary);
    }

    /** State for one generation. */
    public ConstrainedSampling newSampling() {
        return new ConstrainedSampling(this, grammar.initialState());
    }

    public TokenVocabulary vocabulary() {
        return vocabulary;
    }

    /** Number of masks cached. */
    public int cachedMasks() {
        synchronized (cache) {
            return cache.size();
        }
    }

    TokenMask mask(MatchState state) {
        synchronized (cache) {
            TokenMask cached = cache.get(state);
            if (cached != null) {
                return cached;
            }
        }
        TokenMask mask = compute(state);
        synchronized (cache) {
            cache.put(state, mask);
        }
        return mask;
    }

    private TokenMask compute(MatchState state) {
        long[] allowed = vocabulary.allowedTokens(state);
        if (state.isComplete()) {
            for (int id : vocabulary.endTokens()) {
                allowed[id >>> 6] |= 1L << id;
            }
        }
        return TokenMask.of(allowed, vocabulary.size());
    }
}
