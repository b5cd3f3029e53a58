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
import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times the grounded drafter's once-per-job text work on generated sources ({@link SyntheticSources}, seeded, so
 * every run sees the same text): ranking (sentence split and TextRank, what {@link JobText} computes once per
 * source set) and the allocation of the ranked sentences to one report's sections ({@link SentencePicker}, from
 * the ranked sentences alone, as a job's first allocation starts), for sources of 100,000, 300,000 and 1,000,000
 * characters and outlines of 10, 50 and 100 sections. Then a whole job at the limits: 1,000,000 characters, 100
 * sections, 100 deliverables (50 reports and 50 decks of different lengths: decks keep the sections their slides
 * allow, short reports get smaller budgets, so some fifty different allocations), every section part drafted by
 * {@link GroundedDrafter} in shuffled order, as a run with {@code --max-agents 10000} would. Each configuration of
 * the grid runs {@code warmups} times, then {@code runs} times; the whole job runs {@code job-runs} times without
 * warm-up; medians are printed, with a digest of the results. bench/allocation-bench.sh builds the classpath and
 * runs it.
 *
 * <p>Usage: {@code AllocationBench [warmups] [runs] [job-runs] [shuffled|planned]}; {@code runs} 0 leaves the
 * grid of sizes out, {@code job-runs} 0 the whole job; {@code planned} drafts the job's parts in plan order,
 * deliverable by deliverable, instead of shuffled.
 */
public final class AllocationBench {

    private static final long SEED = 20_261_127L;
    private static final int[] CHARACTERS = {100_000, 300_000, 1_000_000};
    private static final int[] SECTIONS = {10, 50, 100};
    private static final Skill REPORT = SkillLibrary.builtIn("report").orElseThrow();
    private static final Skill DECK = SkillLibrary.builtIn("deck").orElseThrow();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AllocationBench() {
    }

    public static void main(String[] args) {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int jobRuns = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean shuffled = args.length <= 3 || args[3].equals("shuffled");
        System.out.printf("warm-up runs %d, timed runs %d (median), seed %d, %d CPUs, %s%n", warmups, runs, SEED,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf("%10s %9s %8s %19s %19s%n", "", "", "", "rank ms", "allocate ms");
        System.out.printf("%10s %9s %8s %9s %9s %9s %9s  %s%n", "characters", "sentences", "sections", "wall", "cpu",
                "wall", "cpu", "result digest");
        for (int characters : runs > 0 ? CHARACTERS : new int[0]) {
            List<SourceDocument> sources = SyntheticSources.sources(SEED, characters);
            int total = sources.stream().flatMap(s -> s.paragraphs().stream()).mapToInt(String::length).sum();
            List<TextRank.Ranked> ranked = rank(sources);
            Timing ranking = median(warmups, runs, () -> rank(sources));
            for (int count : SECTIONS) {
                PartTask part = SyntheticSources.reportParts(SyntheticSources.headings(SEED, count)).getFirst();
                int maxWords = REPORT.voice().maxSentenceWords();
                Supplier<?> allocate = () -> SentencePicker.allocate(ranked, part.sections(), part.sentenceBudget(),
                        maxWords, false);
                Timing allocation = median(warmups, runs, allocate);
                System.out.printf("%10d %9d %8d %s %s  %s%n", total, ranked.size(), count, ranking, allocation,
                        digest(List.of(ranked, allocate.get())));
            }
        }
        if (jobRuns > 0) {
            wholeJob(jobRuns, shuffled);
        }
    }

    private static List<TextRank.Ranked> rank(List<SourceDocument> sources) {
        return TextRank.rankSentences(Sentences.split(sources, Locale.ENGLISH));
    }

    /** Every section part of a job at the limits drafted once, its text ranked and allocated from scratch. */
    private static void wholeJob(int runs, boolean shuffled) {
        List<String> headings = SyntheticSources.headings(SEED, 100);
        List<Deliverable> deliverables = new ArrayList<>();
        for (int d = 0; d < 50; d++) {
            deliverables.add(new Deliverable(OutputFormat.DOCX, "report", "report-" + d, 2 + 2 * d));
            deliverables.add(new Deliverable(OutputFormat.PPTX, "deck", "deck-" + d, 10 + 2 * d));
        }
        JobSpec spec = new JobSpec("bench", "Bench", "A benchmark job", "", deliverables, List.of(), List.of(),
                new Constraints(headings, 0, 0, "en", "neutral"), null);
        JobPlan plan = Planner.plan(spec, d -> deliverables.get(d).format() == OutputFormat.PPTX ? DECK : REPORT, 0,
                new SwarmBudget(10_000, 1_000_000, 0, 0), 0);
        List<PartTask> sections = new ArrayList<>(plan.parts().stream().filter(p -> p.kind() == PartKind.SECTION)
                .toList());
        if (shuffled) {
            // The pipeline reshuffles parts over its workers: deliverables' parts arrive interleaved.
            Collections.shuffle(sections, new Random(SEED));
        }
        List<SourceDocument> sources = SyntheticSources.sources(SEED, 1_000_000);
        // No warm-up: each run drafts thousands of parts, time enough for the JIT. JobText keeps a source set's
        // ranking for the JVM: new titles make each run rank and allocate afresh. Only the folder changes, which a
        // sentence's context (its source's file name) leaves out; the first run's results give the digest.
        long allocationsBefore = JobText.allocations();
        List<Run<List<DraftedPart>>> timed = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<SourceDocument> retitled = retitled(sources, "run-" + run + "/");
            timed.add(timed(() -> draftAll(spec, sections, retitled)));
        }
        Timing timing = Timing.median(timed);
        long computed = (JobText.allocations() - allocationsBefore) / runs;
        String digest = digest(timed.getFirst().result());
        long allocations = sections.stream().map(p -> List.of(p.sections(), p.sentenceBudget(), p.format()))
                .distinct().count();
        System.out.printf("whole job: 1,000,000 characters, %d deliverables x %d sections: %d section parts (%s), "
                        + "%d different allocations, %d computed: %.0f ms wall, %.0f ms cpu (median of %d), "
                        + "result digest %s%n", deliverables.size(), headings.size(), sections.size(),
                shuffled ? "shuffled" : "in plan order", allocations, computed, timing.wall(), timing.cpu(), runs,
                digest);
    }

