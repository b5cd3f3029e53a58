package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.ModelLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decode step's ceiling on a GPU ({@code bench/gpu-session.sh ceiling}):
 * {@code CudaStepCeiling MODEL.gguf [--positions P] [--steps N] [--block T] [--blocks B]}. Reads the bytes of
 * one decode step of the model with {@code P} cached positions ({@link StepPhases}) with kernels that do nothing
 * else (ceiling.cu), in each {@link StepCeiling.Form}: as the step's phases; as one phase (the card's bandwidth
 * for these bytes); as the same phases reading nothing (what ordering alone costs); and as the engine's own
 * launches (what today's launch structure costs with kernels at full speed; Qwen3-MoE-style models). Prints
 * microseconds per step and per phase, the bandwidth of all bytes read, and the goal's measure: the weights' bytes
 * per step time over the card's peak. What the phases reach bounds every design that waits for each phase as a
 * whole and fetches at most the next one early (see {@link StepPhases}); the report ends with issue 8's decision
 * rule applied to the times ({@link CeilingVerdict}). Every run is checked first; exit 1 if any
 * check fails. {@code B}: the grid, by default as many blocks as the device holds. With {@code --plan}, prints the
 * plans' phases and bytes instead, without a GPU.
 */
public final class CudaStepCeiling {
    private record Plan(String label, StepPhases phases, List<StepCeiling.Form> forms) {}

    private CudaStepCeiling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CudaStepCeiling MODEL.gguf [--positions P] [--steps N] [--block T] [--blocks B]"
                    + " [--plan]");
            System.exit(2);
        }
        boolean planOnly = List.of(args).contains("--plan");
        args = java.util.Arrays.stream(args).filter(a -> !a.equals("--plan")).toArray(String[]::new);
        int positions = 512;
        int steps = 50;
        int block = 512;
        int blocks = 0;
        for (int i = 1; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--positions" -> positions = value;
                case "--steps" -> steps = value;
                case "--block" -> block = value;
                case "--blocks" -> blocks = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        StepPhases step;
        StepPhases launches;
        try (GgufFile file = GgufFile.open(Path.of(args[0]))) {
            step = StepPhases.of(file, ModelLoader.config(file), positions);
            launches = engineLaunches(file, positions);
        }
        if (planOnly) {
            printPlan(step, System.out);
            if (launches != null) {
                printPlan(launches, System.out);
            }
            return;
        }
        CudaDeviceInfo device = CudaRuntime.firstDeviceOrExit();
        boolean passed;
        try (CudaContext gpu = new CudaContext(device)) {
            int grid = blocks > 0 ? blocks : gpu.cooperativeBlocks("ceiling_persistent", block);
            System.out.printf(Locale.ROOT, "%s with %d cached positions%n", args[0], positions);
            passed = report(gpu, step, launches, grid, block, steps, System.out);
        }
        System.exit(passed ? 0 : 1);
    }

    /** A plan's totals, then each phase's bytes (no GPU needed: {@code --plan}). */
    static void printPlan(StepPhases plan, PrintStream out) {
        out.printf(Locale.ROOT, "%d phases: %d bytes of weights, %d in all%n", plan.phases().size(), plan.weightBytes(),
                plan.totalBytes());
        for (StepPhases.Phase p : plan.phases()) {
            out.printf(Locale.ROOT, "  %-36s %12d%s%s%n", p.name(), p.bytes(),
                    p.needsWholeInput() ? "" : "  (needs part of the one before)",
                    p.knownAhead() ? "" : "  (chosen by the phase before)");
        }
    }

    /** The engine's own launches of the step ({@link StepPhases#launchesOf}), or null for a model it does not know. */
    private static StepPhases engineLaunches(GgufFile file, int positions) {
        try {
            return StepPhases.launchesOf(file, ModelLoader.config(file), positions);
        } catch (IllegalArgumentException e) {
            System.out.println("no plan of the engine's launches: " + e.getMessage());
            return null;
        }
    }

    /**
     * Checks and times every plan and form on {@code gpu}, one line each (the engine's launches, when given, as
     * launches and as a persistent kernel); whether every check passed.
     */
    static boolean report(Gpu gpu, StepPhases step, StepPhases launches, int grid, int block, int steps,
                          PrintStream out) {
        List<StepPhases> held = launches == null ? List.of(step) : List.of(step, launches);
        StepCeiling ceiling = new StepCeiling(gpu, held, grid, block);
        double peak = gpu.device().peakBandwidth();
        out.printf(Locale.ROOT, "%s, peak %.0f GB/s: %d phases (the engine's launches: %s), %.3f GB of weights and"
                        + " %.1f MB of cache a step; grid %d x %d (staged: %d x %d)%n", gpu.device().describe(),
                peak / 1e9, step.phases().size(), launches == null ? "no plan" : launches.phases().size(),
                step.weightBytes() / 1e9, (step.totalBytes() - step.weightBytes()) / 1e6, grid, block,
                ceiling.stagedGrid(), block);
        out.println("plan        | form                 |  us/step | us/phase | GB/s all | weights/peak | steps/s"
                + " | check");
        List<Plan> plans = new java.util.ArrayList<>(List.of(
                new Plan("phases", step, List.of(StepCeiling.Form.values())),
                new Plan("one phase", step.merged(), List.of(StepCeiling.Form.LAUNCHES)),
                new Plan("no bytes", step.empty(), List.of(StepCeiling.Form.LAUNCHES, StepCeiling.Form.LAUNCHES_STAGED,
                        StepCeiling.Form.PERSISTENT))));
        if (launches != null) {
            plans.add(new Plan("engine's", launches, List.of(StepCeiling.Form.values())));
        }
        boolean passed = true;
        Map<String, Map<StepCeiling.Form, Double>> seconds = new java.util.HashMap<>();
        for (Plan plan : plans) {
            for (StepCeiling.Form form : plan.forms()) {
                StepCeiling.Check check = ceiling.check(plan.phases(), form);
                passed &= check.passed();
                double s = ceiling.secondsPerStep(plan.phases(), form, steps, 3);
                seconds.computeIfAbsent(plan.label(), k -> new java.util.EnumMap<>(StepCeiling.Form.class)).put(form, s);
                out.printf(Locale.ROOT, "%-11s | %-20s | %8.1f | %8.2f | %8.0f | %11.1f%% | %7.0f | %s%n",
                        plan.label(), form.label, s * 1e6, s * 1e6 / plan.phases().phases().size(),
                        plan.phases().totalBytes() / s / 1e9,
                        peak > 0 ? 100 * plan.phases().weightBytes() / s / peak : Double.NaN, 1 / s,
                        check.passed() ? "ok" : "WRONG: read " + Long.toUnsignedString(check.sum()) + ", expected "
                                + Long.toUnsignedString(check.expected()) + ", " + check.earlyBlocks()
                                + " blocks past a barrier early");
            }
        }
        if (peak > 0) {
            CeilingVerdict.of(step, seconds.get("phases"), seconds.get("no bytes"),
                    seconds.get("one phase").get(StepCeiling.Form.LAUNCHES), peak).lines().forEach(out::println);
        } else {
            out.println("no verdict: the device's peak bandwidth is not known");
        }
        return passed;
    }
}
