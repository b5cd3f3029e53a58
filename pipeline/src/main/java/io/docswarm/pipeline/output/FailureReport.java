package io.docswarm.pipeline.output;

import java.io.Serializable;
import java.util.List;

/**
 * {@code OUT/_failed/<spec-file>.error.json}: why a spec was rejected or its job failed (some deliverables may still
 * have been delivered when it failed at {@code render}).
 *
 * @param specFile the spec, relative to the bucket
 * @param stage    where it failed: {@code validate}, {@code prepare}, {@code draft}, {@code consolidate},
 *                 {@code render}, {@code manifest}
 * @param reason   one line for people
 * @param errors   each problem with its JSON path and field, when the spec itself is at fault
 */
public record FailureReport(String specFile, String stage, String reason, List<Problem> errors)
        implements Serializable {

    public FailureReport {
        errors = List.copyOf(errors);
    }

    /**
     * @param path     JSON path, e.g. {@code $.deliverables[0].format}
     * @param field    the field's name
     * @param expected what was expected
     * @param found    what was found
     */
    public record Problem(String path, String field, String expected, String found) implements Serializable {
    }

    /** The dead-letter file name for a spec: its bucket-relative path with separators flattened. */
    public static String fileNameFor(String specFile) {
        return specFile.replace('/', '_').replace('\\', '_') + ".error.json";
    }
}
