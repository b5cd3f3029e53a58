package io.docswarm.skills.importer;

import java.time.Duration;

/**
 * Bounds on the work one import may do, so a hostile or huge sample is refused instead of hanging a run.
 *
 * @param maxFileBytes     largest sample accepted
 * @param maxEntryBytes    largest uncompressed part inside an OOXML package (zip-bomb guard)
 * @param minInflateRatio  smallest compressed/uncompressed ratio of an OOXML part (zip-bomb guard)
 * @param timeout          wall-clock time one import may take
 * @param maxPages         PDF pages analysed (the rest are counted, not read)
 * @param maxSlides        slides analysed for roles and voice
 * @param maxRows          rows per sheet analysed
 * @param maxFormulaCells  formula cells analysed for patterns
 */
public record ImportLimits(long maxFileBytes, long maxEntryBytes, double minInflateRatio, Duration timeout,
                           int maxPages, int maxSlides, int maxRows, int maxFormulaCells) {

    /** Limits for samples a person drops in: 100 MB files, 60 seconds. */
    public static final ImportLimits DEFAULT =
            new ImportLimits(100L << 20, 256L << 20, 0.01, Duration.ofSeconds(60), 40, 200, 2000, 20000);

    public ImportLimits withMaxFileBytes(long bytes) {
        return new ImportLimits(bytes, maxEntryBytes, minInflateRatio, timeout, maxPages, maxSlides, maxRows,
                maxFormulaCells);
    }

    public ImportLimits withMaxEntryBytes(long bytes) {
        return new ImportLimits(maxFileBytes, bytes, minInflateRatio, timeout, maxPages, maxSlides, maxRows,
                maxFormulaCells);
    }

    public ImportLimits withTimeout(Duration newTimeout) {
        return new ImportLimits(maxFileBytes, maxEntryBytes, minInflateRatio, newTimeout, maxPages, maxSlides,
                maxRows, maxFormulaCells);
    }
}
