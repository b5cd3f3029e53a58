package io.docswarm.pipeline.output;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code OUT/<job-id>/manifest.json}: what was produced for a job and from what.
 *
 * @param jobId      the job
 * @param specFile   the spec, relative to the bucket
 * @param specHash   SHA-256 over the spec and its input files
 * @param drafter    the drafter that wrote the content
 * @param files      the deliverables that were written (one that failed to render is absent, and dead-lettered)
 * @param timingsMs  milliseconds per stage (prepare, plan, draft, consolidate, render, preview)
 * @param warnings   every fitting or content decision made along the way
 * @param tokens     model tokens the drafters generated for the job (0 for model-free drafting)
 */
public record Manifest(String jobId, String specFile, String specHash, String drafter, List<FileEntry> files,
                       Map<String, Long> timingsMs, List<String> warnings, long tokens) implements Serializable {

    /** A manifest of model-free drafting. */
    public Manifest(String jobId, String specFile, String specHash, String drafter, List<FileEntry> files,
                    Map<String, Long> timingsMs, List<String> warnings) {
        this(jobId, specFile, specHash, drafter, files, timingsMs, warnings, 0);
    }

    public Manifest {
        files = List.copyOf(files);
        timingsMs = Map.copyOf(timingsMs);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param name   file name inside the job's folder
     * @param format docx, pptx, xlsx or pdf
     * @param bytes  size
     * @param sha256 hex SHA-256
     * @param skill     the exact Skill version followed, e.g. {@code report@1}
     * @param units     pages (PDF), slides (PPTX), sheets (XLSX) or sections (DOCX, whose pagination is the
     *                  reader's)
     * @param skillHash hex SHA-256 of the Skill's content (skill.json and template), so a Skill changed under
     *                  the same reference makes the job pending again; "" in manifests written before it was
     *                  recorded (such a job is rendered again once)
     */
    public record FileEntry(String name, String format, long bytes, String sha256, String skill, int units,
                            String skillHash) implements Serializable {
        public FileEntry {
            skillHash = skillHash == null ? "" : skillHash;
        }
    }
}
