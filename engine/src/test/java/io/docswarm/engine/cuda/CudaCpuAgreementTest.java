package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.DecoderModel;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelOptions;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import io.docswarm.engine.model.ThreadTeam;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
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
            CudaCpuAgreement.Result same = CudaCpuAgreement.measure(file, team, emulated(library, file), 6, 3,
                    progress::add);
            // The GPU's differences come before the two slow jittered CPU loads, and every load says its time.
            assertEquals(4, progress.size(), progress.toString());
            assertTrue(progress.get(0).startsWith("CPU run: ") && progress.get(2).startsWith("CPU runs jittered by +")
                    && progress.get(3).startsWith("CPU runs jittered by -"), progress.toString());
            assertTrue(progress.get(1).startsWith("GPU runs: ") && progress.get(1).contains("9 of 9 rows within")
                    && progress.get(1).contains("one launch at a time: 0 rows differ")
                    && progress.get(1).contains("\"verdict\":\"agrees\""), progress.get(1));
            assertEquals(0, same.launchFormDifferences(), "the recorded steps and one launch at a time, bit for bit");
            CudaCpuAgreement.Report logits = same.logits();
            assertEquals(9, logits.rows().size(), "6 prompt rows and 3 generated");
            // Conditioned rows are few with random weights (2 of these 9): judged by the rows alone, not the verdict.
            assertTrue(logits.rows().stream().allMatch(r -> r.agrees(TOL)), logits.json() + " " + logits.rows());
            // The emulation differs from the CPU in summation order only: every row, knife edges included.
            assertTrue(logits.rows().stream().allMatch(r -> r.gpuDifference() <= TOL), logits.rows().toString());
            assertTrue(logits.rows().stream().allMatch(CudaCpuAgreement.Row::sameArgmax), logits.rows().toString());
            // Block by block: 2 blocks and the output at 9 positions, conclusive.
            LayerAgreement.Report layers = same.layers();
            assertEquals(3, layers.layers().size());
            assertTrue(layers.layers().stream().allMatch(l -> l.gpu().rows() == 9 && l.gpu().farRows() == 0),
                    layers.lines().toString());
            assertEquals(CudaCpuAgreement.Verdict.AGREES, layers.verdict(), layers.json() + " " + layers.lines());
            assertEquals(CudaCpuAgreement.Verdict.AGREES, same.verdict());

            CudaCpuAgreement.Result swapped = CudaCpuAgreement.measure(file, team, emulated(library, otherFile), 6, 3,
                    line -> { });
            assertEquals(CudaCpuAgreement.Verdict.DISAGREES, swapped.verdict(), swapped.logits().json());
            assertEquals(0, swapped.layers().firstDisagreeing().orElseThrow(), swapped.layers().json());
        }
    }

    @Test
    void onTheEmulatedGpuTheForcedRowsDecideWhatFollowsInADeepSeekModelToo() throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        Path model = DecodeStepLaunchesTest.deepseek2(dir, 2);
        int[] recordedPath = {5, 6, 7, 8, 9, 10, 11};
        int[] otherPath = {100, 200, 300, 400, 500, 50, 60};
        try (GgufFile file = GgufFile.open(model); ThreadTeam team = new ThreadTeam(2)) {
            LayerAgreement.Recording truth = new LayerAgreement.Recording(2, 7);
            float[][] cpu;
            try (DecoderModel m = ModelLoader.load(file, new ModelOptions(team, 5, 16, 0f, GgmlType.F16))) {
                m.probeLayers(truth);
                cpu = CudaCpuAgreement.logitsAlong(m, Arrays.copyOf(recordedPath, 5), recordedPath, 2);
            }
            // Other tokens on the "GPU": with every block's input (and so its latent cache) forced to the recorded
            // rows, each block and the output still do what the CPU's did with the recorded tokens.
            LayerAgreement.Forcing forcing = new LayerAgreement.Forcing(truth, 2, 7);
            float[][] errors;
            try (CudaModel m = emulated(library, file).load(file, ModelLoader.config(file), 16, 5)) {
                m.probeLayers(forcing);
                errors = LayerAgreement.errors(forcing, cpu,
                        CudaCpuAgreement.logitsAlong(m, Arrays.copyOf(otherPath, 5), otherPath, 2));
            }
            LayerAgreement.Report report = LayerAgreement.report(errors, List.of());
            assertTrue(report.layers().stream().allMatch(l -> l.gpu().rows() == 7 && l.gpu().farRows() == 0),
                    report.lines().toString());
        }
    }

    @Test
    void aFaultInOneBlockIsFoundInThatBlock() throws Exception {
        Path library = DecodeStepLaunchesTest.emulator(dir);
        Path model = DecodeStepLaunchesTest.qwen3moe(dir, 3);
        // The "GPU" loads a copy whose block 1 attention output has other 4-bit quants in a quarter of its rows.
        Path faulty = dir.resolve("faulty.gguf");
        Files.copy(model, faulty);
        try (GgufFile file = GgufFile.open(model);
             FileChannel channel = FileChannel.open(faulty, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            GgufTensor t = file.tensor("blk.1.attn_output.weight");
            assertEquals(GgmlType.Q4_K, t.type());
            ByteBuffer bytes = ByteBuffer.allocate((int) t.byteSize() / 4); // rows 256 wide: one super-block each
            channel.read(bytes, t.offset());
            for (int i = 0; i < bytes.limit(); i++) {
                if (i % 144 >= 16) { // the quants, past each super-block's scales
                    bytes.put(i, (byte) (bytes.get(i) ^ 0x5a));
                }
            }
            channel.write(bytes.flip(), t.offset());
        }
        try (GgufFile file = GgufFile.open(model); GgufFile faultyFile = GgufFile.open(faulty);
             ThreadTeam team = new ThreadTeam(2)) {
            CudaCpuAgreement.Result result = CudaCpuAgreement.measure(file, team, emulated(library, faultyFile), 4, 2,
                    line -> { });
            LayerAgreement.Report layers = result.layers();
            assertEquals(CudaCpuAgreement.Verdict.DISAGREES, result.verdict(), layers.json());
            assertEquals(1, layers.firstDisagreeing().orElseThrow(), layers.json());
            // Blocks 0 and 2 and the output start from the CPU's own rows, so they agree at every position.
            for (LayerAgreement.Layer l : layers.layers()) {
                assertEquals(l.layer() == 1 ? 6 : 0, l.gpu().farRows(), layers.lines().toString());
            }
        }
    }

    private static CudaCpuAgreement.GpuLoader emulated(Path library, GgufFile weights) {
        return (f, config, context, batch) -> CudaModel.load(new EmulatedGpu(library, 1L << 32), weights, config,
                context, batch, GgmlType.F16);
    }
}
