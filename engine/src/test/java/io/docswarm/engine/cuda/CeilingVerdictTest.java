package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.cuda.StepCeiling.Form;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 8's decision rule applied to a step ceiling's times. */
class CeilingVerdictTest {
    private static final double PEAK = 1e12;
    /** Six phases, two of them needing only part of the one before, 0.6 GB of weights: the goal is 1 ms a step. */
    private static final StepPhases STEP = new StepPhases(List.of(
            new StepPhases.Phase("inputs", 100, true, true), new StepPhases.Phase("attention", 100, true, false),
            new StepPhases.Phase("output", 100, true, true), new StepPhases.Phase("routing", 100, true, true),
            new StepPhases.Phase("ffn in", 100, false, true), new StepPhases.Phase("ffn out", 100, true, false)),
            600_000_000L);
    private static final double ONE_PHASE = 0.5e-3;

    private static Map<Form, Double> phases(double launches, double launchesPrefetch, double persistent,
                                            double persistentPrefetch) {
        return Map.of(Form.LAUNCHES, launches, Form.LAUNCHES_PREFETCH, launchesPrefetch, Form.PERSISTENT, persistent,
                Form.PERSISTENT_PREFETCH, persistentPrefetch);
    }

    private static Map<Form, Double> ordering(double launches, double persistent) {
        return Map.of(Form.LAUNCHES, launches, Form.PERSISTENT, persistent);
    }

    @Test
    void aPersistentFormAtTheGoalSaysAPersistentKernelCouldReachIt() {
        CeilingVerdict v = CeilingVerdict.of(STEP, phases(2e-3, 1.8e-3, 0.95e-3, 0.9e-3), ordering(1.2e-3, 0.3e-3),
                ONE_PHASE, PEAK);
        assertEquals(Form.PERSISTENT_PREFETCH, v.whole().form());
        assertEquals(6e8 / 0.9e-3 / PEAK, v.share(v.whole().seconds()), 1e-12);
        assertTrue(v.wholePhasesReachTheGoal());
        // Finer waits save the two partial phases' third of the same form's ordering: 0.9 - 0.3 / 3 ms.
        assertEquals(Form.PERSISTENT_PREFETCH, v.finer().form());
        assertEquals(0.8e-3, v.finer().seconds(), 1e-12);
        List<String> lines = v.lines();
        assertEquals("goal: the weights at 60% of peak, 1000.0 us a step for 0.600 GB (166.67 us a phase of 6)",
                lines.getFirst());
        assertTrue(lines.get(1).endsWith("(persistent, prefetch, 900.0 us): reaches the goal"), lines.get(1));
        assertTrue(lines.get(2).contains("the 2 of 6 phases"), lines.get(2));
        assertTrue(lines.getLast().startsWith("reading: a persistent decode kernel could reach the goal"), lines.getLast());
    }

    @Test
    void whenOnlyFreePartialWaitsReachTheGoalTheReadingSaysResearch() {
        // Persistent with prefetch: 1.1 ms (54.5%); without the partial phases' ordering: 1.1 - 0.6 / 3 = 0.9 ms.
        CeilingVerdict v = CeilingVerdict.of(STEP, phases(3e-3, 2.5e-3, 1.2e-3, 1.1e-3), ordering(2e-3, 0.6e-3),
                ONE_PHASE, PEAK);
        assertFalse(v.wholePhasesReachTheGoal());
        assertTrue(v.finerWaitsCouldReachTheGoal());
        assertEquals(0.9e-3, v.finer().seconds(), 1e-12);
        assertTrue(v.lines().get(1).endsWith("below it"), v.lines().get(1));
        assertTrue(v.lines().getLast().contains("research"), v.lines().getLast());
    }

    @Test
    void whenNeitherReachesItTheReadingSaysNoDesignFollowingTheDependenciesCan() {
        CeilingVerdict v = CeilingVerdict.of(STEP, phases(3e-3, 2.5e-3, 1.6e-3, 1.5e-3), ordering(2e-3, 0.3e-3),
                ONE_PHASE, PEAK);
        assertFalse(v.wholePhasesReachTheGoal());
        assertFalse(v.finerWaitsCouldReachTheGoal());
        assertEquals(1.4e-3, v.finer().seconds(), 1e-12);
        assertTrue(v.lines().getLast().startsWith("reading: no design that follows this step's dependencies"),
                v.lines().getLast());
    }

    @Test
    void aStagedLaunchAtTheGoalIsMeasuredAgainstItsOwnOrderingAndNamedInTheReading() {
        Map<Form, Double> seconds = new java.util.EnumMap<>(phases(3e-3, 2.5e-3, 1.6e-3, 1.5e-3));
        seconds.put(Form.LAUNCHES_STAGED, 0.95e-3);
        // The staged form's ordering (0.15 ms) is its own, not the plain launches' 2 ms.
        Map<Form, Double> ordering = Map.of(Form.LAUNCHES, 2e-3, Form.LAUNCHES_STAGED, 0.15e-3, Form.PERSISTENT, 0.3e-3);
        CeilingVerdict v = CeilingVerdict.of(STEP, seconds, ordering, ONE_PHASE, PEAK);
        assertEquals(Form.LAUNCHES_STAGED, v.whole().form());
        assertTrue(v.wholePhasesReachTheGoal());
        assertEquals(0.9e-3, v.finer().seconds(), 1e-12);
        assertTrue(v.lines().getLast().startsWith("reading: launches that load their weights into registers"),
                v.lines().getLast());
    }

    @Test
    void finerWaitsNeverReadFasterThanTheStepAsOnePhase() {
        // An ordering cost larger than the step (a noisy run) must not make the estimate beat the bandwidth.
        CeilingVerdict v = CeilingVerdict.of(STEP, phases(3e-3, 2.5e-3, 1.6e-3, 1.5e-3), ordering(9e-3, 9e-3),
                ONE_PHASE, PEAK);
        assertEquals(ONE_PHASE, v.finer().seconds());
    }
}
