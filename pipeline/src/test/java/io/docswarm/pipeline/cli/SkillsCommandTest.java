package io.docswarm.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.skills.SkillInboxTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillsCommandTest {

    @TempDir
    Path temp;

    record Captured(int code, String out, String err) {
    }

    private static Captured run(Callable<Integer> action) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            int code = action.call();
            return new Captured(code, o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void importListShowAndCheck() throws Exception {
        Path bucket = Files.createDirectories(temp.resolve("bucket"));
        Path sample = temp.resolve("sample.docx");
        SkillInboxTest.docx(sample, "We keep our sentences short. Revenue rose 12 percent.");
        Captured imported = run(() -> DocswarmCli.execute("skills", "import", sample.toString(), "--name", "acme",
                "--bucket", bucket.toString(), "--description", "Acme house style"));
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("as skill acme@1"), imported.out());
        assertTrue(Files.exists(bucket.resolve("skills/acme/v1/skill.json")));
        assertEquals(0, run(() -> DocswarmCli.execute("skills", "import", sample.toString(), "--name", "acme",
                "--bucket", bucket.toString())).code());

        Captured list = run(() -> DocswarmCli.execute("skills", "list", "--bucket", bucket.toString()));
        assertEquals(0, list.code());
        assertTrue(list.out().contains("acme") && list.out().contains("[1, 2]") && list.out().contains("built-in"), list.out());

        Captured show = run(() -> DocswarmCli.execute("skills", "show", "acme@1", "--bucket", bucket.toString()));
        assertEquals(0, show.code());
        assertTrue(show.out().startsWith("acme@1 (") && show.out().contains("Acme house style"), show.out());

        Path foreign = temp.resolve("foreign.docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(foreign)) {
            var run = doc.createParagraph().createRun();
            run.setFontFamily("Comic Sans MS");
            run.setText("Hello.");
            doc.write(out);
        }
        Captured check = run(() -> DocswarmCli.execute("skills", "check", foreign.toString(), "--skill", "acme",
                "--bucket", bucket.toString()));
        assertEquals(SkillsCommand.EXIT_NOT_CONFORMING, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("conformance") && check.out().contains("Comic Sans MS"), check.out());
    }

    @Test
    void aRefusedSampleIsOneLineAndANonZeroExit() throws Exception {
        Path bucket = Files.createDirectories(temp.resolve("bucket"));
        Path bad = Files.writeString(temp.resolve("bad.docx"), "garbage");
        Captured refused = run(() -> DocswarmCli.execute("skills", "import", bad.toString(), "--name", "bad",
                "--bucket", bucket.toString()));
        assertEquals(1, refused.code());
        assertEquals("docswarm: bad.docx: named .docx but is not an Office Open XML package (its content looks like "
                + "unknown data)", refused.err().strip());
        assertFalse(refused.err().contains("\tat "));
        assertFalse(Files.exists(bucket.resolve("skills/bad/v1")));
    }

    @Test
    void aRunImportsTheInboxFirst() throws Exception {
        Path bucket = Files.createDirectories(temp.resolve("bucket"));
        Files.createDirectories(bucket.resolve("jobs"));
        Path inbox = Files.createDirectories(bucket.resolve("skills-inbox"));
        SkillInboxTest.docx(inbox.resolve("house.docx"), "We write in the present tense.");
        Files.writeString(inbox.resolve("junk.pptx"), "junk");
        Captured ran = run(() -> DocswarmCli.execute("run", bucket.toString(), "--out", temp.resolve("out").toString(),
                "--parallelism", "1"));
        assertEquals(0, ran.code(), ran.out() + ran.err());
        assertTrue(ran.out().contains("skills-inbox: new skill house@1 from house.docx"), ran.out());
        assertTrue(ran.out().contains("skills-inbox: rejected junk.pptx: "), ran.out());
        assertTrue(Files.exists(bucket.resolve("skills/house/v1/template.docx")));
        String report = Files.readString(temp.resolve("out").resolve("index.html"));
        assertTrue(report.contains("id=\"skills-inbox\"") && report.contains("new Skill house@1")
                && report.contains("refused: junk.pptx"), "the run report lists the inbox outcomes");
    }
}
