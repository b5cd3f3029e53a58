package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole models give the same logits, bit for bit, whatever form their launches take, on the host emulation: a
 * prompt batch with every row's logits, decode steps (the first launched one by one, the others replayed from
 * the recorded graph), then the prompt again with its last row's logits only. The forms: Q4_K_M's q+k and v
 * products in one launch ({@code matvec_pair_q4_k_q6_k}) or two ({@link CudaModel#PAIR_PRODUCTS}); a grid's
 * blocks run from the first or from the last (a device promises no order); a decode step whose recording fails
 * part way, launched one by one. Skipped without a C++ compiler; the pairing's comparison on a GPU is skipped
 * without one.
 */
class LaunchFormsTest {
    private static final int[] PROMPT = {1, 5, 9, 11, 4, 17};
    private static final int[] GENERATED = {7, 3, 12};

    /** The class's files; the kernels' host emulation, built there on first use (a build takes seconds). */
    private static Path classDir;
    private static Path library;

    @TempDir
    Path dir;

    /** The two-layer models most cases compare, written once for the class. */
    private static Path qwen3moe;
    private static Path deepseek2;
    /** Each model's run on the emulation with the defaults. */
    private static final Map<Path, Run> BY_DEFAULT = new HashMap<>();

    /** Where a run's kernels execute: the host emulation or a device. */
    @FunctionalInterface
    private interface GpuSource {
        Gpu open() throws Exception;
    }

    private static final GpuSource EMULATED = () -> new EmulatedGpu(emulator(), 1L << 32);

    @BeforeAll
    static void writeModels(@TempDir Path dir) throws Exception {
        classDir = dir;
        qwen3moe = DecodeStepLaunchesTest.qwen3moe(dir, 2);
        deepseek2 = DecodeStepLaunchesTest.deepseek2(dir, 2);
    }

    /** The emulation; the test is skipped without a C++ compiler. */
    private static Path emulator() throws Exception {
        if (library == null) {
            library = DecodeStepLaunchesTest.emulator(classDir);
        }
        return library;
    }

    /** A model's run on the emulation with the defaults, which most cases compare against. */
    private Run byDefault(Path file) throws Exception {
        Run run = BY_DEFAULT.get(file);
        if (run == null) {
            run = run(file, null);
            BY_DEFAULT.put(file, run);
        }
        return run;
    }

    /** Every q+k and v product pairs its two matrices in one launch, prompts' and decode steps' alike. */
    @Test
    void qwen3MoeLogitsAreTheSameWithTheProductsInTwoLaunches() throws Exception {
        Run paired = byDefault(qwen3moe);
        Run separate = run(qwen3moe, CudaModel.PAIR_PRODUCTS);
        // Two layers; the prompt twice and three generated tokens (the first launched, the second recorded and
        // both of them replayed: a replay's launches do not pass through the log).
        assertEquals(2 * 4, Collections.frequency(paired.kernels(), "matvec_pair_q4_k_q6_k"),
                "paired: " + paired.kernels());
        assertTrue(separate.kernels().stream().noneMatch(k -> k.startsWith("matvec_pair_")),
                "two launches: " + separate.kernels());
        assertSameLogits(separate, paired);
    }

    /**
     * One query head an attention block instead of every head of a group (qwen3moe's 2) or of the latent cache
     * (deepseek2's 4): more blocks, the same logits bit for bit (the position splits stay the same here).
     */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3moe", "deepseek2"})
    void logitsAreTheSameWithOneQueryHeadAnAttentionBlock(String model) throws Exception {
        Path file = model.equals("qwen3moe") ? qwen3moe : deepseek2;
        Run grouped = byDefault(file);
        Run single = runWith(file, Map.of(CudaModel.ATTENTION_HEADS, "1"), EMULATED, gpu -> gpu);
        String scores = model.equals("qwen3moe") ? "attention_scores_f16" : "attention_scores";
        int heads = model.equals("qwen3moe") ? 2 : 4;
        assertEquals(heads * scoresBlocks(grouped, scores), scoresBlocks(single, scores), model);
        assertSameLogits(grouped, single);
    }

    /** The blocks of the first launch of {@code kernel} in {@code run}. */
    private static int scoresBlocks(Run run, String kernel) {
        return run.launches().stream().filter(l -> l.kernel().equals(kernel)).findFirst().orElseThrow().gridX();
    }

    /**
     * The emulator's blocks run from the first instead of from the last: the same logits, bit for bit (no kernel
     * may count on an order of its blocks: those that share work through atomics, such as moe_group, included).
     */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3moe", "deepseek2"})
    void logitsAreTheSameWhateverOrderTheBlocksRunIn(String model) throws Exception {
        Path file = model.equals("qwen3moe") ? qwen3moe : deepseek2;
        GpuSource firstBlockFirst = () -> {
            EmulatedGpu gpu = new EmulatedGpu(emulator(), 1L << 32);
            gpu.firstBlockFirst(true);
            return gpu;
        };
        assertSameLogits(byDefault(file), run(file, null, firstBlockFirst, gpu -> gpu));
    }

    /**
     * The products paired and in two launches, on a GPU: the same logits bit for bit (the recorded decode steps run
     * with programmatic launch on sm_90 and newer). qwen3moe only: deepseek2's layers have no pair. Skipped without
     * a CUDA device.
     */
    @Test
    void pairedProductsKeepTheBitsOnTheGpu() throws Exception {
        CudaRuntime.Availability cuda = CudaRuntime.probe();
        assumeTrue(cuda.available(), "no CUDA device (" + cuda.problem() + "): the pairing is not compared on a GPU");
        GpuSource device = () -> new CudaContext(cuda.devices().get(0));
        assertSameLogits(run(qwen3moe, CudaModel.PAIR_PRODUCTS, device, gpu -> gpu),
                run(qwen3moe, null, device, gpu -> gpu));
    }

    @Test
    void anUnknownSettingIsRefusedByName() throws Exception {
        String property = CudaModel.PAIR_PRODUCTS;
        Path file = DecodeStepLaunchesTest.qwen3moe(dir, 1);
        System.setProperty(property, "yes");
        try (GgufFile gguf = GgufFile.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CudaModel.load(EMULATED.open(), gguf, ModelLoader.config(gguf), 64, 8,
                            GgmlType.F16).close());
            assertTrue(e.getMessage().contains(property), e.getMessage());
        } finally {
            System.clearProperty(property);
        }
    }

    /**
     * A decode step whose recording as a graph fails part way (here at the q+k and v products of its second
     * layer) is launched kernel by kernel from then on, with the same logits.
     */
    @Test
    void aDecodeStepWhoseRecordingFailsPartWayFallsBackWithTheSameLogits() throws Exception {
        Path file = qwen3moe;
        Run recorded = byDefault(file);
        Run fallback = run(file, null, EMULATED, gpu -> new CaptureFailsAt(gpu, "matvec_pair_q4_k_q6_k", 2));
        // Launched one by one, every later step's launches pass through the log (a replay's do not).
        assertTrue(fallback.kernels().size() > recorded.kernels().size(), "no fallback: " + fallback.kernels());
        assertSameLogits(recorded, fallback);
    }

    private static void assertSameLogits(Run separate, Run fused) {
        assertEquals(separate.logits().size(), fused.logits().size());
        for (int i = 0; i < separate.logits().size(); i++) {
            assertArrayEquals(separate.logits().get(i), fused.logits().get(i), "logits after token " + i);
        }
    }

    private record Run(List<float[]> logits, List<LaunchLog.Launch> launches) {
        List<String> kernels() {
            return launches.stream().map(LaunchLog.Launch::kernel).toList();
        }
    }

    /**
     * The prompt in one batch, then the generated tokens one by one (the decode step recorded and replayed), with
     * the switch {@code off} (a system property, or null for none) set to false.
     */
    private Run run(Path file, String off) throws Exception {
        return run(file, off, EMULATED, gpu -> gpu);
    }

    private Run run(Path file, String off, GpuSource source, UnaryOperator<Gpu> wrap) throws Exception {
        return runWith(file, off == null ? Map.of() : Map.of(off, "false"), source, wrap);
    }

    /** {@link #run(Path, String)} with each of {@code properties} set to its value. */
    private Run runWith(Path file, Map<String, String> properties, GpuSource source, UnaryOperator<Gpu> wrap)
            throws Exception {
        properties.forEach(System::setProperty);
        try (GgufFile gguf = GgufFile.open(file)) {
            LaunchLog gpu = new LaunchLog(wrap.apply(source.open()));
            try (CudaModel m = CudaModel.load(gpu, gguf, ModelLoader.config(gguf), 64, 8, GgmlType.F16)) {
                List<float[]> logits = new ArrayList<>();
                m.forward(PROMPT, 0, PROMPT.length, true);
                for (int row = 0; row < PROMPT.length; row++) {
                    logits.add(m.logits(row).clone());
                }
                for (int token : GENERATED) {
                    m.forward(new int[] {token}, 0, 1, false);
                    logits.add(m.logits(0).clone());
                }
                m.reset();
                m.forward(PROMPT, 0, PROMPT.length, false);
                logits.add(m.logits(0).clone());
                return new Run(logits, gpu.launches());
            }
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    /** A GPU whose graph captures fail at the {@code nth} launch of {@code kernel} that they record. */
    private static final class CaptureFailsAt extends ForwardingGpu {
        private final String kernel;
        private final int nth;
        private int seen;
        private boolean capturing;

        CaptureFailsAt(Gpu gpu, String kernel, int nth) {
            super(gpu);
            this.kernel = kernel;
            this.nth = nth;
        }

        @Override
        public Object capture(Runnable launches) {
            capturing = true;
            seen = 0;
            try {
                return gpu.capture(launches);
            } finally {
                capturing = false;
            }
        }

        @Override
        public void launch(String name, int gridX, int gridY, int block, Object... args) {
            if (capturing && name.equals(kernel) && ++seen == nth) {
                throw new IllegalStateException("capture failed at " + name + " (test)");
            }
            gpu.launch(name, gridX, gridY, block, args);
        }
    }
}
