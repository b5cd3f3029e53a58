package io.docswarm.engine.model;

import static io.docswarm.engine.model.F16KvCacheTest.HEADS;
import static io.docswarm.engine.model.F16KvCacheTest.HEAD_DIM;
import static io.docswarm.engine.model.F16KvCacheTest.KV_HEADS;
import static io.docswarm.engine.model.F16KvCacheTest.POSITIONS;
import static io.docswarm.engine.model.F16KvCacheTest.gaussian;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Run by {@link F16KvCacheTest} in a JVM of its own ({@code THREADS}), with its shapes: one decode step's
 * attention over an F16 cache (store, then compute), warmed up until the JIT has compiled it, then rounds of
 * 1000 calls; prints the bytes the calling thread allocated in each round. Its own JVM because in one shared
 * by every test the type profiles of the shared Vector API code get polluted and C2 may leave some vector
 * operations boxed (a full suite run saw 192 bytes a call here, every round, where a model's decode in its own
 * JVM allocates nothing: {@link DecodeAllocationTest}).
 */
public final class F16AttentionAllocationProbe {
    private F16AttentionAllocationProbe() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        Random random = new Random(7);
        try (ThreadTeam team = new ThreadTeam(threads)) {
            KvCache cache = new KvCache(1, POSITIONS, KV_HEADS * HEAD_DIM, GgmlType.F16);
            Attention attention = new Attention(HEADS, KV_HEADS, HEAD_DIM, POSITIONS, team.size());
            float[][] k = gaussian(random, POSITIONS, KV_HEADS * HEAD_DIM);
            float[][] v = gaussian(random, POSITIONS, KV_HEADS * HEAD_DIM);
            float[][] q = gaussian(random, 1, HEADS * HEAD_DIM);
            float[][] out = new float[1][HEADS * HEAD_DIM];
            for (int i = 0; i < 20_000; i++) {
                attention.store(cache, 0, k, v, 1, POSITIONS - 1);
                attention.compute(team, cache, 0, q, out, 1, POSITIONS - 1);
            }
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] allocated = new long[5];
            for (int round = 0; round < allocated.length; round++) {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1000; i++) {
                    attention.store(cache, 0, k, v, 1, POSITIONS - 1);
                    attention.compute(team, cache, 0, q, out, 1, POSITIONS - 1);
                }
                allocated[round] = mx.getCurrentThreadAllocatedBytes() - before;
            }
            System.out.println("bytes per 1000 calls by round: " + Arrays.toString(allocated));
        }
    }
}
