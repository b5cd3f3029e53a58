package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Times single kernels of a decode step on the GPU, at the shapes of Qwen3-30B-A3B (and DeepSeek-V3's
 * attention), so a kernel change can be judged in seconds of device time: {@code CudaKernelBench [N]} prints,
 * per case, microseconds per launch (mean of N after a warm-up, launches queued back to back as a recorded
 * step runs them) and, for the products, the weight bytes read per second. Weights are random bytes: the
 * kernels' speed does not depend on the values. Expert products cycle through different experts; the other
 * matrices smaller than L2 (the attention's) are read from L2 after the first launch and look faster than in a
 * step, which {@link CudaStepProfile} times as the model runs them.
 */
public final class CudaKernelBench {
    /** The sizes the cases use; {@link #QWEN3_30B} on a GPU, tiny ones in the emulator test. */
    record Shapes(int embd, int expertFf, int experts, int used, int vocab, int gqaHeads, int gqaKvHeads, int mlaHeads,
                  int capacity, int[] positions) {}

    static final Shapes QWEN3_30B = new Shapes(2048, 768, 128, 8, 151936, 32, 4, 128, 4096, new int[] {512, 4096});

    private final Gpu gpu;
    private final DeviceOps ops;
    private final int launches;
    private final Shapes shapes;
    private final int embd;
    private final int expertFf;
    private final int experts;
    private final int used;
    private final int vocab;

    CudaKernelBench(Gpu gpu, int launches, Shapes shapes) {
        this.gpu = gpu;
        this.launches = launches;
        this.shapes = shapes;
        this.embd = shapes.embd();
        this.expertFf = shapes.expertFf();
        this.experts = shapes.experts();
        this.used = shapes.used();
        this.vocab = shapes.vocab();
        this.ops = new DeviceOps(gpu, (long) used * Math.max(embd, expertFf));
    }

    public static void main(String[] args) {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        CudaDeviceInfo device = CudaRuntime.firstDeviceOrExit();
        try (CudaContext context = new CudaContext(device)) {
            System.out.println("device: " + context.device().describe());
            new CudaKernelBench(context, launches, QWEN3_30B).run();
        }
    }

    void run() {
        DeviceBuffer x = random(4L * embd * used, true);
        DeviceBuffer out = gpu.allocate(4L * Math.max(vocab, used * embd));
        // Expert selections taken in turn, launch after launch, so an expert product reads its experts from
        // memory as in a real step: the same eight experts launch after launch stay in L2 (8 of Qwen3-30B-A3B's
        // expert matrices are 7 MB; an H200's L2 is 50 MB), which once made a slower layout look faster.
        DeviceBuffer[] ids = new DeviceBuffer[Math.max(1, experts / used)];
        for (int set = 0; set < ids.length; set++) {
            int[] chosen = new int[used];
            for (int i = 0; i < used; i++) {
                chosen[i] = (set + i * ids.length) % experts;
            }
            gpu.upload(chosen, used, ids[set] = gpu.allocate(4L * used));
        }

        for (GgmlType type : new GgmlType[] {GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q8_0}) {
            String label = "experts " + type + " ";
            DeviceMatrix gate = matrix(type, expertFf, embd, experts);
            long gateBytes = used * gate.type().bytesFor(embd) * expertFf;
            product(label + expertFf + "x" + embd + " x" + used, gate, ids, x, used, out, gateBytes);
            // SwiGLU's gate and up rows in one launch, as the models launch it, with an up stack of its own
            // (rows of other experts would be the next launch's gate rows, read from L2 then).
            DeviceMatrix up = matrix(type, expertFf, embd, experts);
            ops.input(x, embd, 1, embd);
            time(label + expertFf + "x" + embd + " x" + used + " gate+up", 2 * gateBytes,
                    i -> ops.swiglu(gate, up, ids[i % ids.length], null, used, used, out, expertFf, null));
            DeviceMatrix down = matrix(type, embd, expertFf, experts);
            product(label + embd + "x" + expertFf + " x" + used, down, ids, x, used, out,
                    used * down.type().bytesFor(expertFf) * embd);
            DeviceMatrix output = matrix(type, vocab, embd, 1);
            product("output " + type + " " + vocab + "x" + embd, output, null, x, 1, out,
                    vocab * output.type().bytesFor(embd));
        }
        // The attention's products in Q4_K_M's types: q and k stacked, v, the output projection.
        int qWidth = shapes.gqaHeads() * 128;
        int kvWidth = shapes.gqaKvHeads() * 128;
        DeviceMatrix qk = matrix(GgmlType.Q4_K, qWidth + kvWidth, embd, 1);
        product("q+k Q4_K " + qk.rows() + "x" + embd, qk, null, x, 1, out, qk.rows() * GgmlType.Q4_K.bytesFor(embd));
        DeviceMatrix v = matrix(GgmlType.Q6_K, kvWidth, embd, 1);
        product("v Q6_K " + kvWidth + "x" + embd, v, null, x, 1, out, kvWidth * GgmlType.Q6_K.bytesFor(embd));
        DeviceMatrix o = matrix(GgmlType.Q4_K, embd, qWidth, 1);
        product("attention output Q4_K " + embd + "x" + qWidth, o, null, x, 1, out,
                embd * GgmlType.Q4_K.bytesFor(qWidth));
        DeviceMatrix router = matrix(GgmlType.F32, experts, embd, 1);
        product("router F32 " + experts + "x" + embd + " (block per row)", router, null, x, 1, out,
                4L * experts * embd);
        ops.input(x, embd, 1, embd);
        DeviceActivations.Form f = ops.prepared(GgmlType.F32);
        time("router F32 " + experts + "x" + embd + " (warp per row)", 4L * experts * embd,
                i -> gpu.launch("matvec_f32", (experts + 3) / 4, 1, 128, router.data(), 0L, null, null, f.q(), f.d(),
                        f.s(), f.f(), f.m(), 1, experts, embd, 1, out, experts, 8, 0));

        DeviceBuffer logits = random(4L * vocab, true);
        DeviceBuffer argmaxValues = gpu.allocate(4L * 256);
        DeviceBuffer argmaxIndices = gpu.allocate(4L * 256);
        DeviceBuffer argmaxOut = gpu.allocate(4);
        int slice = Math.max(8 * DeviceOps.THREADS, (vocab + 255) / 256);
        int blocks = (vocab + slice - 1) / slice;
        time("argmax over " + vocab + " (" + blocks + " blocks + 1)", 4L * vocab, i -> {
            gpu.launch("argmax_blocks", blocks, 1, DeviceOps.THREADS, logits, vocab, slice, argmaxValues, argmaxIndices);
            gpu.launch("argmax_pick", 1, 1, DeviceOps.THREADS, argmaxValues, argmaxIndices, blocks, argmaxOut);
        });

        for (int positions : shapes.positions()) {
            int heads = shapes.gqaHeads();
            int kvHeads = shapes.gqaKvHeads();
            attention("GQA " + heads + "/" + kvHeads + " heads x 128, F16 cache",
                    new DeviceAttention.Shape(heads, kvHeads, 128, 128, kvHeads * 128, true), positions);
            attention("MLA " + shapes.mlaHeads() + " heads x 576/512, F32 cache",
                    new DeviceAttention.Shape(shapes.mlaHeads(), 1, 576, 512, 576, false), positions);
        }
    }

    /** A product as the models launch it; with {@code ids}, expert slots of the selections taken in turn. */
    private void product(String what, DeviceMatrix m, DeviceBuffer[] ids, DeviceBuffer x, int nOut, DeviceBuffer out,
                         long bytes) {
        ops.input(x, embd, 1, m.cols());
        time(what, bytes, i -> ops.matmul(m, ids == null ? null : ids[i % ids.length], nOut, nOut, out, m.rows()));
    }

    /** A decode step's attention at {@code positions} cached positions, as the models launch it. */
    private void attention(String what, DeviceAttention.Shape s, int positions) {
        int capacity = shapes.capacity();
        DeviceBuffer cache = random((long) capacity * s.kvw() * (s.f16() ? 2 : 4), false);
        DeviceBuffer q = random(4L * s.heads() * s.headDim(), true);
        DeviceBuffer out = gpu.allocate(4L * s.heads() * s.valueDim());
        DeviceBuffer position = gpu.allocate(4);
        gpu.upload(new int[] {positions - 1}, 1, position);
        DeviceAttention attention = new DeviceAttention(ops, s, capacity, 1);
        long bytes = (long) positions * s.kvw() * (s.f16() ? 2 : 4) * (s.headDim() == s.valueDim() ? 2 : 1);
        time(what + ", " + positions + " positions, " + attention.decodeSplits() + " splits", bytes,
                i -> attention.run(q, s.heads() * s.headDim(), cache, cache, position, 1, 0.1f, out,
                        s.heads() * s.valueDim()));
    }

    /** Times {@code launch}, given each launch's number. */
    private void time(String what, long bytes, IntConsumer launch) {
        for (int i = 0; i < 10; i++) {
            launch.accept(i);
        }
        gpu.synchronize();
        long t0 = System.nanoTime();
        for (int i = 0; i < launches; i++) {
            launch.accept(i);
        }
        gpu.synchronize();
        double seconds = (System.nanoTime() - t0) / 1e9 / launches;
        System.out.printf(Locale.ROOT, "%-70s %9.1f us %8.1f GB/s%n", what, seconds * 1e6, bytes / seconds / 1e9);
    }

    private DeviceMatrix matrix(GgmlType type, int rows, int cols, int experts) {
        long expertBytes = type.bytesFor(cols) * rows;
        return new DeviceMatrix(type + " " + rows + "x" + cols, random(expertBytes * experts, type == GgmlType.F32),
                type, rows, cols, expertBytes);
    }

    /** Device memory of random bytes, or of random floats in [-1, 1) (whose products stay finite). */
    private DeviceBuffer random(long bytes, boolean floats) {
        SplittableRandom random = new SplittableRandom(bytes);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(bytes, 8);
            for (long i = 0; i + 4 <= bytes; i += 4) {
                if (floats) {
                    s.set(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) (random.nextDouble() * 2 - 1));
                } else {
                    // Random halves, exponent bits kept small so F16 caches and block scales stay finite.
                    s.set(ValueLayout.JAVA_INT_UNALIGNED, i, random.nextInt() & 0x3BFF3BFF);
                }
            }
            DeviceBuffer b = gpu.allocate(bytes);
            gpu.upload(s, b);
            return b;
        }
    }
}
