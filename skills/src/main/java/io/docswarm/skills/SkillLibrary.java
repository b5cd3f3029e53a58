package io.docswarm.skills;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds Skills: first in a bucket's library ({@code skills/NAME/vN/skill.json}), then among the built-ins
 * that ship with Docswarm. A library Skill with the same name as a built-in shadows it.
 */
public final class SkillLibrary {

    /** Names of the Skills built into Docswarm, used when a job names none of its own. */
    public static final List<String> BUILT_INS = List.of("report", "deck", "workbook", "brief");

    private static final Pattern VERSION_DIR = Pattern.compile("v([1-9][0-9]*)");

    private final Path libraryRoot;

    /** @param libraryRoot the {@code skills/} folder of a bucket; it need not exist */
    public SkillLibrary(Path libraryRoot) {
        this.libraryRoot = libraryRoot;
    }

    /** A library with only the built-in Skills. */
    public static SkillLibrary builtInsOnly() {
        return new SkillLibrary(null);
    }

    /** Resolves {@code NAME} to its newest version, {@code NAME@N} to exactly that version. */
    public Skill resolve(String reference) {
        SkillReference ref = SkillReference.parse(reference);
        Optional<Skill> fromLibrary = fromLibrary(ref);
        if (fromLibrary.isPresent()) {
            return fromLibrary.get();
        }
        Optional<Skill> builtIn = builtIn(ref.name());
        if (builtIn.isPresent() && (ref.version().isEmpty() || ref.version().getAsInt() == builtIn.get().version())) {
            return builtIn.get();
        }
        throw new SkillNotFoundException("no skill '" + ref + "' in "
                + (libraryRoot == null ? "the built-ins" : libraryRoot + " or the built-ins")
                + " (built-ins: " + String.join(", ", BUILT_INS) + ")");
    }

    /** The built-in Skill with this name, if there is one. */
    public static Optional<Skill> builtIn(String name) {
        if (!BUILT_INS.contains(name)) {
            return Optional.empty();
        }
        String resource = "builtin/" + name + ".json";
        try (InputStream in = SkillLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in skill resource missing: " + resource);
            }
            Skill skill = SkillJson.read(in, "built-in " + name);
            return Optional.of(skill.hasTemplate()
                    ? skill.withTemplate(Skill.CLASSPATH + "io/docswarm/skills/builtin/" + skill.template())
                    : skill);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Skill> fromLibrary(SkillReference ref) {
        if (libraryRoot == null) {
            return Optional.empty();
        }
        Path skillDir = libraryRoot.resolve(ref.name());
        OptionalInt version = ref.version().isPresent() ? ref.version() : newestVersion(skillDir);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Path manifest = skillDir.resolve("v" + version.getAsInt()).resolve("skill.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(manifest)) {
            Skill skill = SkillJson.read(in, manifest.toString());
            if (skill.hasTemplate()) {
                Path template = manifest.getParent().resolve(skill.template()).normalize();
                if (!template.startsWith(manifest.getParent()) || !Files.isRegularFile(template)) {
                    throw new IllegalArgumentException(manifest + ": template '" + skill.template()
                            + "' is not a file inside the skill package");
                }
                skill = skill.withTemplate(template.toAbsolutePath().toString());
            }
            return Optional.of(skill);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    private static OptionalInt newestVersion(Path skillDir) {
        if (!Files.isDirectory(skillDir)) {
            return OptionalInt.empty();
        }
        try (Stream<Path> children = Files.list(skillDir)) {
            return children.map(p -> VERSION_DIR.matcher(p.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + skillDir, e);
        }
    }
}
