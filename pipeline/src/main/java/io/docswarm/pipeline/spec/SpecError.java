package io.docswarm.pipeline.spec;

import java.io.Serializable;

/**
 * One precise reason a job spec was rejected.
 *
 * @param file     the spec file
 * @param path     JSON path of the offending value, e.g. {@code $.deliverables[1].format}
 * @param expected what was expected there
 * @param found    what was found there
 */
public record SpecError(String file, String path, String expected, String found) implements Serializable {

    /** One line for people: file, path, expected, found. */
    public String message() {
        return file + ": " + path + ": expected " + expected + ", found " + found;
    }
}
