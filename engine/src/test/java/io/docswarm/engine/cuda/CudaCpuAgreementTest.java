package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.engine.model.ThreadTeam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CudaCpuAgreement}, the check of a whole model's GPU logits against the CPU backend's that a device
 * session runs on the Qwen3-30B-A3B shape: its verdict from the rows, and the whole measurement on the host
 * emulation of the kernels (the same model agrees; another model's weights on the "GPU" do not).
 */
class CudaCpuAgreementTest {
    private static final float TOL = CudaCpuAgreement.TOLERANCE;

    @TempDir
    Path dir;

    @Test
    void theVerdictJudgesKnifeEdgeRowsByTheCpusOwnMovement() {
        CudaCpuAgreement.Row close = new CudaCpuAgreement.Row(0, TOL / 10, 0f, 3f, true);
        CudaCpuAgreement.Row knifeEdge = new CudaCpuAgreement.Row(1, TOL * 3, TOL * 2, 3f, false);
        CudaCpuAgreement.Row knifeEdgeFarOff = new CudaCpuAgreement.Row(2, 1f, TOL, 3f, false);
        CudaCpuAgreement.Row far = new CudaCpuAgreement.Row(3, TOL * 2, TOL / 4, 3f, true);
        assertEquals(CudaCpuAgreement.Verdict.AGREES, verdict(close, knifeEdge),
                "within twice what the CPU's own jitter moves it by");
        assertEquals(CudaCpuAgreement.Verdict.DISAGREES, verdict(close, knifeEdgeFarOff), "far more than the CPU moves");
        assertEquals(CudaCpuAgreement.Verdict.DISAGREES, verdict(close, far), "a conditioned row too far off");
        assertEquals(CudaCpuAgreement.Verdict.INCONCLUSIVE, verdict(knifeEdge), "no conditioned row");
        assertEquals(CudaCpuAgreement.Verdict.INCONCLUSIVE, verdict(close, knifeEdge, knifeEdge, knifeEdge, knifeEdge),
                "one row in five judged by the tolerance alone");
        assertEquals(CudaCpuAgreement.Verdict.AGREES, verdict(close, knifeEdge, knifeEdge, knifeEdge),
                "one row in four");
        CudaCpuAgreement.Report report = new CudaCpuAgreement.Report(List.of(close, far), TOL);
        assertEquals(1, new CudaCpuAgreement.Report(List.of(close, knifeEdge), TOL).conditionedRows());
        assertTrue(report.json().contains("\"within_tolerance_rows\":1,\"conditioned_rows\":2"), report.json());
        assertTrue(report.json().contains("\"verdict\":\"disagrees\""), report.json());
    }

    private static CudaCpuAgreement.Verdict verdict(CudaCpuAgreement.Row... rows) {
        return new CudaCpuAgreement.Report(List.of(rows), TOL).verdict();
    }

    @Test
    void aNanLogitIsTheLargestDifference() {
        assertTrue(Float.isNaN(CudaCpuAgreement.largestDifference(new float[] {1f, 2f}, new float[] {1f, Float.NaN})));
    }

    @Test
    void theSameModelOnTheEmulatedGpuAgreesAndAnotherDoesNot() throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        Path model = DecodeStepLaunchesTest.qwen3moe(dir, 2);
        ModelShape shape = new ModelShape(Architecture.QWEN3MOE, 512, 256, 2, 4, 2, 64, 256, 8, 2, 256);
        Path other = dir.resolve("other.gguf");
        new RandomModelWriter(shape, GgmlType.Q4_K, GgmlType.Q6_K, 2).write(other);
        try (GgufFile file = GgufFile.open(model); GgufFile otherFile = GgufFile.open(other);
             ThreadTeam team = new ThreadTeam(2)) {
            List<String> progress = new ArrayList<>();
            CudaCpuAgreement.Report same = CudaCpuAgreement.measure(file, team, (f, config, context, batch) ->
                    CudaModel.load(new EmulatedGpu(library, 1L << 32), f, config, context, batch, GgmlType.F16), 6, 3,
                    progress::add);
            // The GPU's differences come before the two slow jittered CPU runs, and every run says its time.
            assertEquals(4, progress.size(), progress.toString());
            assertTrue(progress.get(0).startsWith("CPU run: ") && progress.get(2).startsWith("CPU run jittered by +")
                    && progress.get(3).startsWith("CPU run jittered by -"), progress.toString());
            assertTrue(progress.get(1).startsWith("GPU run: ") && progress.get(1).contains("9 of 9 rows within"),
                    progress.get(1));
            assertEquals(9, same.rows().size(), "6 prompt rows and 3 generated");
            // Conditioned rows are few with random weights (2 of these 9): judged by the rows alone, not the verdict.
            assertTrue(same.rows().stream().allMatch(r -> r.agrees(TOL)), same.json() + " " + same.rows());
            // The emulation differs from the CPU in summation order only: every row, knife edges included.
            assertTrue(same.rows().stream().allMatch(r -> r.gpuDifference() <= TOL), same.rows().toString());
            assertTrue(same.rows().stream().allMatch(CudaCpuAgreement.Row::sameArgmax), same.rows().toString());

            CudaCpuAgreement.Report swapped = CudaCpuAgreement.measure(file, team, (f, config, context, batch) ->
                    CudaModel.load(new EmulatedGpu(library, 1L << 32), otherFile, config, context, batch,
                            GgmlType.F16), 6, 3, line -> { });
            assertEquals(CudaCpuAgreement.Verdict.DISAGREES, swapped.verdict(), swapped.json());
        }
    }
}
