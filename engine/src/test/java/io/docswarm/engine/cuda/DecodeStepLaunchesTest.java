package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.MlaShape;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernels one decode step launches, on the host emulation: at batch 1 a step is bound by the number of
 * launches as much as by bytes (a few microseconds each, about 700 per token for a 48-layer model), so the
 * merged forms must be taken where they apply. For a Q4_K_M qwen3moe layer (q and k stacked, v and down in
 * Q6_K), 15 launches: the norm with its Q8_K quantization, the q+k and v products in one, the per-head
 * norm+RoPE of q and k with the cache store in one, attention in four (the last writing the output projection's
 * Q8_K input), the output projection with its residual, the FFN norm with its quantization, the router, the
 * routing, gate and up with SiLU in one, the hidden rows' quantization, the down products, and the expert sum
 * with its residual. (Sessions 16-18 merged five of these into neighbours by handing work to the last block of
 * a launch, for 10 a layer; on an H200 every one of those merges was slower than the launches it replaced, so
 * they were removed: docs/benchmarks.md, session 19.)
 */
class DecodeStepLaunchesTest {
    @TempDir
    Path dir;

    @Test
    void aQ4KMQwen3MoeLayerDecodesInFifteenLaunches() throws Exception {
        Path library = emulator();
        List<String> oneLayer = stepLaunches(library, qwen3moe(1));
        List<String> twoLayers = stepLaunches(library, qwen3moe(2));
        // The step starts with the embedding row and the RoPE angles; the first layer follows.
        assertEquals(List.of("get_rows", "rope_angles_table"), twoLayers.subList(0, 2), "the step's first launches");
        int perLayer = twoLayers.size() - oneLayer.size();
        List<String> layer = twoLayers.subList(2, 2 + perLayer);
        assertEquals(List.of("rms_norm_q8_k", "matvec_pair_q4_k_q6_k", "qk_norm_rope_store_f16",
                "attention_scores_f16", "attention_stats", "attention_values_f16", "attention_combine_q8_k",
                "matvec_q4_k", "rms_norm_q8_k", "matvec_wide_f32", "moe_route", "swiglu_q4_k", "quantize_q8_k",
                "matvec_q6_k", "moe_combine"), layer, "one layer's launches");
        // After the layers: the final norm, the output product and the two-launch arg-max.
        assertEquals(List.of("rms_norm_q8_k", "matvec_q6_k", "argmax_blocks", "argmax_pick"),
                oneLayer.subList(2 + perLayer, oneLayer.size()), "the step's last launches");
    }

    /**
     * A deepseek2 Q4_K layer (q-LoRA, one shared expert) decodes in 27 launches, with the MLA merges taken (the
     * latent rows' norm, RoPE and cache store in one launch, the query rope parts copied and rotated in one). Its
     * shared expert reads the normed row's Q8_K form as the routed experts had it: the routed experts' hidden rows
     * were quantized into the other set of arrays ({@link DeviceActivations}).
     */
    @Test
    void aQ4KDeepSeek2LayerDecodesInTwentySevenLaunches() throws Exception {
        Path library = emulator();
        List<String> oneLayer = stepLaunches(library, deepseek2(1));
        List<String> twoLayers = stepLaunches(library, deepseek2(2));
        List<String> layer = twoLayers.subList(2, 2 + twoLayers.size() - oneLayer.size());
        assertEquals(27, layer.size(), "one layer's launches: " + layer);
        assertTrue(layer.contains("latent_norm_rope_store") && layer.contains("rope_copy"), layer.toString());
        // The routed sum into scratch, the shared expert's products (no quantization of its input), the residual.
        assertEquals(List.of("moe_combine", "swiglu_q4_k", "quantize_q8_k", "matvec_q4_k", "add_residual"),
                layer.subList(layer.size() - 5, layer.size()), "the shared expert: " + layer);
    }

    private Path emulator() throws Exception {
        return emulator(dir);
    }

    /** The kernels' host emulation built under {@code dir}; the test is skipped without a C++ compiler. */
    static Path emulator(Path dir) throws Exception {
        String cxx = EmulatedGpu.cxx();
        assumeTrue(cxx != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        return EmulatedGpu.build(cxx, Files.createTempDirectory(dir, "emulator"));
    }

    /** 4 heads x 64 = 256 and experts 256 wide: K-quant rows; 8 experts, 2 used; Q6_K attn_v and ffn_down. */
    private Path qwen3moe(int layers) throws Exception {
        return qwen3moe(dir, layers);
    }

    static Path qwen3moe(Path dir, int layers) throws Exception {
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 512, 256, layers, 4, 2, 64, 256, 8, 2, 256);
        Path file = dir.resolve("qwen3moe-" + layers + ".gguf");
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 1).write(file);
        return file;
    }

    /** 4 heads; q-LoRA 256, kv-LoRA 256, nope 128, rope 64, value 128; 8 experts of 256, 2 used, 1 shared. */
    private Path deepseek2(int layers) throws Exception {
        return deepseek2(dir, layers);
    }

    static Path deepseek2(Path dir, int layers) throws Exception {
        ModelShape shape = new ModelShape(Architecture.DEEPSEEK2, 512, 256, layers, 4, 1, 192, 256, 8, 2, 256);
        MlaShape mla = new MlaShape(256, 256, 128, 64, 128, 0, 0, 1, 0, 0, 0f, 4096, 0f, 2.5f, false);
        Path file = dir.resolve("deepseek2-" + layers + ".gguf");
        new RandomModelWriter(shape, mla, GgmlType.Q4_K, 1).write(file);
        return file;
    }

    /** The launches of one decode step (after a 4-token prompt) of the model in {@code file}, in order. */
    private List<String> stepLaunches(Path library, Path file) throws Exception {
        try (GgufFile gguf = GgufFile.open(file)) {
            LaunchLog gpu = new LaunchLog(new EmulatedGpu(library, 1L << 32));
            try (CudaModel m = CudaModel.load(gpu, gguf, ModelLoader.config(gguf), 64, 8, GgmlType.F16)) {
                m.forward(new int[] {1, 5, 9, 11}, 0, 4, false);
                gpu.clear();
                m.forward(new int[] {7}, 0, 1, false);
                m.argmax(0);
                return gpu.kernels();
            }
        }
    }
}
