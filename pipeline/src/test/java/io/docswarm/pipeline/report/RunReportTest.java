package io.docswarm.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.output.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's status on the run report agrees with the dead-letter folder, as the CLI's count and exit code do. */
class RunReportTest {

    @TempDir
    Path out;

    private static Manifest manifest(String jobId, List<Manifest.FileEntry> files, List<String> warnings) {
        return new Manifest(jobId, "jobs/" + jobId + ".json", "hash", "grounded", files, Map.of("render", 3L),
                warnings);
    }

    private static final Manifest.FileEntry DOCX = new Manifest.FileEntry("a.docx", "docx", 2048, "ab".repeat(32),
            "brief@1", 2, "cd".repeat(32));

    @Test
    void aJobWithADeadLetterIsNeverShownAsDelivered() {
        Manifest partly = manifest("partly", List.of(DOCX), List.of("a.pdf: rendering failed: boom"));
        FailureReport render = new FailureReport("jobs/partly.json", "render",
                "jobs/partly.json: 1 of 2 deliverable(s) failed to render: a.pdf: rendering failed: boom", List.of());
        assertEquals("partially-delivered", RunReport.status(partly, render));
        assertEquals("failed", RunReport.status(manifest("none", List.of(), List.of()), render));
        // An earlier run's outputs, but this run failed the spec before rendering: failed.
        assertEquals("failed", RunReport.status(partly, new FailureReport("jobs/partly.json", "prepare", "x",
                List.of())));
        assertEquals("delivered-with-warnings", RunReport.status(partly, null));
        assertEquals("delivered", RunReport.status(manifest("ok", List.of(DOCX), List.of()), null));

        String html = RunReport.render(out.toString(), "report", List.of(partly), List.of(render), List.of());
        assertTrue(html.contains("1 job(s) with outputs, 1 rejected or failed spec(s)"), html);
        assertTrue(html.contains("<article class=\"job partially-delivered\" id=\"job-partly\">"), html);
        assertTrue(html.contains("<span class=\"status\">partially delivered</span>"), html);
        assertTrue(html.contains("render failed: jobs/partly.json: 1 of 2 deliverable(s) failed to render"), html);
    }
}
