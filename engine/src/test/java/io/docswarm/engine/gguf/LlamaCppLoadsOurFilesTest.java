package io.docswarm.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.engine.reference.LlamaCppReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama.cpp itself reads a file our writer produced: the writer's layout and padding are right. */
class LlamaCppLoadsOurFilesTest {
    @TempDir
    Path dir;

    @Test
    void llamaCppRunsAModelWrittenByGgufWriter() throws Exception {
        LlamaCppReference.assumeInstalled();
        Path file = dir.resolve("tiny.gguf");
        new RandomModelWriter(new ModelShape(Architecture.LLAMA, 300, 64, 1, 2, 1, 32, 64, 0, 0, 64),
                GgmlType.F32, 7).write(file);
        LlamaCppReference.Logits out = LlamaCppReference.logits(file, new int[] {1, 300 - 1, 42}, 2);
        assertEquals(3, out.prompt().length);
        assertEquals(300, out.prompt()[0].length);
        assertEquals(2, out.greedy().length);
        for (float v : out.prompt()[2]) {
            assertTrue(Float.isFinite(v), "llama.cpp produced a non-finite logit");
        }
    }

    /** llama.cpp opens a model split by {@link GgufSplitter} from its first part and computes the whole file's logits. */
    @Test
    void llamaCppRunsAModelSplitIntoParts() throws Exception {
        LlamaCppReference.assumeInstalled();
        Path file = dir.resolve("whole.gguf");
        new RandomModelWriter(new ModelShape(Architecture.LLAMA, 300, 64, 2, 2, 1, 32, 64, 4, 2, 64),
                GgmlType.F32, 7).write(file);
        java.util.List<Path> parts = GgufSplitter.split(file, dir.resolve("split"), 3);
        int[] prompt = {1, 300 - 1, 42};
        LlamaCppReference.Logits whole = LlamaCppReference.logits(file, prompt, 2);
        LlamaCppReference.Logits split = LlamaCppReference.logits(parts.get(0), prompt, 2);
        for (int t = 0; t < prompt.length; t++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole.prompt()[t], split.prompt()[t], 0f, "position " + t);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(whole.greedy(), split.greedy());
    }
}
