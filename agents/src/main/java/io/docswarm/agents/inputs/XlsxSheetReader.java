package io.docswarm.agents.inputs;

import io.docswarm.agents.job.DataRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.WorkbookDocument;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads one sheet of an .xlsx file as rows of cell text, streaming: the file is copied to a temporary file (up to
 * the byte limit) so that the package is read from disk, not memory, and the sheet is parsed row by row, so a sheet
 * over the row or cell limit stops at its first row too many. What the sheet and its shared strings unpack to is
 * bounded too (see {@link DataLimits}), beside POI's own refusal of zip bombs. Cells read as the CSV path reads them: numbers in
 * full precision, date-formatted numbers as ISO dates, percentage-formatted numbers with a percent sign (so the
 * column is known to hold percentages), formulas by their cached result, errors such as {@code #N/A} as written.
 */
final class XlsxSheetReader {

    private final DataRef ref;
    private final String origin;
    private final DataLimits limits;

    XlsxSheetReader(DataRef ref, String origin, DataLimits limits) {
        this.ref = ref;
        this.origin = origin;
        this.limits = limits;
    }

    List<List<String>> read(InputOpener opener) throws IOException {
        Path copy = Files.createTempFile("docswarm-data-", ".xlsx");
        try {
            try (InputStream in = InputFiles.atMost(opener.open(ref.path()), limits.maxBytes(),
                    () -> limits.tooManyBytes(origin)); OutputStream out = Files.newOutputStream(copy)) {
                in.transferTo(out);
            }
            return readCopy(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private List<List<String>> readCopy(Path copy) {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(copy.toFile(), PackageAccess.READ);
        } catch (Exception e) {
            throw unreadable(e);
        }
        try {
            XSSFReader reader = new XSSFReader(pkg);
            RowCollector rows = new RowCollector(new ReadBudget(origin, limits));
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), sharedStrings(pkg), rows,
                    new RawValues(date1904(reader)), false));
            try (InputStream sheet = sheet(reader); InputStream in = InputFiles.atMost(sheet,
                    limits.maxSheetBytes(), () -> limits.tooLargeSheet(origin))) {
                parser.parse(new InputSource(in));
            }
            return rows.rows;
        } catch (InputException e) {
            throw e;
        } catch (SAXException e) {
            if (e.getCause() instanceof InputException limit) {
                throw limit;
            }
            throw unreadable(e);
        } catch (Exception e) {
            throw unreadable(e);
        } finally {
            pkg.revert();
        }
    }

    private InputException unreadable(Exception e) {
        return new InputException(origin + " cannot be read as an Excel workbook: it is damaged or not a .xlsx ("
                + InputFiles.detail(e, ref.path(), origin) + ")", "path", "a readable Excel (.xlsx) file", e);
    }

    /** The sheet the spec names, else the first. */
    private InputStream sheet(XSSFReader reader) throws Exception {
        boolean named = ref.sheet() != null && !ref.sheet().isBlank();
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        List<String> names = new ArrayList<>();
        while (sheets.hasNext()) {
            InputStream sheet = sheets.next();
            if (!named || sheets.getSheetName().equalsIgnoreCase(ref.sheet())) { // as Excel names sheets
                return sheet;
            }
            sheet.close();
            names.add("'" + sheets.getSheetName() + "'");
        }
        if (!named) {
            throw new InputException(origin + ": the workbook has no sheet");
        }
        throw new InputException(origin + " has no sheet named '" + ref.sheet() + "' (its sheets: "
                + String.join(", ", names) + ")", "sheet", "a sheet of " + origin, null);
    }

    /** The text cells share, read through the byte limit: a few kilobytes can unpack to gigabytes of strings. */
    private ReadOnlySharedStringsTable sharedStrings(OPCPackage pkg) throws Exception {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(pkg, false);
        }
        try (InputStream in = InputFiles.atMost(parts.getFirst().getInputStream(), limits.maxBytes(),
                () -> limits.tooMuchSharedText(origin))) {
            return new ReadOnlySharedStringsTable(in, false);
        }
    }

    /** Whether the workbook counts dates from 1904 (old Mac workbooks) instead of 1900. */
    private static boolean date1904(XSSFReader reader) throws Exception {
        try (InputStream in = reader.getWorkbookData()) {
            var workbook = WorkbookDocument.Factory.parse(in).getWorkbook();
            return workbook.isSetWorkbookPr() && workbook.getWorkbookPr().getDate1904();
        }
    }

    /** Collects each row's cells by column, counting them against the limits as they come. */
    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final ReadBudget budget;
        private final List<List<String>> rows = new ArrayList<>();
        private List<String> row;

        RowCollector(ReadBudget budget) {
            this.budget = budget;
        }

        @Override
        public void startRow(int rowNum) {
            row = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            budget.row(row.size());
            rows.add(row);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? row.size() : new CellReference(reference).getCol();
            while (row.size() < column) {
                row.add("");
            }
            // The handler writes a cached error as "ERROR:#N/A"; the file shows "#N/A", a missing-value marker.
            String text = value == null ? "" : value.startsWith("ERROR:") ? value.substring(6) : value;
            row.add(text.strip());
        }
    }

    /** Numbers as the loader parses them, whatever format the workbook shows them in. */
    private static final class RawValues extends DataFormatter {
        private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

        private final boolean date1904;
        /** Whether each number format shows a percentage; a workbook has a few formats and millions of cells. */
        private final Map<String, Boolean> percentFormats = new HashMap<>();

        RawValues(boolean date1904) {
            super(Locale.ROOT);
            this.date1904 = date1904;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
            }
            if (formatString != null && percentFormats.computeIfAbsent(formatString,
                    format -> QUOTED.matcher(format).replaceAll("").contains("%"))) {
                // Shifted in decimal, so 0.031 reads back as exactly the double it was.
                return BigDecimal.valueOf(value).movePointRight(2).toPlainString() + "%";
            }
            return Double.toString(value);
        }
    }
}
