package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Micro benchmark (no JMH): one decode step's attention for one layer (by default 16 query heads, 4 key/value heads
 * of 64, as the qwen3moe benchmark model; OLMoE-1B-7B has 16 of 128 for both) over {@code P} cached positions, F32 against F16 cache, on this thread and
 * timed by its CPU time (other processes on a shared machine barely disturb it). Not a test; run it by hand:
 *
 * <pre>
 * mvn -o -q -pl engine test-compile
 * java --add-modules jdk.incubator.vector -cp engine/target/classes:engine/target/test-classes \
 *     io.docswarm.engine.model.AttentionBench [positions [heads kvHeads headDim]]
 * </pre>
 */
public final class AttentionBench {
    private AttentionBench() {
    }

    public static void main(String[] args) {
        int positions = args.length > 0 ? Integer.parseInt(args[0]) : 1600;
        int heads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int kvHeads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int headDim = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        var mx = ManagementFactory.getThreadMXBean();
        try (ThreadTeam team = new ThreadTeam(1)) {
            for (int round = 0; round < 3; round++) {
                for (GgmlType type : new GgmlType[] {GgmlType.F32, GgmlType.F16}) {
                    KvCache cache = new KvCache(1, positions, kvHeads * headDim, type);
                    Attention attention = new Attention(heads, kvHeads, headDim, positions, 1);
                    Random random = new Random(1);
                    float[][] k = new float[1][kvHeads * headDim];
                    float[][] v = new float[1][kvHeads * headDim];
                    for (int p = 0; p < positions; p++) {
                        for (int i = 0; i < k[0].length; i++) {
                            k[0][i] = (float) random.nextGaussian();
                            v[0][i] = (float) random.nextGaussian();
                        }
                        attention.store(cache, 0, k, v, 1, p);
                    }
                    float[][] q = new float[1][heads * headDim];
                    for (int i = 0; i < q[0].length; i++) {
                        q[0][i] = (float) random.nextGaussian();
                    }
                    float[][] out = new float[1][heads * headDim];
                    for (int i = 0; i < 200; i++) {
                        attention.compute(team, cache, 0, q, out, 1, positions - 1);
                    }
                    int calls = 1000;
                    long start = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < calls; i++) {
                        attention.compute(team, cache, 0, q, out, 1, positions - 1);
                    }
                    double micros = (mx.getCurrentThreadCpuTime() - start) / 1e3 / calls;
                    System.out.printf("%s cache, %d positions: %.0f us per step and layer (%d KiB cached)%n", type,
                            positions, micros, cache.bytes() / 1024);
                }
            }
        }
    }
}
