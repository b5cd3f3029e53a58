package io.docswarm.pipeline.spec;

import io.docswarm.agents.job.JobSpec;
import java.io.Serializable;
import java.time.Instant;

/**
 * A spec that passed validation.
 *
 * @param specFile  the spec's name relative to the bucket, e.g. {@code jobs/qbr.json}
 * @param specHash  SHA-256 over the spec and every file it references, so a changed source re-renders too
 * @param specTime  the spec's last-modified time, stamped into the deliverables so output is reproducible
 * @param spec      the validated job, with every path resolved
 */
public record ParsedSpec(String specFile, String specHash, Instant specTime, JobSpec spec) implements Serializable {
}
