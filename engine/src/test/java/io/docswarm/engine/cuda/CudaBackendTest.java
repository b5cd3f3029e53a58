package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.LanguageModel;
import io.docswarm.engine.model.MlaShape;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelOptions;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.engine.model.ThreadTeam;
import io.docswarm.engine.sampling.TopLogits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA backend against the CPU backend on every fixture architecture (qwen3moe, Mixtral, dense llama,
 * olmoe, deepseek2) and weight type, with the fixture shapes of the llama.cpp comparison, with an F32 KV cache and (for
 * some weight types) an F16 one: logits at every prompt position and along a 16-token greedy continuation
 * within 1e-4 (F32 weights and cache) or 5e-3 (F16, BF16, quantized weights or an F16 cache), the
 * device's arg-max equal to the CPU's, and a prompt fed in several batches equal to one fed at once.
 * Seeds whose CPU logits move by more than half the tolerance when the activations are jittered by an ulp
 * or so are skipped (see LlamaCppComparisonTest: two correct implementations can round an activation to
 * different 8-bit levels there). Skipped, saying why, when no CUDA device is present.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CudaBackendTest {
    static final int VOCAB = 320;
    static final int GENERATE = 16;
    static final int MAX_SEEDS = 40;

    @TempDir
    Path dir;
    private ThreadTeam team;

    /**
     * A fixture model of {@code type} weights, run with a KV cache of {@code kvType} (F32 or F16);
     * {@code mla} only for deepseek2.
     */
    record Fixture(String name, ModelShape shape, GgmlType type, GgmlType kvType, MlaShape mla,
                   UnaryOperator<RandomModelWriter> fileExtra) {
        Fixture(String name, ModelShape shape, GgmlType type, GgmlType kvType) {
            this(name, shape, type, kvType, null, UnaryOperator.identity());
        }

        Fixture(String name, ModelShape shape, GgmlType type, GgmlType kvType, MlaShape mla) {
            this(name, shape, type, kvType, mla, UnaryOperator.identity());
        }

        RandomModelWriter writer(long seed) {
            return fileExtra.apply(mla == null ? new RandomModelWriter(shape, type, seed)
                    : new RandomModelWriter(shape, mla, type, seed));
        }

        /** deepseek2 keeps its latent cache in F32 whatever is asked, as the CPU does. */
        GgmlType expectedKvType() {
            return mla == null ? kvType : GgmlType.F32;
        }

        long expectedKvBytes(ModelConfig config, int context) {
            if (mla != null) {
                return 4L * config.blockCount() * context * (mla.kvLoraRank() + mla.ropeDim());
            }
            return 2L * config.blockCount() * context * config.kvWidth() * (kvType == GgmlType.F16 ? 2 : 4);
        }
    }

    /**
     * Weight types also run with an F16 KV cache. Q5_1 and Q4_K with an F16 cache were tried and left out:
     * the random fixtures rarely pass the conditioning check with both 8-bit activations and F16 attention
     * roundings, and qwen3moe-Q5_1 seed 4 passed it yet differed by 0.02 from position 16 on. That is the
     * fixture, not the kernels: the CPU alone, jittered with other patterns (1.1e-7, 1.7e-7), moves by the
     * same amounts from the same position, which the check's one pattern (1e-7) does not show.
     */
    static final List<GgmlType> F16_CACHE_TYPES = List.of(GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q6_K);

    static List<Fixture> fixtures() {
        List<Fixture> out = new ArrayList<>();
        for (GgmlType type : List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
                GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K)) {
            addArchitectures(out, type, GgmlType.F32, "");
        }
        for (GgmlType type : F16_CACHE_TYPES) {
            addArchitectures(out, type, GgmlType.F16, "-kvF16");
        }
        out.addAll(deepseek2Fixtures());
        // A dense llama with rope_freqs (Llama 3.1's frequency factors): the device's angle table takes them.
        ModelShape dense = new ModelShape(Architecture.LLAMA, VOCAB, 128, 2, 4, 2, 32, 128, 0, 0, 256);
        out.add(new Fixture("llama-ropefreqs-F32", dense, GgmlType.F32, GgmlType.F32, null,
                RandomModelWriter::withRopeFrequencyFactors));
        out.add(new Fixture("llama-ropefreqs-F32-kvF16", dense, GgmlType.F32, GgmlType.F16, null,
                RandomModelWriter::withRopeFrequencyFactors));
        // YaRN (extended-context Qwen3 files): the device's angle table takes it.
        out.add(new Fixture("qwen3moe-yarn-F32", new ModelShape(Architecture.QWEN3MOE, VOCAB, 64, 2, 4, 2, 16, 64, 8, 2,
                256), GgmlType.F32, GgmlType.F32, null, w -> w.withYarn(4f, 64)));
        // -Dcuda.fixtures=PREFIX runs only the fixtures whose name starts with PREFIX (while working on one).
        String only = System.getProperty("cuda.fixtures", "");
        return out.stream().filter(f -> f.name().startsWith(only)).toList();
    }

    private static void addArchitectures(List<Fixture> out, GgmlType type, GgmlType kvType, String suffix) {
        boolean kQuant = type.blockSize() == 256;
        int e = kQuant ? 256 : 64;
        int layers = kQuant ? 1 : 2;
        int hd = e / 4;
        String t = type + suffix;
        out.add(new Fixture("qwen3moe-" + t, new ModelShape(Architecture.QWEN3MOE, VOCAB, e, layers, 4, 2, hd, e, 8, 2, 256), type, kvType));
        out.add(new Fixture("mixtral-" + t, new ModelShape(Architecture.LLAMA, VOCAB, e, layers, 4, 2, hd, e, 4, 2, 256), type, kvType));
        out.add(new Fixture("llama-" + t, new ModelShape(Architecture.LLAMA, VOCAB, e, layers, 4, 2, hd, e, 0, 0, 256), type, kvType));
        out.add(new Fixture("olmoe-" + t, new ModelShape(Architecture.OLMOE, VOCAB, e, layers, 4, 4, hd, e, 4, 2, 256), type, kvType));
    }

    /**
     * deepseek2 with the shapes of the llama.cpp comparison's fixtures: q-LoRA with a leading dense block,
     * shared expert and expert groups; V2-Lite style (no q-LoRA, softmax routing) with YaRN; DeepSeek-V3's
     * YaRN settings; then every other weight type in the V3 layout. Quantized variants have one layer, as
     * there (the dense block is covered in F32). One asks for an F16 cache, which deepseek2 keeps in F32 on
     * both backends.
     */
    static List<Fixture> deepseek2Fixtures() {
        List<Fixture> out = new ArrayList<>();
        for (GgmlType type : List.of(GgmlType.F32, GgmlType.Q8_0)) {
            boolean f32 = type == GgmlType.F32;
            out.add(deepseek2("deepseek2-groups-" + type, type, GgmlType.F32, 64, 32, f32 ? 3 : 1, f32 ? 32 : 0, 4, 2, 0f, 0f));
            out.add(deepseek2("deepseek2-lite-" + type, type, GgmlType.F32, 64, 0, f32 ? 2 : 1, 0, 0, 0, 40f, 0.0707f));
            out.add(deepseek2("deepseek2-yarn-" + type, type, GgmlType.F32, 64, 32, f32 ? 2 : 1, 0, 0, 0, 40f, 0.1f));
        }
        out.add(deepseek2("deepseek2-groups-Q4_K", GgmlType.Q4_K, GgmlType.F32, 256, 64, 1, 0, 4, 2, 40f, 0.1f));
        // The other weight types, in the V3 layout with YaRN, one layer.
        for (GgmlType type : List.of(GgmlType.F16, GgmlType.BF16, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0,
                GgmlType.Q5_1, GgmlType.Q5_K, GgmlType.Q6_K)) {
            int e = type.blockSize() == 256 ? 256 : 64;
            out.add(deepseek2("deepseek2-yarn-" + type, type, GgmlType.F32, e, e / 2, 1, 0, 0, 0, 40f, 0.1f));
        }
        out.add(deepseek2("deepseek2-yarn-F32-kvF16", GgmlType.F32, GgmlType.F16, 64, 32, 2, 0, 0, 0, 40f, 0.1f));
        return out;
    }

    private static Fixture deepseek2(String name, GgmlType type, GgmlType kvType, int e, int qLora, int layers,
                                     int denseFf, int groups, int groupsUsed, float yarnFactor, float yarnLogMultiplier) {
        boolean v2 = qLora == 0;
        ModelShape shape = new ModelShape(Architecture.DEEPSEEK2, VOCAB, e, layers, 4, 1, 48, e, 8, 2, 256);
        MlaShape mla = new MlaShape(qLora, 32, 32, 16, 32, denseFf > 0 ? 1 : 0, denseFf, 1, groups, groupsUsed,
                yarnFactor, 4096, yarnLogMultiplier, v2 ? 1f : 2.5f, v2);
        return new Fixture(name, shape, type, kvType, mla);
    }

    static Stream<Arguments> cases() {
        return fixtures().stream().map(f -> Arguments.of(f.name(), f));
    }

    /** 1e-4 where nothing is rounded to 8 or 16 bits (F32 weights and cache), else 5e-3. */
    static float tolerance(Fixture f) {
        return f.type() == GgmlType.F32 && f.expectedKvType() == GgmlType.F32 ? 1e-4f : 5e-3f;
    }

    /**
     * Quantized deepseek2 with twice the jitter, as the llama.cpp comparison's Q8_0 ones: MLA rounds activations
     * at more places per layer (the per-head attn_k_b and attn_v_b inputs). With the plain jitter,
     * deepseek2-yarn-Q6_K seed 1 passed the check and then differed by 0.037 at its last row alone (every other
     * row within 1e-6): one 8-bit level flipped.
     */
    static float jitter(Fixture f) {
        return f.mla() != null && f.type() != GgmlType.F32 ? 2 * jitter(f.type()) : jitter(f.type());
    }

    static float jitter(GgmlType type) {
        return switch (type) {
            case F16, BF16 -> 2e-8f;
            case Q4_K, Q5_K, Q6_K -> 8e-8f;
            default -> 1e-7f;
        };
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (team != null) {
            team.close();
        }
        if (emulatorDir != null) {
            java.nio.file.Files.deleteIfExists(emulatorLibrary);
            java.nio.file.Files.deleteIfExists(emulatorDir);
        }
    }

    /** Builds the model under test on some GPU (real or emulated) with a KV cache of 64 and batches of maxBatch. */
    @FunctionalInterface
    interface GpuModels {
        CudaModel load(GgufFile file, ModelConfig config, int maxBatch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logitsMatchTheCpuBackend(String name, Fixture f) throws Exception {
        CudaRuntime.Availability cuda = CudaRuntime.probe();
        assumeTrue(cuda.available(), "no CUDA device (" + cuda.problem() + "): GPU logits are not compared with the CPU");
        compareWithCpu(name, f, (file, config, maxBatch) -> CudaModel.load(file, config, 64, maxBatch,
                f.kvType(), cuda.devices().get(0)));
    }

    /**
     * The same comparison with the kernels emulated on the host (see {@link EmulatedGpu}): checks the forward
     * pass's launch sequence and the kernels' arithmetic where there is no GPU. Skipped without a C++ compiler.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void emulatedKernelsMatchTheCpuBackend(String name, Fixture f) throws Exception {
        Path library = emulator();
        List<EmulatedGpu> gpus = new ArrayList<>();
        compareWithCpu(name, f, (file, config, maxBatch) -> {
            EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32);
            gpus.add(gpu);
            return CudaModel.load(gpu, file, config, 64, maxBatch, f.kvType());
        });
        // The generated tokens after the first ran as the recorded decode step (a CUDA graph on a device).
        org.junit.jupiter.api.Assertions.assertTrue(gpus.stream().mapToInt(EmulatedGpu::replays).sum() >= GENERATE - 1,
                name + ": the decode step was not replayed");
    }

    /**
     * With too little device memory for the experts, expert stacks stay in (emulated) mapped host memory and
     * the logits are the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("offloadCases")
    void expertsThatDoNotFitStayInHostMemory(String name, Fixture f) throws Exception {
        Path library = emulator();
        long[] hostBytes = new long[1];
        compareWithCpu(name, f, (file, config, maxBatch) -> {
            // Room for the scratch buffers and about half of the weights (after the loader's headroom).
            long weights = 0;
            for (var t : file.tensors()) {
                weights += t.byteSize();
            }
            long scratch = probeScratch(library, file, config, maxBatch);
            CudaModel m = CudaModel.load(new EmulatedGpu(library, scratch + weights / 2 + CudaModel.HEADROOM), file,
                    config, 64, maxBatch, f.kvType());
            hostBytes[0] = m.hostWeightBytes();
            return m;
        });
        org.junit.jupiter.api.Assertions.assertTrue(hostBytes[0] > 0, name + ": nothing was left in host memory");
    }

    /**
     * A 40-token prompt in one batch takes three attention launches (16 + 16 + 8 tokens, the later ones at
     * t0 > 0), and in batches of 7 each launch starts mid-cache: every prompt position's logits as the CPU's,
     * for a GQA and an MLA fixture (F32: no rounding knife edges, so no seed selection). On the host emulation.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"qwen3moe-F32", "deepseek2-groups-F32"})
    void promptsLongerThanOneAttentionLaunchMatchTheCpu(String name) throws Exception {
        Path library = emulator();
        comparePromptsLongerThanOneLaunch(name, (file, config, maxBatch) ->
                CudaModel.load(new EmulatedGpu(library, 1L << 32), file, config, 64, maxBatch, GgmlType.F32));
    }

    /** The same on a GPU; skipped without one. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"qwen3moe-F32", "deepseek2-groups-F32"})
    void promptsLongerThanOneAttentionLaunchMatchTheCpuOnTheGpu(String name) throws Exception {
        CudaRuntime.Availability cuda = CudaRuntime.probe();
        assumeTrue(cuda.available(), "no CUDA device (" + cuda.problem() + "): GPU logits are not compared with the CPU");
        comparePromptsLongerThanOneLaunch(name, (file, config, maxBatch) ->
                CudaModel.load(file, config, 64, maxBatch, GgmlType.F32, cuda.devices().get(0)));
    }

    private void comparePromptsLongerThanOneLaunch(String name, GpuModels gpuModels) throws Exception {
        if (team == null) {
            team = new ThreadTeam(2);
        }
        Fixture f = fixtures().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Path file = dir.resolve(name + "-long.gguf");
        f.writer(3).write(file);
        int[] prompt = new int[40];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = i == 0 ? 1 : 3 + rnd.nextInt(VOCAB - 3);
        }
        try (GgufFile gguf = GgufFile.open(file)) {
            LanguageModel cpu = ModelLoader.load(gguf, new ModelOptions(team, 40, 64, 0f, f.kvType()));
            cpu.forward(prompt, 0, prompt.length, true);
            ModelConfig config = ModelLoader.config(gguf);
            for (int maxBatch : new int[] {40, 7}) {
                try (CudaModel gpu = gpuModels.load(gguf, config, maxBatch)) {
                    for (int p0 = 0; p0 < prompt.length; p0 += maxBatch) {
                        int n = Math.min(maxBatch, prompt.length - p0);
                        gpu.forward(prompt, p0, n, true);
                        for (int r = 0; r < n; r++) {
                            assertClose(cpu.logits(p0 + r), gpu.logits(r), tolerance(f),
                                    name + " batches of " + maxBatch + ", position " + (p0 + r));
                        }
                    }
                }
            }
        }
    }

    /**
     * The device weight limit ({@code -Ddocswarm.cuda.maxDeviceWeightBytes}) leaves expert stacks in host memory
     * on a device with room for everything, with the same logits; a value that is not a byte count is refused
     * with the property's name.
     */
    @Test
    void aDeviceWeightLimitLeavesExpertsInHostMemory() throws Exception {
        Path library = emulator();
        Fixture f = fixtures().stream().filter(x -> x.name().equals("mixtral-Q4_K")).findFirst().orElseThrow();
        long[] hostBytes = new long[1];
        try {
            compareWithCpu(f.name(), f, (file, config, maxBatch) -> {
                long weights = 0;
                for (var t : file.tensors()) {
                    weights += t.byteSize();
                }
                System.setProperty(CudaModel.DEVICE_WEIGHT_LIMIT, Long.toString(weights / 2));
                CudaModel m = CudaModel.load(new EmulatedGpu(library, 1L << 36), file, config, 64, maxBatch, f.kvType());
                hostBytes[0] = m.hostWeightBytes();
                return m;
            });
            org.junit.jupiter.api.Assertions.assertTrue(hostBytes[0] > 0, "nothing was left in host memory");
            System.setProperty(CudaModel.DEVICE_WEIGHT_LIMIT, "half");
            Path file = dir.resolve("limit.gguf");
            f.writer(1).write(file);
            try (GgufFile gguf = GgufFile.open(file)) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> CudaModel.load(new EmulatedGpu(library, 1L << 36), gguf, ModelLoader.config(gguf), 64, 4,
                                f.kvType()).close());
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(CudaModel.DEVICE_WEIGHT_LIMIT),
                        e.getMessage());
            }
        } finally {
            System.clearProperty(CudaModel.DEVICE_WEIGHT_LIMIT);
        }
    }

    /**
     * Products with more output rows than a grid may have run in several launches, each starting at a whole
     * input row, with the same logits. Here the emulated device allows 8 block rows (as many as the 8-token
     * prompt needs for the other kernels): the prompt's 16 expert slots and 32 (token, head) rows, one block
     * row each, take several launches. The emulator refuses taller grids, as a device does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tallProductCases")
    void productsTallerThanAGridRunInSeveralLaunches(String name, Fixture f) throws Exception {
        Path library = emulator();
        compareWithCpu(name, f, (file, config, maxBatch) -> CudaModel.load(
                new EmulatedGpu(library, 1L << 32).withMaxGridY(8), file, config, 64, maxBatch, f.kvType()));
    }

    static Stream<Arguments> tallProductCases() {
        return fixtures().stream().filter(f -> f.name().equals("qwen3moe-Q8_0") || f.name().equals("deepseek2-groups-F32"))
                .map(f -> Arguments.of(f.name(), f));
    }

    static Stream<Arguments> offloadCases() {
        return fixtures().stream().filter(f -> f.name().equals("qwen3moe-Q8_0") || f.name().equals("mixtral-Q4_K")
                        || f.name().equals("deepseek2-groups-F32"))
                .map(f -> Arguments.of(f.name(), f));
    }

    /** Device bytes the model takes besides its weights (a load with ample memory, minus the weights). */
    private static long probeScratch(Path library, GgufFile file, ModelConfig config, int maxBatch) {
        EmulatedGpu gpu = new EmulatedGpu(library, 1L << 40);
        try (CudaModel m = CudaModel.load(gpu, file, config, 64, maxBatch, GgmlType.F32)) {
            return (1L << 40) - gpu.freeMemory() - m.weightBytes() + m.activationBytes();
        }
    }

    private Path emulatorLibrary;
    private Path emulatorDir;

    private synchronized Path emulator() throws Exception {
        String cxx = EmulatedGpu.cxx();
        assumeTrue(cxx != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        if (emulatorLibrary == null) {
            // Its own directory: the class's fixture files come and go with each test's temporary directory.
            emulatorDir = java.nio.file.Files.createTempDirectory("cuda-emulator");
            emulatorLibrary = EmulatedGpu.build(cxx, emulatorDir);
        }
        return emulatorLibrary;
    }

    private void compareWithCpu(String name, Fixture f, GpuModels gpuModels) throws Exception {
        if (team == null) {
            team = new ThreadTeam(2);
        }
        float tolerance = tolerance(f);
        Path file = dir.resolve(name + ".gguf");
        for (int seed = 1; seed <= MAX_SEEDS; seed++) {
            f.writer(seed).write(file);
            int[] prompt = prompt(seed);
            try (GgufFile gguf = GgufFile.open(file)) {
                float[][] cpu = run(ModelLoader.load(gguf, new ModelOptions(team, 16, 64, 0f, f.kvType())), prompt, null);
                int[] path = greedyPath(prompt, cpu);
                // Anything rounded to 8 or 16 bits can sit on a rounding's knife edge (see the class comment).
                boolean rounded = f.type() != GgmlType.F32 || f.expectedKvType() != GgmlType.F32;
                if (rounded && !wellConditioned(gguf, f.kvType(), prompt, path, cpu, tolerance / 2, jitter(f))) {
                    continue;
                }
                ModelConfig config = ModelLoader.config(gguf);
                try (CudaModel gpu = gpuModels.load(gguf, config, 16)) {
                    assertEquals(f.expectedKvType(), gpu.kvCacheType(), name + ": KV cache type");
                    assertEquals(f.expectedKvBytes(config, 64), gpu.kvCacheBytes(), name + ": KV cache bytes");
                    float[][] device = run(gpu, prompt, path);
                    for (int r = 0; r < cpu.length; r++) {
                        assertClose(cpu[r], device[r], tolerance, name + " seed " + seed + " row " + r);
                    }
                    // Greedy on the device picks what the CPU picks.
                    gpu.reset();
                    gpu.forward(prompt, 0, prompt.length, false);
                    assertEquals(path[prompt.length], gpu.argmax(0), name + ": device arg-max after the prompt");
                    // The sampler's top-k and gathered logits, selected on the device, from the device's own row.
                    float[] row = gpu.logits(0).clone();
                    int[] topIds = new int[5];
                    float[] topValues = new float[5];
                    gpu.logitSource(0).top(5, topIds, topValues);
                    int[] want = new int[5];
                    TopLogits.select(row, 5, want, new float[5]);
                    java.util.Arrays.sort(want);
                    java.util.Arrays.sort(topIds);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(want, topIds, name + ": device top-k");
                    float[] gathered = new float[2];
                    gpu.logitSource(0).gather(new int[] {7, 3}, 2, gathered);
                    assertEquals(row[7], gathered[0], name + ": gathered logit");
                    assertEquals(row[3], gathered[1], name + ": gathered logit");
                }
                // The prompt in batches of 3 (several forward batches, attention over earlier batches' cache).
                try (CudaModel gpu = gpuModels.load(gguf, config, 3)) {
                    gpu.forward(prompt, 0, prompt.length, false);
                    assertClose(cpu[prompt.length - 1], gpu.logits(0), tolerance, name + " prompt in batches of 3");
                }
            }
            return;
        }
        fail(name + ": no well-conditioned seed in " + MAX_SEEDS + " tries");
    }

    private static int[] prompt(int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] p = new int[8];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = 3 + rnd.nextInt(VOCAB - 3);
        }
        return p;
    }

    private static int[] greedyPath(int[] prompt, float[][] logits) {
        return CudaCpuAgreement.greedyPath(prompt, logits, GENERATE);
    }

    private boolean wellConditioned(GgufFile gguf, GgmlType kvType, int[] prompt, int[] path, float[][] plain, float limit,
                                    float jitter) {
        for (float signed : new float[] {jitter, -jitter}) {
            float[][] jittered = run(ModelLoader.load(gguf, new ModelOptions(team, 16, 64, signed, kvType)), prompt, path);
            for (int r = 0; r < plain.length; r++) {
                for (int v = 0; v < plain[r].length; v++) {
                    if (Math.abs(plain[r][v] - jittered[r][v]) > limit) {
                        return false;
                    }
                }
            }
        }
        for (int i = 0; i < GENERATE; i++) {
            if (gap(plain[prompt.length - 1 + i]) <= limit / 5) {
                return false;
            }
        }
        return true;
    }

    /** Logits of every prompt position, then of each token of {@code path} (or the model's greedy choices). */
    private static float[][] run(LanguageModel model, int[] prompt, int[] path) {
        return CudaCpuAgreement.logitsAlong(model, prompt, path, GENERATE);
    }

    static float gap(float[] v) {
        float first = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (x > first) {
                second = first;
                first = x;
            } else if (x > second) {
                second = x;
            }
        }
        return first - second;
    }

    static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": vocabulary size");
        float worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        if (!(worst <= tolerance)) {
            fail(what + ": logit " + at + " is " + actual[at] + " on the GPU, " + expected[at] + " on the CPU (difference "
                    + worst + " > " + tolerance + ")");
        }
    }
}
