package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ReproducibleZipTest {

    private static byte[] zipWrittenAt(long millis) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new String[] {"[Content_Types].xml", "word/document.xml"}) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(millis);
                zip.putNextEntry(entry);
                zip.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void packagesWrittenAtDifferentTimesBecomeIdentical() throws IOException {
        Instant stamp = Instant.parse("2026-04-01T09:00:00Z");
        byte[] early = zipWrittenAt(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());
        byte[] late = zipWrittenAt(Instant.parse("2025-06-30T12:34:56Z").toEpochMilli());
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReproducibleZip.normalize(early, stamp, a);
        ReproducibleZip.normalize(late, stamp, b);
        assertArrayEquals(a.toByteArray(), b.toByteArray());
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(a.toByteArray()))) {
            ZipEntry first = in.getNextEntry();
            assertEquals("[Content_Types].xml", first.getName(), "entry order kept");
            assertEquals("content of [Content_Types].xml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
