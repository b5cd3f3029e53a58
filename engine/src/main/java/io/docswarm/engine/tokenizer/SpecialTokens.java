package io.docswarm.engine.tokenizer;

import java.util.Set;

/**
 * The resolved special-token ids of a tokenizer (-1 = none) and whether encoding adds BOS/EOS.
 *
 * @param endOfGeneration every id that ends generation: EOS, EOT, EOM and the tokens llama.cpp recognises
 *                        by their text ({@code <|im_end|>}, {@code <|eot_id|>}, {@code <|endoftext|>}, ...)
 */
public record SpecialTokens(int bos, int eos, int eot, int eom, int unk, int pad,
                            boolean addBos, boolean addEos, Set<Integer> endOfGeneration) {

    public SpecialTokens {
        endOfGeneration = Set.copyOf(endOfGeneration);
    }

    public boolean isEndOfGeneration(int id) {
        return endOfGeneration.contains(id);
    }
}
