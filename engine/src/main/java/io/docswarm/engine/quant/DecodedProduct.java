package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.VectorSupport.F;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * The product of a block of weight rows with a prompt batch for the K-quants and Q8_0: each weight row is
 * decoded to float weights once per tile of up to {@link #TOKEN_TILE} tokens ({@link QuantKernel#decodeRow}),
 * then four decoded rows at a time are multiplied with four activation rows at a time, as their quantization
 * stands for them ({@link QuantizedRow#dequantized}). The inner loop is only loads and multiply-adds (four
 * weight vectors and four activation vectors serve sixteen), over the whole row: no per-block scaling, no
 * separate minimum term, and the sixteen sums across lanes at the end in one tree of vector operations.
 * The kernels' 512-bit {@link QuantKernel#dotBatch} (one row) uses the one-row variant, {@link #dotBatch}.
 *
 * <p>The numbers are those of {@link QuantKernel#dot} up to float rounding: both multiply the same weights
 * with the same quantized activations, but {@code dot} sums exact integers per block and scales the sums as
 * ggml does, while this sums float products. The difference is a few units in the last place of the sum's
 * terms, far below the quantization's own error (about 1e-3 of each activation), which llama.cpp's batched
 * paths do not reproduce bit for bit either. In exchange the loop runs at about the machine's multiply-add
 * rate instead of half of it (docs/benchmarks.md, "session 9").
 *
 * <p>Only with 512-bit vectors (the decoded order is that of the 512-bit kernels), and only for kernels that
 * {@linkplain QuantKernel#decodesRows() decode rows}; {@link #supports} says which.
 */
public final class DecodedProduct {
    /**
     * Tokens whose activations stay in the L2 cache while a tile of weight rows is decoded and multiplied
     * (64 of 2,048 floats: 512 KiB). 64 measured about 5% faster than 32 on the qwen3moe benchmark's prompts.
     */
    public static final int TOKEN_TILE = 64;
    /**
     * Below this many tokens, decoding a row costs more than it saves: {@link QuantKernel#dotBatch} instead. On
     * the OLMoE-shaped benchmark, whose experts often get only a few of a prompt's tokens, at two threads (two
     * rounds each, median of three runs): 3 gave 56.9-58.0 prompt tok/s, 4 gave 53.4-55.6 and 2 gave 54.4-56.6.
     * (Three tokens run through the four-token kernel with the last one repeated.)
     */
    public static final int MIN_TOKENS = 3;
    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();
    /** Lane {@code i} takes lane {@code i ^ bit}: the partner lane at each level of {@link #fourRowsFourTokens}'s sums. */
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);
    /** The lanes {@code i} with {@code i & bit} set: those the second vector of a pair fills at that level. */
    private static final VectorMask<Float> SECOND_8 = second(8);
    private static final VectorMask<Float> SECOND_4 = second(4);
    private static final VectorMask<Float> SECOND_2 = second(2);
    private static final VectorMask<Float> SECOND_1 = second(1);
    /**
     * Where {@link #fourRowsFourTokens}'s sums end up: accumulator {@code 4r + t} (row r, token t) in lane
     * {@code LANE_OF[4r + t]}. Level 1 pairs accumulators {@code 2j, 2j+1} (the second in lanes 8-15), level 2
     * pairs those vectors (the second in lanes with bit 2 set), and so on, so lane {@code i} with bits
     * {@code b3 b2 b1 b0} holds accumulator {@code 4 (2 b0 + b1) + 2 b2 + b3}.
     */
    private static final int[] LANE_OF = new int[16];

    static {
        for (int lane = 0; lane < 16; lane++) {
            int accumulator = 4 * (2 * (lane & 1) + ((lane >> 1) & 1)) + 2 * ((lane >> 2) & 1) + ((lane >> 3) & 1);
            LANE_OF[accumulator] = lane;
        }
    }

    /** A thread's buffers: four decoded rows, and the accumulators of a four-by-four product, lane by lane. */
    private record Scratch(DecodedRow a, DecodedRow b, DecodedRow c, DecodedRow d, float[] lanes) {
        static Scratch of(int cols) {
            return new Scratch(new DecodedRow(cols), new DecodedRow(cols), new DecodedRow(cols), new DecodedRow(cols),
                    new float[16 * 16]);
        }
    }

    private DecodedProduct() {
    }

    /** Whether {@link #multiply} can take matrices of this kernel's type on this machine. */
    public static boolean supports(QuantKernel kernel) {
        return VectorSupport.L == 16 && kernel.decodesRows();
    }

    /**
     * {@code out[j][outOffset + r] = row r . xs[j]} (see the class comment for how close to {@code kernel.dot})
     * for rows {@code [rowStart, rowEnd)} (each {@code rowBytes} apart from the start of {@code data},
     * {@code cols} elements) and tokens {@code [from, from + count)}. Allocates nothing once the calling thread
     * has decoded a row this long. Rows go four at a time, the one to three left over one at a time; both
     * kernels add the same products in the same order (lane by lane, then the lanes by the same tree), so a
     * row's result does not depend on how the rows were split, by threads for instance.
     */
    public static void multiply(QuantKernel kernel, MemorySegment data, long rowBytes, int cols, QuantizedRow[] xs,
            int from, int count, float[][] out, int outOffset, int rowStart, int rowEnd) {
        if (!supports(kernel)) {
            throw new IllegalArgumentException(kernel.type() + " rows are not decoded for batch products here");
        }
        for (int j = from; j < from + count; j++) {
            QuantKernel.checkActivation(kernel, xs[j], cols);
        }
        Scratch scratch = scratch(cols);
        float[] a = scratch.a().values;
        float[] b = scratch.b().values;
        float[] c = scratch.c().values;
        float[] d = scratch.d().values;
        float[] lanes = scratch.lanes();
        for (int t0 = from; t0 < from + count; t0 += TOKEN_TILE) {
            int t1 = Math.min(from + count, t0 + TOKEN_TILE);
            int last = t1 - 1;
            int r = rowStart;
            for (; r + 4 <= rowEnd; r += 4) {
                kernel.decodeRow(data, r * rowBytes, cols, scratch.a());
                kernel.decodeRow(data, (r + 1) * rowBytes, cols, scratch.b());
                kernel.decodeRow(data, (r + 2) * rowBytes, cols, scratch.c());
                kernel.decodeRow(data, (r + 3) * rowBytes, cols, scratch.d());
                for (int j = t0; j < t1; j += 4) {
                    // One to three tokens left over: the last one stands in for the missing ones, computing and
                    // storing its own numbers again (cheaper than dot products per token).
                    int j1 = Math.min(j + 1, last);
                    int j2 = Math.min(j + 2, last);
                    int j3 = Math.min(j + 3, last);
                    fourRowsFourTokens(a, b, c, d, lanes, xs[j].dequantized, xs[j1].dequantized, xs[j2].dequantized,
                            xs[j3].dequantized, cols, out[j], out[j1], out[j2], out[j3], outOffset + r);
                }
            }
            for (; r < rowEnd; r++) {
                kernel.decodeRow(data, r * rowBytes, cols, scratch.a());
                for (int j = t0; j < t1; j += 4) {
                    int j1 = Math.min(j + 1, last);
                    int j2 = Math.min(j + 2, last);
                    int j3 = Math.min(j + 3, last);
                    oneRowFourTokens(a, lanes, xs[j].dequantized, xs[j1].dequantized, xs[j2].dequantized,
                            xs[j3].dequantized, cols, out[j], out[j1], out[j2], out[j3], outOffset + r);
                }
            }
        }
    }

    /**
     * One weight row times activation rows {@code [from, from + count)}, at least four, into
     * {@code out[j][column]}: the 512-bit {@link QuantKernel#dotBatch} of the K-quants. The row is decoded once,
     * then multiplied with four tokens at a time; one to three leftover tokens run through the same kernel, the
     * last one repeated. As close to {@link QuantKernel#dot} as {@link #multiply}.
     */
    static void dotBatch(QuantKernel kernel, MemorySegment w, long offset, QuantizedRow[] xs, int from, int count,
            int n, float[][] out, int column) {
        if (count < 4) {
            // The kernels call this from four rows up; fewer go through their own dot (see Q4KKernel#dotBatch):
            // a call to kernel.dot here would see only K-quant kernels, and the JIT, inlining them, kept
            // vectors boxed (DecodeAllocationTest).
            throw new IllegalArgumentException("decoded rows need at least four activation rows, got " + count);
        }
        for (int j = from; j < from + count; j++) {
            QuantKernel.checkActivation(kernel, xs[j], n);
        }
        Scratch scratch = scratch(n);
        DecodedRow a = scratch.a();
        kernel.decodeRow(w, offset, n, a);
        int last = from + count - 1;
        for (int j = from; j < from + count; j += 4) {
            int j1 = Math.min(j + 1, last);
            int j2 = Math.min(j + 2, last);
            int j3 = Math.min(j + 3, last);
            oneRowFourTokens(a.values, scratch.lanes(), xs[j].dequantized, xs[j1].dequantized, xs[j2].dequantized,
                    xs[j3].dequantized, n, out[j], out[j1], out[j2], out[j3], column);
        }
    }

    /** Row {@code wa} times four activation rows, into column {@code column}: the lanes stored, then summed. */
    private static void oneRowFourTokens(float[] wa, float[] lanes, float[] v0, float[] v1, float[] v2, float[] v3, int n,
            float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int i = 0; i < n; i += 16) {
            FloatVector u = FloatVector.fromArray(F, wa, i);
            a0 = u.fma(FloatVector.fromArray(F, v0, i), a0);
            a1 = u.fma(FloatVector.fromArray(F, v1, i), a1);
            a2 = u.fma(FloatVector.fromArray(F, v2, i), a2);
            a3 = u.fma(FloatVector.fromArray(F, v3, i), a3);
        }
        a0.intoArray(lanes, 0);
        a1.intoArray(lanes, 16);
        a2.intoArray(lanes, 32);
        a3.intoArray(lanes, 48);
        out0[column] = sum16(lanes, 0);
        out1[column] = sum16(lanes, 16);
        out2[column] = sum16(lanes, 32);
        out3[column] = sum16(lanes, 48);
    }

    private static VectorShuffle<Float> swap(int bit) {
        return VectorSupport.L == 16 ? VectorShuffle.fromOp(F, i -> i ^ bit) : null; // unused unless 16 lanes
    }

    private static VectorMask<Float> second(int bit) {
        long lanes = 0;
        for (int i = 0; i < 16; i++) {
            lanes |= (i & bit) != 0 ? 1L << i : 0;
        }
        return VectorSupport.L == 16 ? VectorMask.fromLong(F, lanes) : null;
    }

    private static Scratch scratch(int cols) {
        Scratch scratch = SCRATCH.get();
        if (scratch == null || scratch.a().capacity < cols) {
            scratch = Scratch.of(cols);
            SCRATCH.set(scratch);
        }
        return scratch;
    }

    /**
     * Rows {@code wa} to {@code wd} (output columns {@code column} to {@code column + 3}) times four activation
     * rows: sixteen accumulators, each load used four times. Measured at about 48 G multiply-adds per second on
     * one core of the benchmark machine against about 32 for two rows by four tokens, whose six loads per eight
     * multiply-adds outrun the L1 cache (docs/benchmarks.md, "session 9").
     */
    private static void fourRowsFourTokens(float[] wa, float[] wb, float[] wc, float[] wd, float[] lanes, float[] v0, float[] v1,
            float[] v2, float[] v3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector b2 = FloatVector.zero(F);
        FloatVector b3 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        FloatVector d0 = FloatVector.zero(F);
        FloatVector d1 = FloatVector.zero(F);
        FloatVector d2 = FloatVector.zero(F);
        FloatVector d3 = FloatVector.zero(F);
        for (int i = 0; i < n; i += 16) {
            FloatVector y0 = FloatVector.fromArray(F, v0, i);
            FloatVector y1 = FloatVector.fromArray(F, v1, i);
            FloatVector y2 = FloatVector.fromArray(F, v2, i);
            FloatVector y3 = FloatVector.fromArray(F, v3, i);
            FloatVector u = FloatVector.fromArray(F, wa, i);
            a0 = u.fma(y0, a0);
            a1 = u.fma(y1, a1);
            a2 = u.fma(y2, a2);
            a3 = u.fma(y3, a3);
            u = FloatVector.fromArray(F, wb, i);
            b0 = u.fma(y0, b0);
            b1 = u.fma(y1, b1);
            b2 = u.fma(y2, b2);
            b3 = u.fma(y3, b3);
            u = FloatVector.fromArray(F, wc, i);
            c0 = u.fma(y0, c0);
            c1 = u.fma(y1, c1);
            c2 = u.fma(y2, c2);
            c3 = u.fma(y3, c3);
            u = FloatVector.fromArray(F, wd, i);
            d0 = u.fma(y0, d0);
            d1 = u.fma(y1, d1);
            d2 = u.fma(y2, d2);
            d3 = u.fma(y3, d3);
        }
        // The sixteen sums in one vector by a tree of pairs (see LANE_OF), written out: a vector passed to a
        // helper the JIT does not inline is boxed. Level 1: lanes i and i + 8 of each accumulator.
        FloatVector p0 = a0.blend(a1, SECOND_8).add(a0.rearrange(SWAP_8).blend(a1.rearrange(SWAP_8), SECOND_8));
        FloatVector p1 = a2.blend(a3, SECOND_8).add(a2.rearrange(SWAP_8).blend(a3.rearrange(SWAP_8), SECOND_8));
        FloatVector p2 = b0.blend(b1, SECOND_8).add(b0.rearrange(SWAP_8).blend(b1.rearrange(SWAP_8), SECOND_8));
        FloatVector p3 = b2.blend(b3, SECOND_8).add(b2.rearrange(SWAP_8).blend(b3.rearrange(SWAP_8), SECOND_8));
        FloatVector p4 = c0.blend(c1, SECOND_8).add(c0.rearrange(SWAP_8).blend(c1.rearrange(SWAP_8), SECOND_8));
        FloatVector p5 = c2.blend(c3, SECOND_8).add(c2.rearrange(SWAP_8).blend(c3.rearrange(SWAP_8), SECOND_8));
        FloatVector p6 = d0.blend(d1, SECOND_8).add(d0.rearrange(SWAP_8).blend(d1.rearrange(SWAP_8), SECOND_8));
        FloatVector p7 = d2.blend(d3, SECOND_8).add(d2.rearrange(SWAP_8).blend(d3.rearrange(SWAP_8), SECOND_8));
        FloatVector q0 = p0.blend(p1, SECOND_4).add(p0.rearrange(SWAP_4).blend(p1.rearrange(SWAP_4), SECOND_4));
        FloatVector q1 = p2.blend(p3, SECOND_4).add(p2.rearrange(SWAP_4).blend(p3.rearrange(SWAP_4), SECOND_4));
        FloatVector q2 = p4.blend(p5, SECOND_4).add(p4.rearrange(SWAP_4).blend(p5.rearrange(SWAP_4), SECOND_4));
        FloatVector q3 = p6.blend(p7, SECOND_4).add(p6.rearrange(SWAP_4).blend(p7.rearrange(SWAP_4), SECOND_4));
        FloatVector h0 = q0.blend(q1, SECOND_2).add(q0.rearrange(SWAP_2).blend(q1.rearrange(SWAP_2), SECOND_2));
        FloatVector h1 = q2.blend(q3, SECOND_2).add(q2.rearrange(SWAP_2).blend(q3.rearrange(SWAP_2), SECOND_2));
        h0.blend(h1, SECOND_1).add(h0.rearrange(SWAP_1).blend(h1.rearrange(SWAP_1), SECOND_1)).intoArray(lanes, 0);
        for (int r = 0; r < 4; r++) {
            out0[column + r] = lanes[LANE_OF[4 * r]];
            out1[column + r] = lanes[LANE_OF[4 * r + 1]];
            out2[column + r] = lanes[LANE_OF[4 * r + 2]];
            out3[column + r] = lanes[LANE_OF[4 * r + 3]];
        }
    }

    /**
     * Lanes {@code at .. at + 15} added pairwise, lane i to lane i + 8, then those sums four apart, two apart and
     * one apart: the pairs of {@link #fourRowsFourTokens}'s tree, so both kernels give a row the same bits.
     * Scalar code: a result never depends on how the JIT reduces ({@code reduceLanes} leaves the order open),
     * and no vector is passed to a call (the kernels are too large for the JIT to inline a vector helper, and a
     * vector that crosses a call is boxed).
     */
    private static float sum16(float[] lanes, int at) {
        float s0 = (lanes[at] + lanes[at + 8]) + (lanes[at + 4] + lanes[at + 12]);
        float s1 = (lanes[at + 1] + lanes[at + 9]) + (lanes[at + 5] + lanes[at + 13]);
        float s2 = (lanes[at + 2] + lanes[at + 10]) + (lanes[at + 6] + lanes[at + 14]);
        float s3 = (lanes[at + 3] + lanes[at + 11]) + (lanes[at + 7] + lanes[at + 15]);
        return (s0 + s2) + (s1 + s3);
    }
}
