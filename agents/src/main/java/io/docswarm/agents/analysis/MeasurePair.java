package io.docswarm.agents.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Two measures the reader compares: a plan with its actual, one year with the next. Finding the pair is what lets
 * a summary answer "how does spend track against plan" with the variance, instead of describing each column
 * on its own.
 *
 * @param base     index (into the summary's measures) of the reference: the plan, budget, target or earlier period
 * @param compared index of the measure set against it: the actual, forecast or later period
 * @param kind     how the two relate, which decides the words used for the difference
 */
public record MeasurePair(int base, int compared, Kind kind) {

    /** How the pair was recognised. */
    public enum Kind {
        /** A plan, budget or target against what happened or is forecast: the difference is a variance. */
        PLAN,
        /** The same measure in two periods (2026 and 2027, Q1 and Q2): the difference is a change. */
        PERIOD,
        /** Two headers identical but for a before/after word (old and new, prior and current, opening and closing). */
        BEFORE_AFTER
    }

    private static final Set<String> PLANNED = Set.of("plan", "planned", "budget", "budgeted", "target", "baseline",
            "goal", "quota");
    private static final Set<String> OUTCOME = Set.of("actual", "actuals", "achieved", "outturn", "forecast",
            "realised", "realized", "result", "delivered", "spent");
    /** Words that mark the earlier and the later of two otherwise equal headers. */
    private static final Set<String> BEFORE = Set.of("old", "previous", "prior", "last", "opening", "start", "before");
    private static final Set<String> AFTER = Set.of("new", "current", "this", "closing", "end", "after");
    private static final String PERIOD_WORD = "(19|20)\\d\\d|fy\\d{2,4}|q[1-4]|h[12]";

    /** The first pair among {@code headers}: plan and outcome words first, then periods, then before/after headers. */
    static Optional<MeasurePair> find(List<String> headers) {
        for (Kind kind : Kind.values()) {
            for (int a = 0; a < headers.size(); a++) {
                for (int b = a + 1; b < headers.size(); b++) {
                    Optional<MeasurePair> pair = match(kind, a, b, words(headers.get(a)), words(headers.get(b)));
                    if (pair.isPresent()) {
                        return pair;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<MeasurePair> match(Kind kind, int a, int b, List<String> first, List<String> second) {
        return switch (kind) {
            case PLAN -> {
                if (hasAny(first, PLANNED) && hasAny(second, OUTCOME) && !hasAny(first, OUTCOME)) {
                    yield Optional.of(new MeasurePair(a, b, kind));
                }
                if (hasAny(second, PLANNED) && hasAny(first, OUTCOME) && !hasAny(second, OUTCOME)) {
                    yield Optional.of(new MeasurePair(b, a, kind));
                }
                yield Optional.empty();
            }
            case PERIOD -> {
                String p1 = periodWord(first);
                String p2 = periodWord(second);
                if (p1 == null || p2 == null || p1.equals(p2) || !without(first, p1).equals(without(second, p2))) {
                    yield Optional.empty();
                }
                // Periods of one kind sort as text (2026 < 2027, q1 < q2): the earlier one is the reference.
                yield Optional.of(p1.compareTo(p2) < 0 ? new MeasurePair(a, b, kind) : new MeasurePair(b, a, kind));
            }
            case BEFORE_AFTER -> beforeAfter(a, b, first, second);
        };
    }

    private static List<String> words(String header) {
        List<String> words = new ArrayList<>();
        for (String word : header.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean hasAny(List<String> words, Set<String> set) {
        return words.stream().anyMatch(set::contains);
    }

    private static String periodWord(List<String> words) {
        List<String> periods = words.stream().filter(w -> w.matches(PERIOD_WORD)).toList();
        return periods.size() == 1 ? periods.getFirst() : null;
    }

    private static List<String> without(List<String> words, String word) {
        List<String> rest = new ArrayList<>(words);
        rest.remove(word);
        return rest;
    }

    /** Headers equal but for one word that is a before word in one and an after word in the other. */
    private static Optional<MeasurePair> beforeAfter(int a, int b, List<String> first, List<String> second) {
        if (first.size() != second.size()) {
            return Optional.empty();
        }
        int differing = -1;
        for (int i = 0; i < first.size(); i++) {
            if (!first.get(i).equals(second.get(i))) {
                if (differing >= 0) {
                    return Optional.empty();
                }
                differing = i;
            }
        }
        if (differing < 0) {
            return Optional.empty();
        }
        String x = first.get(differing);
        String y = second.get(differing);
        if (BEFORE.contains(x) && AFTER.contains(y)) {
            return Optional.of(new MeasurePair(a, b, Kind.BEFORE_AFTER));
        }
        if (BEFORE.contains(y) && AFTER.contains(x)) {
            return Optional.of(new MeasurePair(b, a, Kind.BEFORE_AFTER));
        }
        return Optional.empty();
    }
}
