package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
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

    /**
     * A benchmark file with repeated experts has the same tensors (names, types, shapes, sizes, offsets) as
     * the ordinary one, every expert of a stack equal to the first, and the other tensors unchanged.
     */
    @Test
    void repeatedExpertsKeepTheLayoutAndCopyTheFirstExpert() throws Exception {
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 320, 256, 2, 4, 2, 64, 256, 8, 2, 256);
        Path plain = dir.resolve("plain.gguf");
        Path repeated = dir.resolve("repeated.gguf");
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 5).write(plain);
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 5).repeatingExperts().write(repeated);
        try (GgufFile a = GgufFile.open(plain); GgufFile b = GgufFile.open(repeated)) {
            assertEquals(a.fileSize(), b.fileSize());
            assertEquals(a.tensors().size(), b.tensors().size());
            int stacks = 0;
            for (int i = 0; i < a.tensors().size(); i++) {
                GgufTensor x = a.tensors().get(i);
                GgufTensor y = b.tensors().get(i);
                assertEquals(x.name(), y.name());
                assertEquals(x.type(), y.type(), x.name());
                assertEquals(java.util.Arrays.toString(x.dims()), java.util.Arrays.toString(y.dims()), x.name());
                assertEquals(x.offset(), y.offset(), x.name());
                long expertBytes = x.rank() == 3 ? x.byteSize() / x.dim(2) : x.byteSize();
                // The first expert (or the whole tensor) is the same random draw in both files.
                assertEquals(-1L, x.data().asSlice(0, expertBytes).mismatch(y.data().asSlice(0, expertBytes)), x.name());
                if (x.rank() == 3) {
                    stacks++;
                    for (long e = 1; e < x.dim(2); e++) {
                        assertEquals(-1L, y.data().asSlice(0, expertBytes)
                                .mismatch(y.data().asSlice(e * expertBytes, expertBytes)), y.name() + " expert " + e);
                    }
                    assertTrue(x.data().asSlice(expertBytes, expertBytes).mismatch(y.data().asSlice(expertBytes,
                            expertBytes)) >= 0, x.name() + ": the ordinary file's experts differ");
                }
            }
            assertEquals(6, stacks); // gate, up, down in each of 2 layers
        }
    }
}
