package io.docswarm.skills.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and hostile samples are refused with one line naming the file and the problem; nothing is stored. */
class HostileSamplesTest {

    @TempDir
    Path dir;

    private byte[] docx() throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Hello");
            doc.write(out);
            return out.toByteArray();
        }
    }

    private String refusal(Path file, ImportLimits limits) {
        SampleRefusedException e = assertThrows(SampleRefusedException.class,
                () -> new SkillImporter(limits).importSample(file, "hostile", null, null, dir.resolve("skills")));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.getFileName() + ": "), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(Files.exists(dir.resolve("skills/hostile/v1")), "nothing stored for a refused sample");
        return message;
    }

    private String refusal(Path file) {
        return refusal(file, ImportLimits.DEFAULT);
    }

    @Test
    void encryptedDocumentsAreRefused() throws Exception {
        Path file = dir.resolve("secret.docx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("s3cret");
            try (OutputStream out = encryptor.getDataStream(fs)) {
                out.write(docx());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                fs.writeFilesystem(out);
            }
        }
        assertTrue(refusal(file).contains("encrypted (password protected)"));
    }

    @Test
    void corruptTruncatedAndEmptyFilesAreRefused() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.pptx"), "this is not a presentation".repeat(50).getBytes());
        assertTrue(refusal(garbage).contains("not an Office Open XML package"));
        byte[] whole = docx();
        Path truncated = Files.write(dir.resolve("truncated.docx"), Arrays.copyOf(whole, whole.length / 2));
        assertTrue(refusal(truncated).contains("corrupt or truncated"), refusal(truncated));
        Path empty = Files.write(dir.resolve("empty.xlsx"), new byte[0]);
        assertTrue(refusal(empty).contains("empty"));
        Path badPdf = Files.writeString(dir.resolve("bad.pdf"), "%PDF-1.7\n% nothing else here\n");
        assertTrue(refusal(badPdf).contains("bad.pdf: "));
    }

    @Test
    void aZipBombIsRefused() throws Exception {
        // A valid document whose main part is padded with 40 MB of whitespace: it compresses about 1000:1.
        Path file = dir.resolve("bomb.docx");
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(docx()));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(in.readAllBytes());
                if (entry.getName().equals("word/document.xml")) {
                    byte[] spaces = new byte[1 << 20];
                    Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 40; i++) {
                        out.write(spaces);
                    }
                }
                out.closeEntry();
            }
        }
        assertTrue(Files.size(file) < 1 << 20, "the bomb is small on disk");
        assertTrue(refusal(file).contains("zip bomb"), refusal(file));
    }

    @Test
    void wrongExtensionsAreRefused() throws Exception {
        Path workbook = dir.resolve("sheet-named.docx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
            wb.createSheet("Data").createRow(0).createCell(0).setCellValue("x");
            wb.write(out);
        }
        assertTrue(refusal(workbook).contains("named .docx but is a .xlsx document"), refusal(workbook));
        Path pdfNamedPptx = Files.writeString(dir.resolve("deck.pptx"), "%PDF-1.4\n");
        assertTrue(refusal(pdfNamedPptx).contains("its content looks like a PDF"));
        Path docxNamedPdf = Files.write(dir.resolve("report.pdf"), docx());
        assertTrue(refusal(docxNamedPdf).contains("named .pdf but is not a PDF"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertTrue(refusal(text).contains("unsupported file type"));
    }

    @Test
    void absurdlyLargeAndSlowSamplesAreRefused() throws Exception {
        Path file = Files.write(dir.resolve("big.docx"), docx());
        assertTrue(refusal(file, ImportLimits.DEFAULT.withMaxFileBytes(1000)).contains("too large"));
        assertTrue(refusal(file, ImportLimits.DEFAULT.withTimeout(Duration.ofNanos(1))).contains("took longer than"));
    }

    @Test
    void badNamesAreRefusedBeforeReading() throws Exception {
        Path file = Files.write(dir.resolve("ok.docx"), docx());
        SampleRefusedException e = assertThrows(SampleRefusedException.class,
                () -> new SkillImporter().importSample(file, "Bad Name", null, null, dir.resolve("skills")));
        assertTrue(e.getMessage().contains("invalid Skill name"), e.getMessage());
    }

    @Test
    void reimportCreatesTheNextVersionAtomically() throws Exception {
        Path file = Files.write(dir.resolve("plain.docx"), docx());
        Path library = dir.resolve("lib");
        var first = new SkillImporter().importSample(file, "plain", "first", null, library);
        var second = new SkillImporter().importSample(file, "plain", "second", null, library);
        assertEquals(1, first.skill().version());
        assertEquals(2, second.skill().version());
        assertEquals(library.resolve("plain/v2"), second.folder());
        var resolved = new io.docswarm.skills.SkillLibrary(library).resolve("plain");
        assertEquals("second", resolved.description());
        assertEquals("first", new io.docswarm.skills.SkillLibrary(library).resolve("plain@1").description());
        try (var names = Files.list(library.resolve("plain"))) {
            assertEquals(java.util.List.of("v1", "v2"), names.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary folders left behind");
        }
    }
}
