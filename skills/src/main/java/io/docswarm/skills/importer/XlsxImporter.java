package io.docswarm.skills.importer;

import io.docswarm.skills.Logic;
import io.docswarm.skills.Logo;
import io.docswarm.skills.Look;
import io.docswarm.skills.PageSetup;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillKind;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.Structure;
import io.docswarm.skills.TableStyle;
import io.docswarm.skills.TextStyle;
import io.docswarm.skills.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFConditionalFormatting;
import org.apache.poi.xssf.usermodel.XSSFConditionalFormattingRule;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFPicture;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Excel samples: fonts, header style, sheets and header rows, number formats, formulas, conditional formats. */
final class XlsxImporter implements FormatImporter {

    private static final int HEADER_SCAN_ROWS = 20;

    @Override
    public Extraction extract(Sample sample) throws IOException {
        ImportReport report = new ImportReport();
        byte[] bytes = Files.readAllBytes(sample.file());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Skill defaults = SkillLibrary.builtIn("workbook").orElseThrow();
            Theme theme = null;
            if (wb.getStylesSource().getTheme() != null) {
                try (InputStream in = wb.getStylesSource().getTheme().getPackagePart().getInputStream()) {
                    theme = ThemeReader.read(in);
                }
                report.extracted("theme '" + theme.name() + "': " + theme.colors().size() + " colours, fonts "
                        + theme.majorFont() + " / " + theme.minorFont());
            }
            Map<String, String> themeColors = theme == null ? Map.of() : theme.colors();
            XSSFFont defaultFont = wb.getFontAt(0);
            String bodyFont = nonBlank(defaultFont.getFontName(), defaults.look().bodyFont());
            double bodySize = defaultFont.getFontHeightInPoints() > 0 ? defaultFont.getFontHeightInPoints() : 11;
            String textColor = nonBlank(color(defaultFont.getXSSFColor()), themeColors.getOrDefault("dk1", "000000"));

            List<Structure.SheetOutline> sheets = new ArrayList<>();
            Map<String, Map<String, Integer>> formatsByKind = new LinkedHashMap<>();
            FormulaPatterns formulas = new FormulaPatterns();
            List<Logic.ConditionalFormat> conditional = new ArrayList<>();
            VoiceMeter meter = new VoiceMeter();
            HeaderStyle header = null;
            TableStyle tableStyle = null;
            double titleSize = 0;
            int formulaCells = 0;
            int charts = 0;
            int pivots = 0;
            Map<String, byte[]> files = new LinkedHashMap<>();
            List<Logo> logos = new ArrayList<>();
            Map<XSSFSheet, Integer> headerRows = new HashMap<>();
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                XSSFSheet sheet = wb.getSheetAt(s);
                int headerRow = findHeaderRow(sheet);
                headerRows.put(sheet, headerRow);
                List<String> headers = new ArrayList<>();
                List<String> kinds = new ArrayList<>();
                if (headerRow >= 0) {
                    XSSFRow row = sheet.getRow(headerRow);
                    for (int c = 0; c < row.getLastCellNum() && c < 200; c++) {
                        Cell cell = row.getCell(c);
                        headers.add(cell == null ? "" : new DataFormatter().formatCellValue(cell).strip());
                        kinds.add(columnKind(sheet, headerRow, c, sample.limits().maxRows(), formatsByKind));
                        if (header == null && cell != null && !headers.getLast().isEmpty()) {
                            header = headerStyle((XSSFCellStyle) cell.getCellStyle(), wb);
                        }
                    }
                }
                for (int r = 0; r < Math.max(headerRow, 0); r++) {
                    XSSFRow row = sheet.getRow(r);
                    if (row != null) {
                        for (Cell cell : row) {
                            XSSFFont f = ((XSSFCellStyle) cell.getCellStyle()).getFont();
                            if (cell.getCellType() == CellType.STRING) {
                                titleSize = Math.max(titleSize, f.getFontHeightInPoints());
                            }
                        }
                    }
                }
                int lastRow = Math.min(sheet.getLastRowNum(), sample.limits().maxRows());
                for (int r = 0; r <= lastRow; r++) {
                    XSSFRow row = sheet.getRow(r);
                    if (row == null) {
                        continue;
                    }
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.FORMULA && formulaCells < sample.limits().maxFormulaCells()) {
                            formulaCells++;
                            formulas.add(sheet.getSheetName(), r, cell.getColumnIndex(), cell.getCellFormula());
                        } else if (cell.getCellType() == CellType.STRING && VoiceMeter.words(cell.getStringCellValue()) >= 6) {
                            meter.paragraph(cell.getStringCellValue());
                        }
                    }
                }
                if (sheet.getLastRowNum() > sample.limits().maxRows()) {
                    report.notKept("rows after " + sample.limits().maxRows() + " of sheet '" + sheet.getSheetName()
                            + "' in the analysis", "import limit; column kinds and formulas come from the first rows");
                }
                conditionalFormats(sheet, conditional);
                if (tableStyle == null && !sheet.getTables().isEmpty()) {
                    var t = sheet.getTables().getFirst();
                    tableStyle = new TableStyle(t.getStyleName(), header == null ? null : header.fill,
                            header == null ? null : header.text, null, null);
                }
                XSSFDrawing drawing = sheet.getDrawingPatriarch();
                if (drawing != null) {
                    charts += drawing.getCharts().size();
                    for (var shape : drawing.getShapes()) {
                        if (shape instanceof XSSFPicture picture && picture.getPictureData() != null) {
                            var data = picture.getPictureData();
                            String file = "logo-" + (logos.size() + 1) + "." + data.suggestFileExtension();
                            files.put(file, data.getData());
                            var size = picture.getImageDimension();
                            logos.add(new Logo(file, data.getMimeType(), "sheet", size == null ? 0 : size.getWidth() * 0.75,
                                    size == null ? 0 : size.getHeight() * 0.75));
                        }
                    }
                }
                pivots += sheet.getPivotTables().size();
                sheets.add(new Structure.SheetOutline(sheet.getSheetName(), headerRow + 1, headers, kinds));
                report.extracted("sheet '" + sheet.getSheetName() + "': " + (headerRow < 0 ? "no header row"
                        : "header row " + (headerRow + 1) + " " + headers + ", column kinds " + kinds));
            }
            if (tableStyle == null && header != null) {
                tableStyle = new TableStyle("", header.fill, header.text, null, header.border);
            }
            List<Logic.NumberFormat> numberFormats = new ArrayList<>();
            // Every format a kind of column uses, most used first: a sample may format counts "#,##0" and years
            // "0", and a deliverable following it may use either (formatFor(kind) gives the most used).
            formatsByKind.forEach((kind, formats) -> formats.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> numberFormats.add(new Logic.NumberFormat(kind, e.getKey(), e.getValue()))));
            Logic logic = new Logic(numberFormats, formulas.top(20), conditional);
            report.extracted("number formats by column kind: " + numberFormats.stream()
                    .map(f -> f.columnKind() + " '" + f.format() + "' (" + f.columns() + " columns)").toList());
            report.extracted("formulas: " + formulaCells + " cells, " + formulas.distinct() + " patterns; top: "
                    + logic.formulas().stream().limit(5).map(f -> f.kind() + " " + f.pattern() + " x" + f.count()).toList());
            if (formulas.distinct() > 20) {
                report.notKept((formulas.distinct() - 20) + " rarer formula patterns", "the Skill keeps the 20 most used");
            }
            report.extracted("conditional formats: " + conditional.stream()
                    .map(c -> c.sheet() + "!" + c.range() + " " + c.type() + " " + c.rule()).toList());

            String primary = header != null && header.fill != null && !Colors.neutral(header.fill) ? header.fill
                    : themeColors.getOrDefault("accent1", defaults.look().primaryColor());
            List<String> accents = Colors.accents(themeColors);
            String accent = accents.stream().filter(a -> !a.equals(primary)).findFirst().orElse(defaults.look().accentColor());
            String headingFont = header != null ? header.font : bodyFont;
            double headerSize = header != null ? header.size : bodySize;
            if (titleSize <= headerSize) {
                titleSize = Math.max(headerSize + 4, 14);
                report.assumed("title size " + titleSize + " pt (no title row above the headers)");
            }
            PageSetup page = page(wb.getNumberOfSheets() > 0 ? wb.getSheetAt(0) : null, report);
            String[] hf = headerFooter(wb.getNumberOfSheets() > 0 ? wb.getSheetAt(0) : null);
            List<TextStyle> styles = new ArrayList<>();
            styles.add(new TextStyle("body", "Normal (default font)", bodyFont, bodySize, false, false, textColor, 0, 0));
            if (header != null) {
                styles.add(new TextStyle("table", "header row", header.font, header.size, header.bold, false,
                        nonBlank(header.text, ""), 0, 0));
            }
            Look look = new Look(headingFont, bodyFont, bodySize, titleSize, List.of(headerSize, bodySize, bodySize),
                    primary, accent, textColor, accents.isEmpty() ? defaults.look().chartPalette() : accents, page,
                    hf[0], hf[1], false, theme, styles, tableStyle, logos);
            report.extracted(String.format(Locale.ROOT, "fonts: body %s %.1f pt, header %s %.1f pt%s; colours: "
                            + "primary %s (header fill or theme accent 1), accent %s, text %s", bodyFont, bodySize,
                    headingFont, headerSize, header != null && header.bold ? " bold" : "", primary, accent, textColor));
            report.extracted("header: " + (hf[0].isEmpty() ? "(none)" : "'" + hf[0] + "'") + "; footer: "
                    + (hf[1].isEmpty() ? "(none)" : "'" + hf[1] + "'"));
            if (!logos.isEmpty()) {
                report.extracted("pictures on sheets: " + logos.stream().map(Logo::file).toList());
            }
            List<Structure.OutlineEntry> outline = sheets.stream()
                    .map(s -> new Structure.OutlineEntry(s.name(), 1, "data")).toList();
            var voice = meter.voice(defaults.voice(), report);
            String producer = wb.getProperties().getExtendedProperties() == null ? ""
                    : java.util.Objects.requireNonNullElse(wb.getProperties().getExtendedProperties().getApplication(), "");
            SkillKind kind = sample.kind() != null ? sample.kind() : SkillKind.WORKBOOK;
            Skill skill = new Skill(sample.name(), 1, sample.descriptionOr("Imported from " + sample.fileName()), kind,
                    look, new Structure(outline, List.of(), sheets), voice, "template.xlsx", null, logic,
                    sample.info(producer));
            byte[] preview = preview(wb, headerRows, look);
            report.notKept("PNG preview", "drawn from the first sheet's cells and the extracted look (no Excel renderer "
                    + "without LibreOffice): fonts, fills and widths approximate, charts and pictures not drawn");
            byte[] template = cleanTemplate(wb, headerRows, report, charts, pivots);
            return new Extraction(skill, template, preview, files, report);
        }
    }

    /** The first row with at least two text cells whose next row holds a number, else the first such row. */
    private static int findHeaderRow(XSSFSheet sheet) {
        int firstTextRow = -1;
        for (int r = sheet.getFirstRowNum(); r >= 0 && r <= Math.min(sheet.getLastRowNum(), HEADER_SCAN_ROWS); r++) {
            XSSFRow row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            int texts = 0;
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && !cell.getStringCellValue().isBlank()) {
                    texts++;
                }
            }
            if (texts >= 2) {
                if (firstTextRow < 0) {
                    firstTextRow = r;
                }
                XSSFRow next = sheet.getRow(r + 1);
                if (next != null) {
                    for (Cell cell : next) {
                        if (cell.getCellType() == CellType.NUMERIC || cell.getCellType() == CellType.FORMULA) {
                            return r;
                        }
                    }
                }
            }
        }
        return firstTextRow;
    }

    private static String columnKind(XSSFSheet sheet, int headerRow, int column, int maxRows,
                                     Map<String, Map<String, Integer>> formatsByKind) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> formatOf = new HashMap<>();
        int last = Math.min(sheet.getLastRowNum(), headerRow + maxRows);
        for (int r = headerRow + 1; r <= last; r++) {
            XSSFRow row = sheet.getRow(r);
            Cell cell = row == null ? null : row.getCell(column);
            String kind = ColumnKinds.of(cell);
            if (!kind.equals("empty")) {
                counts.merge(kind, 1, Integer::sum);
                if (!kind.equals("text")) {
                    formatOf.putIfAbsent(kind, cell.getCellStyle().getDataFormatString());
                }
            }
        }
        String kind = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("empty");
        if (formatOf.containsKey(kind)) {
            formatsByKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(formatOf.get(kind), 1, Integer::sum);
        }
        return kind;
    }

    private record HeaderStyle(String font, double size, boolean bold, String fill, String text, String border) {
    }

    private static HeaderStyle headerStyle(XSSFCellStyle style, XSSFWorkbook wb) {
        XSSFFont font = style.getFont();
        String fill = color(style.getFillForegroundColorColor());
        String border = color(style.getBottomBorderXSSFColor());
        return new HeaderStyle(nonBlank(font.getFontName(), wb.getFontAt(0).getFontName()), font.getFontHeightInPoints(),
                font.getBold(), fill, color(font.getXSSFColor()), border);
    }

    static String color(XSSFColor color) {
        if (color == null) {
            return null;
        }
        byte[] rgb = color.getRGBWithTint();
        if (rgb == null) {
            rgb = color.getRGB();
        }
        return Colors.hex(rgb);
    }

    private static void conditionalFormats(XSSFSheet sheet, List<Logic.ConditionalFormat> out) {
        var formatting = sheet.getSheetConditionalFormatting();
        for (int i = 0; i < formatting.getNumConditionalFormattings() && out.size() < 100; i++) {
            XSSFConditionalFormatting cf = formatting.getConditionalFormattingAt(i);
            String range = String.join(" ", java.util.Arrays.stream(cf.getFormattingRanges())
                    .map(r -> r.formatAsString()).toList());
            for (int j = 0; j < cf.getNumberOfRules(); j++) {
                XSSFConditionalFormattingRule rule = cf.getRule(j);
                String type = rule.getConditionType() == null ? "unknown" : rule.getConditionType().type;
                StringBuilder text = new StringBuilder();
                if (rule.getConditionType() == org.apache.poi.ss.usermodel.ConditionType.CELL_VALUE_IS) {
                    text.append(operator(rule.getComparisonOperation())).append(' ');
                }
                if (rule.getFormula1() != null) {
                    text.append(rule.getFormula1());
                }
                if (rule.getFormula2() != null) {
                    text.append(" and ").append(rule.getFormula2());
                }
                String fill = null;
                if (rule.getPatternFormatting() != null) {
                    fill = color((XSSFColor) rule.getPatternFormatting().getFillBackgroundColorColor());
                }
                out.add(new Logic.ConditionalFormat(sheet.getSheetName(), range, type, text.toString().strip(),
                        fill == null ? "" : fill));
            }
        }
    }

    private static String operator(byte op) {
        return switch (op) {
            case ComparisonOperator.BETWEEN -> "between";
            case ComparisonOperator.NOT_BETWEEN -> "notBetween";
            case ComparisonOperator.EQUAL -> "equal";
            case ComparisonOperator.NOT_EQUAL -> "notEqual";
            case ComparisonOperator.GT -> "greaterThan";
            case ComparisonOperator.LT -> "lessThan";
            case ComparisonOperator.GE -> "greaterThanOrEqual";
            case ComparisonOperator.LE -> "lessThanOrEqual";
            default -> "";
        };
    }

    private static PageSetup page(XSSFSheet sheet, ImportReport report) {
        if (sheet == null) {
            return new PageSetup("A4", true, 12);
        }
        PrintSetup print = sheet.getPrintSetup();
        String paper = print.getPaperSize() == PrintSetup.LETTER_PAPERSIZE ? "LETTER" : "A4";
        boolean landscape = print.getLandscape();
        PageSetup.Margins margins = new PageSetup.Margins(mm(sheet.getMargin(PageMargin.TOP)),
                mm(sheet.getMargin(PageMargin.RIGHT)), mm(sheet.getMargin(PageMargin.BOTTOM)),
                mm(sheet.getMargin(PageMargin.LEFT)));
        report.extracted(String.format(Locale.ROOT, "print setup of '%s': %s %s, margins top %.1f, right %.1f, "
                        + "bottom %.1f, left %.1f mm", sheet.getSheetName(), paper, landscape ? "landscape" : "portrait",
                margins.topMm(), margins.rightMm(), margins.bottomMm(), margins.leftMm()));
        return new PageSetup(paper, landscape, Math.max(5, Math.min(60, margins.leftMm())), 0, 0, margins);
    }

    private static double mm(double inches) {
        return Math.round(inches * 254) / 10.0;
    }

    /** Header and footer of the first sheet with Excel's codes turned into Skill placeholders. */
    private static String[] headerFooter(XSSFSheet sheet) {
        if (sheet == null) {
            return new String[] {"", ""};
        }
        return new String[] {
                join(sheet.getHeader().getLeft(), sheet.getHeader().getCenter(), sheet.getHeader().getRight(), sheet),
                join(sheet.getFooter().getLeft(), sheet.getFooter().getCenter(), sheet.getFooter().getRight(), sheet)};
    }

    private static String join(String left, String center, String right, XSSFSheet sheet) {
        List<String> parts = new ArrayList<>();
        for (String part : new String[] {left, center, right}) {
            String text = excelCodes(part, sheet.getSheetName());
            if (!text.isBlank()) {
                parts.add(text.strip());
            }
        }
        return String.join(" | ", parts);
    }

    static String excelCodes(String text, String sheetName) {
        if (text == null) {
            return "";
        }
        return text.replace("&&", "\u0000")
                .replaceAll("&\"[^\"]*\"", "")
                .replaceAll("&K[0-9A-Fa-f]{6}", "")
                .replaceAll("&\\d{1,3}", "")
                .replace("&P", "{page}").replace("&A", sheetName)
                .replaceAll("&[NDTFZGBIUSEXYO]", "")
                .replace("\u0000", "&").replaceAll("\\s+", " ").strip();
    }

    private static byte[] preview(XSSFWorkbook wb, Map<XSSFSheet, Integer> headerRows, Look look) {
        BufferedImage image = new BufferedImage(Previews.WIDTH, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Previews.graphics(image);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            if (wb.getNumberOfSheets() == 0) {
                return Previews.png(image);
            }
            XSSFSheet sheet = wb.getSheetAt(0);
            int headerRow = headerRows.getOrDefault(sheet, -1);
            DataFormatter formatter = new DataFormatter();
            int rowHeight = 22;
            int y = 0;
            for (int r = 0; r <= Math.min(sheet.getLastRowNum(), 21) && y < image.getHeight(); r++) {
                XSSFRow row = sheet.getRow(r);
                int x = 0;
                if (r == headerRow && look.tableStyle() != null && !look.tableStyle().headerFill().isEmpty()) {
                    g.setColor(Colors.awt(look.tableStyle().headerFill()));
                    g.fillRect(0, y, image.getWidth(), rowHeight);
                }
                for (int c = 0; row != null && c < Math.min(row.getLastCellNum(), 12) && x < image.getWidth(); c++) {
                    int width = Math.max(40, Math.min(240, (int) sheet.getColumnWidthInPixels(c)));
                    Cell cell = row.getCell(c);
                    g.setColor(new Color(0xD9D9D9));
                    g.drawRect(x, y, width, rowHeight);
                    if (cell != null) {
                        XSSFFont font = ((XSSFCellStyle) cell.getCellStyle()).getFont();
                        g.setFont(Previews.font(font.getFontName(), font.getBold(), font.getFontHeightInPoints() * 1.2));
                        String fc = color(font.getXSSFColor());
                        g.setColor(fc == null ? Colors.awt(look.textColor()) : Colors.awt(fc));
                        String text = cell.getCellType() == CellType.FORMULA && cell.getCachedFormulaResultType() == CellType.ERROR
                                ? "#ERR" : formatter.formatCellValue(cell);
                        g.drawString(text, x + 4, y + rowHeight - 6);
                    }
                    x += width;
                }
                y += rowHeight;
            }
        } finally {
            g.dispose();
        }
        return Previews.png(image);
    }

    /** Keeps every sheet with its styles, widths, print setup, title and header rows; removes the data below. */
    private static byte[] cleanTemplate(XSSFWorkbook wb, Map<XSSFSheet, Integer> headerRows, ImportReport report,
                                        int charts, int pivots) throws IOException {
        int removedRows = 0;
        for (int s = 0; s < wb.getNumberOfSheets(); s++) {
            XSSFSheet sheet = wb.getSheetAt(s);
            int keep = headerRows.getOrDefault(sheet, -1);
            for (int i = sheet.getNumMergedRegions() - 1; i >= 0; i--) {
                if (sheet.getMergedRegion(i).getLastRow() > keep) {
                    sheet.removeMergedRegion(i);
                }
            }
            for (int r = sheet.getLastRowNum(); r > keep; r--) {
                Row row = sheet.getRow(r);
                if (row != null) {
                    sheet.removeRow(row);
                    removedRows++;
                }
            }
            for (var link : new ArrayList<>(sheet.getHyperlinkList())) {
                if (link.getFirstRow() > keep) {
                    sheet.removeHyperlink(link.getFirstRow(), link.getFirstColumn());
                }
            }
        }
        var core = wb.getProperties().getCoreProperties();
        core.setTitle(null);
        core.setSubjectProperty(null);
        core.setDescription(null);
        core.setKeywords(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        OpcCleaner.Result cleaned = OpcCleaner.clean(out.toByteArray());
        report.extracted("template.xlsx: every sheet with its title and header rows, column widths, cell styles, "
                + "number formats, conditional formats, data validations, print setup, headers/footers and theme kept");
        report.notKept(removedRows + " data row(s) below the header rows, with their values and formulas",
                "a Skill keeps the workbook's form; formula patterns and number formats were recorded first");
        if (charts > 0) {
            report.notKept("data of " + charts + " chart(s)", "the charts stay in the template but their source rows "
                    + "were removed, so they show no data until a job fills the sheets");
        }
        if (pivots > 0) {
            report.notKept(pivots + " pivot table(s)' data", "pivot caches describe the sample's data; refresh after filling");
        }
        if (!cleaned.removed().isEmpty()) {
            report.notKept("parts only the removed content used: " + cleaned.removed(), "unreferenced after cleaning");
        }
        report.notKept("cell comments and document properties", "they describe the sample's content");
        return cleaned.bytes();
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
