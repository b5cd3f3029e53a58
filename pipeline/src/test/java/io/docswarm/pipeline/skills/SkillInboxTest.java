package io.docswarm.pipeline.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.importer.SkillImporter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
