package io.docswarm.agents.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.inputs.SourceLoader;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.job.SourceRef;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.Sentences;
import io.docswarm.agents.text.TextRank;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.SkillLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The indexed allocation ({@link SentencePicker} over a {@link SentenceIndex}) gives exactly what the allocation
 * gave before it was made fast ({@link ReferenceAllocation}, the former code kept in the tests): the same sentences
 * in the same sections in the same order, for the sample sources and for generated ones, over outlines, budgets,
 * sentence lengths and bullets, and when one index serves many allocations, as {@link JobText} uses it.
 */
class AllocationEquivalenceTest {

    /** Budget, longest sentence and bullets: each value of each paired with each value of every other. */
    private record Setting(int budget, int maxWords, boolean bullets) {
    }

    private static final List<Setting> SETTINGS = List.of(new Setting(1, 15, false), new Setting(1, 38, true),
            new Setting(4, 15, true), new Setting(4, 38, false));

    @Test
    void sampleSourcesAreAllocatedAsBefore() throws IOException {
        List<TextRank.Ranked> ranked = rank(sampleSources());
        List<List<PartTask.SectionRef>> outlines = new ArrayList<>();
        outlines.add(SyntheticSources.reportParts(List.of("Executive summary", "Market overview",
                "Why households buy", "Competitors", "Market size in numbers", "Recommendations")).getFirst()
                .sections());
        outlines.add(SyntheticSources.reportParts(List.of("Highlights", "What drove the quarter", "Sales by region",
                "Risks", "Decisions and next steps")).getFirst().sections());
        for (String skill : List.of("report", "brief", "deck")) {
            outlines.add(SkillLibrary.builtIn(skill).orElseThrow().structure().outline().stream()
                    .map(entry -> new PartTask.SectionRef(entry.heading(), entry.purpose())).toList());
        }
        for (List<PartTask.SectionRef> outline : outlines) {
            assertAllocatedAsBefore(ranked, new SentenceIndex(ranked), outline);
        }
    }

    @Test
    void generatedSourcesAreAllocatedAsBefore() {
        for (long seed = 1; seed <= 2; seed++) {
            // Markdown notes with headings, and interview notes without any (their file name is their context).
            List<SourceDocument> sources = List.of(SyntheticSources.source(seed, "notes.md", 20_000),
                    SyntheticSources.source(seed + 100, "customer-interviews.txt", 8_000));
            List<TextRank.Ranked> ranked = rank(sources);
            assertTrue(ranked.size() > 200, "a corpus of some size: " + ranked.size());
            SentenceIndex index = new SentenceIndex(ranked);
            for (int sections : new int[] {12, 30}) {
                List<PartTask.SectionRef> outline = SyntheticSources.reportParts(
                        SyntheticSources.headings(seed, sections)).getFirst().sections();
                assertAllocatedAsBefore(ranked, index, outline);
            }
        }
    }

    @Test
    void theConvenienceEntryPointBuildsItsOwnIndexAndAgrees() {
        List<TextRank.Ranked> ranked = rank(SyntheticSources.sources(7, 15_000));
        List<PartTask.SectionRef> outline = SyntheticSources.reportParts(SyntheticSources.headings(7, 20)).getFirst()
                .sections();
        assertEquals(ReferenceAllocation.allocate(ranked, outline, 3, 38, false),
                SentencePicker.allocate(ranked, outline, 3, 38));
    }

    @Test
    void aJobsAllocationsAndKeyThemesThroughJobTextAreAsBefore() {
        List<SourceDocument> sources = List.of(SyntheticSources.source(11, "job-text-" + System.nanoTime() + ".md",
                15_000));
        JobSpec spec = new JobSpec("equivalence", "T", "B", "", List.of(new Deliverable(OutputFormat.DOCX, "report",
                "equivalence", 0)), List.of(), List.of(), null, null);
        JobText text = JobText.of(new JobMaterials(spec, sources, List.of()));
        List<PartTask.SectionRef> outline = SyntheticSources.reportParts(SyntheticSources.headings(11, 25))
                .getFirst().sections();
        for (Setting setting : SETTINGS) {
            // A deck that keeps the first ten sections reuses the job's index and its headings' relevance.
            for (List<PartTask.SectionRef> sections : List.of(outline, outline.subList(0, 10))) {
                assertEquals(ReferenceAllocation.allocate(text.ranked(), sections, setting.budget(),
                        setting.maxWords(), setting.bullets()),
                        text.allocation(sections, setting.budget(), setting.maxWords(), setting.bullets()),
                        setting::toString);
            }
        }
        assertEquals(KeyThemes.of(text.sentences(), 6), text.keyThemes(6));
    }

    @Test
    void anIndexNeedsUniqueSentenceOrders() {
        Sentence first = new Sentence("Battery prices fell by a fifth last year.", "a.md", 1, 4);
        Sentence second = new Sentence("Households buy storage against price spikes.", "a.md", 2, 4);
        List<TextRank.Ranked> ranked = List.of(new TextRank.Ranked(first, 1), new TextRank.Ranked(second, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SentenceIndex(ranked));
    }

    /**
     * Every setting over one index (as a job's deliverables share it), each compared with the former allocation
     * computed from scratch.
     */
    private static void assertAllocatedAsBefore(List<TextRank.Ranked> ranked, SentenceIndex index,
                                                List<PartTask.SectionRef> outline) {
        for (Setting setting : SETTINGS) {
            Map<Integer, List<Sentence>> before = ReferenceAllocation.allocate(ranked, outline, setting.budget(),
                    setting.maxWords(), setting.bullets());
            Map<Integer, List<Sentence>> now = SentencePicker.allocate(index, outline, setting.budget(),
                    setting.maxWords(), setting.bullets());
            String what = outline.size() + " sections, " + setting;
            assertEquals(List.copyOf(before.keySet()), List.copyOf(now.keySet()), what);
            assertEquals(before, now, what);
            assertTrue(now.values().stream().anyMatch(list -> !list.isEmpty()), "something allocated: " + what);
            assertTrue(now.values().stream().allMatch(list -> list.size() <= setting.budget()), "within budget: "
                    + what);
        }
    }

    private static List<TextRank.Ranked> rank(List<SourceDocument> sources) {
        return TextRank.rankSentences(Sentences.split(sources, Locale.ENGLISH));
    }

    /** The sample bucket's Markdown sources, loaded as the pipeline loads them (with their headings). */
    private static List<SourceDocument> sampleSources() throws IOException {
        List<SourceDocument> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../samples/sources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String title = file.getFileName().toString();
                sources.add(SourceLoader.load(new SourceRef(title, file.toString(), null), title,
                        InputOpener.LOCAL_FILES));
            }
        }
        return sources;
    }
}
