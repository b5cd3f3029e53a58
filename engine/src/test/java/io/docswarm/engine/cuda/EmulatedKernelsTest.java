package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.quant.QuantKernel;
import io.docswarm.engine.quant.QuantizedRow;
import io.docswarm.engine.sampling.TopLogits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Single kernels on the host emulation ({@link EmulatedGpu}) against the Java kernels, with the thread layout
 * the backend launches them with: activation preparation ({@code quantize_q8_0}, {@code quantize_q8_1}, the warp-parallel
 * {@code quantize_q8_k} with an all-zero block and tied maxima, {@code round_activations}) bit for bit
 * against {@link QuantizedRow}; {@code get_rows} bit for bit against {@link QuantKernel#dequantize}; the
 * matvec kernel for several tokens (tile 8) and for expert slots (ids, tile 1) against
 * {@link QuantKernel#dotReference}; {@code top_k} and {@code gather_logits} against the host's selection.
 * Skipped without a C++ compiler.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatedKernelsTest {
    private static final int ROWS = 6;
    private static final int TOKENS = 3;
    private static final int EXPERTS = 3;

    private Path dir;
    private Path library;

    @BeforeAll
    void build() throws Exception {
        String cxx = EmulatedGpu.cxx();
        if (cxx != null) {
            dir = Files.createTempDirectory("cuda-emulator");
            library = EmulatedGpu.build(cxx, dir);
        }
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (dir != null) {
            Files.deleteIfExists(library);
            Files.deleteIfExists(dir);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0",
        "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void kernelsMatchTheJavaKernels(GgmlType type) {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        int cols = type.blockSize() == 256 ? 512 : 96;
        Random random = new Random(type.ordinal() * 31L + 5);
        QuantKernel kernel = QuantKernel.of(type);
        GgmlType act = kernel.activationType();
        long rowBytes = type.bytesFor(cols);
        MemorySegment weights = Arena.ofAuto().allocate(rowBytes * ROWS * EXPERTS, 64);
        float[] w = new float[cols];
        for (int r = 0; r < ROWS * EXPERTS; r++) {
            for (int i = 0; i < cols; i++) {
                w[i] = (float) random.nextGaussian() * 0.4f;
            }
            kernel.quantize(w, 0, weights, r * rowBytes, cols);
        }
        float[] x = new float[TOKENS * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 2f;
        }
        java.util.Arrays.fill(x, 0, type.blockSize() == 256 ? 256 : 32, 0f); // token 0's first block: zeros
        x[cols + 5] = 50f;  // token 1: equal largest magnitudes, the first one positive
        x[cols + 40] = -50f;
        QuantizedRow[] rows = new QuantizedRow[TOKENS];
        for (int t = 0; t < TOKENS; t++) {
            rows[t] = new QuantizedRow(cols);
            rows[t].quantize(act, x, t * cols, cols);
        }

        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceBuffer xDev = gpu.allocate(4L * x.length);
            MemorySegment xs = Arena.ofAuto().allocate(4L * x.length, 4);
            MemorySegment.copy(x, 0, xs, ValueLayout.JAVA_FLOAT, 0, x.length);
            gpu.upload(xs, xDev);
            DeviceActivations activations = new DeviceActivations(gpu, (long) TOKENS * EXPERTS * cols);
            activations.reset(xDev, cols, TOKENS, cols);
            DeviceActivations.Form form = activations.get(act);
            checkPrepared(gpu, form, act, rows, cols);

            DeviceBuffer wDev = gpu.allocate(weights.byteSize());
            gpu.upload(weights, wDev);
            DeviceMatrix m = new DeviceMatrix("w", wDev, type, ROWS, cols, rowBytes * ROWS);

            // Embedding rows 4, 0, 17.
            int[] tokens = {4, 0, 17};
            DeviceBuffer ids = gpu.allocate(4L * tokens.length);
            gpu.upload(tokens, tokens.length, ids);
            DeviceBuffer embedded = gpu.allocate(4L * tokens.length * cols);
            gpu.launch("get_rows", (tokens.length * cols + 255) / 256, 1, 256, wDev, type.id(), ids, tokens.length, cols,
                    embedded);
            float[] got = new float[tokens.length * cols];
            gpu.download(embedded, got, got.length);
            float[] expected = new float[cols];
            for (int t = 0; t < tokens.length; t++) {
                kernel.dequantize(weights, tokens[t] * rowBytes, expected, 0, cols);
                for (int i = 0; i < cols; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[t * cols + i]),
                            type + " get_rows token " + t + " element " + i);
                }
            }

            // Each product both ways: a warp per row (4 per block) and a block per row (the float types' wide form).
            String wide = m.type().blockSize() == 1 ? m.kernel().replace("matvec_", "matvec_wide_") : null;
            List<String> names = wide != null ? List.of(m.kernel(), wide) : List.of(m.kernel());
            for (String name : names) {
                boolean perRow = name.equals(wide);
                int gridX = perRow ? ROWS : (ROWS + 3) / 4;
                int threads = perRow ? 256 : 128;
                // Dense: expert 0's matrix for every token, tile 8.
                DeviceBuffer out = gpu.allocate(4L * TOKENS * EXPERTS * ROWS);
                gpu.launch(name, gridX, 1, threads, wDev, 0L, null, null, form.q(), form.d(), form.s(), form.f(), form.m(), 1,
                        ROWS, cols, TOKENS, out, ROWS, 8, 0);
                float[] dense = new float[TOKENS * ROWS];
                gpu.download(out, dense, dense.length);
                for (int t = 0; t < TOKENS; t++) {
                    for (int r = 0; r < ROWS; r++) {
                        checkDot(kernel, weights, r * rowBytes, rows[t], cols, dense[t * ROWS + r],
                                name + " token " + t + " row " + r);
                    }
                }
                // Accumulating: the product plus what out held (a residual connection), as add_residual adds.
                float[] held = new float[TOKENS * ROWS];
                for (int i = 0; i < held.length; i++) {
                    held[i] = (float) random.nextGaussian() * 3f;
                }
                DeviceBuffer residual = upload(gpu, held);
                gpu.launch(name, gridX, 1, threads, wDev, 0L, null, null, form.q(), form.d(), form.s(), form.f(), form.m(), 1,
                        ROWS, cols, TOKENS, residual, ROWS, 8, 1);
                float[] summed = new float[held.length];
                gpu.download(residual, summed, summed.length);
                for (int i = 0; i < held.length; i++) {
                    assertEquals(Float.floatToRawIntBits(dense[i] + held[i]), Float.floatToRawIntBits(summed[i]),
                            name + " accumulated output " + i);
                }

                // Expert slots: slot s uses expert slotExpert[s] and token s / 2, tile 1.
                int[] slotExpert = {2, 0, 1, 2, 0, 1};
                gpu.upload(slotExpert, slotExpert.length, ids = gpu.allocate(4L * slotExpert.length));
                gpu.launch(name, gridX, slotExpert.length, threads, wDev, rowBytes * ROWS, ids, null, form.q(), form.d(),
                        form.s(), form.f(), form.m(), 2, ROWS, cols, slotExpert.length, out, ROWS, 1, 0);
                float[] experts = new float[slotExpert.length * ROWS];
                gpu.download(out, experts, experts.length);
                for (int s = 0; s < slotExpert.length; s++) {
                    for (int r = 0; r < ROWS; r++) {
                        long at = (slotExpert[s] * (long) ROWS + r) * rowBytes;
                        checkDot(kernel, weights, at, rows[s / 2], cols, experts[s * ROWS + r],
                                name + " slot " + s + " row " + r);
                    }
                }
                // The same slots taken in another order (as moe_group groups a prompt's slots by expert), in
                // tiles of 8 and in several launches' worth of order slices: the same bits, in slot order.
                int[] order = {5, 2, 0, 3, 1, 4};
                DeviceBuffer orderDev = gpu.allocate(4L * order.length);
                gpu.upload(order, order.length, orderDev);
                DeviceBuffer ordered = gpu.allocate(4L * slotExpert.length * ROWS);
                gpu.launch(name, gridX, 1, threads, wDev, rowBytes * ROWS, ids, orderDev, form.q(), form.d(), form.s(),
                        form.f(), form.m(), 2, ROWS, cols, 4, ordered, ROWS, 8, 0);
                gpu.launch(name, gridX, 1, threads, wDev, rowBytes * ROWS, ids, orderDev.at(16), form.q(), form.d(),
                        form.s(), form.f(), form.m(), 2, ROWS, cols, 2, ordered, ROWS, 8, 0);
                float[] inOrder = new float[experts.length];
                gpu.download(ordered, inOrder, inOrder.length);
                for (int i = 0; i < experts.length; i++) {
                    assertEquals(Float.floatToRawIntBits(experts[i]), Float.floatToRawIntBits(inOrder[i]),
                            name + " ordered slots, output " + i);
                }
            }

            // SwiGLU in one launch: the bits of the gate and up products (expert stacks at offsets 0 and one
            // expert in, so slot s's up matrix is expert slotExpert[s] + 1's) followed by silu_mul.
            int[] slotExpert = {1, 0, 1, 0, 1, 1};
            gpu.upload(slotExpert, slotExpert.length, ids = gpu.allocate(4L * slotExpert.length));
            DeviceBuffer up = wDev.at(rowBytes * ROWS);
            DeviceBuffer gateOut = gpu.allocate(4L * slotExpert.length * ROWS);
            DeviceBuffer upOut = gpu.allocate(4L * slotExpert.length * ROWS);
            DeviceBuffer fused = gpu.allocate(4L * slotExpert.length * ROWS);
            for (DeviceBuffer[] product : new DeviceBuffer[][] {{wDev, gateOut}, {up, upOut}}) {
                gpu.launch(m.kernel(), (ROWS + 3) / 4, slotExpert.length, 128, product[0], rowBytes * ROWS, ids, null, form.q(),
                        form.d(), form.s(), form.f(), form.m(), 2, ROWS, cols, slotExpert.length, product[1], ROWS, 1, 0);
            }
            gpu.launch("silu_mul", 1, 1, 256, gateOut, upOut, (long) slotExpert.length * ROWS);
            gpu.launch(m.swigluKernel(), (ROWS + 3) / 4, slotExpert.length, 128, wDev, up,
                    rowBytes * ROWS, ids, null, form.q(), form.d(), form.s(), form.f(), form.m(), 2, ROWS, cols,
                    slotExpert.length, fused, ROWS, 1, 0);
            float[] separate = new float[slotExpert.length * ROWS];
            float[] together = new float[separate.length];
            gpu.download(gateOut, separate, separate.length);
            gpu.download(fused, together, together.length);
            for (int i = 0; i < separate.length; i++) {
                assertEquals(Float.floatToRawIntBits(separate[i]), Float.floatToRawIntBits(together[i]),
                        type + " swiglu output " + i);
            }
        }
    }

    /**
     * An infinite activation makes its block's scale infinite and the quants NaN times 0: the device must give the
     * CPU's quants (0, as Java's cast and the GPU's conversion of NaN give), not what a C++ cast of NaN gives on
     * x86 (INT_MIN, saturated to -128). (Q8_K's quantizer clamped only from above, and INT_MIN's low byte is 0,
     * so it agreed before the fix too; it is checked here so that it keeps agreeing.)
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q8_1", "Q8_K"})
    void infiniteActivationsQuantizeAsOnTheCpu(GgmlType act) {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        int cols = 512;
        Random random = new Random(act.ordinal());
        float[] x = new float[2 * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        x[3] = Float.POSITIVE_INFINITY;
        x[cols + 300] = Float.NEGATIVE_INFINITY;
        QuantizedRow[] rows = new QuantizedRow[2];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = new QuantizedRow(cols);
            rows[t].quantize(act, x, t * cols, cols);
        }
        assertEquals(0, rows[0].quant(3), "the CPU's quant of the infinity itself (NaN times 0)");
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 30)) {
            DeviceBuffer xDev = gpu.allocate(4L * x.length);
            MemorySegment xs = Arena.ofAuto().allocate(4L * x.length, 4);
            MemorySegment.copy(x, 0, xs, ValueLayout.JAVA_FLOAT, 0, x.length);
            gpu.upload(xs, xDev);
            DeviceActivations activations = new DeviceActivations(gpu, x.length);
            activations.reset(xDev, cols, rows.length, cols);
            checkPrepared(gpu, activations.get(act), act, rows, cols);
        }
    }

    private static void checkPrepared(EmulatedGpu gpu, DeviceActivations.Form form, GgmlType act, QuantizedRow[] rows,
                                      int cols) {
        int n = rows.length;
        switch (act) {
            case Q8_0, Q8_1, Q8_K -> {
                MemorySegment q = read(gpu, form.q(), (long) n * cols);
                MemorySegment d = read(gpu, form.d(), 4L * n * (cols / 32));
                for (int t = 0; t < n; t++) {
                    for (int i = 0; i < cols; i++) {
                        assertEquals(rows[t].quant(i), q.get(ValueLayout.JAVA_BYTE, (long) t * cols + i), act + " quant " + t + "/" + i);
                    }
                    int block = act.blockSize();
                    for (int b = 0; b < cols / block; b++) {
                        int slot = act == GgmlType.Q8_K ? 8 * b : b;
                        assertEquals(rows[t].scale(b), d.getAtIndex(ValueLayout.JAVA_FLOAT, (long) t * (cols / 32) + slot), 0f,
                                act + " scale " + t + "/" + b);
                    }
                    if (act == GgmlType.Q8_1) {
                        MemorySegment m = read(gpu, form.m(), 4L * n * (cols / 32));
                        for (int b = 0; b < cols / 32; b++) {
                            assertEquals(rows[t].blockSum(b), m.getAtIndex(ValueLayout.JAVA_FLOAT, (long) t * (cols / 32) + b),
                                    0f, "Q8_1 block sum " + t + "/" + b);
                        }
                    }
                    if (act == GgmlType.Q8_K) {
                        MemorySegment s = read(gpu, form.s(), 2L * n * (cols / 16));
                        for (int g = 0; g < cols / 16; g++) {
                            assertEquals(rows[t].bsum(g), s.getAtIndex(ValueLayout.JAVA_SHORT, (long) t * (cols / 16) + g),
                                    "Q8_K sum of 16 " + t + "/" + g);
                        }
                    }
                }
            }
            default -> {
                float[] f = new float[n * cols];
                gpu.download(form.f(), f, f.length);
                for (int t = 0; t < n; t++) {
                    for (int i = 0; i < cols; i++) {
                        assertEquals(Float.floatToRawIntBits(rows[t].value(i)), Float.floatToRawIntBits(f[t * cols + i]),
                                act + " value " + t + "/" + i);
                    }
                }
            }
        }
    }

    /**
     * The norm and the Q8_K quantization in one launch give the bits of {@code rms_norm} then
     * {@code quantize_q8_k}: rows of one block of 256, of three, and of more blocks than the launch has warps,
     * with an all-zero row (zero scale); DeepSeek-V3's 7168, the widest row kept in registers, and one wider
     * (8448), normed in global memory.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {256, 768, 2560, 7168, 8448})
    void normAndQuantizationInOneLaunchKeepTheBits(int width) {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(width);
        int rows = 3;
        float[] x = new float[rows * width];
        float[] w = new float[width];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < width ? 0f : (float) random.nextGaussian() * 4f;
        }
        for (int i = 0; i < width; i++) {
            w[i] = 1f + (float) random.nextGaussian() * 0.2f;
        }
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceBuffer xDev = upload(gpu, x);
            DeviceBuffer wDev = upload(gpu, w);
            NormedRows separate = NormedRows.allocate(gpu, x.length);
            NormedRows fused = NormedRows.allocate(gpu, x.length);
            gpu.launch("rms_norm", 1, rows, DeviceOps.THREADS, xDev, width, separate.normed(), width, wDev, width, 1e-6f);
            gpu.launch("quantize_q8_k", rows * (width / 256), 1, 32, separate.normed(), width, rows, width, separate.q(),
                    separate.d(), separate.s());
            gpu.launch("rms_norm_q8_k", 1, rows, DeviceOps.THREADS, xDev, width, fused.normed(), width, wDev, width, 1e-6f,
                    fused.q(), fused.d(), fused.s());
            separate.assertSameAs(fused, gpu, x.length, "width " + width);
        }
    }

    /**
     * Two products of one input by matrices of two K-quant types in one launch ({@code matvec_pair_*}, through
     * {@link DeviceOps#matmulPair}) give the bits of the two matvec launches, into the columns of shared padded
     * output rows, for three tokens and row counts that leave warps of both parts idle; a pair without a kernel
     * (Q4_K with Q8_0) goes in two launches.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"Q4_K, Q6_K", "Q5_K, Q6_K", "Q6_K, Q4_K", "Q6_K, Q5_K", "Q4_K, Q5_K",
        "Q5_K, Q4_K", "Q4_K, Q8_0"})
    void twoProductsInOneLaunchKeepTheBits(GgmlType first, GgmlType second) {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        int cols = 512;
        int rows1 = 6;
        int rows2 = 5;
        int stride = rows1 + rows2 + 3;
        Random random = new Random(first.ordinal() * 17L + second.ordinal());
        float[] x = new float[TOKENS * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 2f;
        }
        try (EmulatedGpu emulated = new EmulatedGpu(library, 1L << 32)) {
            LaunchLog gpu = new LaunchLog(emulated);
            DeviceMatrix a = randomMatrix(emulated, first, rows1, cols, random);
            DeviceMatrix b = randomMatrix(emulated, second, rows2, cols, random);
            DeviceOps ops = new DeviceOps(gpu, (long) TOKENS * cols);
            DeviceBuffer[] out = {upload(emulated, new float[TOKENS * stride]), upload(emulated, new float[TOKENS * stride])};
            ops.input(upload(emulated, x), cols, TOKENS, cols);
            ops.matmul(a, null, 1, TOKENS, out[0], stride);
            ops.matmul(b, null, 1, TOKENS, out[0].at(4L * rows1), stride);
            gpu.clear();
            ops.matmulPair(a, out[1], b, out[1].at(4L * rows1), TOKENS, stride);
            boolean paired = second != GgmlType.Q8_0;
            assertEquals(paired ? List.of("matvec_pair_" + first.name().toLowerCase() + "_" + second.name().toLowerCase())
                    : List.of(a.kernel(), b.kernel()), gpu.kernels(), "the launches");
            long bytes = 4L * TOKENS * stride;
            MemorySegment separate = read(emulated, out[0], bytes).asSlice(0, bytes);
            MemorySegment together = read(emulated, out[1], bytes).asSlice(0, bytes);
            assertEquals(-1L, separate.mismatch(together), first + " + " + second + ": first differing byte");
            // Every product was written: no output of either matrix is left at zero.
            for (int t = 0; t < TOKENS; t++) {
                for (int r = 0; r < rows1 + rows2; r++) {
                    assertTrue(together.getAtIndex(ValueLayout.JAVA_FLOAT, (long) t * stride + r) != 0f,
                            "token " + t + " row " + r);
                }
            }
        }
    }

    /** Normed rows of {@code elements} floats in all and their Q8_K form (see {@code quantize_q8_k}). */
    private record NormedRows(DeviceBuffer normed, DeviceBuffer q, DeviceBuffer d, DeviceBuffer s) {
        static NormedRows allocate(EmulatedGpu gpu, int elements) {
            return new NormedRows(gpu.allocate(4L * elements), gpu.allocate(elements), gpu.allocate(4L * elements / 32),
                    gpu.allocate(2L * elements / 16));
        }

        /** The same bytes in each of the four arrays as {@code other}'s. */
        void assertSameAs(NormedRows other, EmulatedGpu gpu, int elements, String what) {
            DeviceBuffer[][] pairs = {{normed, other.normed}, {q, other.q}, {d, other.d}, {s, other.s}};
            long[] bytes = {4L * elements, elements, 4L * elements / 32, 2L * elements / 16};
            String[] names = {"normed rows", "quants", "scales", "sums of 16"};
            for (int i = 0; i < pairs.length; i++) {
                MemorySegment mine = read(gpu, pairs[i][0], bytes[i]).asSlice(0, bytes[i]);
                MemorySegment theirs = read(gpu, pairs[i][1], bytes[i]).asSlice(0, bytes[i]);
                assertEquals(-1L, mine.mismatch(theirs), what + ": first differing byte of the " + names[i]);
            }
        }
    }

    private static DeviceMatrix randomMatrix(EmulatedGpu gpu, GgmlType type, int rows, int cols, Random random) {
        QuantKernel kernel = QuantKernel.of(type);
        long rowBytes = type.bytesFor(cols);
        MemorySegment weights = Arena.ofAuto().allocate(rowBytes * rows, 64);
        float[] w = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < cols; i++) {
                w[i] = (float) random.nextGaussian() * 0.4f;
            }
            kernel.quantize(w, 0, weights, r * rowBytes, cols);
        }
        DeviceBuffer data = gpu.allocate(weights.byteSize());
        gpu.upload(weights, data);
        return new DeviceMatrix(type.name(), data, type, rows, cols, 0);
    }

    /**
     * Rows that become the input again ({@link DeviceOps#inputAgain}) keep the Q8_K form prepared from them while
     * no other rows' preparation has overwritten it (no quantize launch, the same bytes). Quantized forms have two
     * sets of arrays, used in turn by the one handed out longest ago: one other rows' preparation leaves the form
     * in place (a DeepSeek shared expert after the routed experts' hidden rows), two overwrite it, and it is
     * prepared again.
     */
    @org.junit.jupiter.api.Test
    void aFormIsUsedAgainOnlyWhileItStillHoldsTheRows() {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        int cols = 512;
        Random random = new Random(11);
        float[][] rows = new float[3][cols];
        for (float[] r : rows) {
            for (int i = 0; i < cols; i++) {
                r[i] = (float) random.nextGaussian();
            }
        }
        try (EmulatedGpu emulated = new EmulatedGpu(library, 1L << 32)) {
            LaunchLog gpu = new LaunchLog(emulated);
            DeviceBuffer aDev = upload(emulated, rows[0]);
            DeviceBuffer bDev = upload(emulated, rows[1]);
            DeviceBuffer cDev = upload(emulated, rows[2]);
            DeviceOps ops = new DeviceOps(gpu, cols);
            ops.input(aDev, cols, 1, cols);
            MemorySegment aQuants = read(emulated, ops.prepared(GgmlType.Q8_K).q(), cols).asSlice(0, cols);
            assertEquals(1, gpu.kernels().size(), gpu.kernels().toString());

            ops.input(bDev, cols, 1, cols);
            ops.prepared(GgmlType.Q8_K); // b's form in the other set
            ops.inputAgain(aDev, cols, 1, cols);
            DeviceActivations.Form again = ops.prepared(GgmlType.Q8_K);
            assertEquals(List.of("quantize_q8_k", "quantize_q8_k"), gpu.kernels(), "a's form used again");
            assertEquals(-1L, aQuants.mismatch(read(emulated, again.q(), cols).asSlice(0, cols)));

            ops.input(bDev, cols, 1, cols);
            ops.prepared(GgmlType.Q8_K); // into the set handed out longest ago: b's own
            ops.input(cDev, cols, 1, cols);
            ops.prepared(GgmlType.Q8_K); // then a's
            ops.inputAgain(aDev, cols, 1, cols);
            DeviceActivations.Form prepared = ops.prepared(GgmlType.Q8_K);
            assertEquals(5, gpu.kernels().size(), "a's form prepared again after c's took its arrays: "
                    + gpu.kernels());
            assertEquals(-1L, aQuants.mismatch(read(emulated, prepared.q(), cols).asSlice(0, cols)));
        }
    }

    /**
     * Rows whose contents changed and that became the input again as new rows ({@link DeviceOps#input}) are
     * never given a form prepared from their earlier contents when they are made the input again later
     * ({@link DeviceOps#inputAgain}): not the same type's (prepared again into the other set) and not another
     * type's (not prepared since: computed again). A DeepSeek layer does this with its normed row: the attention
     * products' form of one type, then the feed-forward's of another, then the shared expert's.
     */
    @org.junit.jupiter.api.Test
    void rowsPreparedAgainAreNotTakenFromTheirEarlierForm() {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        int cols = 512;
        Random random = new Random(12);
        float[] before = new float[cols];
        float[] after = new float[cols];
        for (int i = 0; i < cols; i++) {
            before[i] = (float) random.nextGaussian();
            after[i] = (float) random.nextGaussian();
        }
        try (EmulatedGpu emulated = new EmulatedGpu(library, 1L << 32)) {
            // The later contents' forms, prepared on their own.
            DeviceOps reference = new DeviceOps(emulated, cols);
            reference.input(upload(emulated, after), cols, 1, cols);
            MemorySegment afterQ8K = read(emulated, reference.prepared(GgmlType.Q8_K).q(), cols).asSlice(0, cols);
            MemorySegment afterQ80 = read(emulated, reference.prepared(GgmlType.Q8_0).q(), cols).asSlice(0, cols);

            LaunchLog gpu = new LaunchLog(emulated);
            DeviceBuffer rowsDev = upload(emulated, before);
            DeviceOps ops = new DeviceOps(gpu, cols);
            ops.input(rowsDev, cols, 1, cols);
            ops.prepared(GgmlType.Q8_K);
            ops.prepared(GgmlType.Q8_0);
            MemorySegment newContents = Arena.ofAuto().allocate(4L * cols, 4);
            MemorySegment.copy(after, 0, newContents, ValueLayout.JAVA_FLOAT, 0, cols);
            emulated.upload(newContents, rowsDev); // new contents, the same rows
            ops.input(rowsDev, cols, 1, cols);
            ops.prepared(GgmlType.Q8_K);
            ops.inputAgain(rowsDev, cols, 1, cols);
            DeviceActivations.Form q8k = ops.prepared(GgmlType.Q8_K);
            DeviceActivations.Form q80 = ops.prepared(GgmlType.Q8_0);
            assertEquals(List.of("quantize_q8_k", "quantize_q8_0", "quantize_q8_k", "quantize_q8_0"), gpu.kernels(),
                    "Q8_K resumed, Q8_0 prepared again");
            assertEquals(-1L, afterQ8K.mismatch(read(emulated, q8k.q(), cols).asSlice(0, cols)), "the Q8_K form");
            assertEquals(-1L, afterQ80.mismatch(read(emulated, q80.q(), cols).asSlice(0, cols)), "the Q8_0 form");
        }
    }

    /**
     * Qwen3's per-head norms and RoPE of the queries and the keys in one launch, with the keys' and values' cache
     * store, give the bits of {@code rms_norm} (groups of one head, each with its own weights) then {@code rope}
     * for each, then {@code store_kv}: in both pair layouts, for heads narrower and wider than a block has
     * threads, in padded rows, with F32 and F16 caches.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"64, 0", "64, 1", "128, 1", "576, 0"})
    void queryAndKeyNormsWithRopeAndStoreInOneLaunchKeepTheBits(int width, int neox) {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(width * 2L + neox);
        int rows = 3;
        int heads = 4;
        int kvHeads = 2;
        int kvw = kvHeads * width;
        int stride = heads * width + 2 * kvw + 8; // [q | k | v] rows, padded: the stride is not their width
        float[] x = new float[rows * stride];
        float[] qw = new float[width];
        float[] kw = new float[width];
        float[] cos = new float[rows * width / 2];
        float[] sin = new float[cos.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 3f;
        }
        for (int i = 0; i < width; i++) {
            qw[i] = 1f + (float) random.nextGaussian() * 0.2f;
            kw[i] = 1f + (float) random.nextGaussian() * 0.2f;
        }
        for (int i = 0; i < cos.length; i++) {
            double angle = random.nextDouble() * 6;
            cos[i] = (float) Math.cos(angle);
            sin[i] = (float) Math.sin(angle);
        }
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceBuffer qwDev = upload(gpu, qw);
            DeviceBuffer kwDev = upload(gpu, kw);
            DeviceBuffer cosDev = upload(gpu, cos);
            DeviceBuffer sinDev = upload(gpu, sin);
            DeviceBuffer position = gpu.allocate(4);
            gpu.upload(new int[] {5}, 1, position); // rows at positions 5, 6, 7
            long bytes = 4L * x.length;
            for (boolean f16 : new boolean[] {false, true}) {
                String suffix = f16 ? "_f16" : "";
                long cacheBytes = (long) (f16 ? 2 : 4) * 8 * kvw;
                DeviceBuffer[] rowsDev = {upload(gpu, x), upload(gpu, x)};
                DeviceBuffer[] keys = {gpu.allocate(cacheBytes), gpu.allocate(cacheBytes)};
                DeviceBuffer[] values = {gpu.allocate(cacheBytes), gpu.allocate(cacheBytes)};
                DeviceBuffer q = rowsDev[0];
                DeviceBuffer k = q.at(4L * heads * width);
                DeviceBuffer v = k.at(4L * kvw);
                gpu.launch("rms_norm", heads, rows, DeviceOps.THREADS, q, stride, q, stride, qwDev, width, 1e-6f);
                gpu.launch("rms_norm", kvHeads, rows, DeviceOps.THREADS, k, stride, k, stride, kwDev, width, 1e-6f);
                gpu.launch("rope", DeviceOps.blocks((long) rows * heads * width / 2), 1, DeviceOps.THREADS, q, stride,
                        rows, heads, width, width, cosDev, sinDev, neox);
                gpu.launch("rope", DeviceOps.blocks((long) rows * kvHeads * width / 2), 1, DeviceOps.THREADS, k,
                        stride, rows, kvHeads, width, width, cosDev, sinDev, neox);
                gpu.launch("store_kv" + suffix, DeviceOps.blocks((long) rows * kvw), 1, DeviceOps.THREADS, k, v, stride,
                        keys[0], values[0], kvw, rows, position);

                DeviceBuffer fq = rowsDev[1];
                DeviceBuffer fk = fq.at(4L * heads * width);
                gpu.launch("qk_norm_rope_store" + suffix, heads + kvHeads, rows, DeviceOps.THREADS, fq, fk,
                        fk.at(4L * kvw), stride, heads, qwDev, kwDev, width, 1e-6f, cosDev, sinDev, neox, keys[1],
                        values[1], kvw, position);
                assertEquals(-1L, read(gpu, rowsDev[0], bytes).mismatch(read(gpu, rowsDev[1], bytes)),
                        suffix + ": first differing byte of the normed rows");
                assertEquals(-1L, read(gpu, keys[0], cacheBytes).mismatch(read(gpu, keys[1], cacheBytes)),
                        suffix + ": stored keys");
                assertEquals(-1L, read(gpu, values[0], cacheBytes).mismatch(read(gpu, values[1], cacheBytes)),
                        suffix + ": stored values");
            }
        }
    }

    /**
     * {@code moe_group} lists every slot once, grouped by expert in expert order, for few and many slots and for
     * more experts than the block has threads.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1, 8", "16, 8", "600, 8", "600, 300"})
    void expertGroupingIsAPermutationByExpert(int slots, int experts) {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(slots * 31L + experts);
        int[] ids = new int[slots];
        for (int i = 0; i < slots; i++) {
            ids[i] = random.nextInt(experts);
        }
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceBuffer idsDev = gpu.allocate(4L * slots);
            gpu.upload(ids, slots, idsDev);
            DeviceBuffer orderDev = gpu.allocate(4L * slots);
            gpu.launch("moe_group", 1, 1, DeviceOps.THREADS, idsDev, slots, experts, orderDev);
            int[] order = new int[slots];
            gpu.download(orderDev, order, slots);
            boolean[] seen = new boolean[slots];
            for (int p = 0; p < slots; p++) {
                assertTrue(order[p] >= 0 && order[p] < slots && !seen[order[p]], "position " + p + ": " + order[p]);
                seen[order[p]] = true;
                if (p > 0) {
                    assertTrue(ids[order[p - 1]] <= ids[order[p]], "experts out of order at position " + p);
                }
            }
        }
    }

    /**
     * The two-launch arg-max picks the host's arg-max (the first of equal largest values) for rows shorter and
     * longer than a block, with few distinct values (ties across slices) and -inf, whatever the slice per
     * block: one block for the row, slices shorter than a block, and slices that leave the last block short.
     */
    @org.junit.jupiter.api.Test
    void argmaxOverSlicesPicksTheFirstLargest() {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(23);
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            for (int n : new int[] {1, 5, 256, 1000, 5000}) {
                for (int trial = 0; trial < 3; trial++) {
                    float[] x = new float[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = random.nextInt(9) == 0 ? Float.NEGATIVE_INFINITY : random.nextInt(trial == 0 ? 3 : 50);
                    }
                    int want = io.docswarm.engine.model.LanguageModel.argmax(x);
                    DeviceBuffer row = upload(gpu, x);
                    for (int per : new int[] {n, 100, 7, 2048}) {
                        int blocks = (n + per - 1) / per;
                        DeviceBuffer values = gpu.allocate(4L * blocks);
                        DeviceBuffer indices = gpu.allocate(4L * blocks);
                        DeviceBuffer out = gpu.allocate(4);
                        gpu.launch("argmax_blocks", blocks, 1, DeviceOps.THREADS, row, n, per, values, indices);
                        gpu.launch("argmax_pick", 1, 1, DeviceOps.THREADS, values, indices, blocks, out);
                        int[] got = new int[1];
                        gpu.download(out, got, 1);
                        assertEquals(want, got[0], "n " + n + ", " + per + " per block, trial " + trial);
                    }
                }
            }
        }
    }

    /**
     * {@code top_k} selects the same k logits as the host's {@link TopLogits} (ties to the lower id, -0 equal to
     * +0, -inf included, NaN last) for rows shorter and longer than the block and k from 1 to the whole row; the values
     * come back unchanged. {@code gather_logits} returns the logits of the ids asked for.
     */
    @org.junit.jupiter.api.Test
    void topKAndGatherMatchTheHost() {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(11);
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            for (int n : new int[] {1, 7, 256, 300, 2000}) {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    // Few levels (ties), signed zeros, some -inf (masked tokens) and NaN (ranked last), the rest
                    // spread widely.
                    x[i] = switch (random.nextInt(7)) {
                        case 0 -> random.nextInt(4) - 2f;
                        case 1 -> random.nextBoolean() ? 0f : -0f;
                        case 2 -> Float.NEGATIVE_INFINITY;
                        case 3 -> Float.NaN;
                        default -> (float) random.nextGaussian() * 1e3f;
                    };
                }
                DeviceBuffer row = upload(gpu, x);
                DeviceBuffer ids = gpu.allocate(4L * Math.max(n, 3));
                DeviceBuffer values = gpu.allocate(4L * Math.max(n, 3));
                for (int k : new int[] {1, 2, Math.max(1, n / 3), n}) {
                    if (k > n) {
                        continue;
                    }
                    gpu.launch("top_k", 1, 1, DeviceOps.THREADS, row, n, k, ids, values);
                    int[] gotIds = new int[k];
                    float[] gotValues = new float[k];
                    gpu.download(ids, gotIds, k);
                    gpu.download(values, gotValues, k);
                    int[] wantIds = new int[k];
                    TopLogits.select(x, k, wantIds, new float[k]);
                    java.util.Arrays.sort(wantIds);
                    int[] sorted = gotIds.clone();
                    java.util.Arrays.sort(sorted);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(wantIds, sorted, "n " + n + " k " + k);
                    for (int i = 0; i < k; i++) {
                        assertEquals(Float.floatToRawIntBits(x[gotIds[i]]), Float.floatToRawIntBits(gotValues[i]),
                                "n " + n + " k " + k + " value of " + gotIds[i]);
                    }
                }
                // k outside 1 .. n: the kernel writes nothing.
                int[] marks = new int[n];
                java.util.Arrays.fill(marks, -7);
                gpu.upload(marks, n, ids);
                gpu.launch("top_k", 1, 1, DeviceOps.THREADS, row, n, n + 1, ids, values);
                int[] after = new int[n];
                gpu.download(ids, after, n);
                org.junit.jupiter.api.Assertions.assertArrayEquals(marks, after, "n " + n + ": k = n + 1 wrote ids");
                int[] asked = {n - 1, 0, n / 2};
                gpu.upload(asked, asked.length, ids);
                gpu.launch("gather_logits", 1, 1, DeviceOps.THREADS, row, ids, asked.length, values);
                float[] gathered = new float[asked.length];
                gpu.download(values, gathered, asked.length);
                for (int i = 0; i < asked.length; i++) {
                    assertEquals(Float.floatToRawIntBits(x[asked[i]]), Float.floatToRawIntBits(gathered[i]), "gather " + i);
                }
            }
        }
    }

    /**
     * The emulator checks each launch's arguments against the kernel's parameters in the source (an int passed
     * for a long long would be misread on a device, not here), and refuses kernels the sources do not define.
     */
    @org.junit.jupiter.api.Test
    void argumentsOfTheWrongKindAreRefused() {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceBuffer a = gpu.allocate(64);
            DeviceBuffer b = gpu.allocate(64);
            IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> gpu.launch("silu_mul", 1, 1, 32, a, b, 16)); // count is a long long
            assertTrue(wrong.getMessage().contains("silu_mul: arguments of kinds ppi for parameters ppl"),
                    wrong.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> gpu.launch("silu_mul", 1, 1, 32, a, b)); // one missing
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> gpu.launch("no_such_kernel", 1, 1, 32));
            gpu.launch("silu_mul", 1, 1, 32, a, b, 16L);
        }
    }

    /**
     * Attention split over positions (scores, softmax statistics, values per split, combined) against a
     * reference computed on the host in double (the query, and the probabilities with an F16 cache, rounded
     * to F16 as the CPU's Attention rounds them), for 3 tokens at the end of a cache longer than a values tile
     * (64 positions), whatever the number of splits (one, several with the last one short, more than there are
     * positions: empty splits contribute zeros) and of query heads per block (each head keeps its own order of
     * operations: the same bits). Layouts: grouped heads with an F32 and an F16 cache, and multi-head latent
     * attention (one cache row per position read as keys, its first part as values); and heads of 18
     * dimensions, fewer than a warp's lanes in the last pass. Where the heads' values
     * fill whole blocks of 256, the combination with the Q8_K quantization in one launch gives the bits of the
     * two.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"8, 2, 24, 24, false", "8, 2, 24, 24, true", "8, 1, 40, 32, false",
        "4, 4, 64, 64, true", "8, 1, 40, 64, false", "4, 2, 18, 18, true", "4, 2, 18, 18, false"})
    void attentionSplitOverPositionsMatchesTheHost(int heads, int kvHeads, int headDim, int valueDim, boolean f16) {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(heads * 31L + kvHeads + headDim + valueDim);
        int tokens = 3;
        int ctx = 150;
        int start = 138; // tokens at positions 138, 139, 140
        int kvw = kvHeads * headDim;
        int group = heads / kvHeads;
        int width = heads * valueDim;
        float scale = 0.125f;
        String suffix = f16 ? "_f16" : "";
        float[] q = new float[tokens * heads * headDim];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
        }
        float[] cache = new float[ctx * kvw];
        for (int i = 0; i < cache.length; i++) {
            float v = (float) random.nextGaussian();
            cache[i] = f16 ? Float.float16ToFloat(Float.floatToFloat16(v)) : v;
        }
        float[] want = hostAttention(q, cache, tokens, start, heads, kvHeads, headDim, valueDim, scale, f16);
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceBuffer qDev = upload(gpu, q);
            DeviceBuffer cacheDev = f16 ? uploadHalves(gpu, cache) : upload(gpu, cache);
            DeviceBuffer position = gpu.allocate(4);
            gpu.upload(new int[] {start}, 1, position);
            DeviceBuffer scores = gpu.allocate(4L * tokens * heads * ctx);
            DeviceBuffer stats = gpu.allocate(4L * 2 * tokens * heads);
            float[] firstBits = null;
            for (int splits : new int[] {1, 3, 7, 200}) {
                for (int perBlock : new int[] {1, group}) {
                    int blocks = heads / perBlock * splits;
                    DeviceBuffer partial = gpu.allocate(4L * tokens * splits * width);
                    DeviceBuffer out = gpu.allocate(4L * tokens * width);
                    gpu.launch("attention_scores" + suffix, blocks, tokens, DeviceOps.THREADS, qDev, heads * headDim,
                            cacheDev, kvw, heads, kvHeads, headDim, perBlock, splits, position, 0, scale, scores, ctx);
                    gpu.launch("attention_stats", heads, tokens, DeviceOps.THREADS, scores, heads, ctx, position, 0,
                            stats);
                    gpu.launch("attention_values" + suffix, blocks, tokens, DeviceOps.THREADS, cacheDev, kvw, heads,
                            kvHeads, headDim, valueDim, perBlock, splits, position, 0, scores, ctx, stats, partial);
                    gpu.launch("attention_combine", DeviceOps.blocks((long) tokens * width), 1, DeviceOps.THREADS,
                            partial, splits, tokens, heads, valueDim, out, width);
                    float[] got = new float[tokens * width];
                    gpu.download(out, got, got.length);
                    for (int i = 0; i < got.length; i++) {
                        // F16: a probability rounded to F16 may land on the other side of a rounding boundary
                        // when its score's sum order differs (ulp of F16 near 0.01: 1e-5, times |v| of a few).
                        assertEquals(want[i], got[i], f16 ? 2e-4 : 2e-6,
                                splits + " splits, " + perBlock + " heads per block, output " + i);
                    }
                    if (perBlock == 1) {
                        firstBits = got;
                    } else {
                        for (int i = 0; i < got.length; i++) {
                            assertEquals(Float.floatToRawIntBits(firstBits[i]), Float.floatToRawIntBits(got[i]),
                                    splits + " splits: " + perBlock + " heads per block changed output " + i);
                        }
                    }
                    if (width % 256 == 0) {
                        checkCombineAndQuantize(gpu, partial, splits, tokens, heads, valueDim, out);
                    }
                }
            }
        }
    }

    /**
     * {@link DeviceAttention#runIntoInput} over 20 tokens (two launches, the second at t0 = 16) writes the same
     * output as {@link DeviceAttention#run} and, while combining the splits, the Q8_K form that quantize_q8_k
     * gives for it: every row's form written, at its place.
     */
    @org.junit.jupiter.api.Test
    void attentionIntoQ8KInputCoversEveryLaunch() {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(77);
        int n = 20;
        int width = 256; // 4 heads x 64
        DeviceAttention.Shape shape = new DeviceAttention.Shape(4, 2, 64, 64, 128, false);
        float[] q = new float[n * width];
        float[] cache = new float[64 * 128];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < cache.length; i++) {
            cache[i] = (float) random.nextGaussian();
        }
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            DeviceOps ops = new DeviceOps(gpu, (long) n * width);
            DeviceAttention attention = new DeviceAttention(ops, shape, 64, n);
            DeviceBuffer qDev = upload(gpu, q);
            DeviceBuffer cacheDev = upload(gpu, cache);
            DeviceBuffer position = gpu.allocate(4);
            gpu.upload(new int[] {10}, 1, position);
            DeviceBuffer separate = gpu.allocate(4L * n * width);
            attention.run(qDev, width, cacheDev, cacheDev, position, n, 0.125f, separate, width);
            ops.input(separate, width, n, width);
            DeviceActivations.Form f = ops.prepared(GgmlType.Q8_K);
            MemorySegment[] want = {read(gpu, separate, 4L * n * width), read(gpu, f.q(), (long) n * width),
                read(gpu, f.d(), 4L * n * width / 32), read(gpu, f.s(), 2L * n * width / 16)};
            DeviceBuffer fused = gpu.allocate(4L * n * width);
            attention.runIntoInput(qDev, width, cacheDev, cacheDev, position, n, 0.125f, fused, width, GgmlType.Q8_K);
            DeviceActivations.Form g = ops.prepared(GgmlType.Q8_K);
            MemorySegment[] got = {read(gpu, fused, 4L * n * width), read(gpu, g.q(), (long) n * width),
                read(gpu, g.d(), 4L * n * width / 32), read(gpu, g.s(), 2L * n * width / 16)};
            String[] what = {"output", "quants", "scales", "sums"};
            long[] bytes = {4L * n * width, (long) n * width, 4L * n * width / 32, 2L * n * width / 16};
            for (int i = 0; i < want.length; i++) {
                assertEquals(-1L, want[i].asSlice(0, bytes[i]).mismatch(got[i].asSlice(0, bytes[i])), what[i]);
            }
        }
    }

    /**
     * Expert products taken in an order (as a prompt's slots grouped by expert) and split into several launches
     * by the grid's row limit (one block row: 8 slots per launch) give the bits of one launch in slot order.
     */
    @org.junit.jupiter.api.Test
    void orderedExpertProductsSplitOverLaunches() {
        assumeTrue(library != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Random random = new Random(5);
        int cols = 64;
        int rows = 6;
        int experts = 3;
        int tokens = 5;
        int used = 4;
        int slots = tokens * used;
        QuantKernel kernel = QuantKernel.of(GgmlType.Q8_0);
        long rowBytes = GgmlType.Q8_0.bytesFor(cols);
        MemorySegment weights = Arena.ofAuto().allocate(rowBytes * rows * experts, 64);
        float[] w = new float[cols];
        for (int r = 0; r < rows * experts; r++) {
            for (int i = 0; i < cols; i++) {
                w[i] = (float) random.nextGaussian();
            }
            kernel.quantize(w, 0, weights, r * rowBytes, cols);
        }
        float[] x = new float[tokens * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int[] ids = new int[slots];
        for (int i = 0; i < slots; i++) {
            ids[i] = random.nextInt(experts);
        }
        int[] order = java.util.stream.IntStream.range(0, slots).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> ids[i])).mapToInt(Integer::intValue).toArray();
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            boolean ordered = run == 1;
            try (EmulatedGpu gpu = ordered ? new EmulatedGpu(library, 1L << 32).withMaxGridY(1)
                    : new EmulatedGpu(library, 1L << 32)) {
                DeviceOps ops = new DeviceOps(gpu, (long) tokens * cols);
                DeviceBuffer wDev = gpu.allocate(weights.byteSize());
                gpu.upload(weights, wDev);
                DeviceMatrix m = new DeviceMatrix("experts", wDev, GgmlType.Q8_0, rows, cols, rowBytes * rows);
                DeviceBuffer idsDev = gpu.allocate(4L * slots);
                gpu.upload(ids, slots, idsDev);
                DeviceBuffer orderDev = gpu.allocate(4L * slots);
                gpu.upload(order, slots, orderDev);
                ops.input(upload(gpu, x), cols, tokens, cols);
                DeviceBuffer out = gpu.allocate(4L * slots * rows);
                ops.matmul(m, idsDev, ordered ? orderDev : null, used, slots, out, rows);
                results[run] = new float[slots * rows];
                gpu.download(out, results[run], slots * rows);
            }
        }
        for (int i = 0; i < results[0].length; i++) {
            assertEquals(Float.floatToRawIntBits(results[0][i]), Float.floatToRawIntBits(results[1][i]), "output " + i);
        }
    }

    /**
     * Causal attention on the host, in double: token t (at position start + t) of heads x headDim queries over
     * positions 0 .. start + t of the cache rows (kvHeads x headDim; values the first valueDim of a head's
     * part), the query and the probabilities rounded to F16 first when {@code f16}.
     */
    private static float[] hostAttention(float[] q, float[] cache, int tokens, int start, int heads, int kvHeads,
                                         int headDim, int valueDim, float scale, boolean f16) {
        int kvw = kvHeads * headDim;
        int group = heads / kvHeads;
        float[] out = new float[tokens * heads * valueDim];
        for (int t = 0; t < tokens; t++) {
            int positions = start + t + 1;
            for (int h = 0; h < heads; h++) {
                int kv = (h / group) * headDim;
                float[] scores = new float[positions];
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < positions; j++) {
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        float qd = q[(t * heads + h) * headDim + d];
                        dot += (double) (f16 ? Float.float16ToFloat(Float.floatToFloat16(qd)) : qd)
                                * cache[j * kvw + kv + d];
                    }
                    scores[j] = (float) dot * scale;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < positions; j++) {
                    sum += (float) Math.exp((double) (scores[j] - max));
                }
                for (int d = 0; d < valueDim; d++) {
                    double acc = 0;
                    for (int j = 0; j < positions; j++) {
                        float p = (float) Math.exp((double) (scores[j] - max)) * (float) (1.0 / sum);
                        acc += (double) (f16 ? Float.float16ToFloat(Float.floatToFloat16(p)) : p)
                                * cache[j * kvw + kv + d];
                    }
                    out[(t * heads + h) * valueDim + d] = (float) acc;
                }
            }
        }
        return out;
    }

    /** attention_combine_q8_k: the combined values (bits of {@code combined}) and quantize_q8_k's form of them. */
    private static void checkCombineAndQuantize(EmulatedGpu gpu, DeviceBuffer partial, int splits, int tokens,
                                                int heads, int valueDim, DeviceBuffer combined) {
        int width = tokens * heads * valueDim;
        DeviceBuffer out = gpu.allocate(4L * width);
        DeviceBuffer[] q = {gpu.allocate(width), gpu.allocate(width)};
        DeviceBuffer[] d = {gpu.allocate(4L * width / 32), gpu.allocate(4L * width / 32)};
        DeviceBuffer[] s = {gpu.allocate(2L * width / 16), gpu.allocate(2L * width / 16)};
        gpu.launch("quantize_q8_k", width / 256, 1, 32, combined, width, 1, width, q[0], d[0], s[0]);
        gpu.launch("attention_combine_q8_k", width / 256, 1, DeviceOps.THREADS, partial, splits,
                tokens, heads, valueDim, out, q[1], d[1], s[1]);
        assertEquals(-1L, read(gpu, combined, 4L * width).mismatch(read(gpu, out, 4L * width)), "combined values");
        assertEquals(-1L, read(gpu, q[0], width).asSlice(0, width).mismatch(read(gpu, q[1], width).asSlice(0, width)),
                "quants");
        assertEquals(-1L, read(gpu, d[0], 4L * width / 32).mismatch(read(gpu, d[1], 4L * width / 32)), "scales");
        assertEquals(-1L, read(gpu, s[0], 2L * width / 16).mismatch(read(gpu, s[1], 2L * width / 16)), "sums");
    }

    /** Floats that are halves already, packed as halves. */
    private static DeviceBuffer uploadHalves(EmulatedGpu gpu, float[] x) {
        int[] packed = new int[x.length / 2 + 1];
        for (int i = 0; i < x.length; i++) {
            int h = Float.floatToFloat16(x[i]) & 0xffff;
            packed[i / 2] |= i % 2 == 0 ? h : h << 16;
        }
        DeviceBuffer b = gpu.allocate(4L * packed.length);
        gpu.upload(packed, packed.length, b);
        return b;
    }

    static DeviceBuffer upload(EmulatedGpu gpu, float[] x) {
        DeviceBuffer b = gpu.allocate(4L * x.length);
        MemorySegment s = Arena.ofAuto().allocate(4L * x.length, 4);
        MemorySegment.copy(x, 0, s, ValueLayout.JAVA_FLOAT, 0, x.length);
        gpu.upload(s, b);
        return b;
    }

    private static MemorySegment read(EmulatedGpu gpu, DeviceBuffer b, long bytes) {
        float[] tmp = new float[(int) ((bytes + 3) / 4)];
        gpu.download(b, tmp, tmp.length);
        MemorySegment s = Arena.ofAuto().allocate(4L * tmp.length, 4);
        MemorySegment.copy(tmp, 0, s, ValueLayout.JAVA_FLOAT, 0, tmp.length);
        return s;
    }

    /** The device's sum differs from the reference only in order: bound by float rounding of the sum of |terms|. */
    private static void checkDot(QuantKernel kernel, MemorySegment w, long at, QuantizedRow x, int cols, float got,
                                 String what) {
        float reference = kernel.dotReference(w, at, x, cols);
        float[] deq = new float[cols];
        kernel.dequantize(w, at, deq, 0, cols);
        double magnitude = 0;
        for (int i = 0; i < cols; i++) {
            double xv = switch (x.type()) {
                case Q8_0, Q8_1 -> x.quant(i) * (double) x.scale(i / 32);
                case Q8_K -> x.quant(i) * (double) x.scale(i / 256);
                default -> x.value(i);
            };
            magnitude += Math.abs(deq[i] * xv);
        }
        assertTrue(Math.abs(reference - got) <= 2e-6 * magnitude + 1e-30, what + ": emulated " + got + ", Java "
                + reference);
    }
}
