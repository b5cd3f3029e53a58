package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The step ceiling's kernels (ceiling.cu) on the host emulation, and the emulator's cooperative launches: every
 * form reads each word of every phase exactly once, and the persistent form's grid barrier holds every block
 * until all have finished the phase (its own check). Timing needs a GPU (CudaStepCeiling). Skipped without a
 * C++ compiler.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepCeilingTest {
    private static final int BLOCK = 64;

    private Path dir;
    private Path library;
    private StepPhases step;
    private StepPhases launches;

    @BeforeAll
    void build() throws Exception {
        dir = Files.createTempDirectory("step-ceiling");
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 320, 128, 2, 4, 2, 32, 64, 8, 2, 256);
        Path model = dir.resolve("m.gguf");
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 9).write(model);
        try (GgufFile file = GgufFile.open(model)) {
            step = StepPhases.of(file, ModelLoader.config(file), 24);
            launches = StepPhases.launchesOf(file, ModelLoader.config(file), 24);
        }
        String cxx = EmulatedGpu.cxx();
        if (cxx != null) {
            library = EmulatedGpu.build(cxx, dir);
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyFormReadsEachWordOnceAndTheBarrierHoldsEveryBlock(boolean firstBlockFirst) {
        assumeTrue(library != null, "no C++ compiler: the kernel emulator is not built");
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            gpu.firstBlockFirst(firstBlockFirst);
            int blocks = gpu.cooperativeBlocks("ceiling_persistent", BLOCK);
            assertTrue(blocks > 1, "a single block would not exercise the barrier");
            StepCeiling ceiling = new StepCeiling(gpu, List.of(step, launches), blocks, BLOCK);
            for (StepPhases plan : new StepPhases[] {step, step.merged(), step.empty(), launches}) {
                for (StepCeiling.Form form : StepCeiling.Form.values()) {
                    StepCeiling.Check check = ceiling.check(plan, form);
                    assertTrue(check.passed(), form + " over " + plan.phases().size() + " phases: " + check);
                }
            }
            // The real plan reads bytes: a sum of nothing would pass vacuously.
            assertNotEquals(0, ceiling.check(step, StepCeiling.Form.PERSISTENT).expected());
            // Checked twice in a row: the barrier's state and the counters are left ready for the next step.
            assertTrue(ceiling.check(step, StepCeiling.Form.PERSISTENT_PREFETCH).passed());
        }
    }

    @Test
    void theReportChecksAndTimesEveryPlanAndForm() {
        assumeTrue(library != null, "no C++ compiler: the kernel emulator is not built");
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            boolean passed = CudaStepCeiling.report(gpu, step, launches, gpu.cooperativeBlocks("ceiling_persistent", BLOCK), BLOCK, 1,
                    new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(passed, out);
            java.util.List<String> rows = out.lines().filter(l -> l.endsWith("| ok")).toList();
            // Five forms of the phases, one of one phase, three of no bytes, five of the engine's launches.
            assertEquals(14, rows.size(), out);
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("phases      | launches, staged ")), out);
            assertTrue(rows.getFirst().startsWith("phases      | launches "), out);
            assertTrue(out.contains(step.phases().size() + " phases"), out);
            // Then the decision rule applied to these times (CeilingVerdictTest checks its arithmetic).
            assertTrue(out.lines().anyMatch(l -> l.startsWith("whole phases: best ")), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("reading: ")), out);
        }
    }

    @Test
    void aPlanLargerThanTheBufferIsRefused() {
        assumeTrue(library != null, "no C++ compiler: the kernel emulator is not built");
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            StepCeiling ceiling = new StepCeiling(gpu, List.of(step.empty()), 2, BLOCK);
            assertTrue(ceiling.check(step.empty(), StepCeiling.Form.PERSISTENT).passed());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ceiling.check(step, StepCeiling.Form.LAUNCHES));
            assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        }
    }

    @Test
    void phasesStartOnWholeLinesAndCoverTheirBytes() {
        long[] b = StepCeiling.wordBounds(step);
        assertEquals(step.phases().size() + 1, b.length);
        for (int p = 0; p < step.phases().size(); p++) {
            long words = b[p + 1] - b[p];
            assertEquals(0, b[p] % (StepCeiling.LINE / 16), "phase " + p + " starts mid-line");
            assertTrue(16 * words >= step.phases().get(p).bytes() && 16 * words < step.phases().get(p).bytes() + StepCeiling.LINE,
                    "phase " + p + ": " + words + " words for " + step.phases().get(p).bytes() + " bytes");
        }
    }

    @Test
    void aKernelWithGridBarriersRefusesAPlainLaunchAndAGridLargerThanTheDeviceHolds() {
        assumeTrue(library != null, "no C++ compiler: the kernel emulator is not built");
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceBuffer data = gpu.allocate(1024);
            DeviceBuffer small = gpu.allocate(64);
            Object[] args = {data, small, small, 0, 0, small, null, small, small};
            IllegalStateException plain = assertThrows(IllegalStateException.class,
                    () -> gpu.launch("ceiling_persistent", 2, 1, BLOCK, args));
            assertTrue(plain.getMessage().contains("(-3)"), plain.getMessage());
            int limit = gpu.cooperativeBlocks("ceiling_persistent", BLOCK);
            assertThrows(IllegalArgumentException.class, () -> gpu.launchCooperative("ceiling_persistent", limit + 1, BLOCK, args));
            assertThrows(IllegalArgumentException.class, () -> new StepCeiling(gpu, List.of(step), limit + 1, BLOCK));
        }
    }
}
