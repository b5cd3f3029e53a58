package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.ModelLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link CudaDecodeTiming} relies on, on the host emulation: the decode step is recorded from the second
 * generated token on, and replaying it (with the token and position last uploaded) runs the recorded step
 * without moving the position or disturbing what follows: generation after any number of replays, waited for
 * or not, gives the logits of a run without them, bit for bit.
 */
class DecodeReplayTest {
    private static final int[] PROMPT = {11, 12, 13, 14, 15};

    @TempDir
    Path dir;

    @Test
    void replaysLeaveGenerationAsItWas() throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        Path model = DecodeStepLaunchesTest.qwen3moe(dir, 2);
        try (GgufFile gguf = GgufFile.open(model)) {
            float[][] plain = generate(library, gguf, false);
            float[][] replayed = generate(library, gguf, true);
            for (int i = 0; i < plain.length; i++) {
                assertArrayEquals(plain[i], replayed[i], "logits of generated token " + i);
            }
        }
    }

    /** The logits of 5 greedy tokens after the prompt; with {@code replay}, 5 replays after the second. */
    private static float[][] generate(Path library, GgufFile gguf, boolean replay) {
        EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32);
        try (CudaModel m = CudaModel.load(gpu, gguf, ModelLoader.config(gguf), 64, 8, GgmlType.F16)) {
            m.forward(PROMPT, 0, PROMPT.length, false);
            float[][] logits = new float[5][];
            int[] next = new int[1];
            for (int i = 0; i < logits.length; i++) {
                next[0] = m.argmax(0);
                m.forward(next, 0, 1, false);
                logits[i] = m.logits(0).clone();
                if (replay && i == 0) {
                    assertFalse(m.decodeStepRecorded(), "the first generated token runs unrecorded");
                    assertThrows(IllegalStateException.class, () -> m.replayDecodeSteps(1, false));
                }
                if (replay && i == 1) {
                    assertTrue(m.decodeStepRecorded(), "the second one is recorded");
                    int position = m.position();
                    int replays = gpu.replays();
                    m.replayDecodeSteps(3, false);
                    m.replayDecodeSteps(2, true);
                    assertEquals(replays + 5, gpu.replays(), "each replay ran the recorded step");
                    assertEquals(position, m.position(), "replays do not move the position");
                }
            }
            return logits;
        }
    }
}
