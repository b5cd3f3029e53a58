package io.docswarm.engine.quant;

import static io.docswarm.engine.quant.KQuants.QK_K;
import static io.docswarm.engine.quant.VectorSupport.F;

import io.docswarm.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The product of a block of weight rows with a prompt batch for the K-quants: each weight row is decoded
 * once per tile of up to {@link #TOKEN_TILE} tokens ({@link QuantKernel#decodeRow}), then two decoded rows at
 * a time are multiplied with four activation rows at a time. The inner loop is then only loads and
 * multiply-adds (two weight vectors and four activation vectors serve eight), where decoding each weight block
 * again for every group of four tokens fed four multiply-adds per decoded vector. The K-quants' 512-bit
 * {@link QuantKernel#dotBatch} (one row) uses the one-row variant, {@link #dotBatch}.
 *
 * <p>The numbers are {@link QuantKernel#dot}'s, bit for bit: per super-block each (row, token) lane sums exact
 * integers in the same lanes, lanes l and l+8 are folded and scaled by {@code d * xd} into the row's
 * accumulator as {@code dot} does, the min term is the same float expression, and the lanes are added in the
 * same order. So a prompt computes what a token-by-token decode computes.
 *
 * <p>Only with 512-bit vectors (the decoded order is that of the 512-bit kernels), and only for kernels that
 * {@linkplain QuantKernel#decodesRows() decode rows}; {@link #supports} says which.
 */
public final class DecodedProduct {
    /** Tokens whose activations stay in the L2 cache while a tile of weight rows is decoded and multiplied. */
    public static final int TOKEN_TILE = 32;
    /**
     * Below this many tokens, decoding a row costs more than it saves: {@link QuantKernel#dotBatch} instead. (On
     * the OLMoE-shaped benchmark, whose experts often get only a few of a prompt's tokens, 4 measured a little
     * faster than 8; 2 no faster than 4.)
     */
    public static final int MIN_TOKENS = 4;
    /** Per group of four tokens and super-block: sub-block j's quant sums of the four, then their scales. */
    private static final int GROUP_STRIDE = 36;
    private static final VectorSpecies<Float> FOUR = FloatVector.SPECIES_128;
    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

    /** A thread's buffers: two decoded rows and the token tile's per-block sums and scales. */
    private record Scratch(DecodedRow a, DecodedRow b, float[] tokenSums) {
        static Scratch of(int cols) {
            return new Scratch(new DecodedRow(cols), new DecodedRow(cols),
                    new float[TOKEN_TILE / 4 * (cols / QK_K) * GROUP_STRIDE]); // TOKEN_TILE % 4 == 0
        }
    }

    private DecodedProduct() {
    }

    /** Whether {@link #multiply} can take matrices of this kernel's type on this machine. */
    public static boolean supports(QuantKernel kernel) {
        return VectorSupport.L == 16 && kernel.decodesRows();
    }

    /**
     * {@code out[j][outOffset + r] = kernel.dot(row r, xs[j])} for rows {@code [rowStart, rowEnd)} (each
     * {@code rowBytes} apart from the start of {@code data}, {@code cols} elements) and tokens
     * {@code [from, from + count)}. Allocates nothing once the calling thread has decoded a row this long. An
     * odd last row goes through {@link QuantKernel#dotBatch}.
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
        DecodedRow a = scratch.a();
        DecodedRow b = scratch.b();
        float[] sums = scratch.tokenSums();
        int blocks = cols / QK_K;
        boolean hasMins = kernel.type() != GgmlType.Q6_K;
        for (int t0 = from; t0 < from + count; t0 += TOKEN_TILE) {
            int t1 = Math.min(from + count, t0 + TOKEN_TILE);
            // The four tokens of each group side by side, per block: what the min terms of a row pair multiply
            // (Q6_K has none). A last group of one to three tokens repeats its last token (see below).
            for (int g = 0; hasMins && t0 + 4 * g < t1; g++) {
                for (int blk = 0; blk < blocks; blk++) {
                    int at = (g * blocks + blk) * GROUP_STRIDE;
                    for (int t = 0; t < 4; t++) {
                        QuantizedRow x = xs[Math.min(t0 + 4 * g + t, t1 - 1)];
                        for (int j = 0; j < 8; j++) {
                            sums[at + 4 * j + t] = x.sums32[8 * blk + j];
                        }
                        sums[at + 32 + t] = x.scales[blk];
                    }
                }
            }
            int r = rowStart;
            for (; r + 2 <= rowEnd; r += 2) {
                kernel.decodeRow(data, r * rowBytes, cols, a);
                kernel.decodeRow(data, (r + 1) * rowBytes, cols, b);
                int j = t0;
                for (; j + 4 <= t1; j += 4) {
                    twoRowsFourTokens(a, b, xs[j], xs[j + 1], xs[j + 2], xs[j + 3], cols, out[j], out[j + 1],
                            out[j + 2], out[j + 3], outOffset + r, sums, (j - t0) / 4 * blocks * GROUP_STRIDE);
                }
                if (j < t1) {
                    // One to three tokens left: the last one stands in for the missing ones, computing and
                    // storing its own numbers again (cheaper than two dot products per token).
                    int last = t1 - 1;
                    int j1 = Math.min(j + 1, last);
                    int j2 = Math.min(j + 2, last);
                    twoRowsFourTokens(a, b, xs[j], xs[j1], xs[j2], xs[last], cols, out[j], out[j1], out[j2], out[last],
                            outOffset + r, sums, (j - t0) / 4 * blocks * GROUP_STRIDE);
                }
            }
            if (r < rowEnd) {
                kernel.dotBatch(data, r * rowBytes, xs, t0, t1 - t0, cols, out, outOffset + r);
            }
        }
    }

    /**
     * One weight row times activation rows {@code [from, from + count)}, at least four, into
     * {@code out[j][column]}: the 512-bit {@link QuantKernel#dotBatch} of the K-quants. The row is decoded once, then multiplied with four
     * tokens at a time; one to three leftover tokens run through the same kernel, the last one repeated. The
     * same bits as {@link QuantKernel#dot} per token.
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
        DecodedRow a = scratch(n).a();
        kernel.decodeRow(w, offset, n, a);
        int last = from + count - 1;
        for (int j = from; j < from + count; j += 4) {
            int j1 = Math.min(j + 1, last);
            int j2 = Math.min(j + 2, last);
            int j3 = Math.min(j + 3, last);
            oneRowFourTokens(a, xs[j], xs[j1], xs[j2], xs[j3], n, out[j], out[j1], out[j2], out[j3], column);
        }
    }

    /**
     * Row {@code a} times four activation rows, into column {@code column}. The min terms (Q4_K/Q5_K) in scalar
     * code from the rows' sub-block sums, the same float expression as {@code dot}'s (the integer sum of
     * minimum times quant sum is exact in float). Written out: no vector crosses a call.
     */
    private static void oneRowFourTokens(DecodedRow a, QuantizedRow x0, QuantizedRow x1, QuantizedRow x2,
            QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3, int column) {
        float[] wa = a.values;
        float[] v0 = x0.byNibbles;
        float[] v1 = x1.byNibbles;
        float[] v2 = x2.byNibbles;
        float[] v3 = x3.byNibbles;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        float min0 = 0f;
        float min1 = 0f;
        float min2 = 0f;
        float min3 = 0f;
        for (int blk = 0; blk < n / QK_K; blk++) {
            FloatVector p0 = FloatVector.zero(F);
            FloatVector p1 = FloatVector.zero(F);
            FloatVector p2 = FloatVector.zero(F);
            FloatVector p3 = FloatVector.zero(F);
            for (int i = blk * QK_K; i < (blk + 1) * QK_K; i += 16) {
                FloatVector u = FloatVector.fromArray(F, wa, i);
                p0 = u.fma(FloatVector.fromArray(F, v0, i), p0);
                p1 = u.fma(FloatVector.fromArray(F, v1, i), p1);
                p2 = u.fma(FloatVector.fromArray(F, v2, i), p2);
                p3 = u.fma(FloatVector.fromArray(F, v3, i), p3);
            }
            float d = a.d[blk];
            a0 = p0.add(p0.slice(8)).fma(FloatVector.broadcast(F, d * x0.scales[blk]), a0);
            a1 = p1.add(p1.slice(8)).fma(FloatVector.broadcast(F, d * x1.scales[blk]), a1);
            a2 = p2.add(p2.slice(8)).fma(FloatVector.broadcast(F, d * x2.scales[blk]), a2);
            a3 = p3.add(p3.slice(8)).fma(FloatVector.broadcast(F, d * x3.scales[blk]), a3);
            if (a.hasMins) {
                float dmin = a.dmin[blk];
                min0 += dmin * x0.scales[blk] * minSum(a, blk, x0);
                min1 += dmin * x1.scales[blk] * minSum(a, blk, x1);
                min2 += dmin * x2.scales[blk] * minSum(a, blk, x2);
                min3 += dmin * x3.scales[blk] * minSum(a, blk, x3);
            }
        }
        a0 = a0.add(a0.slice(4));
        a1 = a1.add(a1.slice(4));
        a2 = a2.add(a2.slice(4));
        a3 = a3.add(a3.slice(4));
        a0 = a0.add(a0.slice(2));
        a1 = a1.add(a1.slice(2));
        a2 = a2.add(a2.slice(2));
        a3 = a3.add(a3.slice(2));
        a0 = a0.add(a0.slice(1));
        a1 = a1.add(a1.slice(1));
        a2 = a2.add(a2.slice(1));
        a3 = a3.add(a3.slice(1));
        out0[column] = a0.lane(0) - min0;
        out1[column] = a1.lane(0) - min1;
        out2[column] = a2.lane(0) - min2;
        out3[column] = a3.lane(0) - min3;
    }

    /** Sum over the block's eight sub-blocks of minimum times the sum of their activation quants (exact). */
    private static float minSum(DecodedRow row, int blk, QuantizedRow x) {
        float sum = 0f;
        for (int j = 0; j < 8; j++) {
            sum += row.mins[8 * blk + j] * x.sums32[8 * blk + j];
        }
        return sum;
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
     * Rows {@code a} and {@code b} (output columns {@code column} and {@code column + 1}) times four activation
     * rows, whose per-block sums and scales are at {@code groupSums[sumsAt ..]}. The min terms run on four
     * lanes, one per token, with the scalar expression's operations in its order (the integer sums are exact in
     * float). Written out: no vector crosses a call.
     */
    private static void twoRowsFourTokens(DecodedRow a, DecodedRow b, QuantizedRow x0, QuantizedRow x1,
            QuantizedRow x2, QuantizedRow x3, int n, float[] out0, float[] out1, float[] out2, float[] out3,
            int column, float[] groupSums, int sumsAt) {
        float[] wa = a.values;
        float[] wb = b.values;
        float[] v0 = x0.byNibbles;
        float[] v1 = x1.byNibbles;
        float[] v2 = x2.byNibbles;
        float[] v3 = x3.byNibbles;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector b2 = FloatVector.zero(F);
        FloatVector b3 = FloatVector.zero(F);
        FloatVector minA = FloatVector.zero(FOUR);
        FloatVector minB = FloatVector.zero(FOUR);
        for (int blk = 0; blk < n / QK_K; blk++) {
            FloatVector pa0 = FloatVector.zero(F);
            FloatVector pa1 = FloatVector.zero(F);
            FloatVector pa2 = FloatVector.zero(F);
            FloatVector pa3 = FloatVector.zero(F);
            FloatVector pb0 = FloatVector.zero(F);
            FloatVector pb1 = FloatVector.zero(F);
            FloatVector pb2 = FloatVector.zero(F);
            FloatVector pb3 = FloatVector.zero(F);
            for (int i = blk * QK_K; i < (blk + 1) * QK_K; i += 16) {
                FloatVector u = FloatVector.fromArray(F, wa, i);
                FloatVector w = FloatVector.fromArray(F, wb, i);
                FloatVector y0 = FloatVector.fromArray(F, v0, i);
                FloatVector y1 = FloatVector.fromArray(F, v1, i);
                FloatVector y2 = FloatVector.fromArray(F, v2, i);
                FloatVector y3 = FloatVector.fromArray(F, v3, i);
                pa0 = u.fma(y0, pa0);
                pa1 = u.fma(y1, pa1);
                pa2 = u.fma(y2, pa2);
                pa3 = u.fma(y3, pa3);
                pb0 = w.fma(y0, pb0);
                pb1 = w.fma(y1, pb1);
                pb2 = w.fma(y2, pb2);
                pb3 = w.fma(y3, pb3);
            }
            float s0 = x0.scales[blk];
            float s1 = x1.scales[blk];
            float s2 = x2.scales[blk];
            float s3 = x3.scales[blk];
            float da = a.d[blk];
            float db = b.d[blk];
            a0 = pa0.add(pa0.slice(8)).fma(FloatVector.broadcast(F, da * s0), a0);
            a1 = pa1.add(pa1.slice(8)).fma(FloatVector.broadcast(F, da * s1), a1);
            a2 = pa2.add(pa2.slice(8)).fma(FloatVector.broadcast(F, da * s2), a2);
            a3 = pa3.add(pa3.slice(8)).fma(FloatVector.broadcast(F, da * s3), a3);
            b0 = pb0.add(pb0.slice(8)).fma(FloatVector.broadcast(F, db * s0), b0);
            b1 = pb1.add(pb1.slice(8)).fma(FloatVector.broadcast(F, db * s1), b1);
            b2 = pb2.add(pb2.slice(8)).fma(FloatVector.broadcast(F, db * s2), b2);
            b3 = pb3.add(pb3.slice(8)).fma(FloatVector.broadcast(F, db * s3), b3);
            if (a.hasMins) {
                int at = sumsAt + blk * GROUP_STRIDE;
                FloatVector sumA = FloatVector.zero(FOUR);
                FloatVector sumB = FloatVector.zero(FOUR);
                for (int j = 0; j < 8; j++) {
                    FloatVector sub = FloatVector.fromArray(FOUR, groupSums, at + 4 * j);
                    sumA = sub.fma(FloatVector.broadcast(FOUR, a.mins[8 * blk + j]), sumA);
                    sumB = sub.fma(FloatVector.broadcast(FOUR, b.mins[8 * blk + j]), sumB);
                }
                FloatVector scales = FloatVector.fromArray(FOUR, groupSums, at + 32);
                minA = minA.add(FloatVector.broadcast(FOUR, a.dmin[blk]).mul(scales).mul(sumA));
                minB = minB.add(FloatVector.broadcast(FOUR, b.dmin[blk]).mul(scales).mul(sumB));
            }
        }
        // The lanes in ggml's order (hsum_float_8), as the kernels' dot products add them.
        a0 = a0.add(a0.slice(4));
        a1 = a1.add(a1.slice(4));
        a2 = a2.add(a2.slice(4));
        a3 = a3.add(a3.slice(4));
        b0 = b0.add(b0.slice(4));
        b1 = b1.add(b1.slice(4));
        b2 = b2.add(b2.slice(4));
        b3 = b3.add(b3.slice(4));
        a0 = a0.add(a0.slice(2));
        a1 = a1.add(a1.slice(2));
        a2 = a2.add(a2.slice(2));
        a3 = a3.add(a3.slice(2));
        b0 = b0.add(b0.slice(2));
        b1 = b1.add(b1.slice(2));
        b2 = b2.add(b2.slice(2));
        b3 = b3.add(b3.slice(2));
        a0 = a0.add(a0.slice(1));
        a1 = a1.add(a1.slice(1));
        a2 = a2.add(a2.slice(1));
        a3 = a3.add(a3.slice(1));
        b0 = b0.add(b0.slice(1));
        b1 = b1.add(b1.slice(1));
        b2 = b2.add(b2.slice(1));
        b3 = b3.add(b3.slice(1));
        out0[column] = a0.lane(0) - minA.lane(0);
        out1[column] = a1.lane(0) - minA.lane(1);
        out2[column] = a2.lane(0) - minA.lane(2);
        out3[column] = a3.lane(0) - minA.lane(3);
        out0[column + 1] = b0.lane(0) - minB.lane(0);
        out1[column + 1] = b1.lane(0) - minB.lane(1);
        out2[column + 1] = b2.lane(0) - minB.lane(2);
        out3[column + 1] = b3.lane(0) - minB.lane(3);
    }
}
