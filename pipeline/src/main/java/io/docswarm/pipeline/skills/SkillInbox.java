package io.docswarm.pipeline.skills;

import io.docswarm.skills.importer.SampleRefusedException;
import io.docswarm.skills.importer.SkillImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The skills inbox, {@code BUCKET/skills-inbox/}: sample documents template authors drop there are imported
 * as Skills at the start of a run. Each file becomes (a new version of) the Skill named after the file
 * ({@code Acme Report.docx} gives {@code acme-report}); imported files move to {@code imported/}, refused ones
 * to {@code rejected/} with a {@code .reason.txt}, so nothing is imported twice and one bad sample never stops
 * the others.
 */
public final class SkillInbox {

    public static final String INBOX = "skills-inbox";
    public static final String IMPORTED = "imported";
    public static final String REJECTED = "rejected";

    private final SkillImporter importer;

    public SkillInbox(SkillImporter importer) {
        this.importer = importer;
    }

    /** What happened to one inbox file. */
    public record Outcome(String file, String skill, String problem) {
        public boolean imported() {
            return problem == null;
        }

        @Override
        public String toString() {
            return imported() ? "new skill " + skill + " from " + file : "rejected " + problem;
        }
    }

    /** Imports every file in {@code BUCKET/skills-inbox/} (not its sub-folders), in name order. */
    public List<Outcome> importAll(Path bucket) {
        Path inbox = bucket.resolve(INBOX);
        List<Outcome> outcomes = new ArrayList<>();
        if (!Files.isDirectory(inbox)) {
            return outcomes;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(inbox)) {
            files = list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + inbox, e);
        }
        for (Path file : files) {
            outcomes.add(importOne(bucket, file));
        }
        return outcomes;
    }

    private Outcome importOne(Path bucket, Path file) {
        String fileName = file.getFileName().toString();
        Path inbox = file.getParent();
        try {
            var result = importer.importSample(file, skillName(fileName), null, null, bucket.resolve("skills"));
            move(file, inbox.resolve(IMPORTED));
            return new Outcome(fileName, result.skill().reference(), null);
        } catch (SampleRefusedException | UncheckedIOException e) {
            String reason = e.getMessage();
            try {
                Path rejected = move(file, inbox.resolve(REJECTED));
                Files.writeString(rejected.resolveSibling(rejected.getFileName() + ".reason.txt"), reason + "\n");
            } catch (IOException io) {
                reason = reason + " (and it could not be moved to " + REJECTED + "/: " + io.getMessage() + ")";
            }
            return new Outcome(fileName, null, reason);
        }
    }

    private static Path move(Path file, Path folder) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(file.getFileName());
            return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A valid Skill name from a file name: lower case, runs of other characters as '-'. */
    public static String skillName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = (dot > 0 ? fileName.substring(0, dot) : fileName).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|-+$", "");
        if (base.isEmpty()) {
            base = "skill";
        }
        return base.length() > 64 ? base.substring(0, 64) : base;
    }
}
