package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer stores tensors as llama.cpp's quantizer would, fallbacks included. */
class RandomModelWriterTest {
    @TempDir
    Path dir;

    @Test
    void rowsThatDoNotHoldWholeBlocksFallBackAsLlamaCppDoes() {
        assertEquals(GgmlType.Q4_K, RandomModelWriter.storedType(GgmlType.Q4_K, 512));
        assertEquals(GgmlType.Q5_0, RandomModelWriter.storedType(GgmlType.Q4_K, 160));
        assertEquals(GgmlType.Q5_1, RandomModelWriter.storedType(GgmlType.Q5_K, 1408));
        assertEquals(GgmlType.Q8_0, RandomModelWriter.storedType(GgmlType.Q6_K, 96));
        assertEquals(GgmlType.F16, RandomModelWriter.storedType(GgmlType.Q4_K, 100)); // not even Q5_0 fits
        assertEquals(GgmlType.F16, RandomModelWriter.storedType(GgmlType.Q8_0, 48));
        assertEquals(GgmlType.Q4_1, RandomModelWriter.storedType(GgmlType.Q4_1, 64));
        assertEquals(GgmlType.F32, RandomModelWriter.storedType(GgmlType.F32, 7));
    }

    /** A Q4_K_M-like qwen3moe: 4 heads of 48 and 160-wide experts leave attn_output Q5_0, ffn_down Q8_0. */
    @Test
    void aQ4KMLikeFileMixesKQuantsWithTheirFallbacks() throws Exception {
        Path file = dir.resolve("mixed.gguf");
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 320, 256, 1, 4, 2, 48, 160, 8, 2, 256);
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 3).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(GgmlType.Q4_K, gguf.tensor("blk.0.attn_q.weight").type());
            assertEquals(GgmlType.Q6_K, gguf.tensor("blk.0.attn_v.weight").type());
            assertEquals(GgmlType.Q5_0, gguf.tensor("blk.0.attn_output.weight").type());
            assertEquals(GgmlType.Q4_K, gguf.tensor("blk.0.ffn_gate_exps.weight").type());
            assertEquals(GgmlType.Q8_0, gguf.tensor("blk.0.ffn_down_exps.weight").type());
            assertEquals(GgmlType.F32, gguf.tensor("blk.0.ffn_gate_inp.weight").type());
            // and the engine loads and runs it
            try (ThreadTeam team = new ThreadTeam(1)) {
                DecoderModel model = ModelLoader.load(gguf, new ModelOptions(team, 16, 4));
                model.forward(new int[] {1, 42, 7}, 0, 3, true);
                for (float v : model.logits(2)) {
                    assertTrue(Float.isFinite(v), "finite logits");
                }
            }
        }
    }
}
