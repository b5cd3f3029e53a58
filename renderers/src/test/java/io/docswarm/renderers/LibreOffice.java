package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens files with the real LibreOffice (headless) by converting them to PDF: a file LibreOffice cannot open
 * fails the conversion. On CI LibreOffice must be installed (.ci/run installs it); elsewhere tests skip.
 */
public final class LibreOffice {

    private LibreOffice() {
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/soffice")) || Files.isExecutable(Path.of("/usr/bin/libreoffice"));
    }

    /** Skips the calling test when LibreOffice is missing, except on CI where that is an error. */
    public static void assumeAvailable() {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available(), "LibreOffice must be installed on CI (.ci/run installs it)");
        }
        Assumptions.assumeTrue(available(), "LibreOffice (soffice) is not installed: skipping the open check");
    }

    /** Converts {@code file} to PDF in {@code outDir}; returns the PDF. Fails the test when conversion fails. */
    public static Path convertToPdf(Path file, Path outDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("lo-profile");
        Process process = new ProcessBuilder("soffice", "-env:UserInstallation=file://" + profile.toAbsolutePath(),
                "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir.toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "LibreOffice timed out on " + file);
        assertEquals(0, process.exitValue(), "LibreOffice failed on " + file + ": " + output);
        String name = file.getFileName().toString();
        Path pdf = outDir.resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
        assertTrue(Files.size(pdf) > 1000, "LibreOffice produced no usable PDF for " + file + ": " + output);
        return pdf;
    }
}
