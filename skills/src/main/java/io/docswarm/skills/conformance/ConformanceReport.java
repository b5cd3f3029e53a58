package io.docswarm.skills.conformance;

import java.util.List;
import java.util.Locale;

/**
 * How closely a deliverable follows a Skill: each criterion checked, and the deviations found.
 *
 * @param file     the deliverable's file name
 * @param skill    the Skill reference it was checked against
 * @param criteria every criterion with its outcome
 */
public record ConformanceReport(String file, String skill, List<Criterion> criteria) {

    public ConformanceReport {
        criteria = List.copyOf(criteria);
    }

    /**
     * One criterion (fonts, colours, layouts, outline, budgets ...).
     *
     * @param name       what was checked
     * @param passed     whether the deliverable meets it
     * @param deviations what deviates, empty when passed
     */
    public record Criterion(String name, boolean passed, List<String> deviations) {
        public Criterion {
            deviations = List.copyOf(deviations);
        }
    }

    /** Share of criteria met, 0..1; 1 when there was nothing to check. */
    public double score() {
        return criteria.isEmpty() ? 1 : criteria.stream().filter(Criterion::passed).count() / (double) criteria.size();
    }

    public boolean fullConformance() {
        return criteria.stream().allMatch(Criterion::passed);
    }

    public List<String> deviations() {
        return criteria.stream().flatMap(c -> c.deviations().stream().map(d -> c.name() + ": " + d)).toList();
    }

    /** A human-readable summary: the score, then one line per criterion and deviation. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s against %s: conformance %.0f%% (%d of %d criteria)%n",
                file, skill, score() * 100, criteria.stream().filter(Criterion::passed).count(), criteria.size()));
        for (Criterion c : criteria) {
            sb.append(c.passed() ? "  ok   " : "  FAIL ").append(c.name()).append('\n');
            c.deviations().forEach(d -> sb.append("         - ").append(d).append('\n'));
        }
        return sb.toString();
    }
}
