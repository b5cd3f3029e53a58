package io.docswarm.engine.tokenizer;

import io.docswarm.engine.gguf.GgufArray;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufMetadata;
import io.docswarm.engine.gguf.GgufValueType;
import java.util.Arrays;
import java.util.List;

/** Reads the {@code tokenizer.ggml.*} metadata of a GGUF file into a {@link TokenizerSpec}. */
final class GgufTokenizerSpec {
    private static final String PREFIX = "tokenizer.ggml.";

    private GgufTokenizerSpec() {
    }

    static TokenizerSpec read(GgufMetadata meta) {
        if (!meta.has(PREFIX + "model")) {
            throw new GgufFormatException(meta.source() + ": no tokenizer (metadata key 'tokenizer.ggml.model' is missing)");
        }
        if (!meta.has(PREFIX + "tokens")) {
            throw new GgufFormatException(meta.source() + ": no tokenizer vocabulary (metadata key 'tokenizer.ggml.tokens' is missing)");
        }
        String[] tokens = meta.getStringArray(PREFIX + "tokens");
        float[] scores = meta.has(PREFIX + "scores") ? scores(meta) : null;
        int[] types = meta.has(PREFIX + "token_type") ? meta.getIntArray(PREFIX + "token_type") : null;
        if (scores != null && scores.length < tokens.length) {
            throw new GgufFormatException(meta.source() + ": tokenizer has " + tokens.length + " tokens but only "
                    + scores.length + " scores");
        }
        if (types != null && types.length < tokens.length) {
            throw new GgufFormatException(meta.source() + ": tokenizer has " + tokens.length + " tokens but only "
                    + types.length + " token types");
        }
        Vocabulary vocabulary;
        try {
            vocabulary = Vocabulary.of(Arrays.asList(tokens), scores, types);
        } catch (IllegalArgumentException e) {
            throw new GgufFormatException(meta.source() + ": " + e.getMessage());
        }
        List<String> merges = meta.has(PREFIX + "merges") ? List.of(meta.getStringArray(PREFIX + "merges")) : List.of();
        return new TokenizerSpec(
                meta.getString(PREFIX + "model"),
                meta.getString(PREFIX + "pre", null),
                vocabulary,
                merges,
                optionalInt(meta, "bos_token_id"),
                optionalInt(meta, "eos_token_id"),
                optionalInt(meta, "eot_token_id"),
                optionalInt(meta, "eom_token_id"),
                optionalInt(meta, "unknown_token_id"),
                optionalInt(meta, "padding_token_id"),
                optionalBool(meta, "add_bos_token"),
                optionalBool(meta, "add_eos_token"),
                optionalBool(meta, "add_space_prefix"));
    }

    /** Scores are FLOAT32 in practice; llama.cpp also accepts INT32. */
    private static float[] scores(GgufMetadata meta) {
        GgufArray array = meta.getArray(PREFIX + "scores");
        if (array.elementType() == GgufValueType.INT32) {
            int[] ints = (int[]) array.values();
            float[] out = new float[ints.length];
            for (int i = 0; i < ints.length; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        return meta.getFloatArray(PREFIX + "scores");
    }

    private static Integer optionalInt(GgufMetadata meta, String key) {
        if (!meta.has(PREFIX + key)) {
            return null;
        }
        long value = meta.getLong(PREFIX + key);
        return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private static Boolean optionalBool(GgufMetadata meta, String key) {
        return meta.has(PREFIX + key) ? meta.getBoolean(PREFIX + key) : null;
    }
}
