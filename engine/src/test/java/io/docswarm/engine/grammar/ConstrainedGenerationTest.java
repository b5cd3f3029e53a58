package io.docswarm.engine.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.sampling.Sampler;
import io.docswarm.engine.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Constrained generation over Qwen3's real 151k-token vocabulary with random logits standing in for a
 * random-weight model: every document that completes must parse and validate against its schema
 * (checked by a strict parser and an independent validator), and one cut off by the token limit must say so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConstrainedGenerationTest {
    private static final int DOCUMENTS = 50;
    private TokenVocabulary vocab;

    @BeforeAll
    void load() throws Exception {
        vocab = Qwen3Vocabulary.get();
    }

    record Outcome(String text, FinishReason reason, int tokens, ConstrainedSampling sampling) {
    }

    private Outcome generate(SchemaConstraint constraint, GarbageModel model, Sampler sampler, int maxTokens) {
        ConstrainedSampling c = constraint.newSampling();
        float[] logits = new float[vocab.size()];
        int n = 0;
        while (!c.isFinished() && n < maxTokens) {
            model.logits(logits);
            c.mask(logits);
            int token = sampler == null ? GarbageModel.argMax(logits) : sampler.sample(logits);
            assertTrue(Float.isFinite(logits[token]), "picked a masked token");
            if (sampler != null) {
                sampler.accept(token);
            }
            c.accept(token);
            n++;
            if (c.isEnded()) {
                break;
            }
        }
        return new Outcome(c.text(), c.finishReason(), n, c);
    }

    @Test
    void everyCompleteDocumentParsesAndValidates() {
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, String> schema : AgentSchemas.all().entrySet()) {
            SchemaConstraint constraint = SchemaConstraint.compile(schema.getValue(), vocab);
            Object schemaJson = Json.parse(schema.getValue());
            for (boolean greedy : new boolean[] {true, false}) {
                int complete = 0;
                int tokens = 0;
                for (int doc = 0; doc < DOCUMENTS; doc++) {
                    long seed = schema.getKey().hashCode() * 1000L + doc + (greedy ? 0 : 500);
                    GarbageModel model = new GarbageModel(vocab, seed, 3 + doc % 7);
                    Sampler sampler = greedy ? null
                            : new Sampler(SamplingParams.defaults(seed).withTemperature(1.5f), vocab.size());
                    Outcome out = generate(constraint, model, sampler, 300);
                    tokens += out.tokens();
                    String where = schema.getKey() + (greedy ? " greedy" : " sampled") + " #" + doc + ": " + out.text();
                    if (out.reason() == FinishReason.COMPLETE) {
                        complete++;
                        Object value = Json.parse(out.sampling().document());
                        assertNull(SchemaValidator.check(value, schemaJson, "$"), where);
                    } else {
                        assertThrows(IllegalStateException.class, () -> out.sampling().document(), where);
                    }
                }
                report.add(schema.getKey() + (greedy ? " greedy" : " sampled") + ": " + complete + "/" + DOCUMENTS
                        + " complete, " + tokens / DOCUMENTS + " tokens on average");
                // the bias makes documents end; most must, or this test would check little
                assertTrue(complete >= DOCUMENTS * 4 / 5, String.join("\n", report));
            }
        }
        System.out.println(String.join("\n", report));
    }

    @Test
    void maxTokensCutOffIsReportedNotPassedOffAsADocument() {
        SchemaConstraint constraint = SchemaConstraint.compile(AgentSchemas.PLAN, vocab);
        for (int doc = 0; doc < 10; doc++) {
            GarbageModel model = new GarbageModel(vocab, doc, 0f); // no bias: strings run on
            Outcome out = generate(constraint, model, null, 12);
            assertEquals(12, out.tokens());
            assertEquals(FinishReason.MAX_TOKENS, out.reason(), out.text());
            assertFalse(out.sampling().isComplete());
            assertThrows(IllegalStateException.class, () -> out.sampling().document());
            JsonPrefixMatcher m = JsonSchemaGrammar.compile(AgentSchemas.PLAN).newMatcher();
            assertTrue(m.accept(out.text()), "the truncated text is still a valid prefix: " + out.text());
        }
    }

    @Test
    void masksEqualTheAutomatonAppliedToEveryToken() {
        // states along one document: structural positions, inside strings (bounded and not), numbers
        SchemaConstraint constraint = SchemaConstraint.compile(AgentSchemas.NESTED, vocab);
        Outcome out = generate(constraint, new GarbageModel(vocab, 7, 6), null, 300);
        assertEquals(FinishReason.COMPLETE, out.reason(), out.text());
        byte[] text = out.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MatchState state = JsonSchemaGrammar.compile(AgentSchemas.NESTED).initialState();
        int checked = 0;
        for (int i = 0; i <= text.length; i += Math.max(1, text.length / 9)) {
            MatchState s = state.advance(java.util.Arrays.copyOf(text, i));
            long[] mask = vocab.allowedTokens(s);
            for (int id = 0; id < vocab.size(); id++) {
                byte[] b = vocab.bytes(id);
                boolean expected = b != null && s.advance(b) != null;
                boolean actual = (mask[id >>> 6] & (1L << id)) != 0;
                if (expected != actual) {
                    throw new AssertionError("token " + id + " (" + (b == null ? "special" : new String(b,
                            java.nio.charset.StandardCharsets.UTF_8)) + ") after " + new String(text, 0, i,
                            java.nio.charset.StandardCharsets.UTF_8) + ": expected " + expected);
                }
            }
            checked++;
        }
        assertTrue(checked >= 9);
    }
}
