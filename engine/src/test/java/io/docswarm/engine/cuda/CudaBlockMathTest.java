package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.quant.QuantKernel;
import io.docswarm.engine.quant.QuantizedRow;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA kernels' block arithmetic (engine/src/main/cuda/ggml_blocks.cuh) against the Java kernels,
 * without a GPU: nvcc builds a host program from the same {@code __host__ __device__} functions the kernels
 * call (src/test/cuda/block_check.cu), this test feeds it weight rows encoded by {@link QuantKernel#quantize}
 * and random activations, and compares
 * <ul>
 *   <li>the activation preparation (Q8_0, Q8_1 and Q8_K quants, scales, Q8_1's block sums, Q8_K's sums of
 *       16; F16/BF16 rounding) with
 *       {@link QuantizedRow}: bit for bit;</li>
 *   <li>the dequantized row (embedding lookups) with {@link QuantKernel#dequantize}: bit for bit;</li>
 *   <li>the dot product, summed as the matvec kernel's warp sums it (32 lanes over the row's units, then
 *       the butterfly), with {@link QuantKernel#dotReference}: within float rounding of a different order.</li>
 * </ul>
 * Skipped when nvcc is not installed.
 */
class CudaBlockMathTest {
    private static final GgmlType[] TYPES = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
        GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K};

    record Case(GgmlType type, int cols, MemorySegment weights, float[] x) {}

    @TempDir
    Path dir;

    static Path cudaSources() {
        return Path.of("src/main/cuda").toAbsolutePath();
    }

    /** nvcc on the PATH, or null. */
    static String nvcc() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(p, "nvcc");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    @Test
    void blockMathMatchesJavaKernels() throws Exception {
        String nvcc = nvcc();
        assumeTrue(nvcc != null, "nvcc is not installed: the CUDA block arithmetic is not checked");
        Path exe = dir.resolve("block_check");
        run(List.of(nvcc, "-O2", "--fmad=false", "-std=c++17", "-I", cudaSources().toString(),
                Path.of("src/test/cuda/block_check.cu").toAbsolutePath().toString(), "-o", exe.toString()), 300);

        Random random = new Random(20261125);
        List<Case> cases = new ArrayList<>();
        for (GgmlType type : TYPES) {
            for (int cols : type.blockSize() == 256 ? new int[] {256, 768} : new int[] {64, 96, 2048}) {
                for (int variant = 0; variant < 4; variant++) {
                    cases.add(newCase(random, type, cols, variant));
                }
            }
        }
        Path in = dir.resolve("in.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(in))) {
            out.writeInt(Integer.reverseBytes(cases.size()));
            for (Case c : cases) {
                out.writeInt(Integer.reverseBytes(c.type().id()));
                out.writeInt(Integer.reverseBytes(c.cols()));
                out.write(c.weights().toArray(ValueLayout.JAVA_BYTE));
                ByteBuffer b = ByteBuffer.allocate(4 * c.cols()).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : c.x()) {
                    b.putFloat(v);
                }
                out.write(b.array());
            }
        }
        Path outFile = dir.resolve("out.bin");
        run(List.of(exe.toString(), in.toString(), outFile.toString()), 120);
        ByteBuffer result = ByteBuffer.wrap(Files.readAllBytes(outFile)).order(ByteOrder.LITTLE_ENDIAN);
        int dotsChecked = 0;
        for (Case c : cases) {
            check(c, result);
            dotsChecked++;
        }
        assertEquals(0, result.remaining(), "block_check wrote more than expected");
        assertTrue(dotsChecked >= TYPES.length * 8);
    }

    /**
     * Variants: 0 plain Gaussian; 1 activations with an all-zero block (the quantizers' zero path); 2 large
     * dynamic range; 3 activations with ties in magnitude (Q8_K takes the first of equal maxima).
     */
    private static Case newCase(Random random, GgmlType type, int cols, int variant) {
        float[] w = new float[cols];
        for (int i = 0; i < cols; i++) {
            w[i] = (float) random.nextGaussian() * (variant == 2 ? 40f : 0.5f);
        }
        MemorySegment weights = Arena.ofAuto().allocate(type.bytesFor(cols), 64);
        QuantKernel.of(type).quantize(w, 0, weights, 0, cols);
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) {
            x[i] = (float) random.nextGaussian() * (variant == 2 ? (i % 7 == 0 ? 1e3f : 1e-2f) : 1.3f);
        }
        if (variant == 1) {
            java.util.Arrays.fill(x, 0, Math.min(cols, type.blockSize() == 256 ? 256 : 32), 0f);
        }
        if (variant == 3) {
            x[3] = 5f;
            x[9] = -5f; // equal magnitude, later and negative: Q8_K must keep x[3]'s sign
        }
        return new Case(type, cols, weights, x);
    }

    private static void check(Case c, ByteBuffer r) {
        GgmlType type = c.type();
        int n = c.cols();
        String what = type + " x" + n;
        QuantKernel kernel = QuantKernel.of(type);
        QuantizedRow row = new QuantizedRow(n);
        row.quantize(kernel.activationType(), c.x(), 0, n);

        byte[] q = new byte[n];
        r.get(q);
        float[] d = floats(r, n / 32);
        short[] s = new short[n / 16];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.getShort();
        }
        float[] m = floats(r, n / 32);
        float[] f = floats(r, n);
        float[] deq = floats(r, n);
        float dot = r.getFloat();

        switch (kernel.activationType()) {
            case Q8_0, Q8_1 -> {
                GgmlType act = kernel.activationType();
                for (int i = 0; i < n; i++) {
                    assertEquals(row.quant(i), q[i], what + " " + act + " quant " + i);
                }
                for (int b = 0; b < n / 32; b++) {
                    assertEquals(row.scale(b), d[b], 0f, what + " " + act + " scale " + b);
                    if (act == GgmlType.Q8_1) {
                        assertEquals(row.blockSum(b), m[b], 0f, what + " Q8_1 block sum " + b);
                    }
                }
            }
            case Q8_K -> {
                for (int i = 0; i < n; i++) {
                    assertEquals(row.quant(i), q[i], what + " Q8_K quant " + i);
                }
                for (int b = 0; b < n / 256; b++) {
                    assertEquals(row.scale(b), d[8 * b], 0f, what + " Q8_K scale " + b);
                }
                for (int g = 0; g < n / 16; g++) {
                    assertEquals(row.bsum(g), s[g], what + " Q8_K sum of 16, group " + g);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(row.value(i)), Float.floatToRawIntBits(f[i]),
                            what + " rounded activation " + i + ": " + row.value(i) + " vs " + f[i]);
                }
            }
        }

        float[] expected = new float[n];
        kernel.dequantize(c.weights(), 0, expected, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(deq[i]),
                    what + " dequantized element " + i + ": " + expected[i] + " vs " + deq[i]);
        }

        // The sums differ only in order: bound the difference by float rounding of the sum of |terms|.
        float reference = kernel.dotReference(c.weights(), 0, row, n);
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            magnitude += Math.abs((double) expected[i] * activationValue(row, kernel.activationType(), i));
        }
        double bound = 2e-6 * magnitude + 1e-30;
        assertTrue(Math.abs(reference - dot) <= bound, what + ": device dot " + dot + ", Java reference " + reference
                + " (difference " + Math.abs(reference - dot) + " > " + bound + ")");
    }

    /** Element {@code i} of the prepared activation as a real number (quant times its block scale). */
    private static double activationValue(QuantizedRow row, GgmlType type, int i) {
        return switch (type) {
            case Q8_0, Q8_1 -> row.quant(i) * (double) row.scale(i / 32);
            case Q8_K -> row.quant(i) * (double) row.scale(i / 256);
            default -> row.value(i);
        };
    }

    private static float[] floats(ByteBuffer r, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.getFloat();
        }
        return out;
    }

    static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), command.get(0) + " failed:\n" + new String(output));
    }
}
