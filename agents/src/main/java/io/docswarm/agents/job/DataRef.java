package io.docswarm.agents.job;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A data file (CSV or XLSX) inside the bucket.
 *
 * @param name  a short name for sheets and captions
 * @param path  the resolved file
 * @param sheet for XLSX, the sheet to read (empty for the first)
 */
public record DataRef(String name, String path, String sheet) implements Serializable {

    public Path file() {
        return Path.of(path);
    }
}
