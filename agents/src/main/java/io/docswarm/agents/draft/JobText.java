package io.docswarm.agents.draft;

import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.Sentences;
import io.docswarm.agents.text.TextRank;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A job's sentences and their TextRank order, computed once per source set and language and shared by every
 * part drafted in the same JVM, instead of once per part. The cache is keyed by the sources' content (not by
 * object identity), so parts that arrive as separately deserialised copies of the same job still share it; it
 * holds the few most recently used source sets. Nothing here is serialised: a worker that has not seen a job
 * computes its ranking once.
 */
final class JobText {

    /**
     * Source sets kept. The pipeline spreads parts at random over workers (a reshuffle), so one job's parts arrive
     * mixed with other jobs': room for a few dozen jobs keeps recomputation rare in a batch of that size.
     */
    private static final int CACHED = 64;
    private static final BoundedCache<Key, JobText> CACHE = new BoundedCache<>(CACHED);
    private static final AtomicLong RANKINGS = new AtomicLong();
    private static final AtomicLong ALLOCATIONS = new AtomicLong();
    /**
     * Allocations kept per source set: one per deliverable outline and budgets, so room for a job's 100
     * deliverables; parts arrive shuffled, and fewer slots would drop allocations still in use. Each holds only
     * references to sentences the job keeps anyway.
     */
    private static final int ALLOCATIONS_CACHED = 128;

    private record AllocationKey(List<PartTask.SectionRef> sections, int budget, int maxWords, boolean bullets) {
    }

    private final BoundedCache<AllocationKey, Map<Integer, List<Sentence>>> allocations =
            new BoundedCache<>(ALLOCATIONS_CACHED);
    /** Key themes by how many are asked for (the drafter always asks for the same number). */
    private final BoundedCache<Integer, List<String>> keyThemes = new BoundedCache<>(4);

    private record Key(String language, List<SourceDocument> sources) {
    }

    private final List<Sentence> sentences;
    private final List<TextRank.Ranked> ranked;
    /** Built by the first allocation: a job whose parts are all sheets or title slides never needs it. */
    private SentenceIndex index;

    private JobText(Key key) {
        sentences = Sentences.split(key.sources(), Locale.forLanguageTag(key.language()));
        ranked = TextRank.rankSentences(sentences);
        RANKINGS.incrementAndGet();
    }

    /** The job's text, ranked once for these sources and language (other jobs' parts never wait for it). */
    static JobText of(JobMaterials materials) {
        Key key = new Key(materials.spec().constraints().language(), materials.sources());
        return CACHE.get(key, () -> new JobText(key));
    }

    List<Sentence> sentences() {
        return sentences;
    }

    List<TextRank.Ranked> ranked() {
        return ranked;
    }

    /**
     * {@link SentencePicker#allocate} of these sentences between a deliverable's sections, computed once for all
     * the parts that ask with the same outline and budgets (each part used to build its own search index and
     * share out every section's sentences again, only to keep its own).
     */
    Map<Integer, List<Sentence>> allocation(List<PartTask.SectionRef> sections, int budget, int maxWords,
                                            boolean bullets) {
        return allocations.get(new AllocationKey(sections, budget, maxWords, bullets), () -> {
            ALLOCATIONS.incrementAndGet();
            Map<Integer, List<Sentence>> shares = new LinkedHashMap<>();
            SentencePicker.allocate(index(), sections, budget, maxWords, bullets)
                    .forEach((section, chosen) -> shares.put(section, List.copyOf(chosen)));
            return java.util.Collections.unmodifiableMap(shares);
        });
    }

    /**
     * {@link KeyThemes#of} these sentences, computed once for the job: every deliverable's first summary lists
     * them, and a job may have a hundred deliverables.
     */
    List<String> keyThemes(int limit) {
        return keyThemes.get(limit, () -> KeyThemes.of(sentences, limit));
    }

    /**
     * What every allocation of this job reads from its sentences, worked out once for all its deliverables (they
     * differ only in outline and budgets). Its Lucene index is built per batch of new headings and closed at once,
     * so nothing here needs closing when the cache drops the job.
     */
    private synchronized SentenceIndex index() {
        if (index == null) {
            index = new SentenceIndex(ranked);
        }
        return index;
    }

    /** How many allocations this JVM has computed. */
    static long allocations() {
        return ALLOCATIONS.get();
    }

    /** How many rankings this JVM has computed (tests check that parts share one). */
    static long rankings() {
        return RANKINGS.get();
    }
}
