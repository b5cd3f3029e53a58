package io.docswarm.skills.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * LibreOffice headless as a third-party producer of samples: tests write flat OpenDocument files and let
 * LibreOffice convert them to .docx, .pptx, .xlsx or .pdf, so import is tested on files POI did not write.
 * (The renderers module has its own helper; skills cannot depend on renderers.)
 */
final class Soffice {

    private Soffice() {
    }

    static void assumeAvailable() {
        boolean available = Files.isExecutable(Path.of("/usr/bin/soffice"))
                || Files.isExecutable(Path.of("/usr/bin/libreoffice"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "LibreOffice must be installed on CI (.ci/run installs it)");
        }
        Assumptions.assumeTrue(available, "LibreOffice (soffice) is not installed");
    }

    /** Converts {@code source} to {@code filter} (e.g. {@code docx}, {@code pdf}) in {@code outDir}. */
    static Path convert(Path source, String filter, Path outDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("lo-profile");
        Process process = new ProcessBuilder("soffice", "-env:UserInstallation=file://" + profile.toAbsolutePath(),
                "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "LibreOffice timed out on " + source);
        assertEquals(0, process.exitValue(), "LibreOffice failed on " + source + ": " + output);
        String name = source.getFileName().toString();
        String ext = filter.contains(":") ? filter.substring(0, filter.indexOf(':')) : filter;
        Path result = outDir.resolve(name.substring(0, name.lastIndexOf('.')) + "." + ext);
        assertTrue(Files.isRegularFile(result), "LibreOffice wrote no " + result + ": " + output);
        return result;
    }
}
