package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.Engine;
import io.docswarm.engine.EngineOptions;
import io.docswarm.engine.GenerationRequest;
import io.docswarm.engine.GenerationResult;
import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufMetadata;
import io.docswarm.engine.gguf.GgufValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deepseek2's latent KV cache: what it holds, its size against a per-head cache, and its use across calls. */
class MlaLatentCacheTest {
    // A small deepseek2: 3 layers (1 dense), 4 heads of 32 nope + 16 rope dims, latent 32, values 32.
    static final ModelShape SHAPE = new ModelShape(Architecture.DEEPSEEK2, 320, 64, 3, 4, 1, 48, 64, 8, 2, 256);
    static final MlaShape MLA = new MlaShape(32, 32, 32, 16, 32, 1, 32, 1, 4, 2, 40f, 4096, 0.1f, 2.5f, false);

    @TempDir
    Path dir;

    @Test
    void cacheHoldsOnlyTheLatentAndTheRopeKey() throws Exception {
        Path file = dir.resolve("ds.gguf");
        new RandomModelWriter(SHAPE, MLA, GgmlType.F32, 7).write(file);
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(2)) {
            DeepSeek2Model model = assertInstanceOf(DeepSeek2Model.class,
                    ModelLoader.load(gguf, new ModelOptions(team, 8, 64)));
            int layers = SHAPE.blockCount();
            long perToken = (long) layers * (MLA.kvLoraRank() + MLA.ropeDim()) * Float.BYTES;
            assertEquals(perToken, model.kvCacheBytesPerToken());
            assertEquals(perToken * 64, model.kvCacheBytes());
            // A per-head cache keeps keys of nope + rope and values of valueDim for every head.
            long perHead = (long) layers * SHAPE.headCount()
                    * (MLA.nopeDim() + MLA.ropeDim() + MLA.valueDim()) * Float.BYTES;
            assertEquals(perHead, model.mla().gqaCacheBytesPerToken(layers, SHAPE.headCount()));
            assertTrue(model.kvCacheBytesPerToken() < perHead);
        }
    }

    @Test
    void realDeepSeekV3AndKimiK2Shapes() {
        // Published shapes: 61 layers, kv_lora_rank 512, qk_rope_head_dim 64, qk_nope_head_dim 128,
        // v_head_dim 128; DeepSeek-V3 has 128 heads, Kimi-K2 64.
        MlaConfig v3 = MlaConfig.from(realMetadata("DeepSeek-V3", 128, 256));
        MlaConfig k2 = MlaConfig.from(realMetadata("Kimi-K2", 64, 384));
        for (MlaConfig c : new MlaConfig[] {v3, k2}) {
            assertEquals(512 + 64, c.latentWidth());
            assertEquals(192, c.keyDim());
            assertEquals(61L * (512 + 64) * 4, c.latentCacheBytesPerToken(61));
            assertTrue(c.yarn());
            assertEquals(1f, c.yarnLogMultiplier(), 1e-6f);
        }
        assertEquals(61L * 128 * (192 + 128) * 4, v3.gqaCacheBytesPerToken(61, 128));
        assertEquals(61L * 64 * (192 + 128) * 4, k2.gqaCacheBytesPerToken(61, 64));
        // The latent cache is smaller by heads * (192 + 128) / 576: 71x for DeepSeek-V3, 36x for Kimi-K2.
        assertEquals(128.0 * 320 / 576, (double) v3.gqaCacheBytesPerToken(61, 128) / v3.latentCacheBytesPerToken(61), 1e-9);
        assertEquals(64.0 * 320 / 576, (double) k2.gqaCacheBytesPerToken(61, 64) / k2.latentCacheBytesPerToken(61), 1e-9);
    }

    @Test
    void batchedPromptAndTokenByTokenAgree() throws Exception {
        Path file = dir.resolve("ds.gguf");
        new RandomModelWriter(SHAPE, MLA, GgmlType.F32, 11).write(file);
        int[] tokens = {1, 40, 77, 300, 5, 123, 250, 9, 64, 31};
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(2)) {
            DecoderModel batched = ModelLoader.load(gguf, new ModelOptions(team, 16, 64));
            DecoderModel single = ModelLoader.load(gguf, new ModelOptions(team, 16, 64));
            batched.forward(tokens, 0, tokens.length, true);
            for (int p = 0; p < tokens.length; p++) {
                single.forward(tokens, p, 1, false);
                assertClose(batched.logits(p), single.logits(0), "position " + p);
            }
            // Rewinding reuses the cached prefix: the last token again gives the same logits.
            float[] last = single.logits(0).clone();
            single.rewind(tokens.length - 1);
            single.forward(tokens, tokens.length - 1, 1, false);
            assertClose(last, single.logits(0), "after rewind");
        }
    }

    @Test
    void engineLoadsAndGeneratesWithTheLatentCache() throws Exception {
        Path file = dir.resolve("ds.gguf");
        new RandomModelWriter(SHAPE, MLA, GgmlType.Q8_0, 5).write(file);
        try (Engine engine = Engine.load(file, EngineOptions.defaults().withThreads(2).withContextLength(128)
                .withBatchSize(16))) {
            assertEquals("deepseek2", engine.info().architecture());
            assertEquals(128L * SHAPE.blockCount() * (MLA.kvLoraRank() + MLA.ropeDim()) * Float.BYTES,
                    engine.info().kvCacheBytes());
            GenerationResult r = engine.generate(GenerationRequest.tokens(new int[] {1, 50, 60, 70}, 20), (id, t) -> { });
            assertTrue(r.tokens().length >= 1 && r.tokens().length <= 20, r.tokens().length + " tokens");
            for (int t : r.tokens()) {
                assertTrue(t >= 0 && t < SHAPE.vocabSize(), "token " + t);
            }
        }
    }

    @Test
    void oldAttnKvBLayoutGetsAClearError() {
        Map<String, GgufValue> m = new HashMap<>(realMetadata("old", 128, 256).asMap());
        m.remove("deepseek2.attention.key_length_mla");
        m.remove("deepseek2.attention.value_length_mla");
        GgufFormatException e = assertThrows(GgufFormatException.class,
                () -> MlaConfig.from(new GgufMetadata("old.gguf", m)));
        assertTrue(e.getMessage().contains("attn_kv_b") && e.getMessage().contains("re-convert"), e.getMessage());
    }

    @Test
    void unsupportedGatingIsRejected() {
        Map<String, GgufValue> m = new HashMap<>(realMetadata("x", 128, 256).asMap());
        m.put("deepseek2.expert_gating_func", GgufValue.ofUint32(4));
        GgufFormatException e = assertThrows(GgufFormatException.class,
                () -> MlaConfig.from(new GgufMetadata("x.gguf", m)));
        assertTrue(e.getMessage().contains("expert_gating_func 4"), e.getMessage());
    }

    /** The deepseek2 metadata llama.cpp's converter writes for DeepSeek-V3 / Kimi-K2 (attention part). */
    private static GgufMetadata realMetadata(String name, int heads, int experts) {
        Map<String, GgufValue> m = new HashMap<>();
        String p = "deepseek2.";
        m.put("general.architecture", GgufValue.ofString("deepseek2"));
        m.put(p + "block_count", GgufValue.ofUint32(61));
        m.put(p + "context_length", GgufValue.ofUint32(163840));
        m.put(p + "embedding_length", GgufValue.ofUint32(7168));
        m.put(p + "feed_forward_length", GgufValue.ofUint32(18432));
        m.put(p + "attention.head_count", GgufValue.ofUint32(heads));
        m.put(p + "attention.head_count_kv", GgufValue.ofUint32(1));
        m.put(p + "attention.key_length", GgufValue.ofUint32(576));
        m.put(p + "attention.value_length", GgufValue.ofUint32(512));
        m.put(p + "attention.key_length_mla", GgufValue.ofUint32(192));
        m.put(p + "attention.value_length_mla", GgufValue.ofUint32(128));
        m.put(p + "attention.q_lora_rank", GgufValue.ofUint32(1536));
        m.put(p + "attention.kv_lora_rank", GgufValue.ofUint32(512));
        m.put(p + "rope.dimension_count", GgufValue.ofUint32(64));
        m.put(p + "leading_dense_block_count", GgufValue.ofUint32(name.startsWith("Kimi") ? 1 : 3));
        m.put(p + "expert_count", GgufValue.ofUint32(experts));
        m.put(p + "expert_used_count", GgufValue.ofUint32(8));
        m.put(p + "expert_shared_count", GgufValue.ofUint32(1));
        m.put(p + "expert_feed_forward_length", GgufValue.ofUint32(2048));
        m.put(p + "expert_gating_func", GgufValue.ofUint32(2));
        m.put(p + "expert_weights_norm", GgufValue.ofBool(true));
        m.put(p + "rope.scaling.type", GgufValue.ofString("yarn"));
        m.put(p + "rope.scaling.factor", GgufValue.ofFloat32(name.startsWith("Kimi") ? 32f : 40f));
        m.put(p + "rope.scaling.original_context_length", GgufValue.ofUint32(4096));
        m.put(p + "rope.scaling.yarn_log_multiplier", GgufValue.ofFloat32(0.1f));
        return new GgufMetadata(name + ".gguf", m);
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f, what + ": logit " + i);
        }
    }
}
