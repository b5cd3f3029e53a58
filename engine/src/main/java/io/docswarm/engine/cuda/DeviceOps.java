package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.quant.QuantKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launches every forward pass on the device is made of: matrix products over the current activations
 * (prepared for each weight type by {@link DeviceActivations}) and the element-wise kernels of ops.cu.
 */
final class DeviceOps {
    /** Threads per block of the element-wise kernels (ops.cu's BLOCK). */
    static final int THREADS = 256;
    /** Weight rows per matvec block (one warp each). */
    private static final int MATVEC_WARPS = 4;
    /** Outputs (tokens) per matvec block for dense products: each weight row is read once per tile. */
    private static final int MATVEC_TILE = 8;
    private final Gpu cuda;
    private final DeviceActivations activations;
    /** Whether {@link #matmulPair} takes one launch where a pair kernel exists ({@link CudaModel#PAIR_PRODUCTS}). */
    private final boolean pairProducts;

    DeviceOps(Gpu cuda, long activationElements) {
        this(cuda, activationElements, true);
    }

    DeviceOps(Gpu cuda, long activationElements, boolean pairProducts) {
        this.cuda = cuda;
        this.activations = new DeviceActivations(cuda, activationElements);
        this.pairProducts = pairProducts;
    }

    Gpu gpu() {
        return cuda;
    }

    /** Makes {@code rows} rows of {@code cols} floats, {@code stride} apart, the input of the next products. */
    void input(DeviceBuffer x, int stride, int rows, int cols) {
        activations.reset(x, stride, rows, cols);
    }

    /**
     * Makes rows that were the input before, and have not changed since, the input again: where a form prepared
     * from them (their Q8_K quantization, say) has not been overwritten in between, it is used again without a
     * launch.
     */
    void inputAgain(DeviceBuffer x, int stride, int rows, int cols) {
        activations.resume(x, stride, rows, cols);
    }

    /**
     * Makes {@code rows} rows of {@code cols} floats the input of the next products, as {@link #input}, for a
     * launch the caller makes next that also writes their {@code type} form (returned).
     */
    DeviceActivations.Form inputProducedBy(DeviceBuffer x, int stride, int rows, int cols, GgmlType type) {
        activations.reset(x, stride, rows, cols);
        return activations.producedBy(type);
    }

    /** The current input prepared for weights of {@code type} (for launching a product kernel directly). */
    DeviceActivations.Form prepared(GgmlType type) {
        return activations.get(type);
    }

    void launch(String kernel, int gridX, int gridY, int block, Object... args) {
        cuda.launch(kernel, gridX, gridY, block, args);
    }

    /** An element-wise kernel over {@code count} elements, one thread each. */
    void elementwise(String kernel, long count, Object... args) {
        cuda.launch(kernel, blocks(count), 1, THREADS, args);
    }

    /**
     * {@code out[o][r] = row r of m (of expert ids[o] when ids is given) . input row o / xDiv} for
     * {@code o < nOut}, with the input prepared for m's type. Output rows beyond what one grid holds
     * (65535 block rows) go in several launches.
     */
    void matmul(DeviceMatrix m, DeviceBuffer ids, int xDiv, int nOut, DeviceBuffer out, int outStride) {
        matmul(m, ids, null, xDiv, nOut, out, outStride);
    }

    /**
     * {@link #matmul} of expert slots taken in {@code order} (a permutation of {@code 0 .. nOut-1} that groups
     * the slots by expert, from {@code moe_group}; null: in slot order), so that the slots of a tile share their
     * expert's rows. The results are the same in any order.
     */
    void matmul(DeviceMatrix m, DeviceBuffer ids, DeviceBuffer order, int xDiv, int nOut, DeviceBuffer out,
                int outStride) {
        String wide = m.wideKernel();
        products(wide != null ? wide : m.kernel(), wide != null, m, null, ids, order, xDiv, nOut, out, outStride,
                false);
    }

