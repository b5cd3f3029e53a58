package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a layer's expert matrices are in a file. Current files stack them in one 3-D tensor
 * ({@code blk.N.ffn_gate_exps.weight}, {@code [cols, rows, experts]}); files converted before llama.cpp stacked
 * them (early Mixtral GGUFs, still widely downloaded) hold one 2-D tensor per expert
 * ({@code blk.N.ffn_gate.E.weight}), which llama.cpp still reads.
 */
public final class ExpertTensors {
    private static final String STACKED_SUFFIX = "_exps.weight";

    private ExpertTensors() {
    }

    /** The per-expert name of expert {@code expert} for a stacked name: {@code blk.3.ffn_up_exps.weight} to {@code blk.3.ffn_up.5.weight}. */
    public static String perExpertName(String stackedName, int expert) {
        if (!stackedName.endsWith(STACKED_SUFFIX)) {
            throw new IllegalArgumentException("not an expert stack's name: " + stackedName);
        }
        return stackedName.substring(0, stackedName.length() - STACKED_SUFFIX.length()) + "." + expert + ".weight";
    }

    /**
     * The {@code experts} per-expert tensors standing in for {@code stackedName}, in expert order, when the file
     * has no stacked tensor of that name but has the first per-expert one; empty otherwise (the stacked tensor is
     * then looked up, and its absence reported, as any other). A file with only some of them is refused by name.
     */
    public static Optional<List<GgufTensor>> perExpert(GgufFile file, String stackedName, int experts) {
        if (file.findTensor(stackedName).isPresent() || file.findTensor(perExpertName(stackedName, 0)).isEmpty()) {
            return Optional.empty();
        }
        List<GgufTensor> out = new ArrayList<>(experts);
        for (int x = 0; x < experts; x++) {
            out.add(file.tensor(perExpertName(stackedName, x)));
        }
        return Optional.of(List.copyOf(out));
    }
}
