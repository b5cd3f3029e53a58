package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole models give the same logits, bit for bit, with each launch fusion of the decode step switched off (the
 * system properties that let a device run time the two forms) as with all of them on, on the host emulation: a
 * prompt batch with every row's logits, decode steps, then the prompt again with its last row's logits only.
 * {@link CudaModel#FUSE_EXPERT_SUM}: a MoE layer's weighted expert sum in the next norm's launch
 * ({@code moe_combine_rms_norm_q8_k}) or on its own ({@code moe_combine}); the final norm of a prompt's last row
 * only takes the separate sum.
 * {@link CudaModel#PAIR_PRODUCTS}: Q4_K_M's q+k and v products in one launch ({@code matvec_pair_q4_k_q6_k}) or
 * two.
 * {@link CudaModel#FUSE_ROUTING}: a decode step's feed-forward norm, router and routing in one launch
 * ({@code rms_norm_route}) or three; prompts always take the three.
 * {@link CudaModel#FUSE_HIDDEN_QUANTIZATION}: a decode step's expert hidden rows quantized by their SwiGLU launch
 * ({@code swiglu_quantize_q4_k}) or by {@code quantize_q8_k}.
 * {@link CudaModel#FUSE_HEAD_NORMS}: a Qwen3 decode step's per-head query and key norms, RoPE and cache store in
 * the query, key and value products' launch ({@code qkv_norm_rope_store_q4_k_q6_k}) or on their own
 * ({@code qk_norm_rope_store_f16}); prompts always take the latter. Skipped without a C++ compiler; the same
 * comparisons on a GPU are skipped without one.
 */
class FusedLaunchesTest {
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
    /** Each model's run on the emulation with every fusion on, which most cases compare against. */
    private static final Map<Path, Run> ALL_FUSED = new HashMap<>();

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

    private Run allFused(Path file) throws Exception {
        Run run = ALL_FUSED.get(file);
        if (run == null) {
            run = run(file, null);
            ALL_FUSED.put(file, run);
        }
        return run;
    }

    @Test
    void qwen3MoeLogitsAreTheSameWithTheExpertSumOnItsOwn() throws Exception {
        Run separate = run(qwen3moe, CudaModel.FUSE_EXPERT_SUM);
        assertExpertSumSeparate(separate);
        Run fused = allFused(qwen3moe);
        assertExpertSumFused(fused);
        assertSameLogits(separate, fused);
    }

    /**
     * The q+k and v products paired or in two launches, with the head norms on their own, so that decode steps
     * take the pair kernel too (with the head norms fused, their launch pairs the products itself, and pairs off
     * switch that off as well).
     */
    @Test
    void qwen3MoeLogitsAreTheSameWithTheProductsInTwoLaunches() throws Exception {
        Run paired = run(qwen3moe, CudaModel.FUSE_HEAD_NORMS);
        Run separate = run(qwen3moe, CudaModel.FUSE_HEAD_NORMS, CudaModel.PAIR_PRODUCTS);
        // More pair launches than with every fusion on, where only the prompts pair: the decode steps' too.
        Run fused = allFused(qwen3moe);
        assertTrue(Collections.frequency(paired.kernels(), "matvec_pair_q4_k_q6_k")
                > Collections.frequency(fused.kernels(), "matvec_pair_q4_k_q6_k"), "paired: " + paired.kernels());
        assertTrue(separate.kernels().stream().noneMatch(k -> k.startsWith("matvec_pair_") || k.startsWith("qkv_")),
                "two launches: " + separate.kernels());
        Run headNorms = run(qwen3moe, CudaModel.PAIR_PRODUCTS);
        assertTrue(headNorms.kernels().stream().noneMatch(k -> k.startsWith("matvec_pair_") || k.startsWith("qkv_")),
                "pairs off: no launch pairs the products, the head norms' included: " + headNorms.kernels());
        assertSameLogits(separate, paired);
        assertSameLogits(separate, fused);
    }

    /**
     * A qwen3moe model whose q, k and v matrices are all Q4_K (one stacked matrix): its decode steps norm the
     * heads in the launch of that one product ({@code qkv_norm_rope_store_q4_k}), with the logits of the separate
     * launches.
     */
    @Test
    void qwen3MoeWithOneProjectionMatrixNormsTheHeadsInItsLaunch() throws Exception {
        Path file = dir.resolve("qwen3moe-q4_k.gguf");
        new RandomModelWriter(new ModelShape(Architecture.QWEN3MOE, 512, 256, 2, 4, 2, 64, 256, 8, 2, 256),
                GgmlType.Q4_K, 1).write(file);
        Run fused = run(file, null);
        Run separate = run(file, CudaModel.FUSE_HEAD_NORMS);
        assertTrue(fused.kernels().contains("qkv_norm_rope_store_q4_k"), "fused: " + fused.kernels());
        assertTrue(separate.kernels().stream().noneMatch(k -> k.startsWith("qkv_")), "separate: " + separate.kernels());
        assertSameLogits(separate, fused);
    }

    /** deepseek2 without shared experts: its MoE layers end with the routed sum alone, as qwen3moe's do. */
    @Test
    void deepSeek2LogitsAreTheSameWithTheExpertSumOnItsOwn() throws Exception {
        ModelShape shape = new ModelShape(Architecture.DEEPSEEK2, 512, 256, 3, 4, 1, 192, 256, 8, 2, 256);
        MlaShape mla = new MlaShape(256, 256, 128, 64, 128, 1, 512, 0, 0, 0, 0f, 4096, 0f, 2.5f, false);
        Path file = dir.resolve("deepseek2-unshared.gguf");
        new RandomModelWriter(shape, mla, GgmlType.Q4_K, 1).write(file);
        Run separate = run(file, CudaModel.FUSE_EXPERT_SUM);
        assertExpertSumSeparate(separate);
        Run fused = run(file, null);
        assertExpertSumFused(fused);
        assertSameLogits(separate, fused);
    }

    /**
     * The decode step's fusions of the routing and of the hidden rows' quantization, each switched off, on
     * qwen3moe and on deepseek2 with a shared expert and DeepSeek-V3's routing (sigmoid scores, a selection bias,
     * renormalised weights scaled by 2.5; its routed sum goes to scratch and the shared expert reads the normed
     * row that the fused routing launch wrote). Prompts take the separate launches ({@code promptKernel}) either
     * way; every decode step (the first launched one by one, the others replayed) takes the fused one.
     */
    @ParameterizedTest
    @CsvSource({
        "qwen3moe, " + CudaModel.FUSE_ROUTING + ", rms_norm_route, moe_route",
        "deepseek2, " + CudaModel.FUSE_ROUTING + ", rms_norm_route, moe_route",
        "qwen3moe, " + CudaModel.FUSE_HIDDEN_QUANTIZATION + ", swiglu_quantize_q4_k, quantize_q8_k",
        "deepseek2, " + CudaModel.FUSE_HIDDEN_QUANTIZATION + ", swiglu_quantize_q4_k, quantize_q8_k",
        "qwen3moe, " + CudaModel.FUSE_HEAD_NORMS + ", qkv_norm_rope_store_q4_k_q6_k, qk_norm_rope_store_f16"})
    void logitsAreTheSameWithADecodeFusionOff(String model, String property, String fusedKernel, String promptKernel)
            throws Exception {
        Path file = model.equals("qwen3moe") ? qwen3moe : deepseek2;
        Run separate = run(file, property);
        Run fused = allFused(file);
        assertTrue(!separate.kernels().contains(fusedKernel), property + " off: " + separate.kernels());
        assertTrue(fused.kernels().contains(fusedKernel), "fused: " + fused.kernels());
        assertTrue(fused.kernels().contains(promptKernel), "prompts launch separately: " + fused.kernels());
        assertSameLogits(separate, fused);
    }

    /**
     * The emulator's blocks run from the first instead of from the last: the same logits, bit for bit, with every
     * fusion on (the kernels whose last block to finish does extra work must not count on which block that is).
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
        assertSameLogits(allFused(file), run(file, null, firstBlockFirst, gpu -> gpu));
    }

    /**
     * Each decode fusion off against all of them on, on a GPU: the same logits bit for bit. This is the device's
     * check of the hand-overs between blocks (the counts, the fences and the last block's reads from L2), which
     * the emulation, running one block after another, cannot show; the recorded decode steps run with
     * programmatic launch on sm_90 and newer. Skipped without a CUDA device.
     */
    @ParameterizedTest
    @CsvSource({
        "qwen3moe, " + CudaModel.FUSE_EXPERT_SUM, "qwen3moe, " + CudaModel.PAIR_PRODUCTS,
        "qwen3moe, " + CudaModel.FUSE_ROUTING, "qwen3moe, " + CudaModel.FUSE_HIDDEN_QUANTIZATION,
        "deepseek2, " + CudaModel.FUSE_ROUTING, "deepseek2, " + CudaModel.FUSE_HIDDEN_QUANTIZATION,
        "qwen3moe, " + CudaModel.FUSE_HEAD_NORMS})
    void eachDecodeFusionKeepsTheBitsOnTheGpu(String model, String property) throws Exception {
        CudaRuntime.Availability cuda = CudaRuntime.probe();
        assumeTrue(cuda.available(), "no CUDA device (" + cuda.problem() + "): the fusions are not compared on a GPU");
        GpuSource device = () -> new CudaContext(cuda.devices().get(0));
        Path file = model.equals("qwen3moe") ? qwen3moe : deepseek2;
        assertSameLogits(run(file, property, device, gpu -> gpu), run(file, null, device, gpu -> gpu));
    }

    @ParameterizedTest
    @ValueSource(strings = {CudaModel.FUSE_EXPERT_SUM, CudaModel.PAIR_PRODUCTS, CudaModel.FUSE_ROUTING,
        CudaModel.FUSE_HIDDEN_QUANTIZATION, CudaModel.FUSE_HEAD_NORMS})
    void anUnknownSettingIsRefusedByName(String property) throws Exception {
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

    private static void assertExpertSumSeparate(Run separate) {
        assertTrue(separate.kernels().contains("moe_combine"), "separate sums: " + separate.kernels());
        assertTrue(!separate.kernels().contains("moe_combine_rms_norm_q8_k"), "separate sums: " + separate.kernels());
    }

    /**
     * A decode step whose recording as a graph fails part way (here at the q+k and v products of its second
     * layer, after the first layer's expert sum) is launched kernel by kernel from then on, with the same logits.
     * (The decode step's products are the launch that also norms the heads.)
     */
    @Test
    void aDecodeStepWhoseRecordingFailsPartWayFallsBackWithTheSameLogits() throws Exception {
        Path file = qwen3moe;
        Run recorded = allFused(file);
        Run fallback = run(file, null, EMULATED, gpu -> new CaptureFailsAt(gpu, "qkv_norm_rope_store_q4_k_q6_k", 2));
        // Launched one by one, every later step's launches pass through the log (a replay's do not).
        assertTrue(fallback.kernels().size() > recorded.kernels().size(), "no fallback: " + fallback.kernels());
        assertExpertSumFused(fallback);
        assertSameLogits(recorded, fallback);
    }

    private static void assertExpertSumFused(Run fused) {
        assertTrue(fused.kernels().contains("moe_combine_rms_norm_q8_k"), "fused sums: " + fused.kernels());
        // The last prompt's final norm covers its last row only: that sum alone is launched on its own.
        assertEquals(1, Collections.frequency(fused.kernels(), "moe_combine"), "fused sums: " + fused.kernels());
    }

    private static void assertSameLogits(Run separate, Run fused) {
        assertEquals(separate.logits().size(), fused.logits().size());
        for (int i = 0; i < separate.logits().size(); i++) {
            assertArrayEquals(separate.logits().get(i), fused.logits().get(i), "logits after token " + i);
        }
    }

    private record Run(List<float[]> logits, List<String> kernels) {}

    /**
     * The prompt in one batch, then the generated tokens one by one (the decode step recorded and replayed), with
     * {@code off} (a fusion's property, or null for none) and {@code moreOff} set to false.
     */
    private Run run(Path file, String off, String... moreOff) throws Exception {
        return run(file, off, EMULATED, gpu -> gpu, moreOff);
    }

    private Run run(Path file, String off, GpuSource source, UnaryOperator<Gpu> wrap, String... moreOff)
            throws Exception {
        List<String> properties = new ArrayList<>(List.of(moreOff));
        if (off != null) {
            properties.add(off);
        }
        properties.forEach(p -> System.setProperty(p, "false"));
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
                return new Run(logits, gpu.kernels());
            }
        } finally {
            properties.forEach(System::clearProperty);
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
