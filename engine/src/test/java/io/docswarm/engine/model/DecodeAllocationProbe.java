package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgufFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link DecodeAllocationTest} in a JVM of its own ({@code MODEL VOCAB [KV_CACHE_TYPE]}): loads a model, then decodes rounds of tokens on a
 * two-thread team until a round allocates nothing (or a round limit), and prints the bytes allocated per token
 * in each round on the calling thread and the team's workers.
 */
public final class DecodeAllocationProbe {
    static final int TOKENS_PER_ROUND = 200;
    static final int MAX_ROUNDS = 40;
    /** Bytes per token at or below which a round counts as allocation-free. */
    static final double ALLOWED_BYTES_PER_TOKEN = 1.0;

    private DecodeAllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int vocab = Integer.parseInt(args[1]);
        io.docswarm.engine.gguf.GgmlType kvCache = args.length > 2
                ? io.docswarm.engine.gguf.GgmlType.valueOf(args[2]) : io.docswarm.engine.gguf.GgmlType.F32;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (GgufFile gguf = GgufFile.open(file); ThreadTeam team = new ThreadTeam(2)) {
            DecoderModel model = ModelLoader.load(gguf, new ModelOptions(team, 8, TOKENS_PER_ROUND + 16, 0f, kvCache));
            long[] ids = threadIds();
            long[] before = new long[ids.length];
            long[] after = new long[ids.length];
            int[] prompt = {5, 17, 260 % vocab, 33, 99, 12, 7, 300 % vocab};
            int[] token = new int[1];
            int decoded = TOKENS_PER_ROUND - prompt.length;
            List<Double> rounds = new ArrayList<>();
            double best = Double.MAX_VALUE;
            for (int round = 0; round < MAX_ROUNDS && best > ALLOWED_BYTES_PER_TOKEN; round++) {
                model.reset();
                model.forward(prompt, 0, prompt.length, false);
                read(threads, ids, before);
                for (int i = 0; i < decoded; i++) {
                    token[0] = (i * 37 + 11) % vocab;
                    model.forward(token, 0, 1, false);
                }
                read(threads, ids, after);
                long bytes = 0;
                for (int i = 0; i < ids.length; i++) {
                    bytes += after[i] - before[i];
                }
                double perToken = bytes / (double) decoded;
                rounds.add(perToken);
                best = Math.min(best, perToken);
            }
            System.out.println("bytes per token by round: " + rounds);
        }
    }

    /** The calling thread and the team's workers (started by the team's constructor). */
    private static long[] threadIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().threadId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("engine-worker-")) {
                ids.add(t.threadId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static void read(com.sun.management.ThreadMXBean threads, long[] ids, long[] into) {
        for (int i = 0; i < ids.length; i++) {
            into[i] = threads.getThreadAllocatedBytes(ids[i]);
        }
    }
}
