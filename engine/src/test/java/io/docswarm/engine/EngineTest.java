package io.docswarm.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.engine.reference.LlamaCppReference;
import io.docswarm.engine.sampling.SamplingParams;
import io.docswarm.engine.sampling.StopCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineTest {
    Path dir;
    Path model;
    Engine engine;

    @BeforeAll
    void load() throws Exception {
        dir = Files.createTempDirectory("engine-test");
        model = dir.resolve("tiny-qwen3moe.gguf");
        new RandomModelWriter(new ModelShape(Architecture.QWEN3MOE, 320, 64, 2, 4, 2, 16, 64, 4, 2, 256),
                GgmlType.F32, 3).write(model);
        engine = Engine.load(model, EngineOptions.defaults().withThreads(2).withContextLength(128).withBatchSize(16));
    }

    @AfterAll
    void close() throws Exception {
        engine.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Test
    void infoDescribesTheModel() {
        EngineInfo info = engine.info();
        assertEquals("qwen3moe", info.architecture());
        assertEquals(2, info.layers());
        assertEquals(4, info.expertCount());
        assertEquals(2, info.expertUsedCount());
        assertEquals(128, info.contextLength());
        assertEquals(320, info.vocabSize());
        assertTrue(info.parameters() > 0 && info.tensorTypes().containsKey(GgmlType.F32));
        assertTrue(info.describe().contains("qwen3moe"));
        // The default KV cache is F16, as llama.cpp's: 2 bytes x (k, v) x 2 layers x 128 positions x 32 wide.
        assertEquals(GgmlType.F16, info.kvCacheType());
        assertEquals(2L * 2 * 2 * 128 * 32, info.kvCacheBytes());
        assertTrue(info.describe().contains("KV cache 0 MiB F16"), info.describe());
    }

    @Test
    void greedyTokensMatchLlamaCppAndStreamAsGenerated() throws Exception {
        int[] prompt = {1, 100, 200, 37, 5};
        List<Integer> streamed = new ArrayList<>();
        StringBuilder streamedText = new StringBuilder();
        GenerationResult r = engine.generate(GenerationRequest.tokens(prompt, 12), (id, text) -> {
            streamed.add(id);
            streamedText.append(text);
        });
        assertArrayEquals(r.tokens(), streamed.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(r.text(), streamedText.toString());
        assertEquals(prompt.length, r.promptTokenCount());
        assertEquals(r.tokens().length, 12, "stopped early: " + r.stopReason());
        assertEquals(StopCondition.Reason.MAX_TOKENS, r.stopReason());

        LlamaCppReference.assumeInstalled();
        // Both with their default KV cache, F16.
        int[] expected = LlamaCppReference.logits(model, prompt, 12, "F16").greedy();
        assertArrayEquals(expected, r.tokens());
    }

    @Test
    void aFixedSeedReproducesSampledOutput() {
        SamplingParams params = SamplingParams.defaults(1234).withTemperature(1.5f);
        GenerationRequest request = GenerationRequest.tokens(new int[] {1, 50, 60}, 20).withSampling(params);
        int[] first = engine.generate(request).tokens();
        int[] again = engine.generate(request).tokens();
        assertArrayEquals(first, again);
        int[] other = engine.generate(request.withSampling(params.withSeed(99))).tokens();
        assertFalse(java.util.Arrays.equals(first, other), "another seed should sample differently");
    }

    @Test
    void stopStringsEndGenerationAndAreNotShown() {
        GenerationResult full = engine.generate(GenerationRequest.tokens(new int[] {1, 7, 8, 9}, 24));
        String text = full.text();
        if (text.length() < 6) {
            return; // nothing to cut
        }
        String stop = text.substring(3, 6);
        GenerationResult cut = engine.generate(GenerationRequest.tokens(new int[] {1, 7, 8, 9}, 24)
                .withStopStrings(List.of(stop)));
        assertEquals(StopCondition.Reason.STOP_STRING, cut.stopReason());
        assertEquals(text.substring(0, text.indexOf(stop)), cut.text());
    }

    @Test
    void rawPromptsAreTokenizedWithBosAsTheMetadataSays() {
        int[] ids = engine.promptTokens(GenerationRequest.raw("the", 1));
        assertEquals(1, ids[0], "the fixture's metadata asks for BOS");
        assertNotEquals(0, ids.length);
    }

    @Test
    void benchReportsBothSpeeds() {
        BenchResult b = engine.bench(16, 4);
        assertTrue(b.promptTokensPerSecond() > 0 && b.generationTokensPerSecond() > 0);
        assertTrue(b.toJson().contains("\"pp_tok_s\":") && b.toJson().contains("\"tg_tok_s\":"));
        BenchResult three = engine.bench(16, 4, 3);
        assertEquals(3, three.repetitions());
        assertTrue(three.toJson().contains("\"repetitions\":3,"), three.toJson());
        assertThrows(IllegalArgumentException.class, () -> engine.bench(16, 4, 0));
    }

    @Test
    void benchRatesAreMediansOfTheRuns() {
        assertEquals(2.0, Engine.median(new double[] {5, 1, 2}));
        assertEquals(2.5, Engine.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, Engine.median(new double[] {7}));
    }

    @Test
    void promptsLongerThanTheContextAreRejected() {
        int[] tooLong = new int[200];
        java.util.Arrays.fill(tooLong, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.generate(GenerationRequest.tokens(tooLong, 4)));
        assertTrue(e.getMessage().contains("context"), e.getMessage());
    }

    @Test
    void aFileThatIsNotGgufFailsClearly() throws Exception {
        Path bogus = dir.resolve("notes.txt");
        Files.writeString(bogus, "not a model at all");
        GgufFormatException e = assertThrows(GgufFormatException.class,
                () -> Engine.load(bogus, EngineOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bogus.toString()), e.getMessage());
    }
}
