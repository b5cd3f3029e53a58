package io.docswarm.agents.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.DataRef;
import io.docswarm.agents.job.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that cannot be loaded are named as the bucket names them, in plain words, with the spec field. */
class InputErrorsTest {

    @TempDir
    Path dir;

    private InputException source(String file, byte[] content) throws IOException {
        Path path = dir.resolve(file);
        Files.write(path, content);
        return assertThrows(InputException.class, () -> SourceLoader.load(new SourceRef(null, path.toString(), null),
                "sources/" + file, "sources/" + file, InputOpener.LOCAL_FILES));
    }

    private InputException data(String file, byte[] content, String sheet) throws IOException {
        Path path = dir.resolve(file);
        Files.write(path, content);
        return assertThrows(InputException.class, () -> DataLoader.load(new DataRef("d", path.toString(), sheet),
                "data/" + file, InputOpener.LOCAL_FILES));
    }

    private void noAbsolutePath(InputException e) {
        assertFalse(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void aSourceFileOverTheLimitIsRefusedWithItsSize() throws IOException {
        InputException e = source("big.md", "word ".repeat(480_000).getBytes());
        assertEquals("sources/big.md is 2.4 MB, more than the 1 MB a source may have", e.getMessage());
        assertEquals("path", e.specField());
        noAbsolutePath(e);
    }

    @Test
    void aSourceAtTheLimitIsRead() {
        SourceDocument doc = SourceLoader.load(new SourceRef("note", null, "x".repeat(SourceLoader.MAX_SOURCE_TEXT)),
                "note", InputOpener.LOCAL_FILES);
        assertEquals(1, doc.paragraphs().size());
        InputException e = assertThrows(InputException.class, () -> SourceLoader.load(new SourceRef("note", null,
                "x".repeat(SourceLoader.MAX_SOURCE_TEXT + 1)), "note", InputOpener.LOCAL_FILES));
        assertEquals("text", e.specField());
    }

    @Test
    void aBrokenPdfIsNamedInPlainWords() throws IOException {
        InputException e = source("binary.pdf", new byte[] {'%', 'P', 'D', 'F', 0, 1, 2, 3});
        assertTrue(e.getMessage().startsWith("sources/binary.pdf cannot be read as a PDF: it is damaged"),
                e.getMessage());
        noAbsolutePath(e);
    }

    @Test
    void aBrokenWordFileIsNamedInPlainWords() throws IOException {
        InputException e = source("notes.docx", "not a zip".getBytes());
        assertTrue(e.getMessage().startsWith("sources/notes.docx cannot be read as a Word file"), e.getMessage());
        noAbsolutePath(e);
    }

    @Test
    void aMissingFileSaysSoWithoutItsAbsolutePath() {
        InputException e = assertThrows(InputException.class, () -> SourceLoader.load(
                new SourceRef(null, dir.resolve("gone.md").toString(), null), "sources/gone.md", "sources/gone.md",
                InputOpener.LOCAL_FILES));
        assertEquals("sources/gone.md cannot be read: the file no longer exists", e.getMessage());
    }

    @Test
    void anUnclosedQuoteInACsvSaysWhere() throws IOException {
        InputException e = data("sales.csv", "Region,Revenue\n\"North,10\n".getBytes(), "");
        assertEquals("data/sales.csv is not a well-formed CSV file: a quoted cell that starts on line 2 is never "
                + "closed", e.getMessage());
        assertEquals("path", e.specField());
    }

    @Test
    void aMissingSheetNamesTheSheetField() throws IOException {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            book.createSheet("2026").createRow(0).createCell(0).setCellValue("Region");
            book.write(out);
            workbook = out.toByteArray();
        }
        InputException e = data("pricing.xlsx", workbook, "2025");
        assertEquals("data/pricing.xlsx has no sheet named '2025' (its sheets: '2026')", e.getMessage());
        assertEquals("sheet", e.specField());
        InputException broken = data("broken.xlsx", "nope".getBytes(), "");
        assertTrue(broken.getMessage().startsWith("data/broken.xlsx cannot be read as an Excel workbook"),
                broken.getMessage());
        noAbsolutePath(broken);
    }

    @Test
    void megabytesAreShownLikePeopleWriteThem() {
        assertEquals("1 MB", InputFiles.megabytes(1_000_000));
        assertEquals("2.4 MB", InputFiles.megabytes(2_400_000));
    }
}
