package io.docswarm.renderers.docx;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.chart.XddfChartWriter;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Image;
import io.docswarm.renderers.model.PageBreak;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.SectionBreak;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Look;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Writes the cover or title block and the body, block by block. One instance per rendered document. */
final class DocxBody {

    private static final String CODE_FONT = "Consolas";

    private final XWPFDocument docx;
    private final Look look;
    private final DocxStyles styles;
    private final DocxNumbering numbering;
    private final DocxPages pages;
    private final DocxFootnotes footnotes;
    private final String tableStyle;
    private final List<String> warnings;
    private final Instant created;
    /**
     * The document's direction, from its language: of tables and charts, and of paragraphs without a strong
     * character.
     */
    private final TextDirection direction;
    private int pictures;

    DocxBody(XWPFDocument docx, Look look, DocxStyles styles, DocxPages pages, String tableStyle,
             List<String> warnings, Instant created, TextDirection direction) {
        this.docx = docx;
        this.direction = direction;
        this.look = look;
        this.styles = styles;
        this.pages = pages;
        this.tableStyle = tableStyle;
        this.warnings = warnings;
        this.created = created;
        this.numbering = new DocxNumbering(docx);
        this.footnotes = new DocxFootnotes(docx, styles, direction);
    }

    /** A cover page: the title block on a page of its own. */
    void cover(Document.DocumentMetadata metadata) {
        titleBlock(metadata);
        pageBreak();
    }

    /** Title, subtitle and author in the template's Title and Subtitle styles; what follows shares the page. */
    void titleBlock(Document.DocumentMetadata metadata) {
        DocxDirection.write(paragraph(styles.title()), metadata.title(), direction);
        if (!metadata.subtitle().isBlank()) {
            DocxDirection.write(paragraph(styles.subtitle()), metadata.subtitle(), direction);
        }
        if (!metadata.author().isBlank()) {
            DocxDirection.write(paragraph(styles.normal()), metadata.author(), direction);
        }
    }

    void section(Section section, int index) {
        DocxContents.bookmarkHeading(paragraph(styles.heading(section.level())), index, section.heading(),
                direction);
        for (Block block : section.blocks()) {
            switch (block) {
                case Paragraph p -> runs(bodyParagraph(), p.runs());
                case BulletList list -> list(list.items(), numbering.newList(list.numbered()), list.numbered(), 0);
                case Table table -> table(table);
                case Chart chart -> chart(chart);
                case Quote quote -> quote(quote);
                case Image image -> image(image);
                case PageBreak ignored -> pageBreak();
                case SectionBreak sectionBreak -> pages.sectionBreak(sectionBreak.orientation());
            }
        }
    }

    void pageBreak() {
        docx.createParagraph().createRun().addBreak(BreakType.PAGE);
    }

    private XWPFParagraph bodyParagraph() {
        XWPFParagraph p = paragraph(styles.normal());
        if (look.justify()) {
            p.setAlignment(ParagraphAlignment.BOTH);
        }
        return p;
    }

