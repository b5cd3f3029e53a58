package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.MlaShape;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MoE layer's weighted expert sum taken into the launch of the next norm ({@code moe_combine_rms_norm_q8_k})
 * gives the same logits, bit for bit, as the sum launched on its own ({@code moe_combine}) followed by the norm,
 * on the host emulation: for a prompt batch (the layers' norms fused over all rows, the final norm of the last
 * row only, which takes the separate sum) and for decode steps (every norm fused, the final one included).
 * Skipped without a C++ compiler.
 */
class ExpertSumFusionTest {
    private static final int[] PROMPT = {1, 5, 9, 11, 4, 17};
    private static final int[] GENERATED = {7, 3, 12};

    @TempDir
    Path dir;

    @Test
    void qwen3MoeLogitsAreTheSameWithTheSumInTheNorm() throws Exception {
        Path file = DecodeStepLaunchesTest.qwen3moe(dir, 3);
        assertSameLogits(file);
    }

    /** deepseek2 without shared experts: its MoE layers end with the routed sum alone, as qwen3moe's do. */
    @Test
    void deepSeek2LogitsAreTheSameWithTheSumInTheNorm() throws Exception {
        ModelShape shape = new ModelShape(Architecture.DEEPSEEK2, 512, 256, 3, 4, 1, 192, 256, 8, 2, 256);
        MlaShape mla = new MlaShape(256, 256, 128, 64, 128, 1, 512, 0, 0, 0, 0f, 4096, 0f, 2.5f, false);
        Path file = dir.resolve("deepseek2-unshared.gguf");
        new RandomModelWriter(shape, mla, GgmlType.Q4_K, 1).write(file);
        assertSameLogits(file);
    }

    @Test
    void anUnknownSettingIsRefusedByName() throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        Path file = DecodeStepLaunchesTest.qwen3moe(dir, 1);
        System.setProperty(CudaModel.FUSE_EXPERT_SUM, "yes");
        try (GgufFile gguf = GgufFile.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CudaModel.load(new EmulatedGpu(library, 1L << 32), gguf, ModelLoader.config(gguf), 64, 8,
                            GgmlType.F16).close());
            assertTrue(e.getMessage().contains(CudaModel.FUSE_EXPERT_SUM), e.getMessage());
        } finally {
            System.clearProperty(CudaModel.FUSE_EXPERT_SUM);
        }
    }

    private void assertSameLogits(Path file) throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        Run separate = run(library, file, false);
        Run fused = run(library, file, true);
        // The setting took effect: one run launches the sums on their own, the other never does.
        assertTrue(separate.kernels().contains("moe_combine"), "separate sums: " + separate.kernels());
        assertTrue(!separate.kernels().contains("moe_combine_rms_norm_q8_k"), "separate sums: " + separate.kernels());
        assertTrue(fused.kernels().contains("moe_combine_rms_norm_q8_k"), "fused sums: " + fused.kernels());
        // The prompt's final norm covers its last row only: that sum alone is launched on its own.
        assertEquals(1, Collections.frequency(fused.kernels(), "moe_combine"), "fused sums: " + fused.kernels());
        assertEquals(separate.logits().size(), fused.logits().size());
        for (int i = 0; i < separate.logits().size(); i++) {
            assertArrayEquals(separate.logits().get(i), fused.logits().get(i), "logits after token " + i);
        }
    }

    private record Run(List<float[]> logits, List<String> kernels) {}

    /** The prompt in one batch, then the generated tokens one by one (the decode step recorded and replayed). */
    private static Run run(Path library, Path file, boolean fuse) throws Exception {
        System.setProperty(CudaModel.FUSE_EXPERT_SUM, Boolean.toString(fuse));
        try (GgufFile gguf = GgufFile.open(file)) {
            LaunchLog gpu = new LaunchLog(new EmulatedGpu(library, 1L << 32));
            try (CudaModel m = CudaModel.load(gpu, gguf, ModelLoader.config(gguf), 64, 8, GgmlType.F16)) {
                List<float[]> logits = new ArrayList<>();
                m.forward(PROMPT, 0, PROMPT.length, false);
                logits.add(m.logits(0).clone());
                for (int token : GENERATED) {
                    m.forward(new int[] {token}, 0, 1, false);
                    logits.add(m.logits(0).clone());
                }
                return new Run(logits, gpu.kernels());
            }
        } finally {
            System.clearProperty(CudaModel.FUSE_EXPERT_SUM);
        }
    }
}
