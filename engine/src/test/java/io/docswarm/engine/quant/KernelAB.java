package io.docswarm.engine.quant;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * A/B benchmark of two builds of the packed one-token products in one JVM (not JMH, not a test). On a shared
 * VM the speed of a core drifts over seconds to minutes, so two builds measured one after the other differ by
 * more than most kernel changes. Here each build is loaded by its own class loader and the two take turns in
 * short slices, many times: both see the same drift, and the fastest slice of each is compared.
 *
 * <pre>
 * bench/kernel-ab.sh OLD_CLASSES NEW_CLASSES [n | memMIB] [rounds] [types...]
 * </pre>
 *
 * {@code n}: one token times an n x n matrix, read again and again, so from the caches. {@code memMIB} (for
 * example {@code mem1024}): a matrix of that many MiB and 2,048 columns, in huge pages where the system gives
 * them, one token times 256 rows at a time from random places, as decoding reads a quarter of one expert's
 * matrix: from memory. Its bytes are random (the speed does not depend on them) and both builds read the same
 * matrix.
 */
public final class KernelAB {
    private KernelAB() {
    }

    public static void main(String[] args) throws Throwable {
        Path a = Path.of(args[0]);
        Path b = Path.of(args[1]);
        String size = args.length > 2 ? args[2] : "2048";
        boolean fromMemory = size.startsWith("mem");
        int n = fromMemory ? 0 : Integer.parseInt(size);
        long memoryBytes = fromMemory ? Long.parseLong(size.substring(3)) << 20 : 0;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        String[] types = args.length > 4 ? Arrays.copyOfRange(args, 4, args.length)
                : new String[] {"Q4_K", "Q6_K", "Q8_0"};
        URL tests = KernelAB.class.getProtectionDomain().getCodeSource().getLocation();
        MemorySegment shared = fromMemory ? randomBytes(memoryBytes) : null;
        System.out.printf("%s, one token, %d rounds of alternating slices; GB/s of the file's bytes%n",
                fromMemory ? (memoryBytes >> 20) + " MiB x 2,048 columns, 256 rows at a time at random"
                        : n + " x " + n, rounds);
        System.out.printf("%-5s %10s %10s %10s %10s %8s%n", "type", "A best", "B best", "A median", "B median",
                "B/A best");
        for (String type : types) {
            double bytes = 0;
            Runnable[] products = new Runnable[2];
            for (int v = 0; v < 2; v++) {
                URLClassLoader loader = new URLClassLoader(new URL[] {(v == 0 ? a : b).toUri().toURL(), tests},
                        ClassLoader.getPlatformClassLoader());
                Class<?> probe = loader.loadClass(Probe.class.getName());
                Object[] made = fromMemory
                        ? (Object[]) probe.getMethod("fromMemory", String.class, MemorySegment.class)
                                .invoke(null, type, shared)
                        : (Object[]) probe.getMethod("make", String.class, int.class).invoke(null, type, n);
                products[v] = (Runnable) made[0];
                bytes = (Double) made[1];
            }
            double[][] best = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int v = 0; v < 2; v++) {
                    best[v][r] = fastest(products[v]);
                }
            }
            double[] rate = new double[4];
            for (int v = 0; v < 2; v++) {
                double[] s = best[v].clone();
                Arrays.sort(s);
                rate[v] = bytes / s[0] / 1e9;
                rate[2 + v] = bytes / s[s.length / 2] / 1e9;
            }
            System.out.printf("%-5s %10.2f %10.2f %10.2f %10.2f %8.3f%n", type, rate[0], rate[1], rate[2], rate[3],
                    rate[1] / rate[0]);
        }
    }

    /**
     * {@code bytes} of random bytes, asked for huge pages (as the engine's repacked weights are, see
     * {@code NativePages}) before they are first written.
     */
    private static MemorySegment randomBytes(long bytes) throws Throwable {
        MemorySegment memory = Arena.global().allocate(bytes, 2 << 20);
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> madvise = linker.defaultLookup().find("madvise");
        if (madvise.isPresent()) {
            int ignored = (int) linker.downcallHandle(madvise.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)).invokeExact(memory, bytes,
                    MADV_HUGEPAGE);
        }
        Random random = new Random(3);
        byte[] chunk = new byte[1 << 20];
        for (long at = 0; at < bytes; at += chunk.length) {
            random.nextBytes(chunk);
            MemorySegment.copy(MemorySegment.ofArray(chunk), 0, memory, at, Math.min(chunk.length, bytes - at));
        }
        return memory;
    }

    private static final int MADV_HUGEPAGE = 14;

    /** Seconds per call, the fastest of five slices of about 40 ms of this thread's CPU time. */
    private static double fastest(Runnable call) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int s = 0; s < 5; s++) {
            long start = mx.getCurrentThreadCpuTime();
            int calls = 0;
            do {
                call.run();
                calls++;
            } while (mx.getCurrentThreadCpuTime() - start < 40_000_000L);
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - start) / 1e9 / calls);
        }
        return best;
    }

    /** Loaded once per build: a packed random matrix and one token's activations. */
    public static final class Probe {
        private Probe() {
        }

        /** {product, file bytes of the matrix}. */
        public static Object[] make(String typeName, int n) {
            GgmlType type = GgmlType.valueOf(typeName);
            Random random = new Random(1);
            float[] values = QuantTestSupport.gaussian(random, n * n, 0.02f);
            float[] x = QuantTestSupport.gaussian(random, n, 1f);
            QuantKernel kernel = QuantKernel.of(type);
            long rowBytes = type.bytesFor(n);
            MemorySegment data = Arena.ofAuto().allocate(rowBytes * n, 64);
            for (int r = 0; r < n; r++) {
                kernel.quantize(values, r * n, data, r * rowBytes, n);
            }
            InterleavedRows layout = InterleavedRows.forType(type);
            MemorySegment packed = Arena.ofAuto().allocate(layout.packedBytes(n, n), 64);
            layout.pack(data, n, packed, 0, n / InterleavedRows.ROWS);
            QuantizedRow[] rows = {QuantTestSupport.activation(type, x)};
            float[][] out = new float[1][n];
            int groups = n / InterleavedRows.ROWS;
            Runnable product = () -> layout.multiply(packed, n, rows, 0, 1, out, 0, 0, groups);
            for (int i = 0; i < 200; i++) {
                product.run(); // compiled before the first slice
            }
            return new Object[] {product, (double) rowBytes * n};
        }

        /**
         * {product, file bytes of 256 rows}: one token times a random quarter of a random 1,024 x 2,048 matrix
         * of {@code memory}, read as packed matrices of that type, one after another.
         */
        public static Object[] fromMemory(String typeName, MemorySegment memory) {
            GgmlType type = GgmlType.valueOf(typeName);
            int cols = 2048;
            int quarterGroups = 256 / InterleavedRows.ROWS;
            InterleavedRows layout = InterleavedRows.forType(type);
            long matrixBytes = layout.packedBytes(1024, cols);
            int matrices = (int) (memory.byteSize() / matrixBytes);
            Random random = new Random(2);
            QuantizedRow[] rows = {QuantTestSupport.activation(type, QuantTestSupport.gaussian(random, cols, 1f))};
            float[][] out = new float[1][1024];
            Runnable product = () -> {
                MemorySegment matrix = memory.asSlice(random.nextInt(matrices) * matrixBytes, matrixBytes);
                int quarter = random.nextInt(4);
                layout.multiply(matrix, cols, rows, 0, 1, out, 0, quarter * quarterGroups,
                        (quarter + 1) * quarterGroups);
            };
            for (int i = 0; i < 2000; i++) {
                product.run();
            }
            return new Object[] {product, (double) type.bytesFor(cols) * 256};
        }
    }
}
