package io.docswarm.agents.draft;

import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.job.Constraints;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.plan.JobPlan;
import io.docswarm.agents.plan.PartKind;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.plan.Planner;
import io.docswarm.agents.plan.SwarmBudget;
import io.docswarm.agents.text.Sentences;
import io.docswarm.agents.text.TextRank;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times the grounded drafter's once-per-job text work on generated sources ({@link SyntheticSources}, seeded, so
 * every run sees the same text): ranking (sentence split and TextRank, what {@link JobText} computes once per
 * source set) and the allocation of the ranked sentences to one report's sections ({@link SentencePicker}), for
 * sources of 100,000, 300,000 and 1,000,000 characters and outlines of 10, 50 and 100 sections; then a whole job
 * at the limits: 1,000,000 characters, 100 sections, 100 deliverables (50 reports and 50 decks of different lengths,
 * so 100 different allocations), every section part drafted by {@link GroundedDrafter} as a run with
 * {@code --max-agents 10000} would. Each configuration runs {@code warmups} times, then {@code runs} times; the
 * median is printed. bench/allocation-bench.sh builds the classpath and runs it.
 *
 * <p>Usage: {@code AllocationBench [warmups] [runs] [job-runs]}; {@code job-runs} 0 leaves the whole job out.
 */
public final class AllocationBench {

    private static final long SEED = 20_261_127L;
    private static final int[] CHARACTERS = {100_000, 300_000, 1_000_000};
    private static final int[] SECTIONS = {10, 50, 100};
    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final Skill DECK = SkillLibrary.builtIn("deck").orElseThrow();

    private AllocationBench() {
    }

    public static void main(String[] args) {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int jobRuns = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("warm-up runs %d, timed runs %d (median), seed %d, %d CPUs, %s%n", warmups, runs, SEED,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf("%10s %9s %8s %12s %14s%n", "characters", "sentences", "sections", "rank ms", "allocate ms");
        for (int characters : CHARACTERS) {
            List<SourceDocument> sources = SyntheticSources.sources(SEED, characters);
            int total = sources.stream().flatMap(s -> s.paragraphs().stream()).mapToInt(String::length).sum();
            List<TextRank.Ranked> ranked = rank(sources);
            double rankMillis = median(warmups, runs, () -> rank(sources));
            for (int count : SECTIONS) {
                PartTask part = reportParts(SyntheticSources.headings(SEED, count)).getFirst();
                int maxWords = REPORT.voice().maxSentenceWords();
                double allocateMillis = median(warmups, runs, () -> SentencePicker.allocate(ranked, part.sections(),
                        part.sentenceBudget(), maxWords, false));
                System.out.printf("%10d %9d %8d %12.1f %14.1f%n", total, ranked.size(), count, rankMillis,
                        allocateMillis);
            }
        }
        if (jobRuns > 0) {
            wholeJob(Math.min(warmups, 1), jobRuns);
        }
    }

    private static List<TextRank.Ranked> rank(List<SourceDocument> sources) {
        return TextRank.rankSentences(Sentences.split(sources, Locale.ENGLISH));
    }

    /** Every section part of a job at the limits drafted once, its text ranked and allocated from scratch. */
    private static void wholeJob(int warmups, int runs) {
        List<String> headings = SyntheticSources.headings(SEED, 100);
        List<Deliverable> deliverables = new ArrayList<>();
        for (int d = 0; d < 50; d++) {
            deliverables.add(new Deliverable(OutputFormat.DOCX, "report", "report-" + d, 2 + 2 * d));
            deliverables.add(new Deliverable(OutputFormat.PPTX, "deck", "deck-" + d, 10 + 2 * d));
        }
        JobSpec spec = new JobSpec("bench", "Bench", "A benchmark job", "", deliverables, List.of(), List.of(),
                new Constraints(headings, 0, 0, "en", "neutral"), null);
        JobPlan plan = Planner.plan(spec, d -> spec.deliverables().get(d).format() == OutputFormat.PPTX ? DECK : REPORT,
                0, new SwarmBudget(10_000, 1_000_000, 0, 0), 0);
        List<PartTask> sections = plan.parts().stream().filter(p -> p.kind() == PartKind.SECTION).toList();
        List<SourceDocument> sources = SyntheticSources.sources(SEED, 1_000_000);
        int[] run = {0};
        double millis = median(warmups, runs, () -> {
            // JobText keeps a source set's ranking for the JVM: new titles make each run rank and allocate afresh.
            // Only the folder changes, which a sentence's context (its source's file name) leaves out.
            JobMaterials materials = new JobMaterials(spec, retitled(sources, "run-" + run[0]++ + "/"), List.of());
            GroundedDrafter drafter = new GroundedDrafter();
            for (PartTask part : sections) {
                drafter.draft(part, materials, part.format() == OutputFormat.PPTX ? DECK : REPORT);
            }
            return materials;
        });
        long allocations = sections.stream().map(p -> List.of(p.sections(), p.sentenceBudget(), p.format()))
                .distinct().count();
        System.out.printf("whole job: 1,000,000 characters, %d deliverables x %d sections: %d section parts, "
                        + "%d distinct allocations, %.0f ms (median of %d)%n", deliverables.size(), headings.size(),
                sections.size(), allocations, millis, runs);
    }

    private static List<SourceDocument> retitled(List<SourceDocument> sources, String folder) {
        return sources.stream().map(s -> new SourceDocument(folder + s.title(), s.paragraphs(), s.headings()))
                .toList();
    }

    /** A report with these headings as its {@code constraints.sections}, planned as the pipeline plans it. */
    private static List<PartTask> reportParts(List<String> headings) {
        JobSpec spec = new JobSpec("bench", "Bench", "A benchmark job", "",
                List.of(new Deliverable(OutputFormat.DOCX, "report", "bench", 0)), List.of(), List.of(),
                new Constraints(headings, 0, 0, "en", "neutral"), null);
        return Planner.plan(spec, d -> REPORT, 0).parts();
    }

    private static double median(int warmups, int runs, Supplier<?> work) {
        for (int i = 0; i < warmups; i++) {
            work.get();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
    }
}
