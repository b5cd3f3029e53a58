package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bandwidth figure's numerator: bytes of weights one generated token reads. */
class CudaBenchTest {
    @TempDir
    Path dir;

    @Test
    void activeBytesCountSelectedExpertsAndOneEmbeddingRow() throws Exception {
        int vocab = 300;
        int e = 64;
        int layers = 2;
        int heads = 4;
        int kvHeads = 2;
        int d = 16;
        int ff = 32;
        int experts = 8;
        int used = 2;
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, vocab, e, layers, heads, kvHeads, d, ff, experts, used, 64);
        Path file = dir.resolve("m.gguf");
        new RandomModelWriter(shape, GgmlType.F32, 3).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            long active = CudaBench.activeBytesPerToken(gguf, ModelLoader.config(gguf));
            // ModelShape counts both embedding matrices in full and leaves out norms and routers.
            long params = shape.activeParameterCount() - (long) vocab * e + e   // one embedding row read
                    + e                                                          // output norm
                    + (long) layers * (2L * e + 2L * d + (long) e * experts);    // attn/ffn norms, q/k norms, router
            assertEquals(4 * params, active);
        }
    }
}
