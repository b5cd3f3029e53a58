package io.docswarm.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.engine.reference.LlamaCppQuantizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * llama.cpp's own quantizer, run on the F32 file our writer produced, writes what our writer writes: the same
 * bytes for the types whose ggml reference encoding we reproduce, and the same fallback types for rows that
 * do not hold whole K-quant blocks.
 */
class LlamaCppQuantizesLikeUsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"Q4_1, 3", "Q5_0, 8", "Q5_1, 9"})
    void legacyTypesAreEncodedByteForByteAsLlamaCppDoes(GgmlType type, int ftype) throws Throwable {
        LlamaCppQuantizer.assumeAvailable();
        ModelShape shape = new ModelShape(Architecture.LLAMA, 320, 64, 2, 4, 2, 16, 96, 0, 0, 256);
        Path f32 = dir.resolve("f32.gguf");
        Path ours = dir.resolve("ours.gguf");
        Path theirs = dir.resolve("theirs.gguf");
        new RandomModelWriter(shape, GgmlType.F32, 11).write(f32);
        new RandomModelWriter(shape, type, 11).write(ours);
        LlamaCppQuantizer.quantize(f32, theirs, ftype, true);
        try (GgufFile a = GgufFile.open(ours); GgufFile b = GgufFile.open(theirs)) {
            int quantized = 0;
            for (GgufTensor t : a.tensors()) {
                GgufTensor u = b.tensor(t.name());
                assertEquals(t.type(), u.type(), t.name());
                assertEquals(-1, t.data().mismatch(u.data()), t.name() + ": first differing byte");
                quantized += t.type() == type ? 1 : 0;
            }
            assertEquals(2 * 7 + 2, quantized, "every matrix in " + type);
        }
    }

    /**
     * 4 heads of 48 (attn_output rows of 192) and a 160-wide FFN (ffn_down rows of 160) do not hold 256-element
     * blocks: llama.cpp stores them as Q5_0 (from Q4_K) or Q5_1 (from Q5_K), as {@link RandomModelWriter#storedType}
     * says, and with our bytes.
     */
    @Test
    void kQuantFallbacksAreTheTypesAndBytesOurWriterUses() throws Throwable {
        LlamaCppQuantizer.assumeAvailable();
        ModelShape shape = new ModelShape(Architecture.LLAMA, 320, 256, 1, 4, 2, 48, 160, 0, 0, 256);
        Path f32 = dir.resolve("f32.gguf");
        new RandomModelWriter(shape, GgmlType.F32, 5).write(f32);
        for (GgmlType k : new GgmlType[] {GgmlType.Q4_K, GgmlType.Q5_K}) {
            Path ours = dir.resolve("ours-" + k + ".gguf");
            Path theirs = dir.resolve("theirs-" + k + ".gguf");
            new RandomModelWriter(shape, k, 5).write(ours);
            LlamaCppQuantizer.quantize(f32, theirs,
                    k == GgmlType.Q4_K ? LlamaCppQuantizer.FTYPE_Q4_K_M : LlamaCppQuantizer.FTYPE_Q5_K_M, true);
            int fallbacks = 0;
            try (GgufFile a = GgufFile.open(ours); GgufFile b = GgufFile.open(theirs)) {
                for (GgufTensor u : b.tensors()) {
                    GgufTensor t = a.tensor(u.name());
                    GgmlType expected = u.rank() == 1 ? GgmlType.F32 : RandomModelWriter.storedType(k, u.dim(0));
                    assertEquals(expected, u.type(), u.name() + " in llama.cpp's " + k + " file");
                    assertEquals(expected, t.type(), u.name() + " in ours");
                    if (expected != k && expected != GgmlType.F32) {
                        fallbacks++;
                        assertEquals(-1, t.data().mismatch(u.data()), u.name() + ": first differing byte");
                    }
                }
            }
            assertEquals(2, fallbacks, "attn_output and ffn_down fall back");
        }
    }
}
