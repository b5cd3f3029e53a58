package io.docswarm.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads pages in the real headless Chromium (Debian's package) and returns the DOM after scripts ran. On CI
 * Chromium must be installed (bin/test installs it); elsewhere tests skip.
 */
public final class Chromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    public static void assumeAvailable() {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isExecutable(BINARY), "Chromium must be installed on CI (bin/test installs it)");
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "Chromium is not installed: skipping the page check");
    }

    /** The page's DOM after load, as Chromium serialises it; fails the test when Chromium fails. */
    public static String dumpDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        // Flags keep Chromium off the network (this machine has none) and out of first-run work.
        List<String> command = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "Chromium timed out on " + page);
        assertEquals(0, process.exitValue(), "Chromium failed on " + page);
        deleteTree(profile);
        return dom;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
