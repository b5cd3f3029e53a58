package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.DecoderModel;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelOptions;
import io.docswarm.engine.model.ThreadTeam;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LayerAgreement}, the block-by-block comparison, on the CPU backend alone: its measure, the probes that
 * record and force the residual stream between blocks, and the verdict of its rows.
 */
class LayerAgreementTest {
    private static final float TOL = LayerAgreement.BLOCK_TOLERANCE;

    @TempDir
    Path dir;

    @Test
    void aBlockIsMeasuredAgainstItsOwnUpdateNotAgainstTheStream() {
        float[] before = {100f, -100f, 50f};
        float[] expected = {101f, -100f, 50f};
        // Off by the update's whole size: 1%, of the stream, but all of what the block does.
        assertEquals(1f, LayerAgreement.updateError(before, expected, new float[] {102f, -100f, 50f}), 1e-6f);
        assertEquals(0f, LayerAgreement.updateError(before, expected, expected.clone()));
        assertEquals(0.5f, LayerAgreement.updateError(before, expected, new float[] {101.5f, -100f, 50f}), 1e-6f);
        assertTrue(Float.isNaN(LayerAgreement.updateError(before, expected, new float[] {101f, Float.NaN, 50f})));
        assertEquals(Float.POSITIVE_INFINITY, LayerAgreement.updateError(before, before, expected),
                "a block that should change nothing but does");
        assertEquals(0.1f, LayerAgreement.relativeError(new float[] {3f, 4f}, new float[] {3f, 4.5f}), 1e-6f);
    }

    @Test
    void forcingPutsTheRecordedRowsInPlaceAndMeasuresTheBlockBeforeEach() {
        LayerAgreement.Recording truth = new LayerAgreement.Recording(2, 3);
        // Positions 0-1 in one batch, position 2 alone; boundaries 0 (embeddings), 1, 2 (before the final norm).
        for (int boundary = 0; boundary <= 2; boundary++) {
            truth.atLayer(boundary, 0, new float[][] {{boundary, 0f}, {0f, boundary}}, 2);
            truth.atLayer(boundary, 2, new float[][] {{boundary, boundary}}, 1);
        }
        LayerAgreement.Forcing forcing = new LayerAgreement.Forcing(truth, 2, 3);
        float[][] batch = {{9f, 9f}, {9f, 9f}};
        forcing.atLayer(0, 0, batch, 2);
        assertArrayEquals(new float[] {0f, 0f}, batch[0]);
        batch[0][0] = 1f;      // block 0 did what the recording's did at position 0
        batch[1][1] = 3f;      // and three times it at position 1
        forcing.atLayer(1, 0, batch, 2);
        assertArrayEquals(new float[] {0f, 1f}, batch[1], "the recording's row, not the block's");
        float[][] single = {{1f, 1f}};
        forcing.atLayer(1, 2, single, 1);
        float[][] logits = {{1f, 0f}, {0f, 1f}, {1f, 1f}};
        float[][] errors = LayerAgreement.errors(forcing, logits, new float[][] {{1f, 0f}, {0f, 1f}, {1f, 2f}});
        assertEquals(0f, errors[0][0]);
        assertEquals(2f, errors[0][1], 1e-6f);
        assertEquals(0f, errors[0][2]);
        assertTrue(Float.isNaN(errors[1][0]), "block 1 never measured (no boundary 2): NaN, not agreement");
        assertEquals((float) Math.sqrt(0.5), errors[2][2], 1e-6f, "the output, from the logits");
    }

    @Test
    void aBlockMayHaveOneFarRowInTwentyAndNoneThatIsNotFinite() {
        float near = LayerAgreement.BLOCK_TOLERANCE / 10;
        float far = LayerAgreement.BLOCK_TOLERANCE * 5;
        float[][] gpu = {rows(40, near, 0, 0f), rows(40, near, 2, far), rows(40, 0f, 0, 0f)};
        assertEquals(2, LayerAgreement.farRowsAllowed(40));
        assertEquals(1, LayerAgreement.farRowsAllowed(9));
        LayerAgreement.Report twoFar = LayerAgreement.report(gpu, List.of());
        assertEquals(CudaCpuAgreement.Verdict.AGREES, twoFar.verdict(), twoFar.lines().toString());

        gpu[1] = rows(40, near, 3, far);
        float[][] quiet = {rows(40, near, 0, 0f), rows(40, near, 0, 0f), rows(40, 0f, 0, 0f)};
        LayerAgreement.Report threeFar = LayerAgreement.report(gpu, List.<float[][]>of(quiet, quiet));
        assertEquals(CudaCpuAgreement.Verdict.DISAGREES, threeFar.verdict());
        assertEquals(1, threeFar.firstDisagreeing().orElseThrow());
        assertTrue(threeFar.json().contains("\"first_disagreeing\":\"block 1\""), threeFar.json());
        assertTrue(threeFar.lines().get(1).endsWith(": DISAGREES"), threeFar.lines().toString());

        float[][] noisy = {rows(40, near, 0, 0f), rows(40, near, 4, far), rows(40, 0f, 0, 0f)};
        LayerAgreement.Report roundingFailsToo = LayerAgreement.report(gpu, List.<float[][]>of(quiet, noisy));
        assertEquals(CudaCpuAgreement.Verdict.INCONCLUSIVE, roundingFailsToo.verdict(),
                "the jitter alone breaks the rule in that block");

        float[][] manyFar = {rows(40, near, 0, 0f), rows(40, far, 40, far), rows(40, 0f, 0, 0f)};
        assertEquals(CudaCpuAgreement.Verdict.DISAGREES,
                LayerAgreement.report(manyFar, List.<float[][]>of(quiet, noisy)).verdict(),
                "far beyond what the jitter alone does, though the jitter breaks the rule too");

        float[][] oneHuge = {rows(40, near, 0, 0f), rows(40, near, 1, LayerAgreement.HARD_LIMIT * 2 * TOL), quiet[2]};
        assertEquals(CudaCpuAgreement.Verdict.DISAGREES, LayerAgreement.report(oneHuge, List.<float[][]>of(quiet))
                .verdict(), "one far row is allowed, but not one beyond the hard limit");

        // Position 0 far in every block and the output: within each block's allowance, but not three times over.
        float[][] samePosition = {rows(40, near, 1, far), rows(40, near, 1, far),
                rows(40, 0f, 1, LayerAgreement.OUTPUT_TOLERANCE * 2)};
        LayerAgreement.Report repeated = LayerAgreement.report(samePosition, List.<float[][]>of(quiet));
        assertEquals(List.of(0), repeated.repeatedlyFar());
        assertTrue(repeated.layers().stream().allMatch(l -> l.verdict() == CudaCpuAgreement.Verdict.AGREES));
        assertEquals(CudaCpuAgreement.Verdict.DISAGREES, repeated.verdict(), repeated.lines().toString());
        assertTrue(repeated.json().contains("\"repeatedly_far_positions\":[0]"), repeated.json());
        assertEquals(CudaCpuAgreement.Verdict.INCONCLUSIVE,
                LayerAgreement.report(samePosition, List.<float[][]>of(samePosition)).verdict(),
                "a jittered run repeats a far position too");

        gpu[1] = rows(40, near, 0, 0f);
        gpu[2] = rows(40, 0f, 1, Float.NaN);
        LayerAgreement.Report nan = LayerAgreement.report(gpu, List.<float[][]>of(quiet));
        assertEquals(CudaCpuAgreement.Verdict.DISAGREES, nan.verdict(), "one NaN is never allowed");
        assertTrue(nan.json().contains("\"first_disagreeing\":\"output\""), nan.json());
        assertTrue(nan.json().contains("\"largest_output\":NaN"), nan.json());
    }

