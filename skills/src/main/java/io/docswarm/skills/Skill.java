package io.docswarm.skills;

import java.io.Serializable;
import java.util.List;

/**
 * A reusable delivery standard: how a kind of deliverable looks, how it is structured and how it reads.
 *
 * <p>Skills are immutable and versioned; a job's manifest records {@link #reference()} so a deliverable can
 * always be traced to the exact standard it followed.
 *
 * @param name        library name, e.g. {@code report}
 * @param version     1-based version within the library
 * @param description one line for people browsing the library
 * @param kind        which deliverables it is meant for
 * @param look        fonts, colours, page setup
 * @param structure   the default skeleton of a new deliverable
 * @param voice       measurable writing guidelines
 * @param template    the Skill's template document (a cleaned copy of the sample it was made from), empty when
 *                    it has none: in {@code skill.json} a file name inside the package; once loaded, an absolute
 *                    path or a {@code classpath:} resource, so renderers can open it with {@link #openTemplate()}
 * @param layouts     slide layouts and their slots (decks imported from a sample), null otherwise
 * @param logic       number formats, formula patterns and conditional formats (workbooks), null otherwise
 * @param sample      the sample document this Skill was imported from, null for hand-written Skills
 */
public record Skill(String name, int version, String description, SkillKind kind, Look look, Structure structure,
                    Voice voice, String template, Layouts layouts, Logic logic, SampleInfo sample)
        implements Serializable {

    /** A Skill without the parts an import adds (layouts, logic, sample). */
    public Skill(String name, int version, String description, SkillKind kind, Look look, Structure structure,
                 Voice voice, String template) {
        this(name, version, description, kind, look, structure, voice, template, null, null, null);
    }

    public Skill {
        template = template == null ? "" : template;
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a skill needs a name");
        }
        if (version < 1) {
            throw new IllegalArgumentException("skill " + name + ": version must be >= 1, was " + version);
        }
        structure = structure == null ? new Structure(List.of(), List.of()) : structure;
    }

    public boolean hasTemplate() {
        return !template.isEmpty();
    }

    /** Opens the template document; the caller closes the stream. */
    public java.io.InputStream openTemplate() throws java.io.IOException {
        if (template.isEmpty()) {
            throw new java.io.FileNotFoundException("skill " + reference() + " has no template document");
        }
        if (template.startsWith(CLASSPATH)) {
            java.io.InputStream in = Skill.class.getResourceAsStream("/" + template.substring(CLASSPATH.length()));
            if (in == null) {
                throw new java.io.FileNotFoundException("skill " + reference() + ": template resource " + template
                        + " is missing");
            }
            return in;
        }
        return java.nio.file.Files.newInputStream(java.nio.file.Path.of(template));
    }

    /** This Skill with its template located: {@code location} is an absolute path or a classpath: resource. */
    public Skill withTemplate(String location) {
        return new Skill(name, version, description, kind, look, structure, voice, location, layouts, logic, sample);
    }

    /** This Skill as another version of the library (import assigns the version when it stores the package). */
    public Skill withVersion(int newVersion) {
        return new Skill(name, newVersion, description, kind, look, structure, voice, template, layouts, logic,
                sample);
    }

    /** Prefix of templates that ship inside Docswarm's jars. */
    public static final String CLASSPATH = "classpath:";

    /** The pinned reference a manifest records, e.g. {@code report@1}. */
    public String reference() {
        return name + "@" + version;
    }
}