    /**
     * {@code outA = a . input} and {@code outB = b . input} (each as {@link #matmul} without expert ids), in one
     * launch where matvec.cu has a kernel for the pair ({@link DeviceMatrix#pairKernel}) and pairs are on, else in
     * two: the same bits either way. Both outputs have rows {@code outStride} apart.
     */
    void matmulPair(DeviceMatrix a, DeviceBuffer outA, DeviceMatrix b, DeviceBuffer outB, int nOut, int outStride) {
        String pair = pairProducts ? a.pairKernel(b) : null;
        long perLaunch = (long) cuda.maxGridY() * MATVEC_TILE;
        if (pair == null || nOut > perLaunch) {
            matmul(a, null, 1, nOut, outA, outStride);
            matmul(b, null, 1, nOut, outB, outStride);
            return;
        }
        DeviceActivations.Form x = activations.get(QuantKernel.of(a.type()).activationType());
        int gridX = (a.rows() + MATVEC_WARPS - 1) / MATVEC_WARPS + (b.rows() + MATVEC_WARPS - 1) / MATVEC_WARPS;
        cuda.launch(pair, gridX, (nOut + MATVEC_TILE - 1) / MATVEC_TILE, 32 * MATVEC_WARPS, a.data(), a.rows(), outA,
                b.data(), b.rows(), outB, x.q(), x.d(), x.s(), x.f(), x.m(), a.cols(), nOut, outStride, MATVEC_TILE);
    }

    /**
     * {@code out[o][r] = (row r of m . input row o) + out[o][r]}: a product and a residual connection in one
     * launch, with the bits of {@link #matmul} and {@link #addResidual}.
     */
    void matmulAdd(DeviceMatrix m, int nOut, DeviceBuffer out, int outStride) {
        String wide = m.wideKernel();
        products(wide != null ? wide : m.kernel(), wide != null, m, null, null, null, 1, nOut, out, outStride, true);
    }

    /**
     * {@code out[o][r] = silu(gate row r . x) * (up row r . x)}, SwiGLU's first half, in one launch when the two
     * matrices share a type and layout (as a GGUF's gate and up matrices usually do) and take the warp-per-row
     * kernel; otherwise as two products and {@code silu_mul}. The same bits either way. Expert slots are taken
     * in {@code order} when it is not null (see {@link #matmul(DeviceMatrix, DeviceBuffer, DeviceBuffer, int,
     * int, DeviceBuffer, int)}).
     */
    void swiglu(DeviceMatrix gate, DeviceMatrix up, DeviceBuffer ids, DeviceBuffer order, int xDiv, int nOut,
                DeviceBuffer out, int outStride, DeviceBuffer upScratch) {
        if (swigluInOneLaunch(gate, up)) {
            products(gate.swigluKernel(), false, gate, up.data(), ids, order, xDiv, nOut, out,
                    outStride, false);
            return;
        }
        matmul(gate, ids, order, xDiv, nOut, out, outStride);
        matmul(up, ids, order, xDiv, nOut, upScratch, outStride);
        elementwise("silu_mul", (long) nOut * outStride, out, upScratch, (long) nOut * outStride);
    }

    /** Whether the SwiGLU kernels take gate and up in one launch: one type, shape and layout, a warp per row. */
    private static boolean swigluInOneLaunch(DeviceMatrix gate, DeviceMatrix up) {
        return gate.type() == up.type() && gate.rows() == up.rows() && gate.cols() == up.cols()
                && gate.expertBytes() == up.expertBytes() && gate.wideKernel() == null;
    }

