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

    /**
     * Reading only the largest logits and the penalised tokens' ones picks the same tokens as reading the whole
     * row, over random settings (penalties that raise as well as lower, ties, tokens repeated in the window)
     * and many steps of one generation each.
     */
    @Test
    void theTopKPathPicksWhatTheWholeRowPicks() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int candidatePaths = 0;
        for (int trial = 0; trial < 400; trial++) {
            int vocab = 2 + rnd.nextInt(300);
            SamplingParams p = new SamplingParams(rnd.nextInt(4) == 0 ? 0f : 0.2f + 2 * rnd.nextFloat(),
                    rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(Math.min(vocab, 60)), rnd.nextBoolean() ? 1f : rnd.nextFloat(),
                    rnd.nextBoolean() ? 0f : rnd.nextFloat() * 0.3f, rnd.nextBoolean() ? 1f : 0.5f + 1.5f * rnd.nextFloat(),
                    rnd.nextBoolean() ? 0f : rnd.nextFloat() * 2 - 1, rnd.nextBoolean() ? 0f : rnd.nextFloat() * 2 - 1,
                    rnd.nextInt(20), rnd.nextLong());
            Sampler whole = new Sampler(p, vocab);
            Sampler top = new Sampler(p, vocab);
            int[] topCalls = new int[1];
            for (int step = 0; step < 30; step++) {
                float[] logits = new float[vocab];
                for (int i = 0; i < vocab; i++) {
                    // Few distinct levels: many ties, around zero (where the repeat penalty switches sides).
                    logits[i] = (rnd.nextInt(9) - 4) * 0.75f;
                }
                LogitSource full = LogitSource.of(logits);
                LogitSource counted = new LogitSource() {
                    public int vocabSize() {
                        return vocab;
                    }

                    public float[] all() {
                        return full.all();
                    }

                    public void top(int k, int[] ids, float[] values) {
                        topCalls[0]++;
                        full.top(k, ids, values);
                    }

                    public void gather(int[] ids, int n, float[] values) {
                        full.gather(ids, n, values);
                    }
                };
                int expected = whole.sample(logits);
                assertEquals(expected, top.sample(counted), "trial " + trial + " step " + step + " " + p);
                whole.accept(expected);
                top.accept(expected);
            }
            candidatePaths += topCalls[0] > 0 ? 1 : 0;
        }
        assertTrue(candidatePaths > 200, "the top-k path ran in only " + candidatePaths + " of 400 trials");
    }

    @Test
    void topLogitsAreTheLargestWithTiesToTheLowerId() {
        float[] logits = {2f, 5f, 5f, -1f, 5f, 3f, Float.NEGATIVE_INFINITY, 3f};
        int[] ids = new int[4];
        float[] values = new float[4];
        TopLogits.select(logits, 4, ids, values);
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            chosen.add(ids[i]);
            assertEquals(logits[ids[i]], values[i]);
        }
        assertEquals(Set.of(1, 2, 4, 5), chosen);
        assertThrows(IllegalArgumentException.class, () -> TopLogits.select(logits, 9, new int[9], new float[9]));
        // NaN ranks last, as on the device.
        float[] withNaN = {Float.NaN, 1f, Float.NEGATIVE_INFINITY, Float.NaN};
        int[] three = new int[3];
        TopLogits.select(withNaN, 3, three, new float[3]);
        java.util.Arrays.sort(three);
        assertArrayEquals(new int[] {0, 1, 2}, three);
    }
}
