package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.engine.model.MlaShape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decode step's phases: which tensors each reads, in dependency order, and the cache. */
class StepPhasesTest {
    @TempDir
    Path dir;

    /** A Q4_K_M-like qwen3moe model: 3 layers of 8 experts (2 used), 2 key/value heads of 64. */
    private Path moeModel() throws Exception {
        Path path = dir.resolve("moe.gguf");
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 512, 256, 3, 4, 2, 64, 64, 8, 2, 256);
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 3).write(path);
        return path;
    }

    private static long bytes(GgufFile file, String tensor) {
        return file.findTensor(tensor).orElseThrow().byteSize();
    }

    @Test
    void aMoeLayerIsSixPhasesReadingTheSelectedExpertsAndTheCache() throws Exception {
        Path path = moeModel();
        int positions = 40;
        try (GgufFile file = GgufFile.open(path)) {
            ModelConfig c = ModelLoader.config(file);
            StepPhases step = StepPhases.of(file, c, positions);
            assertEquals(6 * 3 + 1, step.phases().size());
            assertEquals(List.of("blk.0 attention inputs", "blk.0 attention", "blk.0 attention output", "blk.0 routing",
                    "blk.0 ffn in", "blk.0 ffn out"), step.phases().subList(0, 6).stream().map(StepPhases.Phase::name).toList());
            assertEquals("output", step.phases().getLast().name());
            long cache = (long) positions * 2 * 64 * 2 * 2; // positions x kv heads x head dim x (K, V) x F16
            // The phases read every active weight byte once, and the cache.
            assertEquals(CudaBench.activeBytesPerToken(file, c) + 3 * cache, step.totalBytes());
            assertEquals(CudaBench.activeBytesPerToken(file, c), step.weightBytes());

            List<Long> layer1 = step.phases().subList(6, 12).stream().map(StepPhases.Phase::bytes).toList();
            String b = "blk.1.";
            assertEquals(bytes(file, b + "attn_norm.weight") + bytes(file, b + "attn_q.weight") + bytes(file, b + "attn_k.weight")
                    + bytes(file, b + "attn_v.weight") + bytes(file, b + "attn_q_norm.weight")
                    + bytes(file, b + "attn_k_norm.weight"), layer1.get(0));
            assertEquals(cache, layer1.get(1));
            assertEquals(bytes(file, b + "attn_output.weight"), layer1.get(2));
            assertEquals(bytes(file, b + "ffn_norm.weight") + bytes(file, b + "ffn_gate_inp.weight"), layer1.get(3));
            assertEquals((bytes(file, b + "ffn_gate_exps.weight") + bytes(file, b + "ffn_up_exps.weight")) / 8 * 2,
                    layer1.get(4));
            assertEquals(bytes(file, b + "ffn_down_exps.weight") / 8 * 2, layer1.get(5));
            // Only the routed experts' gate and up matrices are unknown until the phase before them ends.
            assertEquals(List.of(true, true, true, true, false, true),
                    step.phases().subList(6, 12).stream().map(StepPhases.Phase::knownAhead).toList());
            // Attention (by key/value head group) and the experts' down products (by expert) need only part of
            // the phase before; the other four need all of it.
            assertEquals(List.of(true, false, true, true, true, false),
                    step.phases().subList(6, 12).stream().map(StepPhases.Phase::needsWholeInput).toList());
            // The embedding row is read with the first phase; the output norm and projection last.
            assertEquals(step.phases().get(0).bytes() - layer1.get(0),
                    bytes(file, "token_embd.weight") / 512);
            assertEquals(bytes(file, "output_norm.weight") + bytes(file, "output.weight"), step.phases().getLast().bytes());
        }
    }

    @Test
    void theEngineLaunchesAQwen3MoeStepInFifteenLaunchesALayerReadingTheSameBytes() throws Exception {
        Path path = moeModel();
        try (GgufFile file = GgufFile.open(path)) {
            ModelConfig c = ModelLoader.config(file);
            StepPhases phases = StepPhases.of(file, c, 40);
            StepPhases launches = StepPhases.launchesOf(file, c, 40);
            // DecodeStepLaunchesTest's count: two launches first, 15 a layer, four last.
            assertEquals(2 + 15 * 3 + 4, launches.phases().size());
            assertEquals(phases.weightBytes(), launches.weightBytes());
            assertEquals(phases.totalBytes(), launches.totalBytes());
            String b = "blk.2.";
            StepPhases.Phase products = launches.phases().get(2 + 15 * 2 + 1);
            assertEquals("blk.2 q, k, v products", products.name());
            assertEquals(bytes(file, b + "attn_q.weight") + bytes(file, b + "attn_k.weight") + bytes(file, b + "attn_v.weight"),
                    products.bytes());
            StepPhases.Phase scores = launches.phases().get(2 + 15 * 2 + 3);
            assertEquals("blk.2 attention scores", scores.name());
            assertEquals(40L * 2 * 64 * 2, scores.bytes()); // the keys alone
            assertEquals(List.of("blk.2 gate, up"), launches.phases().stream().filter(p -> !p.knownAhead())
                    .map(StepPhases.Phase::name).filter(n -> n.startsWith("blk.2")).toList());
            // Seven launches a layer need only part of the launch before (a head's or an expert's rows).
            assertEquals(7 * 3, launches.phases().stream().filter(p -> !p.needsWholeInput()).count());
            assertTrue(launches.phases().stream().filter(p -> p.name().equals("blk.2 expert sum"))
                    .allMatch(StepPhases.Phase::needsWholeInput));
            // --plan prints the totals, then a line a launch.
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            CudaStepCeiling.printPlan(launches, new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            List<String> lines = printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            assertEquals(launches.phases().size() + 1, lines.size());
            assertTrue(lines.getFirst().startsWith(launches.phases().size() + " phases: " + launches.weightBytes()), lines.getFirst());
            assertTrue(lines.stream().anyMatch(l -> l.contains("blk.2 gate, up") && l.endsWith("(chosen by the phase before)")));
        }
    }

    @Test
    void aDenseLayerHasNoRoutingPhaseAndNoPlanOfTheEngineLaunches() throws Exception {
        ModelShape shape = new ModelShape(Architecture.LLAMA, 320, 128, 2, 4, 2, 32, 96, 0, 0, 256);
        Path path = dir.resolve("dense.gguf");
        new RandomModelWriter(shape, GgmlType.Q8_0, 5).write(path);
        try (GgufFile file = GgufFile.open(path)) {
            ModelConfig c = ModelLoader.config(file);
            StepPhases step = StepPhases.of(file, c, 8);
            assertEquals(List.of("blk.0 attention inputs", "blk.0 attention", "blk.0 attention output", "blk.0 ffn in",
                    "blk.0 ffn out"), step.phases().subList(0, 5).stream().map(StepPhases.Phase::name).toList());
            assertEquals(2 * 5 + 1, step.phases().size());
            assertTrue(step.phases().stream().allMatch(StepPhases.Phase::knownAhead));
            // A dense down product needs the whole hidden row: only attention waits for part of its input.
            assertEquals(List.of("blk.0 attention", "blk.1 attention"), step.phases().stream()
                    .filter(p -> !p.needsWholeInput()).map(StepPhases.Phase::name).toList());
            assertEquals(bytes(file, "blk.1.ffn_norm.weight") + bytes(file, "blk.1.ffn_gate.weight")
                    + bytes(file, "blk.1.ffn_up.weight"), step.phases().get(8).bytes());
            assertEquals(CudaBench.activeBytesPerToken(file, c) + 2 * 8L * 2 * 32 * 2 * 2, step.totalBytes());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepPhases.launchesOf(file, c, 8));
            assertTrue(e.getMessage().contains("Qwen3-MoE-style"), e.getMessage());
        }
    }

    @Test
    void emptyAndMergedPlansKeepThePhasesOrTheBytes() throws Exception {
        try (GgufFile file = GgufFile.open(moeModel())) {
            StepPhases step = StepPhases.of(file, ModelLoader.config(file), 4);
            assertEquals(step.phases().size(), step.empty().phases().size());
            assertEquals(0, step.empty().totalBytes());
            assertEquals(1, step.merged().phases().size());
            assertEquals(step.totalBytes(), step.merged().totalBytes());
            assertEquals(step.weightBytes(), step.merged().weightBytes());
        }
    }

    @Test
    void latentAttentionIsRefusedNamingATensor() throws Exception {
        Path path = dir.resolve("mla.gguf");
        ModelShape shape = new ModelShape(Architecture.DEEPSEEK2, 320, 64, 2, 4, 1, 48, 64, 8, 2, 256);
        MlaShape mla = new MlaShape(32, 32, 32, 16, 32, 1, 32, 1, 4, 2, 40f, 4096, 0.1f, 2.5f, false);
        new RandomModelWriter(shape, mla, GgmlType.F32, 7).write(path);
        try (GgufFile file = GgufFile.open(path)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StepPhases.of(file, ModelLoader.config(file), 4));
            assertTrue(e.getMessage().contains("tensor blk.0.") && e.getMessage().contains("multi-head latent attention"),
                    e.getMessage());
        }
    }
}
