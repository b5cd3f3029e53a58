package io.docswarm.renderers.xlsx;

import io.docswarm.skills.Look;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.ReadingOrder;
import org.apache.poi.xssf.usermodel.DefaultIndexedColorMap;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Cell styles derived from a Skill's look, created once per workbook and shared by every cell (a workbook holds
 * at most 64,000 styles, so a style per cell would fail on large sheets).
 */
final class XlsxStyles {

    private final XSSFWorkbook workbook;
    private final Look look;
    private final Map<String, XSSFCellStyle> bodyByFormat = new HashMap<>();
    private final Map<String, XSSFCellStyle> totalByFormat = new HashMap<>();
    /** Right-to-left variants by the index of the style they derive from (a style's own hashCode prints its XML). */
    private final Map<Short, XSSFCellStyle> rightToLeft = new HashMap<>();
    private final XSSFCellStyle header;
    private final XSSFCellStyle title;
    private final XSSFCellStyle note;

    XlsxStyles(XSSFWorkbook workbook, Look look) {
        this.workbook = workbook;
        this.look = look;
        this.header = workbook.createCellStyle();
        header.setFont(font(true, "FFFFFF", look.bodySize()));
        header.setFillForegroundColor(color(look.primaryColor()));
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setWrapText(true);
        this.title = workbook.createCellStyle();
        title.setFont(font(true, look.primaryColor(), look.titleSize()));
        this.note = workbook.createCellStyle();
        XSSFFont noteFont = font(false, "555555", look.bodySize());
        noteFont.setItalic(true);
        note.setFont(noteFont);
    }

    XSSFCellStyle header() {
        return header;
    }

    XSSFCellStyle title() {
        return title;
    }

    XSSFCellStyle note() {
        return note;
    }

    XSSFCellStyle body(String format) {
        return bodyByFormat.computeIfAbsent(format, f -> {
            XSSFCellStyle style = workbook.createCellStyle();
            style.setFont(font(false, look.textColor(), look.bodySize()));
            if (!f.isEmpty()) {
                style.setDataFormat(workbook.createDataFormat().getFormat(f));
            }
            return style;
        });
    }

    XSSFCellStyle total(String format) {
        return totalByFormat.computeIfAbsent(format, f -> {
            XSSFCellStyle style = workbook.createCellStyle();
            style.setFont(font(true, look.textColor(), look.bodySize()));
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.DOUBLE);
            if (!f.isEmpty()) {
                style.setDataFormat(workbook.createDataFormat().getFormat(f));
            }
            return style;
        });
    }

    /**
     * {@code style} for right-to-left text: reading order right to left, and aligned right where it would have
     * been general or left (Excel aligns general text by reading order, but not every reader does); a centred
     * header stays centred. One derived style per style, like the others.
     */
    XSSFCellStyle rightToLeft(XSSFCellStyle style) {
        return rightToLeft.computeIfAbsent(style.getIndex(), index -> {
            XSSFCellStyle derived = workbook.createCellStyle();
            derived.cloneStyleFrom(style);
            derived.setReadingOrder(ReadingOrder.RIGHT_TO_LEFT);
            if (style.getAlignment() == HorizontalAlignment.GENERAL
                    || style.getAlignment() == HorizontalAlignment.LEFT) {
                derived.setAlignment(HorizontalAlignment.RIGHT);
            }
            return derived;
        });
    }

    private XSSFFont font(boolean bold, String hex, double size) {
        XSSFFont font = workbook.createFont();
        font.setFontName(look.bodyFont());
        font.setBold(bold);
        font.setFontHeightInPoints((short) Math.round(size));
        font.setColor(color(hex));
        return font;
    }

    private static XSSFColor color(String hex) {
        return new XSSFColor(io.docswarm.renderers.chart.XddfChartWriter.hexBytes(hex), new DefaultIndexedColorMap());
    }
}
