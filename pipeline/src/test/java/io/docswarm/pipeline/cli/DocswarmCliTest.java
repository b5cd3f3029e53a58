package io.docswarm.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

class DocswarmCliTest {

    @TempDir
    Path temp;

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString();
    }

    @Test
    void aMissingBucketIsOneClearLineAndExitCodeOne() {
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = DocswarmCli.execute("run", temp.resolve("nope").toString()));
        assertEquals(1, code[0]);
        assertTrue(err.startsWith("docswarm: bucket ") && err.contains("is not a folder"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void aBucketWithoutJobsFolderIsRefused() throws Exception {
        Files.createDirectories(temp.resolve("bucket"));
        String err = stderrOf(() -> assertEquals(1, DocswarmCli.execute("run", temp.resolve("bucket").toString())));
        assertTrue(err.contains("has no jobs/ folder"), err);
    }

    @Test
    void aRunWithARejectedSpecExitsThreeAndDeliversTheRest() throws Exception {
        Path bucket = Files.createDirectories(temp.resolve("bucket/jobs"));
        Files.writeString(bucket.resolve("good.json"), """
                {"id": "good", "title": "Good", "brief": "A short brief.", "deliverables": [{"format": "pdf"}],
                 "sources": [{"text": "Revenue grew in every region this quarter. Costs stayed flat.",
                              "title": "note"}]}""");
        Files.writeString(bucket.resolve("bad.json"), "{\"id\": \"bad\"");
        Path out = temp.resolve("out");
        int code = DocswarmCli.execute("run", temp.resolve("bucket").toString(), "--out", out.toString(),
                "--parallelism", "2");
        assertEquals(DocswarmCli.EXIT_SOME_FAILED, code);
        assertTrue(Files.size(out.resolve("good/good.pdf")) > 1000);
        assertTrue(Files.readString(out.resolve("_failed/jobs_bad.json.error.json")).contains("well-formed JSON"));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        String err = stderrOf(() -> assertEquals(1, DocswarmCli.execute("run", "samples", "--runner", "spark")));
        assertTrue(err.contains("--runner"), err);
        String unknown = stderrOf(() -> assertEquals(1, DocswarmCli.execute("run", "samples", "--paralelism", "2")));
        assertTrue(unknown.startsWith("docswarm: Unknown option") && unknown.contains("'--paralelism'"), unknown);
        assertTrue(unknown.contains("--help"), unknown);
    }

    @Test
    void aMissingBucketArgumentIsAUsageError() {
        String err = stderrOf(() -> assertEquals(1, DocswarmCli.execute("run")));
        assertTrue(err.contains("Missing required parameter: 'BUCKET'"), err);
    }

    @Test
    void senselessNumbersAreRefusedNamingTheOption() throws Exception {
        Files.createDirectories(temp.resolve("bucket/jobs"));
        String bucket = temp.resolve("bucket").toString();
        String parallelism = stderrOf(() -> assertEquals(1, DocswarmCli.execute("run", bucket, "--parallelism",
                "-1")));
        assertEquals("docswarm: --parallelism must be at least 1, found -1", parallelism.strip());
        String agents = stderrOf(() -> assertEquals(1, DocswarmCli.execute("run", bucket, "--max-agents", "0")));
        assertEquals("docswarm: --max-agents must be at least 1, found 0", agents.strip());
        assertFalse(agents.contains("SwarmBudget["), agents);
    }

    @Test
    void loggingReachesARealBackend() {
        assertFalse(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory, "SLF4J must not be a no-op");
        String context = org.apache.logging.log4j.LogManager.getContext(false).getClass().getName();
        assertTrue(context.contains("slf4j"), "POI's Log4j API calls go to SLF4J, was " + context);
    }
}
