package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/**
 * Micro benchmark (no JMH): a 4096x4096 matrix-vector product per weight type, single-threaded and on all
 * cores, and a product with 64 activation rows (a prompt batch), reported as weight bytes streamed per second
 * (the batch counts the weights 64 times). For the types with an {@link InterleavedRows} layout, the same
 * one-thread products with the matrix packed (the bytes counted are the file's). The single-threaded cases run on this thread and are timed by its
 * CPU time, which other processes on a shared machine barely disturb; the multi-threaded ones by the wall
 * clock. Not a test; run it by hand:
 *
 * <pre>
 * mvn -o -q -pl engine test-compile
 * java --add-modules jdk.incubator.vector -cp engine/target/classes:engine/target/test-classes \
 *     io.docswarm.engine.quant.KernelBench [threads] [seconds-per-case] [types...]
 * </pre>
 */
public final class KernelBench {
    /** Rows and columns of the matrix; {@code -Dkernelbench.n=1024} for a model-sized row (activations in L1). */
    private static final int N = Integer.getInteger("kernelbench.n", 4096);

    private KernelBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        GgmlType[] types = QuantTestSupport.WEIGHT_TYPES;
        if (args.length > 2) {
            types = new GgmlType[args.length - 2];
            for (int i = 2; i < args.length; i++) {
                types[i - 2] = GgmlType.valueOf(args[i]);
            }
        }
        System.out.printf("species: %d-bit floats, %d threads, %dx%d matVec, %.1f s per case%n",
                VectorSupport.F.vectorBitSize(), threads, N, N, seconds);
        System.out.printf("%-5s %9s %13s %13s %13s %13s%n", "type", "MiB", "1 thread", threads + " threads",
                "64 rows, 1 t", "64 rows, " + threads + " t");
        Random random = new Random(1);
        float[] values = QuantTestSupport.gaussian(random, N * N, 0.02f);
        float[] x = QuantTestSupport.gaussian(random, N, 1f);
        float[] xs = QuantTestSupport.gaussian(random, 64 * N, 1f);
        float[] out = new float[N];
        float[] outs = new float[64 * N];
        try (MatMul one = new MatMul(1); MatMul all = new MatMul(threads); Arena arena = Arena.ofShared()) {
            for (GgmlType type : types) {
                long rowBytes = type.bytesFor(N);
                MemorySegment data = arena.allocate(rowBytes * N, 64);
                QuantKernel kernel = QuantKernel.of(type);
                for (int r = 0; r < N; r++) {
                    kernel.quantize(values, r * N, data, r * rowBytes, N);
                }
                WeightMatrix w = new WeightMatrix(data, type, N, N);
                double bytes = rowBytes * (double) N;
                double single = bytes / time(() -> one.matVec(w, x, out), seconds, true) / 1e9;
                double multi = bytes / time(() -> all.matVec(w, x, out), seconds, false) / 1e9;
                double batchOne = 64 * bytes / time(() -> one.matMul(w, xs, 64, outs), seconds, true) / 1e9;
                double batch = 64 * bytes / time(() -> all.matMul(w, xs, 64, outs), seconds, false) / 1e9;
                System.out.printf("%-5s %9.1f %8.2f GB/s %8.2f GB/s %8.2f GB/s %8.2f GB/s%n", type, bytes / (1 << 20),
                        single, multi, batchOne, batch);
                InterleavedRows layout = InterleavedRows.forType(type);
                if (layout != null) {
                    MemorySegment packed = arena.allocate(layout.packedBytes(N, N), 64);
                    layout.pack(data, N, packed, 0, N / InterleavedRows.ROWS);
                    QuantizedRow[] rows = new QuantizedRow[64];
                    for (int j = 0; j < 64; j++) {
                        float[] row = java.util.Arrays.copyOfRange(xs, j * N, (j + 1) * N);
                        rows[j] = QuantTestSupport.activation(type, row);
                    }
                    float[][] packedOut = new float[64][N];
                    int groups = N / InterleavedRows.ROWS;
                    double packedSingle = bytes / time(() -> layout.multiply(packed, N, rows, 0, 1, packedOut, 0, 0,
                            groups), seconds, true) / 1e9;
                    double packedBatch = 64 * bytes / time(() -> layout.multiply(packed, N, rows, 0, 64, packedOut, 0,
                            0, groups), seconds, true) / 1e9;
                    System.out.printf("%-5s %9s %8.2f GB/s %13s %8.2f GB/s   (packed)%n", type, "", packedSingle, "",
                            packedBatch);
                }
            }
        }
    }

    /**
     * Seconds per call: warm up, then the fastest of 15 runs of a fifteenth of the budget each. The machine is
     * shared, and interference only ever slows a run down, so the best run is the kernel's own speed. With
     * {@code cpuTime}, runs are timed by this thread's CPU time (for products that run on this thread alone).
     */
    private static double time(Runnable call, double seconds, boolean cpuTime) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.function.LongSupplier clock = cpuTime ? mx::getCurrentThreadCpuTime : System::nanoTime;
        long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        int calls = 0;
        while (System.nanoTime() < warmEnd || calls < 3) {
            call.run();
            calls++;
        }
        double[] samples = new double[15];
        long budget = (long) (seconds * 0.7e9 / samples.length);
        for (int s = 0; s < samples.length; s++) {
            long start = clock.getAsLong();
            int n = 0;
            do {
                call.run();
                n++;
            } while (clock.getAsLong() - start < budget);
            samples[s] = (clock.getAsLong() - start) / 1e9 / n;
        }
        java.util.Arrays.sort(samples);
        return samples[0];
    }
}
