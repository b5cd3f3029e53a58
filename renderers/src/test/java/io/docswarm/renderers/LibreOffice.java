package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Every sheet of a workbook as LibreOffice computes it: the file is opened with formulas recalculated on load
     * (a profile whose {@code OOXMLRecalcMode} is "always"; LibreOffice's default trusts the cached results, which
     * would hide a wrong formula) and each sheet exported as CSV of raw values. Keys are the sheet names.
     */
    public static Map<String, List<List<String>>> recalculatedSheets(Path workbook, Path outDir)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("lo-profile");
        Files.createDirectories(profile.resolve("user"));
        Files.writeString(profile.resolve("user/registrymodifications.xcu"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <oor:items xmlns:oor="http://openoffice.org/2001/registry"
                    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
                    oor:op="fuse"><value>0</value></prop></item>
                </oor:items>
                """);
        // Comma-separated, UTF-8, raw values (not as formatted), every sheet to its own file (the last token, -1).
        Process process = new ProcessBuilder("soffice", "-env:UserInstallation=file://" + profile.toAbsolutePath(),
                "--headless", "--norestore", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir",
                outDir.toString(), workbook.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "LibreOffice timed out on " + workbook);
        assertEquals(0, process.exitValue(), "LibreOffice failed on " + workbook + ": " + output);
        String base = workbook.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        try (var files = Files.list(outDir)) {
            for (Path csv : files.filter(f -> f.getFileName().toString().startsWith(base + "-")).sorted().toList()) {
                String name = csv.getFileName().toString();
                List<List<String>> rows = new ArrayList<>();
                for (String line : Files.readAllLines(csv)) {
                    rows.add(List.of(line.replace("\"", "").split(",", -1)));
                }
                sheets.put(name.substring(base.length() + 1, name.length() - ".csv".length()), rows);
            }
        }
        assertTrue(!sheets.isEmpty(), "LibreOffice wrote no CSV for " + workbook + ": " + output);
        return sheets;
    }
}
