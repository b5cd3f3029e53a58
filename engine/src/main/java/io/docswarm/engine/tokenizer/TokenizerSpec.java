package io.docswarm.engine.tokenizer;

import java.util.List;
import java.util.Objects;

/**
 * Everything a GGUF file says about its tokenizer, as plain Java values (the {@code tokenizer.ggml.*} keys).
 *
 * <p>Nullable fields mean "key absent": {@link Tokenizer#create} then applies llama.cpp's defaults for the
 * tokenizer model (for example BOS = 1 and add-BOS on for {@code llama}, add-BOS on for the {@code llama3}
 * pre-tokenizer).
 *
 * @param model          {@code tokenizer.ggml.model}: {@code "llama"} (SentencePiece) or {@code "gpt2"} (byte-level BPE)
 * @param pre            {@code tokenizer.ggml.pre}, the pre-tokenizer name (BPE only; may be null)
 * @param vocabulary     tokens, scores and types
 * @param merges         {@code tokenizer.ggml.merges} ("left right", best first); required for gpt2
 * @param bosId          {@code tokenizer.ggml.bos_token_id}
 * @param eosId          {@code tokenizer.ggml.eos_token_id}
 * @param eotId          {@code tokenizer.ggml.eot_token_id}
 * @param eomId          {@code tokenizer.ggml.eom_token_id}
 * @param unkId          {@code tokenizer.ggml.unknown_token_id}
 * @param padId          {@code tokenizer.ggml.padding_token_id}
 * @param addBos         {@code tokenizer.ggml.add_bos_token}
 * @param addEos         {@code tokenizer.ggml.add_eos_token}
 * @param addSpacePrefix {@code tokenizer.ggml.add_space_prefix}
 */
public record TokenizerSpec(
        String model,
        String pre,
        Vocabulary vocabulary,
        List<String> merges,
        Integer bosId,
        Integer eosId,
        Integer eotId,
        Integer eomId,
        Integer unkId,
        Integer padId,
        Boolean addBos,
        Boolean addEos,
        Boolean addSpacePrefix) {

    public TokenizerSpec {
        Objects.requireNonNull(model, "tokenizer model");
        Objects.requireNonNull(vocabulary, "vocabulary");
        merges = merges == null ? List.of() : List.copyOf(merges);
    }

    /** A spec with only the model, pre-tokenizer, vocabulary and merges; every other key absent. */
    public static TokenizerSpec of(String model, String pre, Vocabulary vocabulary, List<String> merges) {
        return new TokenizerSpec(model, pre, vocabulary, merges, null, null, null, null, null, null, null, null, null);
    }

    public TokenizerSpec withBos(Integer id, Boolean add) {
        return new TokenizerSpec(model, pre, vocabulary, merges, id, eosId, eotId, eomId, unkId, padId, add, addEos, addSpacePrefix);
    }

    public TokenizerSpec withEos(Integer id, Boolean add) {
        return new TokenizerSpec(model, pre, vocabulary, merges, bosId, id, eotId, eomId, unkId, padId, addBos, add, addSpacePrefix);
    }

    public TokenizerSpec withAddSpacePrefix(Boolean add) {
        return new TokenizerSpec(model, pre, vocabulary, merges, bosId, eosId, eotId, eomId, unkId, padId, addBos, addEos, add);
    }
}
