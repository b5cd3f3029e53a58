package io.docswarm.engine;

import io.docswarm.engine.gguf.GgmlType;
import java.nio.file.Path;

/**
 * Command-line benchmark: {@code EngineBench MODEL.gguf [--threads T] [--prompt-tokens P] [--gen-tokens G]
 * [--kv-cache f16|f32]}.
 * Prints the model summary, then as its last line one JSON object with {@code pp_tok_s} and
 * {@code tg_tok_s} (see {@link Engine#bench}).
 */
public final class EngineBench {
    private EngineBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EngineBench MODEL.gguf [--threads T] [--prompt-tokens P] [--gen-tokens G]"
                    + " [--kv-cache f16|f32]");
            System.exit(2);
        }
        int threads = 0;
        int prompt = 128;
        int gen = 128;
        GgmlType kvCache = EngineOptions.DEFAULT_KV_CACHE;
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals("--kv-cache")) {
                kvCache = GgmlType.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
                continue;
            }
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--threads" -> threads = value;
                case "--prompt-tokens" -> prompt = value;
                case "--gen-tokens" -> gen = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EngineOptions options = EngineOptions.defaults().withThreads(threads)
                .withContextLength(prompt + gen + 64).withBatchSize(Math.min(512, prompt)).withKvCacheType(kvCache);
        try (Engine engine = Engine.load(Path.of(args[0]), options)) {
            System.out.println(engine.info().describe());
            System.out.println(engine.bench(prompt, gen).toJson());
        }
    }
}
