package io.docswarm.agents.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.DataRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file over a limit is refused while it is read: the files here never end, and the loader must stop soon
 * after the limit instead of reading on (or running out of memory).
 */
class DataLimitsTest {

    @TempDir
    Path dir;

    /** A file that repeats {@code row} forever after {@code header}, counting the bytes it serves. */
    private record Endless(byte[] header, byte[] row, AtomicLong served) implements InputOpener {

        Endless(String header, String row) {
            this(header.getBytes(StandardCharsets.UTF_8), row.getBytes(StandardCharsets.UTF_8), new AtomicLong());
        }

        @Override
        public InputStream open(String location) {
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    byte b = position < header.length ? header[(int) position]
                            : row[(int) ((position - header.length) % row.length)];
                    position++;
                    served.incrementAndGet();
                    return b & 0xFF;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    for (int i = 0; i < length; i++) {
                        buffer[offset + i] = (byte) read();
                    }
                    return length;
                }
            };
        }
    }

    private static InputException refused(String file, InputOpener opener, DataLimits limits) {
        return assertThrows(InputException.class, () -> DataLoader.load(new DataRef("d", "/bucket/" + file, null),
                "data/" + file, opener, limits));
    }

    /** Nothing much past the limit was read: a reader's buffers, not the rest of the file. */
    private static void stoppedNear(long limitBytes, Endless file) {
        assertTrue(file.served().get() <= limitBytes + 1_000_000, file.served().get() + " bytes read");
    }

    @Test
    void aCsvFileOverFiftyMegabytesIsRefusedWhileItIsRead() {
        Endless file = new Endless("Region,Note\n", "North," + "x".repeat(993) + "\n"); // 1,000 bytes a row
        InputException e = refused("big.csv", file, DataLimits.DEFAULT);
        assertEquals("data/big.csv is larger than 50 MB, the most a data file may have", e.getMessage());
        assertEquals("path", e.specField());
        assertEquals("a data file of at most 50 MB", e.expected());
        stoppedNear(DataLimits.MAX_FILE_BYTES, file);
    }

    @Test
    void aCsvFileOverAMillionRowsIsRefusedAtTheFirstRowTooMany() {
        Endless file = new Endless("Region,Revenue\n", "N,1\n");
        InputException e = refused("tall.csv", file, DataLimits.DEFAULT);
        assertEquals("data/tall.csv has more than 1,000,000 rows below its header, the most a data file may have",
                e.getMessage());
        assertEquals("a data file of at most 1,000,000 rows", e.expected());
        stoppedNear(15 + 4L * (DataLimits.MAX_ROWS + 1), file);
    }

    @Test
    void aCsvFileOverFiveMillionCellsIsRefused() {
        String row = "1,".repeat(99) + "1\n"; // 100 cells a row: the 50,000th row is the last that fits
        Endless file = new Endless(row, row);
        InputException e = refused("wide.csv", file, DataLimits.DEFAULT);
        assertEquals("data/wide.csv has more than 5,000,000 cells, the most a data file may have", e.getMessage());
        assertEquals("a data file of at most 5,000,000 cells", e.expected());
        stoppedNear(200L * 50_001, file);
    }

    @Test
    void aWorkbookOverFiftyMegabytesIsRefusedBeforeItIsOpened() {
        Endless file = new Endless("PK", "\0");
        InputException e = refused("huge.xlsx", file, DataLimits.DEFAULT);
        assertEquals("data/huge.xlsx is larger than 50 MB, the most a data file may have", e.getMessage());
        stoppedNear(DataLimits.MAX_FILE_BYTES, file);
    }

    /**
     * About 500 characters that differ from one cell to the next yet pack about ten to one, as text does: far from
     * the hundred to one that POI refuses as a zip bomb.
     */
    private static String phrase(int seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString().repeat(10);
    }

    private Path workbook(String name, int rows, int columns, boolean text) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Data");
            for (int r = 0; r <= rows; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < columns; c++) {
                    if (r == 0) {
                        row.createCell(c).setCellValue("Column " + c);
                    } else if (text) {
                        row.createCell(c).setCellValue(phrase(r * columns + c));
                    } else {
                        row.createCell(c).setCellValue(r * c);
                    }
                }
            }
            book.write(out);
            Path path = dir.resolve(name);
            Files.write(path, out.toByteArray());
            return path;
        }
    }

    private static DataTable load(Path path, DataLimits limits) {
        return DataLoader.load(new DataRef("d", path.toString(), null), "data/" + path.getFileName(),
                InputOpener.LOCAL_FILES, limits);
    }

    @Test
    void aWorkbookSheetOverTheRowOrCellLimitIsRefused() throws IOException {
        Path sheet = workbook("sheet.xlsx", 20, 10, false);
        assertEquals(20, load(sheet, DataLimits.DEFAULT).rows().size());
        InputException rows = assertThrows(InputException.class,
                () -> load(sheet, new DataLimits(DataLimits.MAX_FILE_BYTES, 19, 1_000)));
        assertEquals("data/sheet.xlsx has more than 19 rows below its header, the most a data file may have",
                rows.getMessage());
        InputException cells = assertThrows(InputException.class,
                () -> load(sheet, new DataLimits(DataLimits.MAX_FILE_BYTES, 100, 200)));
        assertEquals("data/sheet.xlsx has more than 200 cells, the most a data file may have", cells.getMessage());
        assertEquals("path", cells.specField());
    }

    @Test
    void aWorkbookWhoseSheetUnpacksToMoreThanTenTimesTheFileLimitIsRefused() throws IOException {
        // 5,000 rows of 20 equal numbers: the sheet's XML packs far better than ten to one.
        Path dense = dir.resolve("dense.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); var out = Files.newOutputStream(dense)) {
            Sheet sheet = book.createSheet("Data");
            for (int r = 0; r < 5_000; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < 20; c++) {
                    row.createCell(c).setCellValue(1);
                }
            }
            book.write(out);
        }
        long size = Files.size(dense);
        InputException e = assertThrows(InputException.class,
                () -> load(dense, new DataLimits(size, 10_000, 1_000_000)));
        assertEquals("data/dense.xlsx has a sheet of more than " + InputFiles.megabytes(10 * size) + " once "
                + "unpacked, the most a data file may have", e.getMessage());
        assertEquals(4_999, load(dense, DataLimits.DEFAULT).rows().size());
    }

    @Test
    void aWorkbookWhoseCellTextUnpacksPastTheLimitIsRefused() throws IOException {
        // 2,000 different strings of 500 characters: some 1 MB of shared text in a file of about 100 KB.
        Path text = workbook("text.xlsx", 200, 10, true);
        assertTrue(Files.size(text) < 200_000, Files.size(text) + " bytes");
        InputException e = assertThrows(InputException.class,
                () -> load(text, new DataLimits(200_000, 1_000, 10_000)));
        assertEquals("data/text.xlsx holds more than 0.2 MB of cell text, the most a data file may have",
                e.getMessage());
        assertEquals(200, load(text, DataLimits.DEFAULT).rows().size());
    }
}
