package io.docswarm.pipeline.skills;

import io.docswarm.pipeline.output.AtomicFiles;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillKind;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.importer.SampleRefusedException;
import io.docswarm.skills.importer.SkillImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skills inbox, {@code BUCKET/skills-inbox/}: sample documents template authors drop there are imported
 * as Skills at the start of a run. Each file becomes (a new version of) the Skill named after the file
 * ({@code Acme Report.docx} gives {@code acme-report}); imported files move to {@code imported/}, refused ones
 * to {@code rejected/} with a {@code .reason.txt}, so nothing is imported twice and one bad sample never stops
 * the others. A file whose name is already in {@code imported/} or {@code rejected/} is kept beside the earlier
 * one under a numbered name ({@code Brief (2).pptx}); reasons are written atomically.
 *
 * <p>Names of built-in Skills ({@code report}, {@code deck}, {@code workbook}, {@code brief}): a bucket Skill of
 * that name overrides the built-in for every job of the bucket that names it (restyling the house report is a
 * legitimate thing for a template author to do, and a hand-made {@code skills/report/vN/} does the same). Because
 * a file name can reduce to such a name by accident ({@code 日本語 Report.docx} gives {@code report}), the inbox
 * only lets a sample do it when it can serve the built-in's deliverables: Word or PDF samples for {@code report}
 * and {@code brief}, decks for {@code deck}, workbooks for {@code workbook}; the Skill then keeps the built-in's
 * kind, and the outcome says loudly that it overrides the built-in. Any other sample of such a name is rejected
 * with a reason that says to rename it.
 */
public final class SkillInbox {

    public static final String INBOX = "skills-inbox";
    public static final String IMPORTED = "imported";
    public static final String REJECTED = "rejected";

    private static final Logger LOG = LoggerFactory.getLogger(SkillInbox.class);

    private final SkillImporter importer;

    public SkillInbox(SkillImporter importer) {
        this.importer = importer;
    }

    /**
     * What happened to one inbox file.
     *
     * @param note for an imported file, what else its import means (it overrides a built-in), else ""
     */
    public record Outcome(String file, String skill, String problem, String note) {
        public Outcome {
            note = note == null ? "" : note;
        }

        public Outcome(String file, String skill, String problem) {
            this(file, skill, problem, "");
        }

        public boolean imported() {
            return problem == null;
        }

        @Override
        public String toString() {
            return imported() ? "new skill " + skill + " from " + file + (note.isEmpty() ? "" : " (" + note + ")")
                    : "rejected " + problem;
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
        String name = skillName(fileName);
        Optional<Skill> builtIn = SkillLibrary.builtIn(name);
        String problem = builtIn.map(b -> clash(fileName, b)).orElse(null);
        if (problem != null) {
            return reject(file, inbox, problem);
        }
        try {
            var result = importer.importSample(file, name, null, builtIn.map(Skill::kind).orElse(null),
                    bucket.resolve("skills"));
            move(file, inbox.resolve(IMPORTED));
            String note = builtIn.isEmpty() ? "" : "overrides the built-in skill '" + name + "' for every job of "
                    + "this bucket that names '" + name + "' without a version; delete skills/" + name
                    + "/ to restore the built-in";
            if (!note.isEmpty()) {
                LOG.warn("skills-inbox: {} became {}, which {}", fileName, result.skill().reference(), note);
            }
            return new Outcome(fileName, result.skill().reference(), null, note);
        } catch (SampleRefusedException | UncheckedIOException e) {
            return reject(file, inbox, e.getMessage());
        }
    }

    /**
     * Why a sample named like a built-in may not become a version of it, or null when it may: only a sample
     * that can serve the built-in's deliverables (same family of file) may.
     */
    private static String clash(String fileName, Skill builtIn) {
        String extension = fileName.lastIndexOf('.') < 0 ? ""
                : fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Set<SkillKind> kinds = switch (extension) {
            case "docx", "pdf" -> Set.of(SkillKind.REPORT, SkillKind.BRIEF);
            case "pptx" -> Set.of(SkillKind.DECK);
            case "xlsx" -> Set.of(SkillKind.WORKBOOK);
            default -> null; // the importer refuses it with its own reason
        };
        if (kinds == null || kinds.contains(builtIn.kind())) {
            return null;
        }
        return fileName + ": its name gives the skill name '" + builtIn.name() + "', which is a built-in "
                + builtIn.kind().id() + " skill, but a ." + extension + " sample cannot serve "
                + builtIn.kind().id() + " deliverables; importing it would replace the built-in for every job "
                + "that names '" + builtIn.name() + "'. Rename the file (e.g. '" + builtIn.name() + "-"
                + extension + "." + extension + "') and drop it into " + INBOX + "/ again.";
    }

    private static Outcome reject(Path file, Path inbox, String reason) {
        String fileName = file.getFileName().toString();
        String problem = reason;
        try {
            Path rejected = move(file, inbox.resolve(REJECTED));
            AtomicFiles.write(rejected.resolveSibling(rejected.getFileName() + ".reason.txt"),
                    (reason + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException io) {
            problem = reason + " (and it could not be moved to " + REJECTED + "/: " + io.getMessage() + ")";
        }
        return new Outcome(fileName, null, problem);
    }

    /** Moves the file into the folder, under a numbered name when an earlier file there has its name. */
    private static Path move(Path file, Path folder) {
        try {
            Files.createDirectories(folder);
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            String extension = dot > 0 ? name.substring(dot) : "";
            for (int n = 1; ; n++) {
                Path target = folder.resolve(n == 1 ? name : base + " (" + n + ")" + extension);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(target.resolveSibling(target.getFileName() + ".reason.txt"))) {
                    continue;
                }
                try {
                    return Files.move(file, target); // no REPLACE_EXISTING: never overwrites an earlier file
                } catch (FileAlreadyExistsException raced) {
                    // another process took the name meanwhile: try the next one
                }
            }
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
