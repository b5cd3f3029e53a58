package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernels one decode step launches, on the host emulation: at batch 1 a step is bound by the number of
 * launches as much as by bytes (a few microseconds each, about a thousand per token for a 48-layer model), so
 * the fused forms must be taken where they apply. For a Q4_K_M qwen3moe layer (q and k stacked, v and down in
 * Q6_K), 17 launches: the norm with its Q8_K quantization, two products, per-head norm+RoPE for q, and for k
 * with the cache store, attention in four (the last writing the output projection's Q8_K input), the output
 * projection with its residual, the FFN norm with its quantization, the router reading the normed row in
 * place, routing, gate and up with SiLU, the quantization of the hidden row, the down products, and the expert
 * sum with its residual.
 */
class DecodeStepLaunchesTest {
    @TempDir
    Path dir;

    @Test
    void aQ4KMQwen3MoeLayerDecodesInSeventeenLaunches() throws Exception {
        String cxx = EmulatedGpu.cxx();
        assumeTrue(cxx != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Path library = EmulatedGpu.build(cxx, Files.createTempDirectory(dir, "emulator"));
        List<String> oneLayer = stepLaunches(library, 1);
        List<String> twoLayers = stepLaunches(library, 2);
        // The step starts with the embedding row and the RoPE angles; the first layer follows.
        assertEquals(List.of("get_rows", "rope_angles"), twoLayers.subList(0, 2), "the step's first launches");
        List<String> layer = twoLayers.subList(2, 2 + twoLayers.size() - oneLayer.size());
        assertEquals(List.of("rms_norm_q8_k", "matvec_q4_k", "matvec_q6_k", "rms_norm_rope", "rms_norm_rope_store_f16",
                "attention_scores_f16", "attention_stats", "attention_values_f16", "attention_combine_q8_k", "matvec_q4_k",
                "rms_norm_q8_k", "matvec_wide_f32", "moe_route", "swiglu_q4_k", "quantize_q8_k", "matvec_q6_k",
                "moe_combine"), layer, "one layer's launches");
        assertEquals(17 + 6, oneLayer.size(), "a one-layer step: " + oneLayer);
    }

    /** The launches of one decode step (after a 4-token prompt) of a model of {@code layers} layers, in order. */
    private List<String> stepLaunches(Path library, int layers) throws Exception {
        // 4 heads x 64 = 256 and experts 256 wide: K-quant rows; 8 experts, 2 used.
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 512, 256, layers, 4, 2, 64, 256, 8, 2, 256);
        Path file = dir.resolve("q" + layers + ".gguf");
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 1).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            Recording gpu = new Recording(new EmulatedGpu(library, 1L << 32));
            try (CudaModel m = CudaModel.load(gpu, gguf, ModelLoader.config(gguf), 64, 8, GgmlType.F16)) {
                m.forward(new int[] {1, 5, 9, 11}, 0, 4, false);
                gpu.launches.clear();
                m.forward(new int[] {7}, 0, 1, false);
                m.argmax(0);
                return new ArrayList<>(gpu.launches);
            }
        }
    }

    /** A {@link Gpu} that notes each launch's kernel and passes everything on. */
    private static final class Recording implements Gpu {
        private final Gpu gpu;
        final List<String> launches = new ArrayList<>();

        Recording(Gpu gpu) {
            this.gpu = gpu;
        }

        @Override
        public void launch(String kernel, int gridX, int gridY, int block, Object... args) {
            launches.add(kernel);
            gpu.launch(kernel, gridX, gridY, block, args);
        }

        @Override
        public CudaDeviceInfo device() {
            return gpu.device();
        }

        @Override
        public void makeCurrent() {
            gpu.makeCurrent();
        }

        @Override
        public long freeMemory() {
            return gpu.freeMemory();
        }

        @Override
        public DeviceBuffer allocate(long bytes) {
            return gpu.allocate(bytes);
        }

        @Override
        public DeviceBuffer allocateMapped(long bytes) {
            return gpu.allocateMapped(bytes);
        }

        @Override
        public void upload(MemorySegment src, DeviceBuffer dst) {
            gpu.upload(src, dst);
        }

        @Override
        public void upload(int[] src, int n, DeviceBuffer dst) {
            gpu.upload(src, n, dst);
        }

        @Override
        public void download(DeviceBuffer src, float[] dst, int n) {
            gpu.download(src, dst, n);
        }

        @Override
        public void download(DeviceBuffer src, int[] dst, int n) {
            gpu.download(src, dst, n);
        }

        @Override
        public void copy(DeviceBuffer src, DeviceBuffer dst, long bytes) {
            gpu.copy(src, dst, bytes);
        }

        @Override
        public int maxGridY() {
            return gpu.maxGridY();
        }

        @Override
        public Object capture(Runnable launches) {
            return gpu.capture(launches);
        }

        @Override
        public void replay(Object recording) {
            gpu.replay(recording);
        }

        @Override
        public void synchronize() {
            gpu.synchronize();
        }

        @Override
        public void close() {
            gpu.close();
        }
    }
}
