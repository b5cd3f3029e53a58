package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one decode step at batch 1 must read, as the sequence of phases that cannot overlap: each phase needs
 * the whole result of the one before it (a product needs its whole input row; attention needs every query
 * head; the experts need the router's choice). Per layer, for the models with attention over a key/value
 * cache (Qwen3-MoE, Mixtral, OLMoE, and their dense relatives):
 * <ol>
 *   <li>attention inputs: the norm and the query, key and value projections (with their biases and the
 *       per-head norms);</li>
 *   <li>attention: the cached keys and values of every position (F16, the engine's default cache);</li>
 *   <li>attention output: its projection;</li>
 *   <li>routing: the norm and the router (MoE only; a dense layer's norm goes with the next phase);</li>
 *   <li>ffn in: the selected experts' gate and up matrices (and a shared expert's, or a dense layer's);</li>
 *   <li>ffn out: their down matrices.</li>
 * </ol>
 * then the output norm and projection. The token's embedding row goes with the first phase. This is the
 * fewest phases any kernel design can have: work that can run side by side (the heads' norms, RoPE, the
 * softmax of a split attention, the experts' sum) is folded into a neighbour, so a ceiling measured with these
 * phases is an upper bound for every design. The weight bytes are {@link CudaBench#activeBytesPerToken}'s.
 *
 * @param phases in order
 * @param weightBytes the phases' bytes of weights (the bandwidth figure's numerator), without the cache
 */
public record StepPhases(List<Phase> phases, long weightBytes) {
    /** Bytes of a cached key or value element (the engine's default F16 cache). */
    static final int CACHE_ELEMENT_BYTES = 2;

    /**
     * One phase: its name ("blk.3 attention"), the bytes it reads, and whether which bytes is known before the
     * phase before it ends (all but the routed experts' gate and up matrices, which the routing chooses), so
     * that a kernel could fetch them early.
     */
    public record Phase(String name, long bytes, boolean knownAhead) {
    }

    private static final Pattern LAYER_TENSOR = Pattern.compile("blk\\.(\\d+)\\.(\\w+)\\.(weight|bias)");
    private static final List<String> LAYER_PHASES =
            List.of("attention inputs", "attention", "attention output", "routing", "ffn in", "ffn out");

    public StepPhases {
        phases = List.copyOf(phases);
    }

    /** The step's phases for a model's decode step with {@code positions} positions in the cache. */
    public static StepPhases of(GgufFile file, ModelConfig c, int positions) {
        boolean tied = file.findTensor("output.weight").isEmpty();
        long[][] layers = new long[c.blockCount()][LAYER_PHASES.size()];
        long output = 0;
        long weights = 0;
        for (GgufTensor t : file.tensors()) {
            long bytes = t.byteSize();
            Matcher m = LAYER_TENSOR.matcher(t.name());
            if (m.matches()) {
                String role = m.group(2);
                if (role.endsWith("_exps")) {
                    bytes = bytes / c.expertCount() * c.expertUsedCount();
                }
                boolean routed = file.findTensor("blk." + m.group(1) + ".ffn_gate_inp.weight").isPresent();
                layers[Integer.parseInt(m.group(1))][phase(t.name(), role, routed)] += bytes;
            } else if (t.name().equals("token_embd.weight")) {
                if (tied) {
                    output += bytes;
                } else {
                    bytes /= c.vocabSize();
                    layers[0][0] += bytes;
                }
            } else if (t.name().equals("output.weight") || t.name().equals("output_norm.weight")) {
                output += bytes;
            } else {
                throw new IllegalArgumentException(unplaced(t.name()));
            }
            weights += bytes;
        }
        List<Phase> phases = new ArrayList<>();
        long cache = (long) positions * c.kvWidth() * 2 * CACHE_ELEMENT_BYTES;
        for (int l = 0; l < c.blockCount(); l++) {
            layers[l][1] += cache;
            boolean routed = layers[l][3] > 0;
            for (int p = 0; p < LAYER_PHASES.size(); p++) {
                if (layers[l][p] > 0) {
                    phases.add(new Phase("blk." + l + " " + LAYER_PHASES.get(p), layers[l][p], !(routed && p == 4)));
                }
            }
        }
        phases.add(new Phase("output", output, true));
        return new StepPhases(phases, weights);
    }

    /** Every byte a step reads: the weights and the cache. */
    public long totalBytes() {
        return phases.stream().mapToLong(Phase::bytes).sum();
    }

    /** The same phases reading nothing: what ordering them costs by itself. */
    public StepPhases empty() {
        return new StepPhases(phases.stream().map(p -> new Phase(p.name(), 0, p.knownAhead())).toList(), 0);
    }

    /** The same bytes as one phase: the card's bandwidth with nothing to wait for. */
    public StepPhases merged() {
        return new StepPhases(List.of(new Phase("whole step", totalBytes(), true)), weightBytes);
    }

    private static int phase(String name, String role, boolean routed) {
        return switch (role) {
            case "attn_norm", "attn_q", "attn_k", "attn_v", "attn_qkv", "attn_q_norm", "attn_k_norm" -> 0;
            case "attn_output" -> 2;
            case "ffn_gate_inp", "exp_probs_b" -> 3;
            case "ffn_norm" -> routed ? 3 : 4;
            case "ffn_gate_exps", "ffn_up_exps", "ffn_gate_shexp", "ffn_up_shexp", "ffn_gate_inp_shexp", "ffn_gate",
                 "ffn_up" -> 4;
            case "ffn_down_exps", "ffn_down_shexp", "ffn_down" -> 5;
            default -> throw new IllegalArgumentException(unplaced(name));
        };
    }

    private static String unplaced(String name) {
        return "tensor " + name + " is in no phase of the step ceiling's plan, which knows models with attention over"
                + " a key/value cache (qwen3moe, mixtral, olmoe and their dense forms), not multi-head latent attention";
    }
}