    /** Every part drafted, in the given order; the drafted parts in plan order. */
    private static List<DraftedPart> draftAll(JobSpec spec, List<PartTask> parts, List<SourceDocument> sources) {
        JobMaterials materials = new JobMaterials(spec, sources, List.of());
        GroundedDrafter drafter = new GroundedDrafter();
        List<DraftedPart> drafted = new ArrayList<>();
        for (PartTask part : parts) {
            drafted.add(drafter.draft(part, materials, part.format() == OutputFormat.PPTX ? DECK : REPORT));
        }
        drafted.sort(Comparator.comparingInt(DraftedPart::deliverableIndex).thenComparingInt(DraftedPart::partIndex));
        return drafted;
    }

    /**
     * A short SHA-256 of the results' text (records all the way down), so runs of the code before and after a
     * change can be compared: the same digest, the same sentences in the same places.
     */
    private static String digest(Object results) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(results.toString().getBytes(UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SourceDocument> retitled(List<SourceDocument> sources, String folder) {
        return sources.stream().map(s -> new SourceDocument(folder + s.title(), s.paragraphs(), s.headings()))
                .toList();
    }

    /** One timed run: its result, wall and thread CPU time in milliseconds. */
    private record Run<T>(T result, double wall, double cpu) {
    }

    /** Median wall and thread CPU time of timed runs, in milliseconds. */
    private record Timing(double wall, double cpu) {
        static Timing median(List<? extends Run<?>> runs) {
            return new Timing(AllocationBench.median(runs.stream().mapToDouble(Run::wall).toArray()),
                    AllocationBench.median(runs.stream().mapToDouble(Run::cpu).toArray()));
        }

        @Override
        public String toString() {
            return "%9.1f %9.1f".formatted(wall, cpu);
        }
    }

    /**
     * The calling thread's CPU time is reported besides the wall clock because other processes on a shared machine
     * slow the wall clock far more; it leaves out the collector's threads, so the wall clock is the figure that
     * counts when the machine is quiet.
     */
    private static <T> Run<T> timed(Supplier<T> work) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        T result = work.get();
        return new Run<>(result, (System.nanoTime() - start) / 1e6,
                (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6);
    }

    /** Runs {@code work} {@code warmups} times, then times {@code runs} runs. */
    private static Timing median(int warmups, int runs, Supplier<?> work) {
        for (int i = 0; i < warmups; i++) {
            work.get();
        }
        List<Run<?>> timed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            timed.add(timed(work));
        }
        return Timing.median(timed);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
