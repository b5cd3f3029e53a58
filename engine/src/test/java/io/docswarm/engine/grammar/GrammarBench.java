package io.docswarm.engine.grammar;

import io.docswarm.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Map;

/**
 * Per-token cost of schema-constrained sampling on Qwen3's real 151k-token vocabulary (no JMH): for each
 * agent schema, documents are generated with random logits (as in the tests); the time of
 * {@code mask(logits)} plus {@code accept(token)} is measured per token, first with an empty mask cache (a
 * new schema's first document) and then warm. Run from the repository root after
 * {@code mvn -o -q -pl engine test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine/target/classes:engine/target/test-classes \
 *     io.docswarm.engine.grammar.GrammarBench [documents]
 * </pre>
 */
public final class GrammarBench {
    private GrammarBench() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long t0 = System.nanoTime();
        Tokenizer tokenizer = Qwen3Vocabulary.tokenizer();
        long t1 = System.nanoTime();
        TokenVocabulary vocab = TokenVocabulary.of(tokenizer);
        long t2 = System.nanoTime();
        System.out.printf("vocabulary %d tokens; tokenizer load %.0f ms, TokenVocabulary.of %.0f ms%n",
                vocab.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        // warm up the JIT on a schema not measured
        run(SchemaConstraint.compile(AgentSchemas.NESTED, vocab), vocab, 30, 1000);

        System.out.printf("%-8s %7s %10s %10s %10s %10s %10s %8s%n", "schema", "tokens", "cold mean", "warm mean",
                "warm p50", "warm p99", "warm max", "masks");
        for (Map.Entry<String, String> e : AgentSchemas.all().entrySet()) {
            SchemaConstraint constraint = SchemaConstraint.compile(e.getValue(), vocab);
            long[] cold = run(constraint, vocab, 1, 0);
            long[] warm = run(constraint, vocab, documents, 1);
            long[] sorted = warm.clone();
            Arrays.sort(sorted);
            System.out.printf("%-8s %7d %8.3f ms %8.3f ms %8.3f ms %8.3f ms %8.3f ms %8d%n", e.getKey(), warm.length,
                    mean(cold) / 1e6, mean(warm) / 1e6, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, constraint.cachedMasks());
        }
    }

    private static double mean(long[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    /** Generates documents; returns the nanoseconds of mask + accept for every token. */
    private static long[] run(SchemaConstraint constraint, TokenVocabulary vocab, int documents, long seedBase) {
        float[] logits = new float[vocab.size()];
        long[] times = new long[documents * 400];
        int n = 0;
        for (int doc = 0; doc < documents; doc++) {
            GarbageModel model = new GarbageModel(vocab, seedBase * 1_000_003L + doc, 5 + doc % 4);
            ConstrainedSampling c = constraint.newSampling();
            for (int step = 0; step < 400 && !c.isFinished(); step++) {
                model.logits(logits);
                long start = System.nanoTime();
                c.mask(logits);
                long masked = System.nanoTime();
                int token = GarbageModel.argMax(logits);
                long picked = System.nanoTime();
                c.accept(token);
                long end = System.nanoTime();
                times[n++] = (masked - start) + (end - picked);
                if (c.isEnded()) {
                    break;
                }
            }
        }
        return Arrays.copyOf(times, n);
    }
}
