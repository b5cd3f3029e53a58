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

    /** Writes the package produced by {@code writer} to {@code out} with all entry times set to {@code time}. */
    public static void write(PackageWriter writer, Instant time, OutputStream out) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writer.write(buffer);
        normalize(buffer.toByteArray(), time, out);
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
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(time.toEpochMilli());
                zipOut.putNextEntry(copy);
                if (isEmbeddedPackage(entry.getName())) {
                    // Charts embed their data as a workbook, itself a ZIP package with its own entry times.
                    ByteArrayOutputStream nested = new ByteArrayOutputStream();
                    normalize(in.readAllBytes(), time, nested);
                    nested.writeTo(zipOut);
                } else {
                    in.transferTo(zipOut);
                }
                zipOut.closeEntry();
            }
        }
        zipOut.finish();
        zipOut.flush();
    }
}
