package io.docswarm.pipeline.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.importer.SkillImporter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SkillInboxTest {

    @TempDir
    Path bucket;

    public static void docx(Path file, String text) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            doc.createParagraph().createRun().setText(text);
            doc.write(out);
        }
    }

    @Test
    void goodSamplesBecomeSkillsAndBadOnesAreSetAsideWithTheirReason() throws Exception {
        Path inbox = Files.createDirectories(bucket.resolve(SkillInbox.INBOX));
        Files.writeString(inbox.resolve("broken.docx"), "not a document");
        docx(inbox.resolve("Acme Report.docx"), "We write short sentences. We use numbers like 42.");
        Files.writeString(inbox.resolve("notes.txt"), "hello");

        var outcomes = new SkillInbox(new SkillImporter()).importAll(bucket);

        assertEquals(3, outcomes.size());
        assertEquals(1, outcomes.stream().filter(SkillInbox.Outcome::imported).count(), outcomes.toString());
        assertEquals("acme-report@1", outcomes.stream().filter(SkillInbox.Outcome::imported).findFirst().orElseThrow().skill());
        assertEquals(1, new SkillLibrary(bucket.resolve("skills")).resolve("acme-report").version());
        assertTrue(Files.exists(inbox.resolve("imported/Acme Report.docx")));
        assertTrue(Files.readString(inbox.resolve("rejected/broken.docx.reason.txt"))
                .startsWith("broken.docx: named .docx but is not an Office Open XML package"));
        assertTrue(Files.readString(inbox.resolve("rejected/notes.txt.reason.txt")).contains("unsupported file type"));
        try (var left = Files.list(inbox)) {
            assertEquals(0, left.filter(Files::isRegularFile).count(), "the inbox is emptied");
        }
        assertTrue(new SkillInbox(new SkillImporter()).importAll(bucket).isEmpty(), "nothing is imported twice");
    }

    @Test
    void aSampleNamedLikeABuiltInOfAnotherKindIsRejectedAndTheBuiltInStays() throws Exception {
        Path inbox = Files.createDirectories(bucket.resolve(SkillInbox.INBOX));
        try (var deck = new org.apache.poi.xslf.usermodel.XMLSlideShow();
             OutputStream out = Files.newOutputStream(inbox.resolve("Brief.pptx"))) {
            deck.createSlide();
            deck.write(out);
        }

        var outcomes = new SkillInbox(new SkillImporter()).importAll(bucket);

        assertEquals(1, outcomes.size());
        assertFalse(outcomes.getFirst().imported(), outcomes.toString());
        assertFalse(Files.exists(bucket.resolve("skills/brief")), "no bucket 'brief' shadows the built-in");
        String reason = Files.readString(inbox.resolve("rejected/Brief.pptx.reason.txt"));
        assertTrue(reason.contains("built-in brief skill") && reason.contains("Rename the file"), reason);
        var brief = new SkillLibrary(bucket.resolve("skills")).resolve("brief");
        assertEquals(io.docswarm.skills.SkillKind.BRIEF, brief.kind());
        assertTrue(brief.template().startsWith(io.docswarm.skills.Skill.CLASSPATH), "still the built-in");
    }

    @Test
    void aSampleNamedLikeABuiltInOfItsKindOverridesItAndSaysSo() throws Exception {
        Path inbox = Files.createDirectories(bucket.resolve(SkillInbox.INBOX));
        docx(inbox.resolve("日本語 Report.docx"), "We write short sentences. We use numbers like 42.");

        var outcome = new SkillInbox(new SkillImporter()).importAll(bucket).getFirst();

        assertTrue(outcome.imported(), outcome.toString());
        assertEquals("report@1", outcome.skill());
        assertTrue(outcome.note().contains("overrides the built-in skill 'report'"), outcome.note());
        assertTrue(outcome.toString().contains("overrides the built-in"), outcome.toString());
        var report = new SkillLibrary(bucket.resolve("skills")).resolve("report");
        assertEquals(io.docswarm.skills.SkillKind.REPORT, report.kind(), "keeps the built-in's kind");
        assertFalse(report.template().startsWith(io.docswarm.skills.Skill.CLASSPATH), "the bucket's own");
    }

    @Test
    void rejectedFilesOfTheSameNameAreAllKeptWithTheirOwnReasons() throws Exception {
        Path inbox = Files.createDirectories(bucket.resolve(SkillInbox.INBOX));
        Files.writeString(inbox.resolve("broken.docx"), "first");
        new SkillInbox(new SkillImporter()).importAll(bucket);
        Files.writeString(inbox.resolve("broken.docx"), "second");
        new SkillInbox(new SkillImporter()).importAll(bucket);

        assertEquals("first", Files.readString(inbox.resolve("rejected/broken.docx")));
        assertEquals("second", Files.readString(inbox.resolve("rejected/broken (2).docx")));
        assertTrue(Files.readString(inbox.resolve("rejected/broken (2).docx.reason.txt")).startsWith("broken.docx:"));
        assertTrue(Files.exists(inbox.resolve("rejected/broken.docx.reason.txt")));
        try (var left = Files.list(inbox.resolve("rejected"))) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void aMissingInboxIsNothingToDo() {
        assertTrue(new SkillInbox(new SkillImporter()).importAll(bucket).isEmpty());
        assertFalse(Files.exists(bucket.resolve("skills")));
    }

    @Test
    void skillNamesComeFromFileNames() {
        assertEquals("acme-q3-deck", SkillInbox.skillName("Acme Q3 Deck.pptx"));
        assertEquals("skill", SkillInbox.skillName("!!!.pdf"));
    }
}
