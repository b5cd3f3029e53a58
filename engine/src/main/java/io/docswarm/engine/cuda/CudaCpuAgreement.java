package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.LanguageModel;
import io.docswarm.engine.model.LayerProbe;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelOptions;
import io.docswarm.engine.model.ThreadTeam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Whether a model's logits on the GPU agree with the CPU backend's, for a model of any size (issue 8's goal asks
 * it of the Qwen3-30B-A3B shape; {@code CudaBackendTest} asks it of small fixtures), compared in two ways on a
 * random prompt in one batch followed by the CPU's greedy continuation fed one token at a time:
 * <ul>
 *   <li>whole sequence: each backend runs on its own and every row of logits is compared;</li>
 *   <li>block by block ({@link LayerAgreement}): every block runs on the GPU from the CPU's own input to it, and
 *       what it adds to the residual stream is compared with what the CPU's block added; the output's logits
 *       likewise from the CPU's last residual stream.</li>
 * </ul>
 *
 * <p>Random-weight models sit on roundings' knife edges, where a one-ulp change of an activation flips an 8-bit
 * quant or an expert choice and moves the logits far more than any kernel difference would; in a deep model every
 * whole-sequence row can be one. So the CPU also runs with its activations jittered by about an ulp both ways
 * ({@link ModelOptions#activationJitter}), as the fixture tests do, in both comparisons. Whole sequence, a row
 * agrees when the GPU is within the tolerance of the CPU, or, where the jitter alone moves the CPU by more than
 * half the tolerance (a knife edge), within twice what the CPU moves by; that comparison disagrees when any row
 * does, agrees when none does and at least a quarter of the rows are conditioned (judged by the tolerance alone),
 * and is inconclusive otherwise. Block by block, each block's roundings are all that is left, and a block that
 * computes the wrong thing shows in its own rows ({@link LayerAgreement} has its rule). The verdict
 * ({@link Result#verdict}): the GPU disagrees when either comparison disagrees, and otherwise says what the
 * block-by-block comparison says.
 *
 * <p>Usage: {@code CudaCpuAgreement MODEL.gguf [PROMPT_TOKENS (32)] [GENERATED (16)] [THREADS (all)]}; prints a
 * line after each run (the GPU's with its differences from the plain CPU run), then a line per row of logits, a
 * line per block, and a JSON summary of each comparison; exits 0 when the GPU agrees, 1 when it disagrees, 3 when
 * inconclusive.
 */
public final class CudaCpuAgreement {
    /** The fixture tests' tolerance for quantized weights or an F16 cache (CudaBackendTest). */
    static final float TOLERANCE = 5e-3f;
    /** The fixture tests' jitter for K-quant weights. */
    static final float JITTER = 8e-8f;
    private static final long SEED = 20261126L;

    /** Loads the model under test onto a GPU (a real one, or the host emulation in tests). */
    @FunctionalInterface
    interface GpuLoader {
        CudaModel load(GgufFile file, ModelConfig config, int contextLength, int maxBatch);
    }

    /**
     * One row of logits compared along the whole sequence.
     *
     * @param position the row's position in the sequence
     * @param gpuDifference largest |GPU - CPU| over the vocabulary
     * @param cpuJitterDifference largest |CPU jittered - CPU| over the vocabulary, either sign
     * @param largestLogit largest |CPU logit|, for scale
     * @param sameArgmax whether the GPU's best token is the CPU's
     */
    record Row(int position, float gpuDifference, float cpuJitterDifference, float largestLogit, boolean sameArgmax) {
        boolean conditioned(float tolerance) {
            return cpuJitterDifference <= tolerance / 2;
        }

        boolean agrees(float tolerance) {
            return gpuDifference <= tolerance || !conditioned(tolerance) && gpuDifference <= 2 * cpuJitterDifference;
        }
    }

    /** What a comparison found (see the class comment). */
    enum Verdict {
        AGREES, DISAGREES, INCONCLUSIVE
    }

    /** Every row compared, against {@code tolerance}. */
    record Report(List<Row> rows, float tolerance) {
        Report {
            rows = List.copyOf(rows);
        }

        int conditionedRows() {
            return (int) rows.stream().filter(r -> r.conditioned(tolerance)).count();
        }

        /** The largest GPU difference over the conditioned rows (0 when there are none). */
        float worstConditioned() {
            return (float) rows.stream().filter(r -> r.conditioned(tolerance))
                    .mapToDouble(Row::gpuDifference).max().orElse(0);
        }

        Verdict verdict() {
            if (!rows.stream().allMatch(r -> r.agrees(tolerance))) {
                return Verdict.DISAGREES;
            }
            return 4L * conditionedRows() >= rows.size() && !rows.isEmpty() ? Verdict.AGREES : Verdict.INCONCLUSIVE;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"rows\":%d,\"within_tolerance_rows\":%d,\"conditioned_rows\":%d,"
                            + "\"worst_conditioned\":%.3g,\"worst_any\":%.3g,\"same_argmax_rows\":%d,"
                            + "\"tolerance\":%.3g,\"verdict\":\"%s\"}",
                    rows.size(), rows.stream().filter(r -> r.gpuDifference() <= tolerance).count(), conditionedRows(),
                    worstConditioned(), rows.stream().mapToDouble(Row::gpuDifference).max().orElse(0),
                    rows.stream().filter(Row::sameArgmax).count(), tolerance,
                    verdict().name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Both comparisons of one model.
     *
     * @param launchFormDifferences rows of logits that differ, in any bit, between the GPU's plain run (decode steps
     *     replayed as a recorded graph) and a run with a probe that changes nothing (every launch as it comes, as in
     *     the block-by-block run): the block-by-block verdict speaks for the plain run only when this is 0
     */
    record Result(Report logits, LayerAgreement.Report layers, int launchFormDifferences) {
        /**
         * Disagrees when either comparison does or the launch forms differ; agrees when the block-by-block
         * comparison does (the whole-sequence one is usually inconclusive on deep random-weight models, its rows all
         * knife edges); inconclusive otherwise.
         */
        Verdict verdict() {
            if (logits.verdict() == Verdict.DISAGREES || launchFormDifferences > 0) {
                return Verdict.DISAGREES;
            }
            return layers.verdict();
        }
    }

    private CudaCpuAgreement() {
    }

    /**
     * Runs both comparisons: the CPU model (recording its residual stream between blocks), the GPU model along the
     * CPU's tokens on its own and then forced block by block, then the CPU again jittered each way, on its own and
     * forced (one model loaded at a time), with an F16 KV cache on both (the engine's default). A line goes to
     * {@code progress} after each load's runs with their time, and after the GPU's its differences from the plain
     * CPU run: a device session whose time runs out during the slow CPU runs of a large model still has those.
     */
    static Result measure(GgufFile file, ThreadTeam team, GpuLoader gpu, int promptTokens, int generated,
                          Consumer<String> progress) {
        ModelConfig config = ModelLoader.config(file);
        int context = promptTokens + generated + 8;
        int positions = promptTokens + generated;
        int blocks = config.blockCount();
        int[] prompt = randomPrompt(config.vocabSize(), promptTokens);
        long start = System.nanoTime();
        float[][] cpu;
        LayerAgreement.Recording recording = new LayerAgreement.Recording(blocks, positions);
        try (LanguageModel m = ModelLoader.load(file, new ModelOptions(team, promptTokens, context, 0f, GgmlType.F16))) {
            m.probeLayers(recording);
            cpu = logitsAlong(m, prompt, null, generated);
        }
        progress.accept(String.format(Locale.ROOT, "CPU run: %.1f s", seconds(start)));
        int[] path = greedyPath(prompt, cpu, generated);
        start = System.nanoTime();
        float[][] device;
        float[][] deviceForced;
        int launchFormDifferences = 0;
        LayerAgreement.Forcing deviceForcing = new LayerAgreement.Forcing(recording, blocks, positions);
        try (CudaModel m = gpu.load(file, config, context, promptTokens)) {
            device = logitsAlong(m, prompt, path, generated);
            float[][] stepwise = probedLogitsAlong(m, (layer, startPosition, rows, n) -> { }, prompt, path, generated);
            for (int r = 0; r < positions; r++) {
                launchFormDifferences += Arrays.equals(device[r], stepwise[r]) ? 0 : 1;
            }
            deviceForced = probedLogitsAlong(m, deviceForcing, prompt, path, generated);
        }
        float[] gpuDifference = new float[positions];
        boolean[] sameArgmax = new boolean[positions];
        int sameArgmaxRows = 0;
        for (int r = 0; r < positions; r++) {
            gpuDifference[r] = largestDifference(cpu[r], device[r]);
            sameArgmax[r] = LanguageModel.argmax(cpu[r]) == LanguageModel.argmax(device[r]);
            sameArgmaxRows += sameArgmax[r] ? 1 : 0;
        }
        float[][] deviceErrors = LayerAgreement.errors(deviceForcing, cpu, deviceForced);
        LayerAgreement.Report gpuAlone = LayerAgreement.report(deviceErrors, List.of());
        progress.accept(String.format(Locale.ROOT, "GPU runs: %.1f s; before the jitter runs: worst |GPU - CPU| %.3g, "
                        + "%d of %d rows within %.3g, %d with the same arg-max; recorded steps against one launch at a "
                        + "time: %d rows differ; block by block (no jitter yet) %s", seconds(start),
                max(gpuDifference), countWithin(gpuDifference, TOLERANCE), positions, TOLERANCE, sameArgmaxRows,
                launchFormDifferences, gpuAlone.json()));
        float[] jitterDifference = new float[positions];
        List<float[][]> jitterErrors = new ArrayList<>();
        for (float jitter : new float[] {JITTER, -JITTER}) {
            start = System.nanoTime();
            try (LanguageModel m = ModelLoader.load(file,
                    new ModelOptions(team, promptTokens, context, jitter, GgmlType.F16))) {
                float[][] moved = logitsAlong(m, prompt, path, generated);
                for (int r = 0; r < positions; r++) {
                    jitterDifference[r] = Math.max(jitterDifference[r], largestDifference(cpu[r], moved[r]));
                }
                LayerAgreement.Forcing forcing = new LayerAgreement.Forcing(recording, blocks, positions);
                jitterErrors.add(LayerAgreement.errors(forcing, cpu, probedLogitsAlong(m, forcing, prompt, path,
                        generated)));
            }
            progress.accept(String.format(Locale.ROOT, "CPU runs jittered by %+.1g: %.1f s", jitter, seconds(start)));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < positions; r++) {
            rows.add(new Row(r, gpuDifference[r], jitterDifference[r], largestMagnitude(cpu[r]), sameArgmax[r]));
        }
        return new Result(new Report(rows, TOLERANCE), LayerAgreement.report(deviceErrors, jitterErrors),
                launchFormDifferences);
    }

    /** {@link #logitsAlong} the path again from position 0, with {@code probe} between the blocks. */
    private static float[][] probedLogitsAlong(LanguageModel m, LayerProbe probe, int[] prompt, int[] path,
                                               int generated) {
        m.reset();
        m.probeLayers(probe);
        try {
            return logitsAlong(m, prompt, path, generated);
        } finally {
            m.probeLayers(null);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static float max(float[] values) {
        float m = 0;
        for (float v : values) {
            if (!(v <= m)) {
                m = v; // NaN counts as the largest
            }
        }
        return m;
    }

    private static int countWithin(float[] values, float limit) {
        int n = 0;
        for (float v : values) {
            n += v <= limit ? 1 : 0;
        }
        return n;
    }

    /**
     * Logits of every prompt row (the prompt in one batch), then of each next token fed alone: the path's
     * tokens after the prompt, or, with no path, each row's own greedy choice.
     */
    static float[][] logitsAlong(LanguageModel m, int[] prompt, int[] path, int generated) {
        float[][] out = new float[prompt.length + generated][];
        m.forward(prompt, 0, prompt.length, true);
        for (int p = 0; p < prompt.length; p++) {
            out[p] = m.logits(p).clone();
        }
        int[] next = new int[1];
        for (int i = 0; i < generated; i++) {
            next[0] = path != null ? path[prompt.length + i] : LanguageModel.argmax(out[prompt.length - 1 + i]);
            m.forward(next, 0, 1, false);
            out[prompt.length + i] = m.logits(0).clone();
        }
        return out;
    }

    private static int[] randomPrompt(int vocab, int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = 3 + random.nextInt(vocab - 3);
        }
        return p;
    }

    /** The prompt, then the greedy choice of each row from the prompt's last on ({@code generated} tokens). */
    static int[] greedyPath(int[] prompt, float[][] logits, int generated) {
        int[] path = new int[prompt.length + generated];
        System.arraycopy(prompt, 0, path, 0, prompt.length);
        for (int i = 0; i < generated; i++) {
            path[prompt.length + i] = LanguageModel.argmax(logits[prompt.length - 1 + i]);
        }
        return path;
    }

    static float largestDifference(float[] a, float[] b) {
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            float d = Math.abs(a[i] - b[i]);
            if (!(d <= worst)) {
                worst = d; // NaN counts as the worst
            }
        }
        return worst;
    }

    private static float largestMagnitude(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CudaCpuAgreement MODEL.gguf [PROMPT_TOKENS] [GENERATED] [THREADS]");
            System.exit(2);
        }
        int promptTokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int generated = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        CudaDeviceInfo device = CudaRuntime.firstDeviceOrExit();
        Result result;
        try (GgufFile file = GgufFile.open(Path.of(args[0])); ThreadTeam team = new ThreadTeam(threads)) {
            result = measure(file, team, (f, config, context, batch) -> CudaModel.load(f, config, context, batch,
                    GgmlType.F16, device), promptTokens, generated, System.out::println);
        }
        Report logits = result.logits();
        for (Row r : logits.rows()) {
            System.out.printf(Locale.ROOT, "row %3d: GPU-CPU %.3g, CPU jitter %.3g, |logit| <= %.3g, %s%s%n",
                    r.position(), r.gpuDifference(), r.cpuJitterDifference(), r.largestLogit(),
                    r.sameArgmax() ? "same arg-max" : "ARG-MAX DIFFERS",
                    (r.conditioned(logits.tolerance()) ? "" : ", knife edge")
                            + (r.agrees(logits.tolerance()) ? "" : ": DISAGREES"));
        }
        result.layers().lines().forEach(System.out::println);
        System.out.println(device.describe() + " whole sequence " + logits.json());
        System.out.println(device.describe() + " block by block " + result.layers().json());
        System.out.println("recorded steps against one launch at a time: " + result.launchFormDifferences()
                + " rows differ");
        System.out.println("verdict: " + result.verdict().name().toLowerCase(Locale.ROOT));
        System.exit(switch (result.verdict()) {
            case AGREES -> 0;
            case DISAGREES -> 1;
            case INCONCLUSIVE -> 3;
        });
    }
}
