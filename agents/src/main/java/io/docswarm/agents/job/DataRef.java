package io.docswarm.agents.job;

import java.io.Serializable;

/**
 * A data file (CSV or XLSX) inside the bucket.
 *
 * @param name  a short name for sheets and captions
 * @param path  the resolved location (local path or object-store URI)
 * @param sheet for XLSX, the sheet to read (empty for the first)
 */
public record DataRef(String name, String path, String sheet) implements Serializable {
}
