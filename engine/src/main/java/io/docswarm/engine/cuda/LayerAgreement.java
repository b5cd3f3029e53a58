package io.docswarm.engine.cuda;

import io.docswarm.engine.model.LayerProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The block-by-block half of {@link CudaCpuAgreement}. Every block runs on the GPU from the CPU's own input to it
 * (the residual stream the CPU's run recorded before that block, copied over the GPU's), and what the block adds
 * to the stream is compared with what the CPU's block added. The output is compared the same way, its logits
 * computed from the CPU's last residual stream.
 *
 * <p>Why: whole-sequence logits of a deep random-weight model are knife edges. Every product's input is rounded to
 * 8 bits and the F16 cache rounds keys and values, so an ulp anywhere becomes whole rounding steps within a block
 * or two, and the logits of a 48-block model move by a tenth under an ulp of jitter (docs/benchmarks.md, session
 * 19). Given the same input, one block's roundings are all that is left, and a block that computes the wrong
 * thing is off by a share of its own update, however small its share of the stream.
 *
 * <p>The measure of a row (one block at one position): the root-mean-square of (GPU's update - CPU's update) over
 * that of the CPU's update; for the output, of the logits. Measured on the CPU backend, jittered against plain
 * (docs/benchmarks.md, session 20): rounding alone leaves a block's rows at up to about 1%, and the output's at
 * up to about 6e-4, except for a rare row whose eighth expert changes (about 1 row in 800, 14%). So a block (or
 * the output) agrees when at most one row in twenty of its positions (at least one) is beyond the tolerance and
 * none is NaN, infinite or beyond {@link #HARD_LIMIT} times it; and no position may be far in more than
 * {@link #FAR_BLOCKS_PER_POSITION} blocks. The CPU run again with its activations jittered by an ulp each way,
 * forced the same way, shows whether rounding alone passes that rule: where the GPU fails it, the jitter does too
 * and the GPU is no worse than the jitter's worst, the block is inconclusive rather than disagreeing.
 */
final class LayerAgreement {
    /** A block's rows beyond this are far (3 times the largest rounding difference measured). */
    static final float BLOCK_TOLERANCE = 3e-2f;
    /** The output's rows beyond this are far (5 times the largest rounding difference measured). */
    static final float OUTPUT_TOLERANCE = 3e-3f;
    /**
     * How many times its tolerance no row may be, whatever the allowance: a changed eighth expert, the largest
     * rounding effect measured, moved a block's row by 0.138 (4.6 times).
     */
    static final float HARD_LIMIT = 16;
    /** Blocks in which one position may be far before that position disagrees (rounding: about 1 row in 800). */
    static final int FAR_BLOCKS_PER_POSITION = 2;

    private LayerAgreement() {
    }

    /** The far rows a block may have among {@code positions}: one in twenty, at least one. */
    static int farRowsAllowed(int positions) {
        return Math.max(1, positions / 20);
    }

    /**
     * How one run's rows of one block spread.
     *
     * @param outOfBounds whether a row is NaN, infinite or beyond {@link #HARD_LIMIT} times the tolerance
     */
    record Spread(int rows, int farRows, boolean outOfBounds, float median, float largest) {
        static Spread of(float[] errors, float tolerance) {
            float[] sorted = errors.clone();
            Arrays.sort(sorted); // NaN sorts last
            int far = 0;
            boolean outOfBounds = false;
            for (float e : errors) {
                far += e <= tolerance ? 0 : 1;
                outOfBounds |= !(e <= HARD_LIMIT * tolerance);
            }
            return new Spread(errors.length, far, outOfBounds, sorted[sorted.length / 2], sorted[sorted.length - 1]);
        }

        boolean passes() {
            return !outOfBounds && farRows <= farRowsAllowed(rows);
        }

        /** The larger of each figure (for the jittered runs of one block). */
        Spread worse(Spread o) {
            // Math.max keeps a NaN.
            return new Spread(rows, Math.max(farRows, o.farRows), outOfBounds || o.outOfBounds, Math.max(median, o.median),
                    Math.max(largest, o.largest));
        }
    }

    /**
     * One block ({@code layer} = the block count: the output) judged.
     *
     * @param gpu the GPU's rows
     * @param jitter the jittered CPU runs' rows, the worse of each figure; null when there were none
     * @param jitterPasses whether every jittered run passes the rule
     */
    record Layer(int layer, float tolerance, Spread gpu, Spread jitter, boolean jitterPasses) {
        /**
         * Agrees when the GPU's rows pass the rule; disagrees when they do not and the jittered runs' do, or when
         * the GPU is beyond even the jitter's worst (out of bounds, or more far rows than it plus the allowance);
         * inconclusive otherwise.
         */
        CudaCpuAgreement.Verdict verdict() {
            if (gpu.passes()) {
                return CudaCpuAgreement.Verdict.AGREES;
            }
            if (jitterPasses || gpu.outOfBounds() && !jitter.outOfBounds()
                    || gpu.farRows() > jitter.farRows() + farRowsAllowed(gpu.rows())) {
                return CudaCpuAgreement.Verdict.DISAGREES;
            }
            return CudaCpuAgreement.Verdict.INCONCLUSIVE;
        }
    }

    /**
     * Every block and the output, and the positions far in more than {@link #FAR_BLOCKS_PER_POSITION} of them on the
     * GPU (a fault at one position passes each block's allowance, but not this).
     *
     * @param jitterRepeats whether a jittered run has such a position too
     */
    record Report(List<Layer> layers, List<Integer> repeatedlyFar, boolean jitterRepeats) {
        Report {
            layers = List.copyOf(layers);
            repeatedlyFar = List.copyOf(repeatedlyFar);
        }

        /**
         * Disagrees when a block does or a position is repeatedly far (and no jittered run's is), else inconclusive
         * when a block is or a position is repeatedly far, else agrees.
         */
        CudaCpuAgreement.Verdict verdict() {
            List<CudaCpuAgreement.Verdict> each = layers.stream().map(Layer::verdict).toList();
            boolean repeats = !repeatedlyFar.isEmpty();
            return each.contains(CudaCpuAgreement.Verdict.DISAGREES) || repeats && !jitterRepeats
                    ? CudaCpuAgreement.Verdict.DISAGREES
                    : each.contains(CudaCpuAgreement.Verdict.INCONCLUSIVE) || repeats
                    ? CudaCpuAgreement.Verdict.INCONCLUSIVE
                    : CudaCpuAgreement.Verdict.AGREES;
        }

        /** The first block (or the output: the block count) that disagrees. */
        OptionalInt firstDisagreeing() {
            return layers.stream().filter(l -> l.verdict() == CudaCpuAgreement.Verdict.DISAGREES)
                    .mapToInt(Layer::layer).findFirst();
        }

        private int blockCount() {
            return layers.size() - 1;
        }

        private String name(int layer) {
            return layer == blockCount() ? "output" : "block " + layer;
        }

        /** A line per block and one for the output. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (Layer l : layers) {
                String jitter = l.jitter() == null ? "" : String.format(Locale.ROOT,
                        "; CPU jitter median %.2g, largest %.2g, %d far", l.jitter().median(), l.jitter().largest(),
                        l.jitter().farRows());
                lines.add(String.format(Locale.ROOT, "%-8s GPU-CPU median %.2g, largest %.2g, %d of %d rows beyond %.2g%s%s",
                        name(l.layer()), l.gpu().median(), l.gpu().largest(), l.gpu().farRows(), l.gpu().rows(),
                        l.tolerance(), jitter, switch (l.verdict()) {
                            case AGREES -> "";
                            case DISAGREES -> ": DISAGREES";
                            case INCONCLUSIVE -> ": inconclusive (the jitter fails too)";
                        }));
            }
            if (!repeatedlyFar.isEmpty()) {
                lines.add("positions far in more than " + FAR_BLOCKS_PER_POSITION + " blocks: " + repeatedlyFar
                        + (jitterRepeats ? " (a jittered run has such positions too)" : ": DISAGREE"));
            }
            return lines;
        }

        String json() {
            Layer output = layers.get(blockCount());
            return String.format(Locale.ROOT, "{\"blocks\":%d,\"positions\":%d,\"far_rows_allowed\":%d,"
                            + "\"largest_block\":%.3g,\"largest_output\":%.3g,\"block_tolerance\":%.3g,"
                            + "\"output_tolerance\":%.3g,\"first_disagreeing\":%s,\"repeatedly_far_positions\":%s,"
                            + "\"verdict\":\"%s\"}",
                    blockCount(), output.gpu().rows(), farRowsAllowed(output.gpu().rows()),
                    layers.stream().limit(blockCount()).map(l -> l.gpu().largest()).reduce(0f, Math::max),
                    output.gpu().largest(), BLOCK_TOLERANCE, OUTPUT_TOLERANCE,
                    firstDisagreeing().stream().mapToObj(l -> "\"" + name(l) + "\"").findFirst().orElse("null"),
                    repeatedlyFar.toString().replace(" ", ""), verdict().name().toLowerCase(Locale.ROOT));
        }
    }

    /** Keeps the residual stream at every block boundary of a run, per position. */
    static final class Recording implements LayerProbe {
        /** [boundary][position][embedding]; boundary = the block count: before the final norm. */
        private final float[][][] rows;

        Recording(int blockCount, int positions) {
            rows = new float[blockCount + 1][positions][];
        }

        @Override
        public void atLayer(int layer, int startPosition, float[][] batch, int n) {
            for (int t = 0; t < n; t++) {
                rows[layer][startPosition + t] = batch[t].clone();
            }
        }

        float[] at(int boundary, int position) {
            float[] row = rows[boundary][position];
            if (row == null) {
                throw new IllegalStateException("nothing recorded before block " + boundary + " at position " + position);
            }
            return row;
        }
    }

    /**
     * Puts a recording's rows in place of a run's at every boundary, after measuring how far the block before
     * moved the forced input from where the recording's block took it.
     */
    static final class Forcing implements LayerProbe {
        private final Recording truth;
        /** [block][position]. */
        private final float[][] errors;

        Forcing(Recording truth, int blockCount, int positions) {
            this.truth = truth;
            this.errors = new float[blockCount][positions];
            // A row no boundary measured (a path that skips the probe) must not read as perfect agreement.
            for (float[] block : errors) {
                Arrays.fill(block, Float.NaN);
            }
        }

        @Override
        public void atLayer(int layer, int startPosition, float[][] batch, int n) {
            for (int t = 0; t < n; t++) {
                int p = startPosition + t;
                float[] wanted = truth.at(layer, p);
                if (layer > 0) {
                    errors[layer - 1][p] = updateError(truth.at(layer - 1, p), wanted, batch[t]);
                }
                System.arraycopy(wanted, 0, batch[t], 0, wanted.length);
            }
        }

    }

    /**
     * Each row's measure in a forced run: [block][position] from {@code forcing}, then [block count][position] from
     * the run's logits against the CPU's.
     */
    static float[][] errors(Forcing forcing, float[][] cpuLogits, float[][] forcedLogits) {
        float[][] e = new float[forcing.errors.length + 1][];
        for (int b = 0; b < forcing.errors.length; b++) {
            e[b] = forcing.errors[b].clone();
        }
        e[forcing.errors.length] = new float[cpuLogits.length];
        for (int p = 0; p < cpuLogits.length; p++) {
            e[forcing.errors.length][p] = relativeError(cpuLogits[p], forcedLogits[p]);
        }
        return e;
    }

    /** Judges the GPU's forced run's {@link #errors} against the jittered CPU runs' (none: every block passes it). */
    static Report report(float[][] gpu, List<float[][]> jittered) {
        List<Layer> layers = new ArrayList<>();
        int blockCount = gpu.length - 1;
        for (int layer = 0; layer <= blockCount; layer++) {
            float tolerance = tolerance(layer, blockCount);
            Spread jitter = null;
            boolean jitterPasses = true;
            for (float[][] run : jittered) {
                Spread s = Spread.of(run[layer], tolerance);
                jitterPasses &= s.passes();
                jitter = jitter == null ? s : jitter.worse(s);
            }
            layers.add(new Layer(layer, tolerance, Spread.of(gpu[layer], tolerance), jitter, jitterPasses));
        }
        return new Report(layers, repeatedlyFar(gpu),
                jittered.stream().anyMatch(run -> !repeatedlyFar(run).isEmpty()));
    }

    private static float tolerance(int layer, int blockCount) {
        return layer == blockCount ? OUTPUT_TOLERANCE : BLOCK_TOLERANCE;
    }

    /** The positions far in more than {@link #FAR_BLOCKS_PER_POSITION} blocks (the output counting as one). */
    static List<Integer> repeatedlyFar(float[][] errors) {
        int blockCount = errors.length - 1;
        List<Integer> positions = new ArrayList<>();
        for (int p = 0; p < errors[0].length; p++) {
            int far = 0;
            for (int layer = 0; layer <= blockCount; layer++) {
                far += errors[layer][p] <= tolerance(layer, blockCount) ? 0 : 1;
            }
            if (far > FAR_BLOCKS_PER_POSITION) {
                positions.add(p);
            }
        }
        return positions;
    }

    /**
     * How far a block's update {@code actual - before} is from {@code expected - before}, relative to the latter
     * (root-mean-square over root-mean-square; NaN when {@code actual} has a NaN).
     */
    static float updateError(float[] before, float[] expected, float[] actual) {
        double difference = 0;
        double update = 0;
        for (int i = 0; i < expected.length; i++) {
            double wanted = (double) expected[i] - before[i];
            double got = (double) actual[i] - before[i];
            difference += (got - wanted) * (got - wanted);
            update += wanted * wanted;
        }
        return ratio(difference, update);
    }

    /** How far {@code actual} is from {@code expected}, relative to it (root-mean-square over root-mean-square). */
    static float relativeError(float[] expected, float[] actual) {
        double difference = 0;
        double size = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) actual[i] - expected[i];
            difference += d * d;
            size += (double) expected[i] * expected[i];
        }
        return ratio(difference, size);
    }

    private static float ratio(double squaredDifference, double squaredSize) {
        if (squaredSize == 0) {
            return squaredDifference == 0 ? 0 : Float.POSITIVE_INFINITY;
        }
        return (float) Math.sqrt(squaredDifference / squaredSize);
    }
}
