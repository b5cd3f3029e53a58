package io.docswarm.engine.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 8's decision rule (docs/benchmarks.md, session 21, written before any measurement), applied to a step
 * ceiling's times, so that the reading is in the run's own output rather than worked out afterwards:
 * <ul>
 *   <li>does some form of the step's whole phases read the weights at the goal's share of the card's peak? Then
 *       a persistent decode kernel could, and is worth building if the persistent form clearly wins;</li>
 *   <li>if not, could a design with finer waits? Taken optimistically: the phases that need only part of the
 *       one before ({@link StepPhases.Phase#needsWholeInput}) cost no ordering at all, so the step saves their
 *       share of what ordering costs in the same form (the plan reading nothing), but never reads faster than the
 *       step as one phase. If even that misses, no design that follows the step's dependencies reaches the goal
 *       on this card.</li>
 * </ul>
 *
 * @param goal the share of peak bandwidth the weights must be read at (issue 8: 0.60)
 * @param peak the card's peak bandwidth, bytes a second
 * @param weightBytes the step's weights (the goal's numerator)
 * @param phases the step's phases
 * @param partialPhases how many of them need only part of the phase before
 * @param whole the fastest form of the whole phases, and its seconds a step
 * @param finer the fastest form with finer waits (the optimistic estimate), and its seconds a step
 */
record CeilingVerdict(double goal, double peak, long weightBytes, int phases, int partialPhases,
                      Timed whole, Timed finer) {
    /** Issue 8's goal: the weights read at 60% of the card's peak bandwidth. */
    static final double GOAL = 0.60;

    /** A form and its seconds a step. */
    record Timed(StepCeiling.Form form, double seconds) {
    }

    /**
     * The verdict from the step's seconds in each form ({@code phaseSeconds}, every form), the ordering's seconds
     * (the plan reading nothing, {@code orderingSeconds}, for each form's {@link StepCeiling.Form#ordering}), and
     * the seconds of the step as one phase.
     */
    static CeilingVerdict of(StepPhases step, Map<StepCeiling.Form, Double> phaseSeconds,
                             Map<StepCeiling.Form, Double> orderingSeconds, double onePhaseSeconds, double peak) {
        int n = step.phases().size();
        int partial = (int) step.phases().stream().filter(p -> !p.needsWholeInput()).count();
        Timed whole = null;
        Timed finer = null;
        for (Map.Entry<StepCeiling.Form, Double> e : phaseSeconds.entrySet()) {
            StepCeiling.Form form = e.getKey();
            double seconds = e.getValue();
            double ordering = orderingSeconds.get(form.ordering());
            double finerSeconds = Math.max(onePhaseSeconds, seconds - ordering * partial / n);
            if (whole == null || seconds < whole.seconds()) {
                whole = new Timed(form, seconds);
            }
            if (finer == null || finerSeconds < finer.seconds()) {
                finer = new Timed(form, finerSeconds);
            }
        }
        return new CeilingVerdict(GOAL, peak, step.weightBytes(), n, partial, whole, finer);
    }

    /** The share of peak bandwidth the weights are read at in {@code seconds} a step. */
    double share(double seconds) {
        return weightBytes / seconds / peak;
    }

    boolean wholePhasesReachTheGoal() {
        return share(whole.seconds()) >= goal;
    }

    boolean finerWaitsCouldReachTheGoal() {
        return share(finer.seconds()) >= goal;
    }

    /** The verdict as lines for the report. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "goal: the weights at %.0f%% of peak, %.1f us a step for %.3f GB (%.2f us a"
                + " phase of %d)", 100 * goal, goalSeconds() * 1e6, weightBytes / 1e9, goalSeconds() * 1e6 / phases,
                phases));
        out.add(String.format(Locale.ROOT, "whole phases: best %.1f%% (%s, %.1f us): %s", 100 * share(whole.seconds()),
                whole.form().label, whole.seconds() * 1e6, wholePhasesReachTheGoal() ? "reaches the goal" : "below it"));
        out.add(String.format(Locale.ROOT, "finer waits, optimistic (the %d of %d phases that need part of the one"
                        + " before wait for nothing): best %.1f%% (%s, %.1f us): %s", partialPhases, phases,
                100 * share(finer.seconds()), finer.form().label, finer.seconds() * 1e6,
                finerWaitsCouldReachTheGoal() ? "could reach the goal" : "below it"));
        out.add("reading: " + reading());
        return out;
    }

    private double goalSeconds() {
        return weightBytes / (goal * peak);
    }

    private String reading() {
        if (wholePhasesReachTheGoal()) {
            return switch (whole.form()) {
                case PERSISTENT, PERSISTENT_PREFETCH ->
                        "a persistent decode kernel could reach the goal; worth building if it clearly beats the launches";
                case LAUNCHES_STAGED -> "launches that load their weights into registers before they wait for the"
                        + " previous kernel could reach the goal: kernels that stage their weights, on grids that leave"
                        + " room for the next kernel, are what to build";
                default -> "launches of the whole phases could reach the goal: the launch structure, not persistence,"
                        + " is what to change";
            };
        }
        if (finerWaitsCouldReachTheGoal()) {
            return "no design that waits for whole phases reaches the goal; one with waits per head and per expert"
                    + " might (research, not engineering on this engine)";
        }
        return "no design that follows this step's dependencies reaches the goal on this card, even with free"
                + " partial waits";
    }
}
