package io.docswarm.skills;

import java.io.Serializable;

/**
 * Where an imported Skill came from.
 *
 * @param file     the sample's file name
 * @param format   {@code docx}, {@code pptx}, {@code xlsx} or {@code pdf}
 * @param sha256   hex SHA-256 of the sample's bytes
 * @param producer the application that wrote the sample, as the file says (empty when it does not)
 */
public record SampleInfo(String file, String format, String sha256, String producer) implements Serializable {
    public SampleInfo {
        producer = producer == null ? "" : producer;
    }
}
