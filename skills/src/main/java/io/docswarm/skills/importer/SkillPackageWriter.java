package io.docswarm.skills.importer;

import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stores an {@link Extraction} as {@code LIBRARY/NAME/vN/}: the next free version, written into a hidden
 * temporary folder beside it and renamed into place in one step, so a reader never sees half a package and
 * two imports under the same name never share a version.
 */
final class SkillPackageWriter {

    static final String MANIFEST = "skill.json";
    static final String PREVIEW = "preview.png";
    static final String REPORT = "import-report.md";
    private static final Pattern VERSION_DIR = Pattern.compile("v([1-9][0-9]*)");

    private SkillPackageWriter() {
    }

    /** Writes the package and returns its folder and the stored Skill (with its version). */
    static Stored write(Path libraryRoot, Extraction extraction, String templateFile, List<String> sampleFacts) {
        Path skillDir = libraryRoot.resolve(extraction.skill().name());
        try {
            Files.createDirectories(skillDir);
            for (int attempt = 0; attempt < 20; attempt++) {
                int version = newestVersion(skillDir) + 1;
                Skill skill = extraction.skill().withVersion(version);
                Path temp = Files.createTempDirectory(skillDir, ".import-");
                try {
                    Files.write(temp.resolve(MANIFEST), SkillJson.write(skill));
                    if (extraction.template() != null) {
                        Files.write(temp.resolve(templateFile), extraction.template());
                    }
                    Files.write(temp.resolve(PREVIEW), extraction.preview());
                    for (Map.Entry<String, byte[]> file : extraction.files().entrySet()) {
                        Files.write(temp.resolve(file.getKey()), file.getValue());
                    }
                    Files.writeString(temp.resolve(REPORT),
                            extraction.report().toMarkdown(skill.reference(), sampleFacts));
                    Path target = skillDir.resolve("v" + version);
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temp, target);
                    }
                    return new Stored(target, skill);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    deleteTree(temp); // another import took this version first: take the next one
                } catch (IOException | RuntimeException e) {
                    deleteTree(temp);
                    throw e;
                }
            }
            throw new IOException("could not claim a new version folder in " + skillDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the skill package under " + skillDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** A stored package. */
    record Stored(Path folder, Skill skill) {
    }

    static int newestVersion(Path skillDir) throws IOException {
        if (!Files.isDirectory(skillDir)) {
            return 0;
        }
        try (Stream<Path> children = Files.list(skillDir)) {
            return children.map(p -> VERSION_DIR.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a hidden .import-* folder is ignored by the library
        }
    }
}
