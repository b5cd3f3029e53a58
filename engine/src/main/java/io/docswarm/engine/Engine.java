package io.docswarm.engine;


import io.docswarm.engine.chat.ChatTemplate;
import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.grammar.ConstrainedSampling;
import io.docswarm.engine.grammar.SchemaConstraint;
import io.docswarm.engine.grammar.TokenVocabulary;
import io.docswarm.engine.cuda.CudaModel;
import io.docswarm.engine.model.LanguageModel;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelOptions;
import io.docswarm.engine.model.ThreadTeam;
import io.docswarm.engine.sampling.Sampler;
import io.docswarm.engine.sampling.StopCondition;
import io.docswarm.engine.tokenizer.StreamingDecoder;
import io.docswarm.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GGUF model loaded for generation: the public entry point of the engine.
 *
 * <pre>{@code
 * try (Engine engine = Engine.load(Path.of("model.gguf"), EngineOptions.defaults())) {
 *     GenerationResult r = engine.generate(GenerationRequest.raw("Once upon a time", 64),
 *             (id, text) -> System.out.print(text));
 * }
 * }</pre>
 *
 * The weights stay in the memory-mapped file; the KV cache is allocated for the context length at load.
 * One generation runs at a time (calls are serialised); each uses all the engine's threads.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private TokenVocabulary vocabulary;
    private final Map<String, SchemaConstraint> schemas = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SchemaConstraint> eldest) {
            return size() > 32;
        }
    };
    private final Path path;
    private final GgufFile file;
    private final ThreadTeam team;
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate chatTemplate;
    private final EngineInfo info;

    private Engine(Path path, GgufFile file, ThreadTeam team, LanguageModel model, Tokenizer tokenizer,
                   ChatTemplate chatTemplate, EngineInfo info) {
        this.path = path;
        this.file = file;
        this.team = team;
        this.model = model;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        this.info = info;
    }

    public static Engine load(Path path, EngineOptions options) throws IOException {
        return load(path, options, LoadProgress.NONE);
    }

    /**
     * Opens {@code path}, checks its architecture, shapes and types, and builds the model. Problems with the
     * file are reported as {@link io.docswarm.engine.gguf.GgufFormatException} naming the file.
     */
    public static Engine load(Path path, EngineOptions options, LoadProgress progress) throws IOException {
        GgufFile file = GgufFile.open(path);
        ThreadTeam team = null;
        LanguageModel model = null;
        try {
            ModelConfig config = ModelLoader.config(file);
            int context = options.contextLength() > 0 ? Math.min(options.contextLength(), config.contextLength())
                    : Math.min(EngineOptions.DEFAULT_CONTEXT, config.contextLength());
            team = new ThreadTeam(options.effectiveThreads());
            long total = 0;
            Map<GgmlType, Long> types = new EnumMap<>(GgmlType.class);
            long parameters = 0;
            for (GgufTensor t : file.tensors()) {
                total += t.byteSize();
                parameters += t.elementCount();
                types.merge(t.type(), t.elementCount(), Long::sum);
            }
            // Before the model: the CPU backend repacks some weights while loading and then lets their mapped
            // pages go, which touching them afterwards would bring back.
            if (options.preload()) {
                long done = 0;
                for (GgufTensor t : file.tensors()) {
                    t.data().load();
                    done += t.byteSize();
                    progress.update(done, total);
                }
            } else {
                progress.update(total, total);
            }
            model = loadModel(file, config, options, context, team);
            Tokenizer tokenizer = Tokenizer.fromGguf(file);
            ChatTemplate template = file.metadata().has("tokenizer.chat_template")
                    ? ChatTemplate.parse(file.metadata().getString("tokenizer.chat_template")) : null;
            EngineInfo info = new EngineInfo(path.toString(),
                    file.metadata().getString("general.name", path.getFileName().toString()),
                    config.architecture().ggufName(), file.fileSize(), parameters, types, config.vocabSize(),
                    model.contextLength(), config.contextLength(), config.blockCount(), config.embeddingLength(),
                    config.headCount(), config.headCountKv(), config.headDim(), config.expertCount(),
                    config.expertUsedCount(), config.expertFeedForwardLength(), tokenizer.model(), template != null,
                    model.kvCacheBytes(), model.kvCacheType(), team.size(), model.device(),
                    model.packedWeightBytes());
            return new Engine(path, file, team, model, tokenizer, template, info);
        } catch (RuntimeException | Error e) {
            // A GPU model holds device memory and pinned host memory: give it back when a later step fails.
            if (model != null) {
                try {
                    model.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (team != null) {
                team.close();
            }
            file.close();
            throw e;
        }
    }

    /**
     * The forward pass on the device {@link EngineOptions#device()} asks for (see {@link BackendChoice}). With
     * {@code auto}, a GPU that cannot take the model (no driver or device, an architecture without a CUDA
     * forward pass, a CUDA error while loading) leaves it on the CPU with one log line; an explicit
     * {@code cuda[:N]} fails instead.
     */
    private static LanguageModel loadModel(GgufFile file, ModelConfig config, EngineOptions options, int context,
                                           ThreadTeam team) {
        BackendChoice choice = BackendChoice.decide(options.device(), config);
        if (choice.note() != null) {
            LOG.info(choice.note());
        }
        if (choice.cuda() != null) {
            try {
                return CudaModel.load(file, config, context, options.batchSize(), options.kvCacheType(),
                        choice.cuda());
            } catch (RuntimeException e) {
                if (options.device().kind() != Device.Kind.AUTO || e instanceof io.docswarm.engine.gguf.GgufFormatException) {
                    throw e;
                }
                LOG.info("device auto: running on the CPU: loading on {} failed: {}", choice.cuda().describe(),
                        e.toString());
            }
        }
        return ModelLoader.load(file, new ModelOptions(team, options.batchSize(), context, 0f, options.kvCacheType(),
                options.repack()));
    }

    public EngineInfo info() {
        return info;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The model's chat template, or null when the file has none. */
    public ChatTemplate chatTemplate() {
        return chatTemplate;
    }

    /** The prompt's token ids as {@link #generate} would feed them. */
    public int[] promptTokens(GenerationRequest request) {
        if (request.promptTokens() != null) {
            return request.promptTokens();
        }
        if (request.prompt() != null) {
            return tokenizer.encode(request.prompt(), true, true);
        }
        if (chatTemplate == null) {
            throw new IllegalStateException(path + " has no chat template (tokenizer.chat_template); use a raw prompt");
        }
        int bos = tokenizer.specialTokens().bos();
        int eos = tokenizer.specialTokens().eos();
        String text = chatTemplate.render(request.messages(), true, Map.of(
                "bos_token", bos >= 0 ? tokenizer.decode(new int[] {bos}, false, true) : "",
                "eos_token", eos >= 0 ? tokenizer.decode(new int[] {eos}, false, true) : ""));
        int[] ids = tokenizer.encode(text, true, true);
        // Templates often write the BOS themselves; like llama.cpp, do not start with two.
        if (ids.length >= 2 && bos >= 0 && ids[0] == bos && ids[1] == bos) {
            return java.util.Arrays.copyOfRange(ids, 1, ids.length);
        }
        return ids;
    }

    /** Generates without streaming. */
    public GenerationResult generate(GenerationRequest request) {
        return generate(request, TokenListener.NONE);
    }

    /**
     * Generates, passing each token to {@code listener} as it is produced. Stops at {@code maxTokens}, an
     * end-of-generation token, a stop string, or the end of the context.
     */
    public synchronized GenerationResult generate(GenerationRequest request, TokenListener listener) {
        int[] prompt = promptTokens(request);
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty (no tokens)");
        }
        if (prompt.length >= model.contextLength()) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; the context holds "
                    + model.contextLength());
        }
        int maxTokens = Math.min(request.maxTokens(), model.contextLength() - prompt.length);
        Sampler sampler = new Sampler(request.sampling(), model.config().vocabSize());
        for (int t : prompt) {
            sampler.accept(t);
        }
        StopCondition stop = new StopCondition(maxTokens, request.stopStrings(),
                tokenizer.specialTokens().endOfGeneration());
        StreamingDecoder decoder = tokenizer.newStreamingDecoder(false);
        StringBuilder text = new StringBuilder();
        int[] generated = new int[maxTokens];
        int count = 0;
        int[] next = new int[1];
        ConstrainedSampling constraint = request.schema() == null ? null : constraint(request.schema()).newSampling();

        model.reset();
        long start = System.nanoTime();
        model.forward(prompt, 0, prompt.length, false);
        model.finish(); // a GPU backend may still be running the prompt: its time is the prompt's
        long promptDone = System.nanoTime();
        while (true) {
            int token;
            if (constraint != null) {
                // The logits buffer is rewritten by the next forward pass, so it can be masked in place.
                float[] logits = model.logits(0);
                constraint.mask(logits);
                token = sampler.sample(logits);
            } else {
                // With top-k (or greedy) only the largest logits are read: on a GPU they are chosen there.
                token = sampler.sample(model.logitSource(0));
            }
            sampler.accept(token);
            if (constraint != null) {
                constraint.accept(token);
            }
            generated[count++] = token;
            String shown = stop.accept(token, decoder.accept(token));
            if (!stop.isDone() && constraint != null && constraint.isFinished()) {
                shown += stop.end(StopCondition.Reason.DOCUMENT_COMPLETE);
            }
            if (stop.isDone()) {
                shown += stop.reason() == StopCondition.Reason.STOP_STRING ? "" : decoder.finish();
            }
            text.append(shown);
            listener.onToken(token, shown);
            if (stop.isDone()) {
                break;
            }
            next[0] = token;
            model.forward(next, 0, 1, false);
        }
        long end = System.nanoTime();
        StopCondition.Reason reason = stop.reason();
        if (constraint != null && reason == StopCondition.Reason.MAX_TOKENS && constraint.isComplete()) {
            reason = StopCondition.Reason.DOCUMENT_COMPLETE;
        }
        return new GenerationResult(text.toString(), java.util.Arrays.copyOf(generated, count), prompt.length,
                reason, promptDone - start, end - promptDone);
    }

    /**
     * The compiled constraint for a schema. The token vocabulary (a trie over every token's bytes) is built once
     * per engine; compiled schemas are kept, since agents ask for the same few schemas again and again.
     */
    private SchemaConstraint constraint(String schema) {
        if (vocabulary == null) {
            vocabulary = TokenVocabulary.of(tokenizer);
        }
        return schemas.computeIfAbsent(schema, s -> SchemaConstraint.compile(s, vocabulary));
    }

    /** {@link #bench(int, int, int)} with one measured run. */
    public BenchResult bench(int promptTokens, int genTokens) {
        return bench(promptTokens, genTokens, 1);
    }

    /**
     * Measures prompt processing ({@code promptTokens} random tokens in batches) and generation
     * ({@code genTokens} tokens one at a time, greedy) after a warm-up of the same prompt and a few tokens, like
     * llama-bench: {@code repetitions} measured runs, and the median of each rate. More than one run lets the
     * JIT finish compiling, which on two busy cores can outlast the warm-up (the 288M benchmark model's prompt
     * rate at two threads rose from 519 to about 660 tok/s over four runs in one JVM).
     */
    public synchronized BenchResult bench(int promptTokens, int genTokens, int repetitions) {
        if (promptTokens < 1 || genTokens < 1 || promptTokens + genTokens > model.contextLength()) {
            throw new IllegalArgumentException("need 1 <= prompt tokens, 1 <= generated tokens, and their sum <= "
                    + model.contextLength());
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("need at least one repetition, got " + repetitions);
        }
        int vocab = model.config().vocabSize();
        SplittableRandom rnd = new SplittableRandom(42);
        int[] prompt = new int[promptTokens];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = rnd.nextInt(vocab);
        }
        int[] next = new int[1];
        // Warm-up, as llama-bench does it: the whole prompt once (pages the weights in and lets the JIT compile
        // the prompt path at its size), then a few generated tokens.
        model.reset();
        model.forward(prompt, 0, promptTokens, false);
        for (int i = 0; i < Math.min(4, genTokens); i++) { // within the context the check above allows
            next[0] = model.argmax(0);
            model.forward(next, 0, 1, false);
        }
        double[] promptRates = new double[repetitions];
        double[] generationRates = new double[repetitions];
        for (int run = 0; run < repetitions; run++) {
            model.reset();
            model.finish();
            long t0 = System.nanoTime();
            model.forward(prompt, 0, promptTokens, false);
            // A GPU backend returns from forward with work still queued: the prompt ends when it is done, not
            // when it was handed to the device (and the generation below when its last step is done).
            model.finish();
            long t1 = System.nanoTime();
            for (int i = 0; i < genTokens; i++) {
                next[0] = model.argmax(0);
                model.forward(next, 0, 1, false);
            }
            model.finish();
            long t2 = System.nanoTime();
            promptRates[run] = promptTokens * 1e9 / (t1 - t0);
            generationRates[run] = genTokens * 1e9 / (t2 - t1);
        }
        return new BenchResult(team.size(), promptTokens, genTokens, median(promptRates), median(generationRates),
                repetitions);
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Frees the model (and its GPU context), the threads and the mapped file; waits for a running generation
     * (from another thread). Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            model.close();
        } finally {
            team.close();
            file.close();
        }
    }

    private boolean closed;
}
