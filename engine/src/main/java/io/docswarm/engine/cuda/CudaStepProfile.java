package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a decode step's device time goes, kernel by kernel: {@code CudaStepProfile MODEL.gguf [PROMPT_TOKENS]
 * [PASSES]} feeds a prompt, logs the launches of one greedy step (the step and its arg-max), then times them
 * on the GPU in groups of launches with the same kernel, grid and block (such as one product of every layer).
 * A group's launches, in step order and repeated {@code PASSES} times, are recorded as one CUDA graph, so one
 * graph launch's cost is spread over many kernels, and each pass reads every layer's weights of the group, not
 * one matrix again. Prints each group's microseconds per step, and the whole step timed the same way; the
 * difference between that and the sum of the groups is what the kernels overlap or wait between them.
 *
 * <p>Caveat: a group whose bytes fit in the GPU's L2 cache (about 50 MB on an H100 or H200) is read from L2 after
 * its first pass, so it looks faster than in a real step, where the other kernels' traffic evicts it. The
 * Qwen3-30B-A3B shape's product groups (hundreds of MB) are read from memory; a small model's are not.
 */
public final class CudaStepProfile {
    /** Launches of one shape in a step and their device time per step. */
    record Group(String shape, int launches, double micros) {}

    /** The groups, slowest first, and the whole step's time. */
    record Profile(List<Group> groups, double stepMicros, int stepLaunches) {
        double groupMicros() {
            return groups.stream().mapToDouble(Group::micros).sum();
        }
    }

    /** Timed launches of each graph after its warm-up; the fastest counts (the least disturbed by the host). */
    static final int TIMED_RUNS = 3;

    private CudaStepProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CudaStepProfile MODEL.gguf [PROMPT_TOKENS] [PASSES]");
            System.exit(2);
        }
        int promptTokens = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        CudaDeviceInfo device = CudaRuntime.firstDeviceOrExit();
        try (GgufFile file = GgufFile.open(Path.of(args[0]))) {
            LaunchLog log = new LaunchLog(new CudaContext(device));
            ModelConfig c = ModelLoader.config(file);
            try (CudaModel m = CudaModel.load(log, file, c, promptTokens + 8, Math.max(1, Math.min(512, promptTokens)),
                    GgmlType.F16)) {
                System.out.println("device: " + m.device() + "; " + args[0] + " after " + promptTokens
                        + " prompt tokens, " + passes + " passes");
                print(measure(log, decodeStep(m, log, promptTokens), passes), System.out);
            }
        }
    }

    /** The launches of one greedy step after a prompt of {@code promptTokens}: the step, then its arg-max. */
    static List<LaunchLog.Launch> decodeStep(CudaModel m, LaunchLog log, int promptTokens) {
        int[] prompt = new int[promptTokens];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = 10 + i % Math.max(1, m.config().vocabSize() - 10);
        }
        m.reset();
        m.forward(prompt, 0, prompt.length, false);
        int[] next = {m.argmax(0)};
        log.clear();
        // The first step after a prompt of several tokens is launched kernel by kernel; after a one-token prompt
        // it is recorded as a graph. Either way every launch goes through the log.
        m.forward(next, 0, 1, false);
        m.argmax(0);
        List<LaunchLog.Launch> step = log.launches();
        log.clear();
        return step;
    }

    /** Times {@code step}'s launches by shape, and the whole step, each as one graph of {@code passes} passes. */
    static Profile measure(Gpu gpu, List<LaunchLog.Launch> step, int passes) {
        Map<String, List<LaunchLog.Launch>> byShape = new LinkedHashMap<>();
        for (LaunchLog.Launch l : step) {
            byShape.computeIfAbsent(l.shape(), k -> new ArrayList<>()).add(l);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<LaunchLog.Launch>> e : byShape.entrySet()) {
            groups.add(new Group(e.getKey(), e.getValue().size(), micros(gpu, e.getValue(), passes)));
        }
        groups.sort(Comparator.comparingDouble(Group::micros).reversed());
        return new Profile(List.copyOf(groups), micros(gpu, step, passes), step.size());
    }

    /**
     * Microseconds per pass of {@code launches}: {@code passes} passes recorded as one graph, launched once to
     * warm up, then the fastest of {@link #TIMED_RUNS} timed launches.
     */
    private static double micros(Gpu gpu, List<LaunchLog.Launch> launches, int passes) {
        Object graph = gpu.capture(() -> {
            for (int p = 0; p < passes; p++) {
                launches.forEach(l -> l.launchOn(gpu));
            }
        });
        gpu.replay(graph);
        gpu.synchronize();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < TIMED_RUNS; run++) {
            long t0 = System.nanoTime();
            gpu.replay(graph);
            gpu.synchronize();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e3 / passes;
    }

    static void print(Profile p, PrintStream out) {
        out.printf(Locale.ROOT, "%-58s %8s %12s %10s %7s%n", "kernel grid x block", "launches", "us per step",
                "us each", "share");
        for (Group g : p.groups()) {
            out.printf(Locale.ROOT, "%-58s %8d %12.1f %10.2f %6.1f%%%n", g.shape(), g.launches(), g.micros(),
                    g.micros() / g.launches(), 100 * g.micros() / p.groupMicros());
        }
        out.printf(Locale.ROOT, "sum of the groups: %.1f us; the whole step (%d launches) replayed: %.1f us, %.1f tok/s%n",
                p.groupMicros(), p.stepLaunches(), p.stepMicros(), 1e6 / p.stepMicros());
    }
}
