package io.docswarm.engine.cuda;

import io.docswarm.engine.BenchResult;
import io.docswarm.engine.Device;
import io.docswarm.engine.Engine;
import io.docswarm.engine.EngineOptions;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * GPU benchmark ({@code bench/engine-gpu.sh}):
 * {@code CudaBench MODEL.gguf [--device cuda:N] [--prompt-tokens P] [--gen-tokens G]}. Runs {@link Engine#bench}
 * on the GPU (greedy generation samples on the device) and relates generation speed to the card's memory
 * bandwidth: each generated token reads the active weights once (every non-expert matrix, the selected
 * experts' share of each expert stack, one embedding row), so {@code active bytes x tokens/s} is the
 * bandwidth used, compared with the peak from the memory clock and bus width. Prints the model summary,
 * then one JSON object as the last line. Fails (exit 1) when no CUDA device is usable.
 */
public final class CudaBench {
    private CudaBench() {
    }

    /**
     * Bytes of weights one decode step reads: all of every tensor except expert stacks ({@code *_exps}, of
     * which {@code used/experts} are read) and the token embedding (one row, unless the output projection
     * is tied to it, which reads all of it).
     */
    public static long activeBytesPerToken(GgufFile file, ModelConfig c) {
        boolean tied = file.findTensor("output.weight").isEmpty();
        return file.tensors().stream().mapToLong(t -> activeBytes(t, tied, c)).sum();
    }

    /** The bytes of {@code t} one decode step reads ({@link #activeBytesPerToken}'s rule for one tensor). */
    static long activeBytes(GgufTensor t, boolean tiedOutput, ModelConfig c) {
        long bytes = t.byteSize();
        if (t.name().contains("_exps.")) {
            return bytes / c.expertCount() * c.expertUsedCount();
        }
        if (t.name().equals("token_embd.weight") && !tiedOutput) {
            return bytes / c.vocabSize();
        }
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CudaBench MODEL.gguf [--device cuda:N] [--prompt-tokens P] [--gen-tokens G]");
            System.exit(2);
        }
        Device device = Device.cuda(0);
        int prompt = 512;
        int gen = 128;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--device" -> device = Device.parse(args[i + 1]);
                case "--prompt-tokens" -> prompt = Integer.parseInt(args[i + 1]);
                case "--gen-tokens" -> gen = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (device.kind() != Device.Kind.CUDA) {
            throw new IllegalArgumentException("CudaBench measures a GPU: --device must be cuda or cuda:N");
        }
        CudaRuntime.Availability cuda = CudaRuntime.probe();
        if (!cuda.available() || cuda.device(device.ordinal()).isEmpty()) {
            System.err.println("engine-gpu: no usable CUDA device " + device + ": " + (cuda.available()
                    ? "usable: " + cuda.devices().stream().map(CudaDeviceInfo::describe).toList() : cuda.problem()));
            System.exit(1);
        }
        CudaDeviceInfo gpu = cuda.device(device.ordinal()).orElseThrow();
        long active;
        try (GgufFile file = GgufFile.open(Path.of(args[0]))) {
            active = activeBytesPerToken(file, ModelLoader.config(file));
        }
        EngineOptions options = EngineOptions.defaults().withDevice(device).withContextLength(prompt + gen + 64)
                .withBatchSize(Math.min(512, prompt));
        try (Engine engine = Engine.load(Path.of(args[0]), options)) {
            System.out.println(engine.info().describe());
            BenchResult r = engine.bench(prompt, gen);
            double used = active * r.generationTokensPerSecond();
            // Some platforms (integrated, virtual GPUs) report no memory clock or bus width: no peak, no share.
            double peak = gpu.peakBandwidth();
            String peakJson = peak > 0 ? String.format(Locale.ROOT, "%.1f", peak / 1e9) : "null";
            String share = peak > 0 ? String.format(Locale.ROOT, "%.3f", used / peak) : "null";
            System.out.println(String.format(Locale.ROOT,
                    "{\"device\":\"%s\",\"prompt_tokens\":%d,\"gen_tokens\":%d,\"pp_tok_s\":%.2f,\"tg_tok_s\":%.2f,"
                            + "\"active_bytes_per_token\":%d,\"achieved_gb_s\":%.1f,\"peak_gb_s\":%s,"
                            + "\"bandwidth_fraction\":%s}",
                    engine.info().device().replace("\"", "'"), r.promptTokens(), r.generatedTokens(),
                    r.promptTokensPerSecond(), r.generationTokensPerSecond(), active, used / 1e9, peakJson, share));
        }
    }
}
