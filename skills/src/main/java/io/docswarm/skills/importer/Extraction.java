package io.docswarm.skills.importer;

import io.docswarm.skills.Skill;
import java.util.Map;

/**
 * What a format importer made of a sample, before it is stored as a package.
 *
 * @param skill    the Skill (its version is assigned when stored; its template names {@code template.<ext>})
 * @param template the cleaned template document, null when the format has none (PDF)
 * @param preview  PNG of the sample's first page or slide
 * @param files    further package files by name (logos)
 * @param report   what was extracted, assumed and not kept
 */
public record Extraction(Skill skill, byte[] template, byte[] preview, Map<String, byte[]> files,
                         ImportReport report) {
    public Extraction {
        files = Map.copyOf(files);
    }
}
