package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code moe_route} on the host emulation against the routing rules of {@code MoeFeedForward} written out
 * plainly here (with the scalar exponential; the CPU's vector softmax on 512-bit machines follows ggml's
 * vector exponential instead): the chosen experts in rank order (ties to the lower id, taken experts skipped)
 * and their weights within 2 ulp (the kernel adds the softmax's double sum in its lanes' order), for the
 * routers of the supported families and the edges of the kernel's register layout (a lane's 16 expert slots,
 * the two weight slots of a lane past 32 ranks). Several tokens per launch, with tied logits, also between two
 * experts that one lane holds. Skipped without a C++ compiler.
 */
class MoeRouteKernelTest {
    private static final int TOKENS = 5;

    @TempDir
    static Path dir;
    private static Path library;

    @BeforeAll
    static void build() throws Exception {
        library = DecodeStepLaunchesTest.emulator(dir);
    }

    @ParameterizedTest(name = "{0} experts, {1} used, sigmoid {2}, renormalize {3}, scale {4}, bias {5}, groups {6}/{7}")
    @CsvSource({
        "8, 2, false, false, 1.0, false, 0, 0",       // Mixtral
        "64, 8, false, false, 1.0, false, 0, 0",      // OLMoE
        "128, 8, false, true, 1.0, false, 0, 0",      // Qwen3-30B-A3B
        "256, 8, true, true, 2.5, true, 8, 4",        // DeepSeek-V3
        "384, 8, true, true, 2.827, true, 0, 0",      // Kimi-K2
        "160, 6, false, false, 16.0, false, 8, 3",    // DeepSeek-V2's softmax with groups
        "70, 40, false, true, 1.0, false, 0, 0",      // ranks past 32: a lane's second weight slot
        "512, 64, true, false, 1.0, true, 0, 0",      // the router's limits
    })
    void routesAsTheCpu(int experts, int used, boolean sigmoid, boolean renormalize, float scale, boolean withBias,
                        int groups, int groupsUsed) {
        Random random = new Random(experts * 31L + used);
        float[] logits = new float[TOKENS * experts];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian() * 2f;
        }
        // Ties: token 1's first experts all share the largest logit, token 2 has two equal leaders.
        for (int e = 0; e < Math.min(experts, used + 2); e++) {
            logits[experts + e] = 9f;
        }
        logits[2 * experts + experts - 1] = 7f;
        logits[2 * experts + 3] = 7f;
        if (experts > 35) {
            // Token 3: a tie between experts 3 and 35, both in lane 3's registers.
            logits[3 * experts + 35] = 8f;
            logits[3 * experts + 3] = 8f;
        }
        float[] bias = null;
        if (withBias) {
            bias = new float[experts];
            for (int e = 0; e < experts; e++) {
                bias[e] = (float) random.nextGaussian() * 0.1f;
            }
        }
        int[] ids = new int[TOKENS * used];
        float[] weights = new float[TOKENS * used];
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 28)) {
            DeviceBuffer logitBuffer = EmulatedKernelsTest.upload(gpu, logits);
            DeviceBuffer biasBuffer = bias == null ? null : EmulatedKernelsTest.upload(gpu, bias);
            DeviceBuffer selection = gpu.allocate(4L * logits.length);
            DeviceBuffer idBuffer = gpu.allocate(4L * ids.length);
            DeviceBuffer weightBuffer = gpu.allocate(4L * weights.length);
            gpu.launch("moe_route", DeviceOps.blocks(32L * TOKENS), 1, DeviceOps.THREADS, logitBuffer, TOKENS, experts,
                    used, sigmoid ? 1 : 0, renormalize ? 1 : 0, scale, biasBuffer, groups, groupsUsed, selection,
                    idBuffer, weightBuffer);
            gpu.download(idBuffer, ids, ids.length);
            gpu.download(weightBuffer, weights, weights.length);
        }
        for (int t = 0; t < TOKENS; t++) {
            float[] row = java.util.Arrays.copyOfRange(logits, t * experts, (t + 1) * experts);
            Route expected = route(row, used, sigmoid, renormalize, scale, bias, groups, groupsUsed);
            int[] gotIds = java.util.Arrays.copyOfRange(ids, t * used, (t + 1) * used);
            assertArrayEquals(expected.ids(), gotIds, "token " + t + ": experts in rank order");
            for (int rank = 0; rank < used; rank++) {
                float want = expected.weights()[rank];
                assertEquals(want, weights[t * used + rank], 2 * Math.ulp(want),
                        "token " + t + ", rank " + rank + ": weight");
            }
        }
    }

    private record Route(int[] ids, float[] weights) {}

    /** MoeFeedForward's routing, one token, spelled out (sums in double, as both backends do). */
    private static Route route(float[] logits, int used, boolean sigmoid, boolean renormalize, float scale,
                               float[] bias, int groups, int groupsUsed) {
        int experts = logits.length;
        float[] p = new float[experts];
        if (sigmoid) {
            for (int e = 0; e < experts; e++) {
                p[e] = 1f / (1f + (float) Math.exp(-logits[e]));
            }
        } else {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : logits) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int e = 0; e < experts; e++) {
                p[e] = (float) Math.exp(logits[e] - max);
                sum += p[e];
            }
            for (int e = 0; e < experts; e++) {
                p[e] *= (float) (1.0 / sum);
            }
        }
        float[] selection = new float[experts];
        for (int e = 0; e < experts; e++) {
            selection[e] = bias == null ? p[e] : p[e] + bias[e];
        }
        if (groups > 1) {
            maskGroups(selection, groups, groupsUsed);
        }
        int[] ids = new int[used];
        float[] weights = new float[used];
        boolean[] taken = new boolean[experts];
        double sum = 0;
        for (int rank = 0; rank < used; rank++) {
            int best = -1;
            for (int e = 0; e < experts; e++) {
                if (!taken[e] && (best < 0 || selection[e] > selection[best])) {
                    best = e;
                }
            }
            taken[best] = true;
            ids[rank] = best;
            weights[rank] = p[best];
            sum += p[best];
        }
        for (int rank = 0; rank < used; rank++) {
            if (renormalize) {
                weights[rank] /= Math.max((float) sum, 6.103515625e-5f);
            }
            weights[rank] *= scale;
        }
        return new Route(ids, weights);
    }

    /** Keeps the experts of the groupsUsed groups with the best two-expert sums (ties to the lower group). */
    private static void maskGroups(float[] selection, int groups, int groupsUsed) {
        int per = selection.length / groups;
        float[] score = new float[groups];
        for (int g = 0; g < groups; g++) {
            float[] sorted = java.util.Arrays.copyOfRange(selection, g * per, (g + 1) * per);
            java.util.Arrays.sort(sorted);
            score[g] = per == 1 ? sorted[per - 1] : sorted[per - 1] + sorted[per - 2];
        }
        boolean[] chosen = new boolean[groups];
        for (int k = 0; k < groupsUsed; k++) {
            int best = -1;
            for (int g = 0; g < groups; g++) {
                if (!chosen[g] && (best < 0 || score[g] > score[best])) {
                    best = g;
                }
            }
            chosen[best] = true;
        }
        for (int e = 0; e < selection.length; e++) {
            if (!chosen[e / per]) {
                selection[e] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
