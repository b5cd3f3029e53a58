package io.docswarm.agents.inputs;

import java.io.Serializable;
import java.util.Locale;

/**
 * How big a data file may be. A table is held in memory while a job is drafted and is written whole into the
 * workbook's data sheet, so a file is refused while it is read, at the first byte, row or cell over a limit, and
 * never loaded whole.
 *
 * @param maxBytes the most bytes a CSV or .xlsx file may have; for a workbook, also the most bytes of text its cells
 *                 share (its shared-strings part, once unpacked), and a tenth of what the sheet read may unpack to
 * @param maxRows  the most rows below the header
 * @param maxCells the most cells, the header's included
 */
public record DataLimits(long maxBytes, int maxRows, long maxCells) implements Serializable {

    /** 50 MB, like a Word or PDF source. */
    public static final long MAX_FILE_BYTES = 50_000_000;
    /** Below the 1,048,576 rows of an Excel sheet, which the workbook's data sheet repeats with its own header. */
    public static final int MAX_ROWS = 1_000_000;
    /** About 250 MB of memory once typed: a million rows of five columns, or 100,000 rows of fifty. */
    public static final long MAX_CELLS = 5_000_000;

    /** The limits every job's data files are held to. */
    public static final DataLimits DEFAULT = new DataLimits(MAX_FILE_BYTES, MAX_ROWS, MAX_CELLS);

    public DataLimits {
        if (maxBytes < 1 || maxRows < 1 || maxCells < 1) {
            throw new IllegalArgumentException("data limits must be positive, were " + maxBytes + " bytes, "
                    + maxRows + " rows, " + maxCells + " cells");
        }
    }

    /**
     * The most bytes the sheet read may unpack to. The row and cell limits stop an ordinary sheet long before (a
     * million rows of five numbers is some 250 MB of XML); this stops one whose few cells hold gigabytes of text.
     */
    public long maxSheetBytes() {
        return 10 * maxBytes;
    }

    InputException tooLargeSheet(String origin) {
        return tooBig(origin + " has a sheet of more than " + InputFiles.megabytes(maxSheetBytes()) + " once unpacked, "
                + "the most a data file may have", InputFiles.megabytes(maxSheetBytes()) + " of sheet once unpacked");
    }

    InputException tooManyBytes(String origin) {
        return tooBig(origin + " is larger than " + InputFiles.megabytes(maxBytes) + ", the most a data file may have",
                InputFiles.megabytes(maxBytes));
    }

    InputException tooMuchSharedText(String origin) {
        return tooBig(origin + " holds more than " + InputFiles.megabytes(maxBytes) + " of cell text, the most a data "
                + "file may have", InputFiles.megabytes(maxBytes) + " of cell text");
    }

    InputException tooManyRows(String origin) {
        return tooBig(origin + " has more than " + count(maxRows) + " rows below its header, the most a data file may "
                + "have", count(maxRows) + " rows");
    }

    InputException tooManyCells(String origin) {
        return tooBig(origin + " has more than " + count(maxCells) + " cells, the most a data file may have",
                count(maxCells) + " cells");
    }

    private static InputException tooBig(String message, String limit) {
        return new InputException(message, "path", "a data file of at most " + limit, null);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
