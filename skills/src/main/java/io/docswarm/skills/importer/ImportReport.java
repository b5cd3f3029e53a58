package io.docswarm.skills.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import extracted, what it assumed and what it could not keep: written as {@code import-report.md}
 * so nothing about the sample is degraded silently.
 */
public final class ImportReport {

    private final List<String> extracted = new ArrayList<>();
    private final List<String> assumed = new ArrayList<>();
    private final List<String> notKept = new ArrayList<>();

    /** A value taken from the sample. */
    public ImportReport extracted(String line) {
        extracted.add(line);
        return this;
    }

    /** A value the sample did not give, filled by a default or a derivation. */
    public ImportReport assumed(String line) {
        assumed.add(line);
        return this;
    }

    /** Something in the sample that the Skill does not keep, and why. */
    public ImportReport notKept(String what, String why) {
        notKept.add(what + ": " + why);
        return this;
    }

    public List<String> extracted() {
        return List.copyOf(extracted);
    }

    public List<String> assumed() {
        return List.copyOf(assumed);
    }

    public List<String> notKept() {
        return List.copyOf(notKept);
    }

    /** The report as Markdown, headed by the Skill reference and sample facts. */
    public String toMarkdown(String reference, List<String> sampleFacts) {
        StringBuilder md = new StringBuilder("# Import report: ").append(reference).append("\n\n## Sample\n\n");
        sampleFacts.forEach(f -> md.append("- ").append(f).append('\n'));
        section(md, "Extracted", extracted, "nothing");
        section(md, "Assumed (not in the sample; defaults or derived values)", assumed, "nothing");
        section(md, "Not kept, and why", notKept, "nothing: every part of the sample was kept");
        return md.toString();
    }

    private static void section(StringBuilder md, String title, List<String> lines, String none) {
        md.append("\n## ").append(title).append("\n\n");
        if (lines.isEmpty()) {
            md.append("- ").append(none).append('\n');
        }
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
    }
}
