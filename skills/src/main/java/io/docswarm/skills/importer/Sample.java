package io.docswarm.skills.importer;

import io.docswarm.skills.SampleInfo;
import io.docswarm.skills.SkillKind;
import java.nio.file.Path;

/**
 * A sample document being imported.
 *
 * @param file        where it is
 * @param format      its format, checked against its content
 * @param name        the Skill name it is imported under
 * @param description the Skill's description, empty to let the importer write one
 * @param kind        the kind of Skill wanted, null to let the importer decide from the sample
 * @param sha256      hex SHA-256 of the sample's bytes
 * @param limits      bounds on the work
 */
public record Sample(Path file, SampleFormat format, String name, String description, SkillKind kind, String sha256,
                     ImportLimits limits) {

    public String fileName() {
        return file.getFileName().toString();
    }

    /** Provenance for the manifest. */
    public SampleInfo info(String producer) {
        return new SampleInfo(fileName(), format.extension(), sha256, producer);
    }

    /** The description given, or {@code fallback} when none was. */
    public String descriptionOr(String fallback) {
        return description == null || description.isBlank() ? fallback : description;
    }
}
