package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.ModelLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step profile on the host emulation: every launch of a step timed once, in graphs, and reported. */
class CudaStepProfileTest {
    @TempDir
    Path dir;

    @Test
    void everyLaunchOfTheStepIsTimedInExactlyOneGroup() throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        Path model = DecodeStepLaunchesTest.qwen3moe(dir, 2);
        try (GgufFile gguf = GgufFile.open(model)) {
            EmulatedGpu emulated = new EmulatedGpu(library, 1L << 32);
            LaunchLog log = new LaunchLog(emulated);
            try (CudaModel m = CudaModel.load(log, gguf, ModelLoader.config(gguf), 64, 8, GgmlType.F16)) {
                List<LaunchLog.Launch> step = CudaStepProfile.decodeStep(m, log, 5);
                // Two layers of 15 launches, the embedding row, the angles, the final norm, the output product
                // and the two arg-max launches.
                assertEquals(2 * 15 + 6, step.size(), "the step's launches");
                assertEquals("argmax_pick", step.getLast().kernel());

                int replaysBefore = emulated.replays();
                int passes = 2;
                CudaStepProfile.Profile p = CudaStepProfile.measure(log, step, passes);
                assertEquals(step.size(), p.stepLaunches());
                assertEquals(step.size(), p.groups().stream().mapToInt(CudaStepProfile.Group::launches).sum(),
                        "each launch in one group");
                Set<String> shapes = new HashSet<>();
                for (CudaStepProfile.Group g : p.groups()) {
                    assertTrue(shapes.add(g.shape()), "one group per shape: " + g.shape());
                    assertTrue(g.micros() > 0, g.toString());
                }
                assertEquals(step.stream().map(LaunchLog.Launch::shape).distinct().count(), p.groups().size());
                // The same launch of each of the two layers (here the experts' gate and up) forms one group of two.
                assertTrue(p.groups().stream().anyMatch(g -> g.shape().startsWith("swiglu_q4_k ")
                                && g.launches() == 2),
                        p.groups().toString());
                for (int i = 1; i < p.groups().size(); i++) {
                    assertTrue(p.groups().get(i - 1).micros() >= p.groups().get(i).micros(), "slowest first");
                }
                // Each group and the whole step: one graph, launched once to warm up and then for the timed runs.
                assertEquals((p.groups().size() + 1) * (1 + CudaStepProfile.TIMED_RUNS),
                        emulated.replays() - replaysBefore);
                assertEquals(2 * passes * step.size(), log.launches().size(),
                        "each launch recorded once per pass in its group's graph and in the whole step's");

                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                CudaStepProfile.print(p, new PrintStream(bytes, true, StandardCharsets.UTF_8));
                List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
                assertEquals(p.groups().size() + 2, lines.size(), String.join("\n", lines));
                assertTrue(lines.getLast().contains("(" + step.size() + " launches)"), lines.getLast());
            }
        }
    }
}
