package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * Where a decode step's time goes on the GPU: {@code CudaDecodeTiming MODEL.gguf PROMPT_TOKENS [STEPS]} feeds a
 * prompt, then times greedy steps split into the device arg-max (which waits for the step before it) and
 * {@code forward} (which only submits the recorded step). Comparing prompt lengths shows how much of a step
 * is attention over the cache. Three rounds; the last is the steady state. Then the recorded step replayed
 * STEPS times without the per-token upload and read, back to back and waiting for each, greedy steps that
 * always feed one token at one position, the greedy tokens fed each at that one position, and one token fed at
 * the greedy steps' advancing positions: the differences
 * price the host round trip, the start of a graph on an idle GPU, and what changing experts and positions cost.
 */
public final class CudaDecodeTiming {
    private CudaDecodeTiming() {
    }

    /**
     * Times {@code steps} decode steps, each feeding the token {@code before} gives for step i (after whatever
     * rewinding it does) after an arg-max read as a greedy step would, from an idle device to the last step's end.
     */
    private static void timeSteps(CudaModel m, int steps, String label, IntUnaryOperator before) {
        int[] token = new int[1];
        m.finish();
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            token[0] = before.applyAsInt(i);
            m.argmax(0);
            m.forward(token, 0, 1, false);
        }
        m.finish();
        System.out.printf(Locale.ROOT, "%s: %.3f ms per step%n", label, (System.nanoTime() - t0) / 1e6 / steps);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CudaDecodeTiming MODEL.gguf PROMPT_TOKENS [STEPS]");
            System.exit(2);
        }
        int promptTokens = Integer.parseInt(args[1]);
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        CudaDeviceInfo device = CudaRuntime.firstDeviceOrExit();
        try (GgufFile file = GgufFile.open(Path.of(args[0]))) {
            ModelConfig c = ModelLoader.config(file);
            int[] prompt = new int[promptTokens];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = 10 + i % Math.max(1, c.vocabSize() - 10);
            }
            try (CudaModel m = CudaModel.load(file, c, promptTokens + steps + 1, Math.max(1, Math.min(512, promptTokens)),
                    GgmlType.F16, device)) {
                int[] next = new int[1];
                int[] greedy = new int[steps];
                for (int round = 0; round < 3; round++) {
                    m.reset();
                    m.forward(prompt, 0, prompt.length, false);
                    // The prompt's queued work must not count as the first step's (up to session 8 it did: the
                    // 0.76 ms per token once taken for the cost of changing experts, docs/benchmarks.md).
                    m.finish();
                    long wait = 0;
                    long submit = 0;
                    for (int i = 0; i < steps; i++) {
                        long t0 = System.nanoTime();
                        next[0] = m.argmax(0);
                        greedy[i] = next[0];
                        long t1 = System.nanoTime();
                        m.forward(next, 0, 1, false);
                        wait += t1 - t0;
                        submit += System.nanoTime() - t1;
                    }
                    System.out.printf(Locale.ROOT, "round %d: %.3f ms waiting for a step (arg-max), %.3f ms submitting "
                            + "one, per token%n", round, wait / 1e6 / steps, submit / 1e6 / steps);
                }
                // Greedy steps as above but always the same token at the same position (rewound): the arg-max
                // read and the uploads stay; the experts, the position and the cache length stop changing.
                int fixedPosition = m.position();
                int token = next[0];
                timeSteps(m, steps, "one token at one position, with arg-max and uploads", i -> {
                    m.rewind(fixedPosition);
                    return token;
                });
                // The last round's greedy tokens again, each at that same position: the experts change from step to
                // step as in greedy decoding, the position and the cache length do not. Against the timing above
                // this separates what changing experts and a growing cache each cost (nothing measurable on an
                // H200, session 8).
                timeSteps(m, steps, "the greedy tokens, each at one position", i -> {
                    m.rewind(fixedPosition);
                    return greedy[i];
                });
                // One token at advancing positions (the greedy steps' positions): the experts stay nearly the same,
                // the position and the cache length advance as in greedy decoding.
                m.rewind(fixedPosition - steps);
                timeSteps(m, steps, "one token at advancing positions", i -> token);
                m.rewind(fixedPosition);
                // The same recorded step replayed without token uploads or arg-max reads, back to back and then
                // waiting for each: the differences price the host round trip between tokens and the start of a
                // graph launched onto an idle GPU.
                if (!m.decodeStepRecorded()) {
                    System.out.println("no recorded decode step (recording failed): no replays timed");
                    return;
                }
                for (boolean waitEach : new boolean[] {false, true}) {
                    long t0 = System.nanoTime();
                    m.replayDecodeSteps(steps, waitEach);
                    System.out.printf(Locale.ROOT, "%s: %.3f ms per replayed step%n",
                            waitEach ? "replays, waiting for each" : "replays back to back",
                            (System.nanoTime() - t0) / 1e6 / steps);
                }
            }
        }
    }
}
