package io.docswarm.renderers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Office files are ZIP packages whose entries carry the time they were written, so the same document rendered
 * twice would differ byte for byte. This rewrites a package with every entry stamped with the document's own
 * timestamp, which makes output reproducible: re-runs and different runners produce identical files.
 */
public final class ReproducibleZip {

    private ReproducibleZip() {
    }

    /** A writer of a whole package, e.g. {@code workbook::write}. */
    public interface PackageWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes the package produced by {@code writer} to {@code out} with all entry times set to {@code time}. The
     * package goes through a temporary file, not memory, so streamed workbooks of any size stay in bounded memory;
     * it is read back through its central directory, which every writer (POI's streaming one included) gets right.
     */
    public static void write(PackageWriter writer, Instant time, OutputStream out) throws IOException {
        java.nio.file.Path temp = java.nio.file.Files.createTempFile("docswarm-package", ".zip");
        try {
            try (OutputStream file = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(temp))) {
                writer.write(file);
            }
            ZipOutputStream zipOut = new ZipOutputStream(out);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(temp.toFile())) {
                for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    try (var in = zip.getInputStream(entry)) {
                        copyEntry(entry.getName(), in, time, zipOut);
                    }
                }
            }
            zipOut.finish();
            zipOut.flush();
        } finally {
            java.nio.file.Files.deleteIfExists(temp);
        }
    }

    private static void copyEntry(String name, java.io.InputStream in, Instant time, ZipOutputStream zipOut)
            throws IOException {
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(time.toEpochMilli());
        zipOut.putNextEntry(copy);
        if (isEmbeddedPackage(name)) {
            // Charts embed their data as a workbook, itself a ZIP package with its own entry times.
            ByteArrayOutputStream nested = new ByteArrayOutputStream();
            normalize(in.readAllBytes(), time, nested);
            nested.writeTo(zipOut);
        } else {
            in.transferTo(zipOut);
        }
        zipOut.closeEntry();
    }

    private static boolean isEmbeddedPackage(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("embeddings/") && (lower.endsWith(".xlsx") || lower.endsWith(".docx")
                || lower.endsWith(".pptx"));
    }

    static void normalize(byte[] zip, Instant time, OutputStream out) throws IOException {
        ZipOutputStream zipOut = new ZipOutputStream(out);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                copyEntry(entry.getName(), in, time, zipOut);
            }
        }
        zipOut.finish();
        zipOut.flush();
    }
}
