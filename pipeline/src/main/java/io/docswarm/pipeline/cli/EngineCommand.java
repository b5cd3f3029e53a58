package io.docswarm.pipeline.cli;

import io.docswarm.engine.Device;
import io.docswarm.engine.Engine;
import io.docswarm.engine.EngineOptions;
import io.docswarm.engine.GenerationRequest;
import io.docswarm.engine.GenerationResult;
import io.docswarm.engine.LoadProgress;
import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.chat.ChatMessage;
import io.docswarm.engine.sampling.SamplingParams;
import io.docswarm.engine.sampling.StopCondition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import io.docswarm.pipeline.serve.OpenAiServer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docswarm engine ...}: the in-process MoE engine on a GGUF model. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Run the in-process LLM engine on a GGUF model: info, generate, chat, bench.",
        subcommands = {EngineCommand.Info.class, EngineCommand.Generate.class, EngineCommand.Chat.class,
                EngineCommand.Bench.class, EngineCommand.Serve.class})
final class EngineCommand {

    /** Exit code when --max-tokens ended a schema-constrained output before the document was complete. */
    static final int EXIT_INCOMPLETE_DOCUMENT = 5;

    /** {@code --device}: {@link Device#parse}'s message becomes picocli's usage error. */
    static final class DeviceConverter implements CommandLine.ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            try {
                return Device.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The model file and how to load it. */
    static final class ModelOptions {
        @Parameters(index = "0", paramLabel = "MODEL", description = "A GGUF model file.")
        Path model;

        @Option(names = "--threads", description = "Worker threads (default: the number of processors).")
        Integer threads;

        @Option(names = "--context", description = "Context length in tokens (default: ${DEFAULT-VALUE}).",
                defaultValue = "4096")
        int context;

        @Option(names = "--device", defaultValue = "auto", converter = DeviceConverter.class, paramLabel = "DEVICE",
                description = "auto (a CUDA GPU when one is usable, else the CPU), cpu, or cuda[:N] "
                        + "(default: ${DEFAULT-VALUE}).")
        Device device;

        @Option(names = "--no-repack", description = "Read every weight matrix in place from the file instead of "
                + "repacking the ones that multiply faster repacked (Q4_K, Q6_K on AVX-512 CPUs), as llama.cpp's "
                + "--no-repack does: a faster load, slower tokens.")
        boolean noRepack;

        @Option(names = "--kv-cache", paramLabel = "f16|f32", defaultValue = "f16",
                description = "KV cache type: f16 (default, as llama.cpp's; half the memory) or f32.")
        String kvCache;

        /** {@code --kv-cache} as a type; anything but f16/f32 (any case) is refused. */
        GgmlType kvCacheType() {
            return switch (kvCache.toLowerCase(java.util.Locale.ROOT)) {
                case "f16" -> GgmlType.F16;
                case "f32" -> GgmlType.F32;
                default -> throw new IllegalArgumentException("--kv-cache must be f16 or f32, not " + kvCache);
            };
        }

