package io.docswarm.engine;

import io.docswarm.engine.gguf.GgmlType;
import java.nio.file.Path;

/**
 * Command-line benchmark: {@code EngineBench MODEL.gguf [--threads T] [--prompt-tokens P] [--gen-tokens G]
 * [--repetitions R] [--kv-cache f16|f32] [--device D] [--repack true|false]}.
 * Prints the model summary, then as its last line one JSON object with {@code pp_tok_s} and
 * {@code tg_tok_s}, the medians of R measured runs (default 3; see {@link Engine#bench(int, int, int)}). Runs on the CPU unless {@code --device} says otherwise: it is
 * the CPU comparison with llama.cpp (bench/engine-vs-llamacpp.sh); the GPU has bench/engine-gpu.sh.
 */
public final class EngineBench {
    private EngineBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EngineBench MODEL.gguf [--threads T] [--prompt-tokens P] [--gen-tokens G]"
                    + " [--repetitions R] [--kv-cache f16|f32] [--device auto|cpu|cuda[:N]] [--repack true|false]");
            System.exit(2);
        }
        int threads = 0;
        int prompt = 128;
        int gen = 128;
        int repetitions = 3;
        Device device = Device.CPU;
        GgmlType kvCache = EngineOptions.DEFAULT_KV_CACHE;
        boolean repack = true;
        for (int i = 1; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(value);
                case "--prompt-tokens" -> prompt = Integer.parseInt(value);
                case "--gen-tokens" -> gen = Integer.parseInt(value);
                case "--repetitions" -> repetitions = Integer.parseInt(value);
                case "--device" -> device = Device.parse(value);
                case "--kv-cache" -> kvCache = GgmlType.valueOf(value.toUpperCase(java.util.Locale.ROOT));
                case "--repack" -> repack = switch (value) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("--repack takes true or false, not " + value);
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EngineOptions options = EngineOptions.defaults().withThreads(threads).withDevice(device)
                .withContextLength(prompt + gen + 64).withBatchSize(Math.min(512, prompt)).withKvCacheType(kvCache)
                .withRepack(repack);
        try (Engine engine = Engine.load(Path.of(args[0]), options)) {
            System.out.println(engine.info().describe());
            System.out.println(engine.bench(prompt, gen, repetitions).toJson());
        }
    }
}
