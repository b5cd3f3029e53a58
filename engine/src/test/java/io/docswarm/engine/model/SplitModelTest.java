package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufSplitter;
import io.docswarm.engine.gguf.GgufTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model split into parts as large models are published ({@code NAME-00001-of-00003.gguf}, ...) opens from its
 * first part with every part's tensors, and computes what the whole file computes; a wrong or missing part is
 * named.
 */
class SplitModelTest {
    private static final ModelShape SHAPE = new ModelShape(Architecture.QWEN3MOE, 320, 64, 2, 4, 2, 16, 64, 8, 2, 256);

    @TempDir
    Path dir;

    @Test
    void theFirstPartOpensTheWholeModel() throws Exception {
        Path whole = dir.resolve("whole.gguf");
        new RandomModelWriter(SHAPE, GgmlType.Q8_0, 5).write(whole);
        List<Path> parts = GgufSplitter.split(whole, dir.resolve("model"), 3);
        assertEquals("model-00002-of-00003.gguf", parts.get(1).getFileName().toString());
        try (GgufFile a = GgufFile.open(whole); GgufFile b = GgufFile.open(parts.get(0))) {
            assertEquals(3, b.parts());
            assertEquals(a.tensors().size(), b.tensors().size());
            for (GgufTensor t : a.tensors()) {
                GgufTensor u = b.tensor(t.name());
                assertEquals(t.type(), u.type(), t.name());
                assertArrayEquals(t.dims(), u.dims(), t.name());
                assertEquals(-1L, t.data().mismatch(u.data()), t.name() + ": the same bytes");
            }
            long size = 0;
            for (Path p : parts) {
                size += Files.size(p);
            }
            assertEquals(size, b.fileSize());
            assertEquals(a.metadata().getString("general.architecture"), b.metadata().getString("general.architecture"));
            assertArrayEquals(logits(a), logits(b), 0f, "the same logits from the parts");
        }
    }

    @Test
    void aLaterPartOrAMissingPartIsNamed() throws Exception {
        Path whole = dir.resolve("whole.gguf");
        new RandomModelWriter(SHAPE, GgmlType.F32, 5).write(whole);
        List<Path> parts = GgufSplitter.split(whole, dir.resolve("model"), 3);
        GgufFormatException later = assertThrows(GgufFormatException.class, () -> GgufFile.open(parts.get(1)));
        assertTrue(later.getMessage().contains("-00001-of-00003.gguf") && later.getMessage().contains("part 2 of 3"),
                later.getMessage());
        Files.delete(parts.get(2));
        GgufFormatException missing = assertThrows(GgufFormatException.class, () -> GgufFile.open(parts.get(0)));
        assertTrue(missing.getMessage().contains("model-00003-of-00003.gguf"), missing.getMessage());
        Path renamed = Files.move(parts.get(0), dir.resolve("first.gguf"));
        GgufFormatException name = assertThrows(GgufFormatException.class, () -> GgufFile.open(renamed));
        assertTrue(name.getMessage().contains("PREFIX-00001-of-00003.gguf"), name.getMessage());
    }

    /** All three prompt positions' logits, one after another. */
    private static float[] logits(GgufFile gguf) {
        try (ThreadTeam team = new ThreadTeam(1)) {
            DecoderModel model = ModelLoader.load(gguf, new ModelOptions(team, 8, 16));
            int vocab = model.config().vocabSize();
            model.forward(new int[] {1, 42, 7}, 0, 3, true);
            float[] all = new float[3 * vocab];
            for (int t = 0; t < 3; t++) {
                System.arraycopy(model.logits(t), 0, all, t * vocab, vocab);
            }
            return all;
        }
    }
}
