package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.gguf.GgufWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mixtral files converted before llama.cpp stacked the experts keep one tensor per expert
 * ({@code blk.N.ffn_gate.E.weight}). The engine reads them as it reads a stack: the same weights give the same
 * logits, bit for bit, whichever way the file holds them.
 */
class PerExpertTensorsTest {
    /** 4 experts of 64 (2 used), 2 layers. */
    static final ModelShape MIXTRAL = new ModelShape(Architecture.LLAMA, 320, 64, 2, 4, 2, 16, 64, 4, 2, 256);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "Q8_0", "Q4_K"})
    void perExpertTensorsGiveTheStackedFilesLogits(GgmlType type) throws Exception {
        ModelShape shape = type == GgmlType.Q4_K
                ? new ModelShape(Architecture.LLAMA, 320, 256, 1, 4, 2, 64, 256, 4, 2, 256) : MIXTRAL;
        Path stacked = dir.resolve("stacked.gguf");
        Path split = dir.resolve("split.gguf");
        new RandomModelWriter(shape, type, 7).write(stacked);
        new RandomModelWriter(shape, type, 7).withPerExpertTensors().write(split);
        try (GgufFile a = GgufFile.open(stacked); GgufFile b = GgufFile.open(split)) {
            assertTrue(b.findTensor("blk.0.ffn_up_exps.weight").isEmpty());
            GgufTensor expert3 = b.tensor("blk.0.ffn_down.3.weight");
            assertEquals(2, expert3.rank());
            float[][] logits = {logits(a), logits(b)};
            assertArrayEquals(logits[0], logits[1], 0f, type + ": the same logits from either layout");
        }
    }

    @Test
    void aMissingExpertIsNamed() throws Exception {
        Path split = dir.resolve("split.gguf");
        new RandomModelWriter(MIXTRAL, GgmlType.F32, 7).withPerExpertTensors().write(split);
        Path broken = dir.resolve("broken.gguf");
        try (GgufFile full = GgufFile.open(split)) {
            GgufWriter w = new GgufWriter();
            full.metadata().asMap().forEach(w::put);
            for (GgufTensor t : full.tensors()) {
                if (!t.name().equals("blk.1.ffn_gate.2.weight")) {
                    w.addTensor(t.name(), t.type(), t.dims(), () -> t.data().asByteBuffer());
                }
            }
            w.write(broken);
        }
        try (GgufFile gguf = GgufFile.open(broken); ThreadTeam team = new ThreadTeam(1)) {
            GgufFormatException e = assertThrows(GgufFormatException.class,
                    () -> ModelLoader.load(gguf, new ModelOptions(team, 8, 16)));
            assertTrue(e.getMessage().contains("blk.1.ffn_gate.2.weight") && e.getMessage().contains("broken.gguf"),
                    e.getMessage());
        }
    }

    @Test
    void onlyLlamaModelsWithExpertsAreWrittenThatWay() {
        ModelShape dense = new ModelShape(Architecture.LLAMA, 320, 64, 1, 4, 2, 16, 64, 0, 0, 256);
        assertThrows(IllegalArgumentException.class, () -> new RandomModelWriter(dense, GgmlType.F32, 1)
                .withPerExpertTensors());
        assertFalse(ExpertTensors.perExpertName("blk.3.ffn_up_exps.weight", 5).contains("exps"));
        assertEquals("blk.3.ffn_up.5.weight", ExpertTensors.perExpertName("blk.3.ffn_up_exps.weight", 5));
    }

    /** All five prompt positions' logits, one after another. */
    private static float[] logits(GgufFile gguf) {
        try (ThreadTeam team = new ThreadTeam(1)) {
            DecoderModel model = ModelLoader.load(gguf, new ModelOptions(team, 8, 16));
            int vocab = model.config().vocabSize();
            model.forward(new int[] {1, 42, 7, 99, 5}, 0, 5, true);
            float[] all = new float[5 * vocab];
            for (int t = 0; t < 5; t++) {
                System.arraycopy(model.logits(t), 0, all, t * vocab, vocab);
            }
            return all;
        }
    }
}
