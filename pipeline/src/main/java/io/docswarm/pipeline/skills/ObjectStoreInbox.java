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
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The skills inbox of an object-store bucket. The importer works on files, so each pass stages the inbox and the
 * current library in a local folder, imports there exactly as for a local bucket, then uploads the new Skill
 * versions and the inbox's {@code imported/} and {@code rejected/} files and removes the imported or refused
 * samples from the inbox, so nothing is imported twice.
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
            Path localSkills = staged.resolve("skills");
            copyTree(SkillMirror.localSkills(bucket), localSkills);
            Path localInbox = Files.createDirectories(staged.resolve(SkillInbox.INBOX));
            for (MatchResult.Metadata sample : samples) {
                try (InputStream in = Storage.open(sample.resourceId().toString())) {
                    Files.copy(in, localInbox.resolve(Storage.fileName(sample.resourceId().toString())));
                }
            }
            List<SkillInbox.Outcome> outcomes = new SkillInbox(importer).importAll(staged);
            upload(localSkills, Storage.child(bucket, "skills"));
            upload(localInbox, inbox);
            for (MatchResult.Metadata sample : samples) {
                Storage.delete(sample.resourceId().toString());
            }
            return outcomes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import the skills inbox of " + bucket + ": " + e.getMessage(), e);
        }
    }

    /** Uploads every file below {@code local} that the store lacks or holds with other content. */
    private static void upload(Path local, String remote) throws IOException {
        if (!Files.isDirectory(local)) {
            return;
        }
        try (Stream<Path> files = Files.walk(local)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
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
}
