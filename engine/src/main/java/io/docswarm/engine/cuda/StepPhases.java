package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one decode step at batch 1 must read, as the sequence of phases that wait for each other: each phase
 * needs the whole result of the one before it (a product needs its whole input row; attention needs every query
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
 * then the output norm and projection. The token's embedding row goes with the first phase. Work that can run
 * side by side (the heads' norms, RoPE, the softmax of a split attention, the experts' sum) is folded into a
 * neighbour, so no design that waits for whole phases has fewer, and a ceiling measured with these phases bounds
 * every such design. (Designs with finer waits can overlap more: an expert's down product needs only that
 * expert's hidden rows, a head's attention only its own query; {@link Phase#needsWholeInput} marks those
 * phases. The other four of a MoE layer need the whole result before them.) The weight bytes are
 * {@link CudaBench#activeBytesPerToken}'s.
 *
 * @param phases in order
 * @param weightBytes the phases' bytes of weights (the bandwidth figure's numerator), without the cache
 */
public record StepPhases(List<Phase> phases, long weightBytes) {
    /** Bytes of a cached key or value element (the engine's default F16 cache). */
    static final int CACHE_ELEMENT_BYTES = 2;

    /**
     * One phase: its name ("blk.3 attention"), the bytes it reads, whether which bytes is known before the phase
     * before it ends (all but the routed experts' gate and up matrices, which the routing chooses), so that a
     * kernel could fetch them early, and whether it needs the whole result of the phase before, or each part of
     * it only a part of that (a key/value head group's attention only its heads' queries, keys and values; an
     * expert's down product only its own hidden rows), so that a design with finer waits could start it early.
     */
    public record Phase(String name, long bytes, boolean knownAhead, boolean needsWholeInput) {
    }

    private static final Pattern LAYER_TENSOR = Pattern.compile("blk\\.(\\d+)\\.(\\w+)\\.(weight|bias)");
    private static final List<String> LAYER_PHASES =
            List.of("attention inputs", "attention", "attention output", "routing", "ffn in", "ffn out");
    /**
     * The engine's launches of a Qwen3-MoE decode step's layer, in order (DecodeStepLaunchesTest pins the
     * kernels), each with the tensor roles it reads; "K" and "V" are the cached keys and values.
     */
    private static final List<Map.Entry<String, List<String>>> LAYER_LAUNCHES = List.of(
            Map.entry("attention norm", List.of("attn_norm")),
            Map.entry("q, k, v products", List.of("attn_q", "attn_k", "attn_v")),
            Map.entry("head norms, rope, cache store", List.of("attn_q_norm", "attn_k_norm")),
            Map.entry("attention scores", List.of("K")),
            Map.entry("attention softmax", List.of()),
            Map.entry("attention values", List.of("V")),
            Map.entry("attention combine", List.of()),
            Map.entry("attention output", List.of("attn_output")),
            Map.entry("ffn norm", List.of("ffn_norm")),
            Map.entry("router", List.of("ffn_gate_inp")),
            Map.entry("routing", List.of()),
            Map.entry("gate, up", List.of("ffn_gate_exps", "ffn_up_exps")),
            Map.entry("hidden quantization", List.of()),
            Map.entry("down", List.of("ffn_down_exps")),
            Map.entry("expert sum", List.of()));
    /** The launches whose each block needs only part of the launch before (a head's rows, an expert's rows). */
    private static final java.util.Set<String> PARTIAL_INPUT_LAUNCHES = java.util.Set.of(
            "head norms, rope, cache store", "attention scores", "attention softmax", "attention values",
            "attention combine", "hidden quantization", "down");

    public StepPhases {
        phases = List.copyOf(phases);
    }

    /** The step's phases for a model's decode step with {@code positions} positions in the cache. */
    public static StepPhases of(GgufFile file, ModelConfig c, int positions) {
        Tensors t = Tensors.of(file, c, positions);
        List<Phase> phases = new ArrayList<>();
        for (int l = 0; l < c.blockCount(); l++) {
            Map<String, Long> roles = t.layers().get(l);
            boolean routed = roles.containsKey("ffn_gate_inp");
            long[] bytes = new long[LAYER_PHASES.size()];
            for (Map.Entry<String, Long> role : roles.entrySet()) {
                bytes[phase(l, role.getKey(), routed)] += role.getValue();
            }
            for (int p = 0; p < LAYER_PHASES.size(); p++) {
                if (bytes[p] > 0) {
                    boolean partialInput = p == 1 || (routed && p == 5);
                    phases.add(new Phase("blk." + l + " " + LAYER_PHASES.get(p), bytes[p], !(routed && p == 4),
                            !partialInput));
                }
            }
        }
        phases.set(0, new Phase(phases.get(0).name(), phases.get(0).bytes() + t.embeddingRow(), true, true));
        phases.add(new Phase("output", t.outputNorm() + t.output(), true, true));
        return new StepPhases(phases, t.weightBytes());
    }

    /**
     * The same step as the engine launches it today: 15 launches a layer for a Qwen3-MoE-style model (routed experts
     * only; a layer with any other tensor is refused), each reading its tensors (or none: the softmax statistics,
     * the routing, a quantization, a sum), with the step's first two launches (the embedding row, the RoPE angles)
     * and last four (the output norm, the output, a two-launch arg-max). Read by the step ceiling's kernels, it
     * shows what the launch structure alone costs.
     */
    public static StepPhases launchesOf(GgufFile file, ModelConfig c, int positions) {
        Tensors t = Tensors.of(file, c, positions);
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("embedding row", t.embeddingRow(), true, true));
        phases.add(new Phase("rope angles", 0, true, true));
        java.util.Set<String> launched = new java.util.HashSet<>();
        LAYER_LAUNCHES.forEach(e -> launched.addAll(e.getValue()));
        for (int l = 0; l < c.blockCount(); l++) {
            Map<String, Long> roles = t.layers().get(l);
            for (String role : roles.keySet()) {
                if (!launched.contains(role)) {
                    throw new IllegalArgumentException("the engine's launch plan is written for Qwen3-MoE-style layers:"
                            + " no launch of it reads blk." + l + "." + role);
                }
            }
            if (!roles.containsKey("ffn_gate_inp")) {
                throw new IllegalArgumentException("the engine's launch plan is written for Qwen3-MoE-style layers:"
                        + " blk." + l + " has no router");
            }
            for (Map.Entry<String, List<String>> launch : LAYER_LAUNCHES) {
                long bytes = launch.getValue().stream().mapToLong(r -> roles.getOrDefault(r, 0L)).sum();
                boolean chosenByRouting = launch.getValue().contains("ffn_gate_exps");
                phases.add(new Phase("blk." + l + " " + launch.getKey(), bytes, !chosenByRouting,
                        !PARTIAL_INPUT_LAUNCHES.contains(launch.getKey())));
            }
        }
        phases.add(new Phase("output norm", t.outputNorm(), true, true));
        phases.add(new Phase("output", t.output(), true, true));
        phases.add(new Phase("arg-max blocks", 0, true, true));
        phases.add(new Phase("arg-max pick", 0, true, true));
        return new StepPhases(phases, t.weightBytes());
    }

    /**
     * The bytes a decode step reads of each tensor: per layer by role ("attn_q", ...; the experts' stacks scaled
     * to the experts used; "K" and "V" the cache), the embedding row (0 when the output is tied to the embedding,
     * which then reads all of it), the output norm and output matrix; and the weights' bytes in all
 * ({@link CudaBench#activeBytes}'s rule, tensor by tensor).
     */
    private record Tensors(List<Map<String, Long>> layers, long embeddingRow, long outputNorm, long output,
                           long weightBytes) {
        static Tensors of(GgufFile file, ModelConfig c, int positions) {
            boolean tied = file.findTensor("output.weight").isEmpty();
            List<Map<String, Long>> layers = new ArrayList<>();
            long cacheHalf = (long) positions * c.kvWidth() * CACHE_ELEMENT_BYTES;
            for (int l = 0; l < c.blockCount(); l++) {
                Map<String, Long> roles = new java.util.LinkedHashMap<>();
                roles.put("K", cacheHalf);
                roles.put("V", cacheHalf);
                layers.add(roles);
            }
            long embeddingRow = 0;
            long outputNorm = 0;
            long output = 0;
            for (GgufTensor t : file.tensors()) {
                long bytes = CudaBench.activeBytes(t, tied, c);
                Matcher m = LAYER_TENSOR.matcher(t.name());
                if (m.matches()) {
                    layers.get(Integer.parseInt(m.group(1))).merge(m.group(2), bytes, Long::sum);
                } else if (t.name().equals("token_embd.weight")) {
                    if (tied) {
                        output += bytes;
                    } else {
                        embeddingRow = bytes;
                    }
                } else if (t.name().equals("output.weight")) {
                    output += bytes;
                } else if (t.name().equals("output_norm.weight")) {
                    outputNorm = bytes;
                } else {
                    throw new IllegalArgumentException(unplaced(t.name()));
                }
            }
            return new Tensors(layers, embeddingRow, outputNorm, output, CudaBench.activeBytesPerToken(file, c));
        }
    }

    /** Every byte a step reads: the weights and the cache. */
    public long totalBytes() {
        return phases.stream().mapToLong(Phase::bytes).sum();
    }

    /** The same phases reading nothing: what ordering them costs by itself. */
    public StepPhases empty() {
        return new StepPhases(phases.stream().map(p -> new Phase(p.name(), 0, p.knownAhead(), p.needsWholeInput()))
                .toList(), 0);
    }

    /** The same bytes as one phase: the card's bandwidth with nothing to wait for. */
    public StepPhases merged() {
        return new StepPhases(List.of(new Phase("whole step", totalBytes(), true, true)), weightBytes);
    }

    private static int phase(int layer, String role, boolean routed) {
        return switch (role) {
            case "attn_norm", "attn_q", "attn_k", "attn_v", "attn_qkv", "attn_q_norm", "attn_k_norm" -> 0;
            case "K", "V" -> 1;
            case "attn_output" -> 2;
            case "ffn_gate_inp", "exp_probs_b" -> 3;
            case "ffn_norm" -> routed ? 3 : 4;
            case "ffn_gate_exps", "ffn_up_exps", "ffn_gate_shexp", "ffn_up_shexp", "ffn_gate_inp_shexp", "ffn_gate",
                 "ffn_up" -> 4;
            case "ffn_down_exps", "ffn_down_shexp", "ffn_down" -> 5;
            default -> throw new IllegalArgumentException(unplaced("blk." + layer + "." + role));
        };
    }

    private static String unplaced(String name) {
        return "tensor " + name + " is in no phase of the step ceiling's plan, which knows models with attention"
                + " over a key/value cache (qwen3moe, mixtral, olmoe and their dense forms), not multi-head latent"
                + " attention";
    }
}
