package io.docswarm.renderers.pdf;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Look;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * Draws a table; rows that do not fit continue on the next page under a repeated header row. Column widths
 * follow the longest content of each column, numbers are right-aligned. In a right-to-left document the columns
 * run from the right: the first column is on the right, as a reader of the document's language reads a table.
 */
final class PdfTable {

    private static final float PADDING = 4;

    private final PdfPages pages;
    private final PdfFonts fonts;
    private final Look look;
    private final float size;
    private final TextDirection direction;

    /** @param direction the document's direction: the order of the columns, and of cells without a strong letter */
    PdfTable(PdfPages pages, PdfFonts fonts, Look look, TextDirection direction) {
        this.pages = pages;
        this.direction = direction;
        this.fonts = fonts;
        this.look = look;
        this.size = (float) look.bodySize() - 1;
    }

    void draw(Table table) throws IOException {
        float[] widths = columnWidths(table);
        if (!table.caption().isBlank()) {
            List<PdfText.Line> caption = PdfText.wrap(PdfText.flow(fonts, table.caption(),
                    fonts.face(look.headingFont(), PdfFonts.Style.BOLD), size, PdfBody.color(look.primaryColor()),
                    direction), pages.width());
            pages.ensure(caption.size() * size * 1.4f + rowHeight(header(table), widths, true) * 2);
            for (PdfText.Line line : caption) {
                pages.moveDown(line.height());
                PdfText.draw(pages.content(), line, pages.left(), pages.y() + 2, pages.width(), false);
            }
            pages.moveDown(3);
        }
        List<String> header = header(table);
        row(header, widths, true, PdfBody.color(look.primaryColor()), Color.WHITE, table);
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < table.columns().size(); c++) {
                cells.add(TextFormat.cell(table.rows().get(r).get(c), table.columns().get(c)));
            }
            if (rowHeight(cells, widths, false) > pages.remaining()) {
                pages.newPage();
                row(header, widths, true, PdfBody.color(look.primaryColor()), Color.WHITE, table);
            }
            row(cells, widths, false, r % 2 == 1 ? new Color(0xF2F4F7) : null, PdfBody.color(look.textColor()), table);
        }
        if (table.totalsRow()) {
            List<String> totals = new ArrayList<>();
            for (int c = 0; c < table.columns().size(); c++) {
                totals.add(TextFormat.totalCell(table, c));
            }
            row(totals, widths, true, new Color(0xE4E8EE), PdfBody.color(look.textColor()), table);
        }
        pages.moveDown(size);
    }

    private static List<String> header(Table table) {
        return table.columns().stream().map(Table.Column::name).toList();
    }

    private float[] columnWidths(Table table) {
        int columns = table.columns().size();
        float[] weights = new float[columns];
        for (int c = 0; c < columns; c++) {
            weights[c] = Math.max(4, table.columns().get(c).name().length());
            for (List<Object> row : table.rows()) {
                weights[c] = Math.max(weights[c], Math.min(40, TextFormat.cell(row.get(c), table.columns().get(c))
                        .length()));
            }
        }
        float sum = 0;
        for (float w : weights) {
            sum += w;
        }
        float[] widths = new float[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = pages.width() * weights[c] / sum;
        }
        return widths;
    }

    private float rowHeight(List<String> cells, float[] widths, boolean bold) throws IOException {
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            lines = Math.max(lines, wrap(cells.get(c), widths[c], bold, Color.BLACK).size());
        }
        return lines * size * 1.3f + 2 * PADDING;
    }

    private List<PdfText.Line> wrap(String text, float width, boolean bold, Color color) throws IOException {
        PdfFonts.Face face = fonts.face(look.bodyFont(), bold ? PdfFonts.Style.BOLD : PdfFonts.Style.REGULAR);
        return PdfText.wrap(PdfText.flow(fonts, text, face, size, color, direction), width - 2 * PADDING);
    }

    private void row(List<String> cells, float[] widths, boolean bold, Color fill, Color textColor, Table table)
            throws IOException {
        float height = rowHeight(cells, widths, bold);
        pages.ensure(height);
        PDPageContentStream content = pages.content();
        float top = pages.y();
        if (fill != null) {
            content.setNonStrokingColor(fill);
            content.addRect(pages.left(), top - height, pages.width(), height);
            content.fill();
        }
        content.setStrokingColor(new Color(0xC8CDD5));
        content.setLineWidth(0.4f);
        content.moveTo(pages.left(), top - height);
        content.lineTo(pages.right(), top - height);
        content.stroke();
        float[] lefts = columnLefts(widths);
        for (int c = 0; c < cells.size(); c++) {
            float x = lefts[c];
            boolean numeric = table.columns().get(c).type() == Table.ColumnType.NUMBER;
            float lineY = top - PADDING;
            for (PdfText.Line line : wrap(cells.get(c), widths[c], bold, textColor)) {
                lineY -= size * 1.3f;
                // Right-to-left text aligns itself to the right of the cell; numbers are aligned here.
                float offset = numeric ? widths[c] - 2 * PADDING - line.naturalWidth() : 0;
                PdfText.draw(content, line, x + PADDING + offset, lineY + size * 0.3f, widths[c] - 2 * PADDING - offset,
                        false);
            }
        }
        pages.moveDown(height);
    }

    /** The left edge of each column: from the left margin onwards, or from the right margin back, right to left. */
    private float[] columnLefts(float[] widths) {
        float[] lefts = new float[widths.length];
        float edge = direction.isRightToLeft() ? pages.right() : pages.left();
        for (int c = 0; c < widths.length; c++) {
            if (direction.isRightToLeft()) {
                edge -= widths[c];
                lefts[c] = edge;
            } else {
                lefts[c] = edge;
                edge += widths[c];
            }
        }
        return lefts;
    }
}
