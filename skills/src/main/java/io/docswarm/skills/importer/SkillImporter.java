package io.docswarm.skills.importer;

import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillKind;
import io.docswarm.skills.SkillReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Imports a sample document (.docx, .pptx, .xlsx, .pdf) as a new version of a Skill in a library folder
 * ({@code BUCKET/skills/}). A sample that cannot be imported is refused with a {@link SampleRefusedException}
 * whose message is one line naming the file and the problem; nothing is written then.
 */
public final class SkillImporter {

    private final ImportLimits limits;

    public SkillImporter() {
        this(ImportLimits.DEFAULT);
    }

    public SkillImporter(ImportLimits limits) {
        this.limits = limits;
    }

    /** What an import stored. */
    public record Result(Skill skill, Path folder, ImportReport report) {
    }

    /**
     * Imports {@code file} as the next version of Skill {@code name} under {@code libraryRoot}.
     *
     * @param description the Skill's description, null or blank for a generated one
     * @param kind        the kind of Skill, null to decide from the sample
     */
    public Result importSample(Path file, String name, String description, SkillKind kind, Path libraryRoot) {
        Extraction extraction = extract(file, name, description, kind);
        String templateFile = extraction.skill().template();
        List<String> facts = sampleFacts(file, extraction.skill());
        SkillPackageWriter.Stored stored = SkillPackageWriter.write(libraryRoot, extraction, templateFile, facts);
        return new Result(stored.skill(), stored.folder(), extraction.report());
    }

    /** Analyses a sample without storing it (its version is 1 until stored). */
    public Extraction extract(Path file, String name, String description, SkillKind kind) {
        String fileName = file.getFileName().toString();
        try {
            SkillReference ref = SkillReference.parse(name);
            if (ref.version().isPresent()) {
                throw new IllegalArgumentException("a Skill name has no @version: import assigns the next version");
            }
        } catch (IllegalArgumentException e) {
            throw new SampleRefusedException(fileName + ": invalid Skill name: " + e.getMessage());
        }
        SampleFormat format = SampleGate.check(file, limits);
        Sample sample = new Sample(file, format, name, description, kind, sha256(file), limits);
        FormatImporter importer = switch (format) {
            case DOCX -> new DocxImporter();
            case PPTX -> new PptxImporter();
            case XLSX -> new XlsxImporter();
            case PDF -> new PdfImporter();
        };
        return bounded(fileName, () -> importer.extract(sample));
    }

    /**
     * Runs the parser on a daemon thread and gives up after the time limit: a parser stuck on a malformed file
     * cannot be interrupted, but it no longer holds up the run (and being a daemon it does not keep the JVM
     * alive).
     */
    private Extraction bounded(String fileName, java.util.concurrent.Callable<Extraction> work) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "skill-import " + fileName);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Extraction> future = executor.submit(work);
            try {
                return future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new SampleRefusedException(String.format(Locale.ROOT,
                        "%s: analysis took longer than %d s; the sample is too complex or malformed", fileName,
                        limits.timeout().toSeconds()));
            } catch (ExecutionException e) {
                throw Failures.refusal(fileName, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SampleRefusedException(fileName + ": import interrupted");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static List<String> sampleFacts(Path file, Skill skill) {
        try {
            return List.of("file: " + file.getFileName(), "format: " + skill.sample().format(),
                    "size: " + Files.size(file) + " bytes", "SHA-256: " + skill.sample().sha256(),
                    "producer: " + (skill.sample().producer().isBlank() ? "(not recorded in the file)"
                            : skill.sample().producer()),
                    "kind: " + skill.kind().id(),
                    "template: " + (skill.hasTemplate() ? skill.template()
                            : "none (a PDF is not an editable template: the Skill keeps its look, structure and voice)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new SampleRefusedException(file.getFileName() + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
