package io.docswarm.pipeline.skills;

import io.docswarm.pipeline.storage.SkillMirror;
import io.docswarm.pipeline.storage.Storage;
import io.docswarm.skills.importer.SkillImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The skills inbox of an object-store bucket. The importer works on files, so each pass stages the inbox and the
 * current library in a local folder, imports there exactly as for a local bucket, then uploads the new Skill
 * versions and the inbox's new {@code imported/} and {@code rejected/} files and removes the imported or refused
 * samples from the inbox, so nothing is imported twice.
 *
 * <p>The names already in the store's {@code imported/} and {@code rejected/} are staged as empty placeholders,
 * so a sample dropped again under an earlier name is numbered ({@code Brief (2).pptx}) exactly as in a local
 * bucket. Only what the import wrote is uploaded: a staged file whose content is unchanged (a placeholder, an
 * earlier Skill version) is never written back, so earlier files and their reasons stay as they were.
 */
public final class ObjectStoreInbox {

    private final SkillImporter importer;

    public ObjectStoreInbox(SkillImporter importer) {
        this.importer = importer;
    }

    public List<SkillInbox.Outcome> importAll(String bucket) {
        try {
            String inbox = Storage.child(bucket, SkillInbox.INBOX);
            List<MatchResult.Metadata> samples = new ArrayList<>();
            for (MatchResult.Metadata file : Storage.match(inbox + "/*")) {
                String name = Storage.fileName(file.resourceId().toString());
                if (!file.resourceId().isDirectory() && !name.startsWith(".")) {
                    samples.add(file);
                }
            }
            if (samples.isEmpty()) {
                return List.of();
            }
            Path staged = Files.createTempDirectory("docswarm-inbox");
            try {
                return importStaged(bucket, inbox, samples, staged);
            } finally {
                deleteTree(staged); // a scheduler runs a pass every few minutes: leave nothing behind
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import the skills inbox of " + bucket + ": " + e.getMessage(), e);
        }
    }

    private List<SkillInbox.Outcome> importStaged(String bucket, String inbox, List<MatchResult.Metadata> samples,
                                                  Path staged) throws IOException {
        Path localSkills = staged.resolve("skills");
        Path mirror = SkillMirror.localSkills(bucket);
        copyTree(mirror, localSkills);
        if (!Storage.isLocal(Storage.root(bucket))) {
            deleteTree(mirror); // a download made for this pass only
        }
        Path localInbox = Files.createDirectories(staged.resolve(SkillInbox.INBOX));
        for (String folder : List.of(SkillInbox.IMPORTED, SkillInbox.REJECTED)) {
            stageNames(Storage.child(inbox, folder), Files.createDirectories(localInbox.resolve(folder)));
        }
        for (MatchResult.Metadata sample : samples) {
            try (InputStream in = Storage.open(sample.resourceId().toString())) {
                Files.copy(in, localInbox.resolve(Storage.fileName(sample.resourceId().toString())));
            }
        }
        Map<Path, String> before = digests(staged);
        List<SkillInbox.Outcome> outcomes = new SkillInbox(importer).importAll(staged);
        upload(localSkills, Storage.child(bucket, "skills"), before);
        upload(localInbox, inbox, before);
        for (MatchResult.Metadata sample : samples) {
            Storage.delete(sample.resourceId().toString());
        }
        return outcomes;
    }

    /** An empty file per name in the remote folder (its sub-folders are not the inbox's). */
    private static void stageNames(String remoteFolder, Path localFolder) throws IOException {
        for (MatchResult.Metadata file : Storage.match(remoteFolder + "/*")) {
            String name = Storage.fileName(file.resourceId().toString());
            if (!file.resourceId().isDirectory() && !name.isEmpty()) {
                Files.createFile(localFolder.resolve(name));
            }
        }
    }

    /** Each staged file's content digest, by path, to tell what the import wrote from what was staged. */
    private static Map<Path, String> digests(Path root) throws IOException {
        Map<Path, String> digests = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(file, Storage.sha256(file.toString()));
            }
        }
        return digests;
    }

    /** Uploads every file below {@code local} that the import created or changed (see {@link #digests}). */
    private static void upload(Path local, String remote, Map<Path, String> before)
            throws IOException {
        if (!Files.isDirectory(local)) {
            return;
        }
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String earlier = before.get(file);
                if (earlier != null && earlier.equals(Storage.sha256(file.toString()))) {
                    continue;
                }
                String target = Storage.child(remote, local.relativize(file).toString().replace('\\', '/'));
                Storage.write(target, Files.readAllBytes(file));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