    /** {@code n} rows of {@code value}, the first {@code odd} of them {@code oddValue} instead. */
    private static float[] rows(int n, float value, int odd, float oddValue) {
        float[] r = new float[n];
        Arrays.fill(r, value);
        Arrays.fill(r, 0, odd, oddValue);
        return r;
    }

    @Test
    void onTheCpuTheSameModelForcedIsExactAndJitteredStillAgrees() throws Exception {
        Path model = DecodeStepLaunchesTest.qwen3moe(dir, 3);
        int[] prompt = {5, 17, 300, 42, 7, 99};
        int[] path = {5, 17, 300, 42, 7, 99, 11, 12};
        try (GgufFile file = GgufFile.open(model); ThreadTeam team = new ThreadTeam(2)) {
            LayerAgreement.Recording truth = new LayerAgreement.Recording(3, path.length);
            float[][] plain;
            try (DecoderModel m = ModelLoader.load(file, options(team, 0f))) {
                m.probeLayers(truth);
                plain = CudaCpuAgreement.logitsAlong(m, prompt, path, 2);
            }
            float[][] same = forced(file, team, 0f, truth, prompt, path, plain);
            float[][] jittered = forced(file, team, CudaCpuAgreement.JITTER, truth, prompt, path, plain);
            float largestJitter = 0;
            for (int layer = 0; layer <= 3; layer++) {
                for (int p = 0; p < path.length; p++) {
                    assertEquals(0f, same[layer][p], "the same computation from the same inputs");
                    largestJitter = Math.max(largestJitter, jittered[layer][p]);
                }
            }
            assertTrue(largestJitter > 0, "the jitter moves something");
            LayerAgreement.Report report = LayerAgreement.report(jittered, List.<float[][]>of(same));
            assertEquals(CudaCpuAgreement.Verdict.AGREES, report.verdict(), report.lines().toString());
        }
    }

    private static float[][] forced(GgufFile file, ThreadTeam team, float jitter, LayerAgreement.Recording truth,
                                    int[] prompt, int[] path, float[][] plain) {
        LayerAgreement.Forcing forcing = new LayerAgreement.Forcing(truth, 3, path.length);
        try (DecoderModel m = ModelLoader.load(file, options(team, jitter))) {
            m.probeLayers(forcing);
            return LayerAgreement.errors(forcing, plain, CudaCpuAgreement.logitsAlong(m, prompt, path, 2));
        }
    }

    @Test
    void theForcedRowsDecideWhatFollowsWhateverTheTokens() throws Exception {
        Path model = DecodeStepLaunchesTest.qwen3moe(dir, 2);
        try (GgufFile file = GgufFile.open(model); ThreadTeam team = new ThreadTeam(2)) {
            LayerAgreement.Recording truth = new LayerAgreement.Recording(2, 4);
            float[][] recorded;
            try (DecoderModel m = ModelLoader.load(file, options(team, 0f))) {
                m.probeLayers(truth);
                recorded = CudaCpuAgreement.logitsAlong(m, new int[] {5, 6, 7}, new int[] {5, 6, 7, 8}, 1);
            }
            LayerAgreement.Forcing forcing = new LayerAgreement.Forcing(truth, 2, 4);
            try (DecoderModel m = ModelLoader.load(file, options(team, 0f))) {
                m.probeLayers(forcing);
                float[][] other = CudaCpuAgreement.logitsAlong(m, new int[] {100, 200, 300}, new int[] {100, 200, 300, 400}, 1);
                for (int p = 0; p < 4; p++) {
                    assertArrayEquals(recorded[p], other[p], "position " + p);
                }
            }
        }
    }

    private static ModelOptions options(ThreadTeam team, float jitter) {
        return new ModelOptions(team, 8, 32, jitter, GgmlType.F16);
    }
}