    private void runs(XWPFParagraph paragraph, List<Run> runs) {
        DocxDirection paragraphDirection = DocxDirection.of(runs.stream().map(Run::text)
                .collect(Collectors.joining()), direction);
        paragraphDirection.apply(paragraph);
        DocxFootnotes.Paragraph notes = footnotes.in(paragraph, runs);
        int offset = 0;
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            // A note's marker goes right after the cited words; the space that ends the sentence comes after it.
            String trailing = notes.marksAfter(i) ? run.text().substring(run.text().stripTrailing().length()) : "";
            int cited = offset + run.text().length() - trailing.length();
            paragraphDirection.write(offset, cited,
                    () -> run.hasLink() ? link(paragraph, run.link()) : paragraph.createRun(), r -> format(r, run));
            notes.after(i);
            if (!trailing.isEmpty()) {
                paragraphDirection.write(cited, cited + trailing.length(), paragraph::createRun, r -> { });
            }
            offset += run.text().length();
        }
    }

    private static void format(XWPFRun r, Run run) {
        if (run.bold()) {
            r.setBold(true);
        }
        if (run.italic()) {
            r.setItalic(true);
        }
        if (run.code()) {
            r.setFontFamily(CODE_FONT);
            var properties = r.getCTR().isSetRPr() ? r.getCTR().getRPr() : r.getCTR().addNewRPr();
            var shading = properties.addNewShd();
            shading.setVal(org.openxmlformats.schemas.wordprocessingml.x2006.main.STShd.CLEAR);
            shading.setFill("F2F2F2");
        }
    }

    private XWPFHyperlinkRun link(XWPFParagraph paragraph, String address) {
        XWPFHyperlinkRun run = paragraph.createHyperlinkRun(address);
        run.setStyle(styles.hyperlink());
        return run;
    }

    private void list(List<BulletList.Item> items, BigInteger numId, boolean numbered, int level) {
        for (BulletList.Item item : items) {
            XWPFParagraph p = paragraph(styles.listParagraph());
            p.setNumID(numId);
            p.setNumILvl(BigInteger.valueOf(Math.min(level, numbering.deepestLevel(numbered))));
            runs(p, item.runs());
            list(item.children(), numId, numbered, level + 1);
        }
    }

    private void table(Table table) {
        if (!table.caption().isBlank()) {
            XWPFParagraph caption = paragraph(styles.caption());
            DocxDirection.write(caption, table.caption(), direction);
            keepWithNext(caption, true);
        }
        int rowCount = 1 + table.rows().size() + (table.totalsRow() ? 1 : 0);
        XWPFTable t = docx.createTable(rowCount, table.columns().size());
        t.setWidth("100%");
        t.setTableAlignment(TableRowAlign.CENTER);
        if (direction.isRightToLeft()) {
            // Visually right to left: the first column on the right, cell order mirrored by the reader.
            t.getCTTbl().getTblPr().addNewBidiVisual();
        }
        boolean styled = !tableStyle.isEmpty();
        if (styled) {
            // The template's table style does the look; tblLook says which of its parts apply. POI gives a new
            // table direct borders on every side, which would override the style's rules: they go.
            t.setStyleID(tableStyle);
            if (t.getCTTbl().getTblPr().isSetTblBorders()) {
                t.getCTTbl().getTblPr().unsetTblBorders();
            }
            var tableLook = t.getCTTbl().getTblPr().isSetTblLook() ? t.getCTTbl().getTblPr().getTblLook()
                    : t.getCTTbl().getTblPr().addNewTblLook();
            tableLook.setFirstRow(Boolean.TRUE);
            tableLook.setLastRow(table.totalsRow());
            tableLook.setFirstColumn(Boolean.FALSE);
            tableLook.setNoVBand(Boolean.TRUE);
            tableLook.setNoHBand(Boolean.FALSE);
        }
        XWPFTableRow header = t.getRow(0);
        header.setRepeatHeader(true);
        Consumer<XWPFRun> headerText = cellText(true, styled ? null : "FFFFFF");
        if (styled && look.tableStyle() != null && !look.tableStyle().headerTextColor().isEmpty()) {
            // The header text colour the sample's tables show: not every reader applies a table style's
            // first-row text colour over the document's default text colour (LibreOffice does not).
            headerText = headerText.andThen(run -> run.setColor(look.tableStyle().headerTextColor()));
        }
        for (int c = 0; c < table.columns().size(); c++) {
            Table.Column column = table.columns().get(c);
            cell(header.getCell(c), column.name(), headerText, styled ? null : look.primaryColor(), isNumeric(column));
        }
        for (int r = 0; r < table.rows().size(); r++) {
            XWPFTableRow row = t.getRow(r + 1);
            String fill = styled || r % 2 == 0 ? null : "F2F4F7";
            for (int c = 0; c < table.columns().size(); c++) {
                Table.Column column = table.columns().get(c);
                cell(row.getCell(c), TextFormat.cell(table.rows().get(r).get(c), column),
                        cellText(false, styled ? null : look.textColor()), fill, isNumeric(column));
            }
        }
        if (table.totalsRow()) {
            XWPFTableRow totals = t.getRow(rowCount - 1);
            for (int c = 0; c < table.columns().size(); c++) {
                Table.Column column = table.columns().get(c);
                cell(totals.getCell(c), TextFormat.totalCell(table, c),
                        cellText(true, styled ? null : look.textColor()), styled ? null : "E4E8EE", isNumeric(column));
            }
        }
        docx.createParagraph();
    }

    private static boolean isNumeric(Table.Column column) {
        return column.type() == Table.ColumnType.NUMBER;
    }

    /**
     * A cell; {@code fill} null leaves the look to the table style. Right-to-left text is aligned by its direction
     * (to the right), whatever the column: an explicit left or right would be read as start or end in a
     * right-to-left paragraph by some readers and as a side of the page by others.
     */
    private void cell(XWPFTableCell cell, String text, Consumer<XWPFRun> style, String fill, boolean alignRight) {
        XWPFParagraph p = cell.getParagraphArray(0);
        p.setSpacingAfter(0);
        DocxDirection cellDirection = DocxDirection.of(text, direction);
        if (!cellDirection.rightToLeft()) {
            p.setAlignment(alignRight ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
        }
        cellDirection.apply(p);
        cellDirection.write(0, text.length(), p::createRun, style);
        if (fill != null) {
            cell.setColor(fill);
        }
    }

    /** The formatting of a cell's text: bold, and colour, size and font when {@code color} is set (no table style). */
    private Consumer<XWPFRun> cellText(boolean bold, String color) {
        return run -> {
            if (bold) {
                run.setBold(true);
            }
            if (color != null) {
                run.setColor(color);
                run.setFontSize(look.bodySize() - 1);
                run.setFontFamily(look.bodyFont());
            }
        };
    }

    private void chart(Chart chart) {
        XWPFParagraph holder = docx.createParagraph();
        keepWithNext(holder, true);
        XWPFRun run = holder.createRun();
        double width = pages.textWidthPt();
        double height = Math.min(width * 0.55, pages.textHeightPt() * 0.8);
        try {
            XWPFChart target = docx.createChart(run, Units.toEMU(width), Units.toEMU(height));
            XddfChartWriter.write(target, chart, look, XddfChartWriter.embedded(target, created), true,
                    XddfChartWriter.Title.IN_CAPTION, direction);
        } catch (InvalidFormatException | IOException e) {
            warnings.add("chart '" + chart.title() + "' could not be embedded in DOCX: " + e.getMessage());
        }
        DocxDirection.write(paragraph(styles.caption()), chart.title(), direction);
    }

    /** A picture scaled to the text width, and down further if it would be taller than the page's text area. */
    private void image(Image image) {
        double width = pages.textWidthPt();
        double height = width * image.aspectRatio();
        double maxHeight = pages.textHeightPt() * 0.85;
        if (height > maxHeight) {
            width = maxHeight / image.aspectRatio();
            height = maxHeight;
        }
        XWPFParagraph holder = docx.createParagraph();
        holder.setAlignment(ParagraphAlignment.CENTER);
        keepWithNext(holder, !image.caption().isBlank());
        XWPFRun run = holder.createRun();
        PictureType type = image.format() == Image.Format.PNG ? PictureType.PNG : PictureType.JPEG;
        try {
            String name = "picture" + (++pictures) + "." + image.format().extension();
            run.addPicture(new ByteArrayInputStream(image.data()), type, name, Units.toEMU(width),
                    Units.toEMU(height));
            var docPr = run.getCTR().getDrawingArray(0).getInlineArray(0).getDocPr();
            docPr.setDescr(image.altText());
            docPr.setTitle(image.altText());
        } catch (InvalidFormatException | IOException e) {
            warnings.add("image '" + image.altText() + "' could not be embedded in DOCX: " + e.getMessage());
        }
        if (!image.caption().isBlank()) {
            DocxDirection.write(paragraph(styles.caption()), image.caption(), direction);
        }
    }

    /**
     * A quote, indented with a rule beside it. A right-to-left paragraph takes its indent on the start side, the
     * right, by itself; borders are not mirrored (w:bidi mirrors indents, alignment and tabs only), so its rule is
     * put on the right explicitly and a left rule from the quote style is switched off.
     */
    private void quote(Quote quote) {
        XWPFParagraph p = paragraph(styles.quote());
        String attribution = quote.attribution().isBlank() ? "" : "— " + quote.attribution();
        DocxDirection quoteDirection = DocxDirection.of(quote.text() + attribution, direction);
        p.setIndentationLeft(567);
        if (quoteDirection.rightToLeft()) {
            p.setBorderRight(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
            p.getCTP().getPPr().getPBdr().addNewLeft().setVal(
                    org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder.NONE);
        } else {
            p.setBorderLeft(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
        }
        quoteDirection.apply(p);
        int end = quote.text().length();
        quoteDirection.write(0, end, p::createRun, run -> { });
        if (!attribution.isEmpty()) {
            // The attribution goes on a line of its own: a break starts its first run.
            boolean[] first = {true};
            quoteDirection.write(end, end + attribution.length(), () -> {
                XWPFRun run = p.createRun();
                if (first[0]) {
                    run.addBreak();
                    first[0] = false;
                }
                return run;
            }, run -> run.setItalic(false));
        }
    }

    /** POI's setKeepNext assumes paragraph properties exist. */
    private static void keepWithNext(XWPFParagraph paragraph, boolean keep) {
        if (!paragraph.getCTP().isSetPPr()) {
            paragraph.getCTP().addNewPPr();
        }
        paragraph.setKeepNext(keep);
    }

    private XWPFParagraph paragraph(String style) {
        XWPFParagraph p = docx.createParagraph();
        p.setStyle(style);
        return p;
    }
}
