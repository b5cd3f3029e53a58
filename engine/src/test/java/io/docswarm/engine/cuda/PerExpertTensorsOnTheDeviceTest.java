package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Mixtral file with one tensor per expert (see {@code ExpertTensors}) on the host emulation: its experts are
 * uploaded into one stack per layer, in device memory or, past the weight limit, in mapped host memory, and
 * the logits are the stacked file's, bit for bit.
 */
class PerExpertTensorsOnTheDeviceTest {
    @TempDir
    Path dir;

    @Test
    void perExpertTensorsGiveTheStackedFilesLogits() throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        ModelShape shape = new ModelShape(Architecture.LLAMA, 320, 256, 2, 4, 2, 64, 256, 4, 2, 256);
        Path stacked = dir.resolve("stacked.gguf");
        Path split = dir.resolve("split.gguf");
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 3).write(stacked);
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 3).withPerExpertTensors().write(split);
        float[] expected = logits(library, stacked, Long.MAX_VALUE, false);
        assertArrayEquals(expected, logits(library, split, Long.MAX_VALUE, false), 0f, "experts on the device");
        long weights;
        try (GgufFile gguf = GgufFile.open(split)) {
            weights = gguf.tensors().stream().mapToLong(t -> t.byteSize()).sum();
        }
        assertArrayEquals(expected, logits(library, split, weights / 2, true), 0f, "experts in host memory");
    }

    /** Five prompt positions' logits of the model in {@code file}, with at most {@code deviceBytes} of weights on the device. */
    private static float[] logits(Path library, Path file, long deviceBytes, boolean expectHost) throws Exception {
        try (GgufFile gguf = GgufFile.open(file)) {
            if (deviceBytes != Long.MAX_VALUE) {
                System.setProperty(CudaModel.DEVICE_WEIGHT_LIMIT, Long.toString(deviceBytes));
            }
            try (CudaModel m = CudaModel.load(new EmulatedGpu(library, 1L << 32), gguf, ModelLoader.config(gguf), 64, 8,
                    GgmlType.F32)) {
                assertEquals(expectHost, m.hostWeightBytes() > 0, "expert stacks in host memory: " + m.hostWeightBytes());
                int vocab = m.config().vocabSize();
                assertTrue(m.forward(new int[] {1, 42, 7, 99, 5}, 0, 5, true) == 5);
                float[] all = new float[5 * vocab];
                for (int t = 0; t < 5; t++) {
                    System.arraycopy(m.logits(t), 0, all, t * vocab, vocab);
                }
                return all;
            } finally {
                System.clearProperty(CudaModel.DEVICE_WEIGHT_LIMIT);
            }
        }
    }
}
