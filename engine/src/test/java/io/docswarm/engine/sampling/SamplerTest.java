package io.docswarm.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each sampling stage on synthetic logits. */
class SamplerTest {
    private static final float[] LOGITS = {1f, 3f, 2f, 0.5f, 2.9f, -1f};

    private static Set<Integer> drawn(SamplingParams params, float[] logits, int draws) {
        Sampler sampler = new Sampler(params, logits.length);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            seen.add(sampler.sample(logits));
        }
        return seen;
    }

    @Test
    void greedyTakesTheLargestLogitAndLeavesTheInputAlone() {
        float[] logits = LOGITS.clone();
        assertEquals(1, new Sampler(SamplingParams.greedy(), logits.length).sample(logits));
        assertArrayEquals(LOGITS, logits);
    }

    @Test
    void temperatureSamplingVisitsEveryTokenButTopKLimitsIt() {
        SamplingParams hot = SamplingParams.greedy().withTemperature(5f).withSeed(1);
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), drawn(hot, LOGITS, 2000));
        assertEquals(Set.of(1, 4), drawn(hot.withTopK(2), LOGITS, 2000));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // probabilities of {1: 0.5, 2: 0.3, 0: 0.2} (logits are log-probabilities)
        float[] logits = {(float) Math.log(0.2), (float) Math.log(0.5), (float) Math.log(0.3)};
        SamplingParams params = SamplingParams.greedy().withTemperature(1f).withSeed(7);
        assertEquals(Set.of(1, 2), drawn(params.withTopP(0.75f), logits, 1000));
        assertEquals(Set.of(1), drawn(params.withTopP(0.5f), logits, 1000));
        assertEquals(Set.of(0, 1, 2), drawn(params.withTopP(0.99f), logits, 1000));
    }

    @Test
    void minPDropsTokensLessLikelyThanAFractionOfTheBest() {
        float[] logits = {(float) Math.log(0.2), (float) Math.log(0.5), (float) Math.log(0.3)};
        SamplingParams params = SamplingParams.greedy().withTemperature(1f).withSeed(3);
        assertEquals(Set.of(1, 2), drawn(params.withMinP(0.5f), logits, 1000)); // 0.2 < 0.5 * 0.5
        assertEquals(Set.of(0, 1, 2), drawn(params.withMinP(0.4f), logits, 1000));
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        SamplingParams params = SamplingParams.greedy().withPenalties(2f, 0f, 0f, 4);
        Sampler sampler = new Sampler(params, 3);
        float[] logits = {3f, 2f, -1f};
        sampler.accept(0);
        assertEquals(1, sampler.sample(logits), "3 / 2 = 1.5 < 2");
        float[] negative = {-1f, -1.5f, -5f};
        Sampler negativeSampler = new Sampler(params, 3);
        negativeSampler.accept(0);
        assertEquals(1, negativeSampler.sample(negative), "-1 * 2 = -2 < -1.5");
    }

    @Test
    void presenceAndFrequencyPenaltiesSubtract() {
        Sampler presence = new Sampler(SamplingParams.greedy().withPenalties(1f, 1.5f, 0f, 8), 2);
        presence.accept(0);
        presence.accept(0);
        assertEquals(1, presence.sample(new float[] {2f, 1f}), "2 - 1.5 = 0.5 < 1");
        Sampler frequency = new Sampler(SamplingParams.greedy().withPenalties(1f, 0f, 0.4f, 8), 2);
        assertEquals(0, frequency.sample(new float[] {2f, 1.7f}), "no history, no penalty");
        frequency.accept(0);
        assertEquals(1, frequency.sample(new float[] {2f, 1.7f}), "seen once: 2 - 0.4 = 1.6 < 1.7");
        frequency.accept(1);
        frequency.accept(1);
        assertEquals(0, frequency.sample(new float[] {2f, 1.7f}), "token 1 seen twice: 1.7 - 0.8 = 0.9 < 1.6");
    }

    @Test
    void penaltiesOnlySeeTheLastNTokens() {
        Sampler sampler = new Sampler(SamplingParams.greedy().withPenalties(10f, 0f, 0f, 2), 3);
        float[] logits = {3f, 2f, 1f};
        sampler.accept(0);
        assertEquals(1, sampler.sample(logits));
        sampler.accept(2);
        sampler.accept(2); // token 0 has left the two-token window
        assertEquals(0, sampler.sample(logits));
        sampler.reset();
        assertEquals(0, sampler.sample(logits));
    }

    @Test
    void aFixedSeedRepeatsAndADifferentSeedDiffers() {
        float[] logits = new float[1000];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.sin(i) * 2;
        }
        SamplingParams params = SamplingParams.defaults(1234).withTopK(0).withTopP(1f).withMinP(0f).withTemperature(1.5f);
        int[] first = run(params, logits);
        assertArrayEquals(first, run(params, logits));
        assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(run(params.withSeed(99), logits)));
    }

    private static int[] run(SamplingParams params, float[] logits) {
        Sampler sampler = new Sampler(params, logits.length);
        int[] out = new int[50];
        for (int i = 0; i < out.length; i++) {
            out[i] = sampler.sample(logits);
            sampler.accept(out[i]);
        }
        return out;
    }

    @Test
    void wrongInputIsAClearError() {
        Sampler sampler = new Sampler(SamplingParams.greedy(), 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sampler.sample(new float[3]));
        assertTrue(e.getMessage().contains("expected 4 logits"));
        assertThrows(IllegalArgumentException.class, () -> sampler.accept(4));
        assertThrows(IllegalArgumentException.class, () -> SamplingParams.greedy().withPenalties(0f, 0f, 0f, 1));
    }
}