        Engine load() throws IOException {
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException(model + " is not a file");
            }
            EngineOptions options = EngineOptions.defaults().withContextLength(context).withDevice(device)
                    .withKvCacheType(kvCacheType()).withRepack(!noRepack);
            if (threads != null) {
                options = options.withThreads(threads);
            }
            boolean terminal = System.console() != null && System.console().isTerminal();
            if (!terminal) {
                return Engine.load(model, options);
            }
            // Preloading touches every weight page once, which is what the bar shows; it also makes the first
            // tokens as fast as the rest.
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("loading " + model.getFileName())
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).setInitialMax(Files.size(model))
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
                LoadProgress progress = (done, total) -> {
                    bar.maxHint(total);
                    bar.stepTo(done);
                };
                return Engine.load(model, options.withPreload(true), progress);
            }
        }
    }

    /** Sampling options shared by generate and chat. */
    static final class SamplingOptions {
        @Option(names = "--max-tokens", defaultValue = "256", description = "Most tokens to generate.")
        int maxTokens;

        @Option(names = "--temperature", defaultValue = "0.8", description = "0 means greedy.")
        float temperature;

        @Option(names = "--top-k", defaultValue = "40")
        int topK;

        @Option(names = "--top-p", defaultValue = "0.95")
        float topP;

        @Option(names = "--min-p", defaultValue = "0.05")
        float minP;

        @Option(names = "--repeat-penalty", defaultValue = "1.0", description = "1 = off.")
        float repeatPenalty;

        @Option(names = "--presence-penalty", defaultValue = "0.0")
        float presencePenalty;

        @Option(names = "--seed", defaultValue = "42", description = "Fixed seed: the same seed gives the same output.")
        long seed;

        @Option(names = "--stop", description = "Stop when this text appears (repeatable).")
        List<String> stop = new ArrayList<>();

        SamplingParams params() {
            if (temperature <= 0) {
                return SamplingParams.greedy().withPenalties(repeatPenalty, presencePenalty, 0f, 64);
            }
            return SamplingParams.defaults(seed).withTemperature(temperature).withTopK(topK).withTopP(topP)
                    .withMinP(minP).withPenalties(repeatPenalty, presencePenalty, 0f, 64);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a GGUF model.")
    static final class Info implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Override
        public Integer call() throws IOException {
            try (Engine engine = model.load()) {
                System.out.println(engine.info().describe());
            }
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate from a prompt; streams the text to stdout.")
    static final class Generate implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Mixin
        SamplingOptions sampling;

        @Option(names = "--prompt", required = true, description = "The prompt.")
        String prompt;

        @Option(names = "--raw", description = "No chat template; BOS only if the model's metadata asks, as llama.cpp.")
        boolean raw;

        @Option(names = "--ids", description = "Print the generated token ids, space-separated, instead of text.")
        boolean ids;

        @Option(names = "--schema", paramLabel = "SCHEMA.json",
                description = "Constrain the output to JSON documents matching this JSON Schema.")
        Path schema;

        @Override
        public Integer call() throws IOException {
            try (Engine engine = model.load()) {
                GenerationRequest request = (raw ? GenerationRequest.raw(prompt, sampling.maxTokens)
                        : GenerationRequest.chat(List.of(ChatMessage.user(prompt)), sampling.maxTokens))
                        .withSampling(sampling.params()).withStopStrings(sampling.stop);
                if (schema != null) {
                    request = request.withSchema(Files.readString(schema, StandardCharsets.UTF_8));
                }
                PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                GenerationResult result = engine.generate(request, ids ? (id, text) -> { }
                        : (id, text) -> out.print(text));
                if (ids) {
                    StringBuilder line = new StringBuilder();
                    for (int id : result.tokens()) {
                        line.append(line.isEmpty() ? "" : " ").append(id);
                    }
                    out.println(line);
                } else {
                    out.println();
                }
                if (schema != null && result.stopReason() != StopCondition.Reason.DOCUMENT_COMPLETE
                        && result.stopReason() != StopCondition.Reason.END_OF_GENERATION) {
                    System.err.println("docswarm: the document is incomplete: generation ended by "
                            + result.stopReason().name().toLowerCase() + " (raise --max-tokens)");
                    return EXIT_INCOMPLETE_DOCUMENT;
                }
                return 0;
            }
        }
    }

    @Command(name = "chat", mixinStandardHelpOptions = true,
            description = "Chat on stdin/stdout with the model's own chat template (an empty line or EOF ends).")
    static final class Chat implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Mixin
        SamplingOptions sampling;

        @Option(names = "--system", description = "A system message.")
        String system;

        @Override
        public Integer call() throws IOException {
            try (Engine engine = model.load()) {
                List<ChatMessage> conversation = new ArrayList<>();
                if (system != null) {
                    conversation.add(ChatMessage.system(system));
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                for (String line = prompt(out, in); line != null && !line.isBlank(); line = prompt(out, in)) {
                    conversation.add(ChatMessage.user(line));
                    GenerationResult reply = engine.generate(GenerationRequest.chat(conversation, sampling.maxTokens)
                            .withSampling(sampling.params()).withStopStrings(sampling.stop), (id, t) -> out.print(t));
                    out.println();
                    conversation.add(ChatMessage.assistant(reply.text()));
                }
                return 0;
            }
        }

        private static String prompt(PrintStream out, BufferedReader in) throws IOException {
            out.print("> ");
            out.flush();
            return in.readLine();
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the model behind an OpenAI-compatible API (/v1/models, /v1/chat/completions).")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "Address to listen on (default: ${DEFAULT-VALUE}; use 0.0.0.0 for all).")
        String host;

        @Override
        public Integer call() throws Exception {
            Engine engine = model.load();
            String id = model.model.getFileName().toString().replaceFirst("\\.gguf$", "");
            OpenAiServer server = new OpenAiServer(engine, id, host, port, java.time.Clock.systemUTC()).start();
            System.out.println("docswarm: serving " + id + " at http://" + host + ":" + server.port() + "/v1");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                engine.close();
            }));
            Thread.currentThread().join();
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure prompt and generation speed; the last line is JSON with pp_tok_s and tg_tok_s.")
    static final class Bench implements Callable<Integer> {
        @Mixin
        ModelOptions model;

        @Option(names = "--prompt-tokens", defaultValue = "128")
        int promptTokens;

        @Option(names = "--gen-tokens", defaultValue = "128")
        int genTokens;

        @Option(names = "--repetitions", defaultValue = "3",
                description = "Measured runs after the warm-up; the rates are their medians (default: ${DEFAULT-VALUE}).")
        int repetitions;

        @Override
        public Integer call() throws IOException {
            try (Engine engine = model.load()) {
                System.out.println(engine.bench(promptTokens, genTokens, repetitions).toJson());
            }
            return 0;
        }
    }
}