    /**
     * The launches of a product: {@code kernel} with a warp per row, or a block per row when {@code blockPerRow};
     * {@code up} non-null for the SwiGLU kernels' second matrix; {@code order} (nullable) the order of the
     * outputs; {@code accumulate} adds the products to {@code out}.
     */
    private void products(String kernel, boolean blockPerRow, DeviceMatrix m, DeviceBuffer up, DeviceBuffer ids,
                          DeviceBuffer order, int xDiv, int nOut, DeviceBuffer out, int outStride, boolean accumulate) {
        DeviceActivations.Form a = activations.get(QuantKernel.of(m.type()).activationType());
        if (a.f() != null && a.f().overlaps(out)) {
            // F32 weights read the input rows in place: writing them while other warps read would race.
            throw new IllegalStateException(m.name() + ": a product's output overlaps its input rows");
        }
        // Expert slots in slot order would mostly read different experts within a tile: no reuse, so one slot
        // per block; grouped by expert, a tile's slots share rows.
        int tile = ids == null || order != null ? MATVEC_TILE : 1;
        // Each launch starts at an output row whose input row is whole: a multiple of xDiv (in order, launches
        // split the order and the kernels index ids, inputs and outputs by slot).
        int perLaunch = (int) Math.min(Integer.MAX_VALUE,
                order != null ? (long) cuda.maxGridY() * tile : (long) cuda.maxGridY() * tile / xDiv * xDiv);
        int gridX = blockPerRow ? m.rows() : (m.rows() + MATVEC_WARPS - 1) / MATVEC_WARPS;
        int threads = blockPerRow ? THREADS : 32 * MATVEC_WARPS;
        for (int o0 = 0; o0 < nOut; o0 += perLaunch) {
            int count = Math.min(perLaunch, nOut - o0);
            boolean shift = o0 > 0 && order == null;
            DeviceActivations.Form x = shift ? a.fromRow(o0 / xDiv, m.cols()) : a;
            List<Object> args = new ArrayList<>(18);
            args.add(m.data());
            if (up != null) {
                args.add(up); // the SwiGLU kernels' second matrix
            }
            args.addAll(Arrays.asList(m.expertBytes(), ids == null ? null : shift ? ids.at(4L * o0) : ids,
                    order == null ? null : order.at(4L * o0), x.q(), x.d(), x.s(), x.f(), x.m(), xDiv, m.rows(),
                    m.cols(), count, shift ? out.at(4L * o0 * outStride) : out, outStride, tile, accumulate ? 1 : 0));
            cuda.launch(kernel, gridX, (count + tile - 1) / tile, threads, args.toArray());
        }
    }

    /** {@code out = rmsNorm(x) * w} over spans of {@code width}: {@code groups} spans in each of {@code rows} rows. */
    void rmsNorm(DeviceBuffer x, int xStride, DeviceBuffer out, int outStride, DeviceBuffer w, int width, int groups,
                 int rows, float eps) {
        cuda.launch("rms_norm", groups, rows, THREADS, x, xStride, out, outStride, w, width, eps);
    }

    /**
     * {@code out = rmsNorm(x) * w} for {@code rows} rows of {@code width}, made the input of the next products,
     * prepared for weights whose activations are {@code next}: for Q8_K (the K-quants) the norm and the
     * quantization run in one launch (the bits of the two).
     */
    void rmsNormInput(DeviceBuffer x, int xStride, DeviceBuffer out, DeviceBuffer w, int width, int rows, float eps,
                      GgmlType next) {
        if (next == GgmlType.Q8_K && width % 256 == 0) {
            DeviceActivations.Form f = inputProducedBy(out, width, rows, width, GgmlType.Q8_K);
            cuda.launch("rms_norm_q8_k", 1, rows, THREADS, x, xStride, out, width, w, width, eps, f.q(), f.d(), f.s());
            return;
        }
        rmsNorm(x, xStride, out, width, w, width, 1, rows, eps);
        input(out, width, rows, width);
    }

    /** {@code x += d} over {@code count} floats. */
    void addResidual(DeviceBuffer x, DeviceBuffer d, long count) {
        elementwise("add_residual", count, x, d, count);
    }

    static int blocks(long threads) {
        return (int) Math.max(1, (threads + THREADS - 1) / THREADS);
    }
}
