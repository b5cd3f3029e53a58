package io.docswarm.renderers.docx;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.ReproducibleZip;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.chart.XddfChartWriter;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Look;
import io.docswarm.skills.PageSetup;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

/**
 * Word renderer: a cover, a table of contents field, headed sections with styled paragraphs, lists,
 * tables, native charts and call-outs; running header and footer with page numbers; citations as footnotes.
 */
public final class DocxRenderer implements DocumentRenderer {

    private static final int TWIPS_PER_POINT = 20;

    @Override
    public OutputFormat format() {
        return OutputFormat.DOCX;
    }

    @Override
    public RenderResult render(Document document, Skill skill, OutputStream out) throws IOException {
        try (XWPFDocument docx = new XWPFDocument()) {
            Look look = skill.look();
            List<String> warnings = new ArrayList<>();
            DocxStyles.define(docx, look);
            pageSetup(docx, look.page());
            headerAndFooter(docx, look, document.metadata().title());
            properties(docx, document);
            var writer = new BodyWriter(docx, look, warnings, document.metadata().created());
            writer.cover(document.metadata());
            writer.tableOfContents(document.sections());
            for (Section section : document.sections()) {
                writer.section(section);
            }
            docx.enforceUpdateFields();
            ReproducibleZip.write(docx::write, document.metadata().created(), out);
            return new RenderResult(warnings, document.sections().size());
        }
    }

    private static void pageSetup(XWPFDocument docx, PageSetup page) {
        CTSectPr section = docx.getDocument().getBody().isSetSectPr()
                ? docx.getDocument().getBody().getSectPr()
                : docx.getDocument().getBody().addNewSectPr();
        var size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(Math.round(page.widthPt() * TWIPS_PER_POINT)));
        size.setH(BigInteger.valueOf(Math.round(page.heightPt() * TWIPS_PER_POINT)));
        size.setOrient(page.landscape() ? STPageOrientation.LANDSCAPE : STPageOrientation.PORTRAIT);
        var margins = section.addNewPgMar();
        BigInteger margin = BigInteger.valueOf(Math.round(page.marginPt() * TWIPS_PER_POINT));
        margins.setTop(margin);
        margins.setBottom(margin);
        margins.setLeft(margin);
        margins.setRight(margin);
        margins.setHeader(BigInteger.valueOf(Math.round(page.marginPt() * TWIPS_PER_POINT / 2)));
        margins.setFooter(BigInteger.valueOf(Math.round(page.marginPt() * TWIPS_PER_POINT / 2)));
    }

    private static void headerAndFooter(XWPFDocument docx, Look look, String title) {
        if (!look.headerText().isBlank()) {
            XWPFHeader header = docx.createHeader(HeaderFooterType.DEFAULT);
            XWPFParagraph paragraph = header.createParagraph();
            paragraph.setAlignment(ParagraphAlignment.RIGHT);
            XWPFRun run = paragraph.createRun();
            run.setText(TextFormat.runningText(look.headerText(), title, 1).replace("{page}", ""));
            run.setFontSize(look.bodySize() - 2);
            run.setColor(look.primaryColor());
        }
        XWPFFooter footer = docx.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph paragraph = footer.createParagraph();
        paragraph.setAlignment(ParagraphAlignment.CENTER);
        String[] around = look.footerText().replace("{title}", title).split("\\{page}", -1);
        for (int i = 0; i < around.length; i++) {
            if (!around[i].isEmpty()) {
                paragraph.createRun().setText(around[i]);
            }
            if (i < around.length - 1) {
                var field = paragraph.getCTP().addNewFldSimple();
                field.setInstr("PAGE \\* MERGEFORMAT");
                field.addNewR().addNewT().setStringValue("1");
            }
        }
    }

    private static void properties(XWPFDocument docx, Document document) {
        var core = docx.getProperties().getCoreProperties();
        core.setTitle(document.metadata().title());
        core.setCreator(document.metadata().author());
        core.setDescription(document.metadata().subtitle());
        Date created = Date.from(document.metadata().created());
        core.setCreated(Optional.of(created));
        core.setModified(Optional.of(created));
        core.setLastModifiedByUser(document.metadata().author());
    }

    /** Writes the body, block by block. One instance per rendered document. */
    private static final class BodyWriter {
        private final XWPFDocument docx;
        private final Look look;
        private final List<String> warnings;
        private final DocxNumbering numbering;
        private final java.time.Instant created;

        BodyWriter(XWPFDocument docx, Look look, List<String> warnings, java.time.Instant created) {
            this.created = created;
            this.docx = docx;
            this.look = look;
            this.warnings = warnings;
            this.numbering = new DocxNumbering(docx);
        }

        void cover(Document.DocumentMetadata metadata) {
            paragraph(DocxStyles.TITLE).createRun().setText(metadata.title());
            if (!metadata.subtitle().isBlank()) {
                paragraph(DocxStyles.SUBTITLE).createRun().setText(metadata.subtitle());
            }
            paragraph("Normal").createRun().setText(metadata.author());
        }

        /**
         * A TOC field that Word refreshes on open (page numbers), pre-filled with the headings so readers that
         * do not update fields still show a usable contents list.
         */
        void tableOfContents(List<Section> sections) {
            XWPFParagraph heading = paragraph(DocxStyles.heading(1));
            heading.createRun().setText("Contents");
            XWPFParagraph first = docx.createParagraph();
            fieldChar(first, STFldCharType.BEGIN);
            first.createRun().getCTR().addNewInstrText().setStringValue("TOC \\o \"1-3\" \\h \\z \\u");
            fieldChar(first, STFldCharType.SEPARATE);
            XWPFParagraph last = first;
            for (int i = 0; i < sections.size(); i++) {
                Section section = sections.get(i);
                XWPFParagraph entry = i == 0 ? first : docx.createParagraph();
                entry.setIndentationLeft(360 * (section.level() - 1));
                entry.createRun().setText(section.heading());
                last = entry;
            }
            fieldChar(last, STFldCharType.END);
            docx.createParagraph().createRun().addBreak(org.apache.poi.xwpf.usermodel.BreakType.PAGE);
        }

        void section(Section section) {
            paragraph(DocxStyles.heading(section.level())).createRun().setText(section.heading());
            for (Block block : section.blocks()) {
                switch (block) {
                    case Paragraph p -> runs(bodyParagraph(), p.runs());
                    case BulletList list -> list(list.items(), numbering.newList(list.numbered()), 0);
                    case Table table -> table(table);
                    case Chart chart -> chart(chart);
                    case Quote quote -> quote(quote);
                }
            }
        }

        private XWPFParagraph bodyParagraph() {
            XWPFParagraph p = paragraph("Normal");
            if (look.justify()) {
                p.setAlignment(ParagraphAlignment.BOTH);
            }
            return p;
        }

        private void runs(XWPFParagraph paragraph, List<Run> runs) {
            for (Run run : runs) {
                XWPFRun r = paragraph.createRun();
                r.setText(run.text());
                r.setBold(run.bold());
                r.setItalic(run.italic());
                if (!run.citation().isBlank()) {
                    XWPFFootnote footnote = docx.createFootnote();
                    paragraph.addFootnoteReference(footnote);
                    XWPFParagraph note = footnote.createParagraph();
                    XWPFRun noteRun = note.createRun();
                    noteRun.setText(run.citation());
                    noteRun.setFontSize(look.bodySize() - 2);
                }
            }
        }

        private void list(List<BulletList.Item> items, BigInteger numId, int level) {
            for (BulletList.Item item : items) {
                XWPFParagraph p = paragraph("Normal");
                p.setNumID(numId);
                p.setNumILvl(BigInteger.valueOf(Math.min(level, 2)));
                p.setSpacingAfter(60);
                runs(p, item.runs());
                list(item.children(), numId, level + 1);
            }
        }

        private void table(Table table) {
            if (!table.caption().isBlank()) {
                paragraph(DocxStyles.CAPTION).createRun().setText(table.caption());
            }
            int rowCount = 1 + table.rows().size() + (table.totalsRow() ? 1 : 0);
            XWPFTable t = docx.createTable(rowCount, table.columns().size());
            t.setWidth("100%");
            t.setTableAlignment(TableRowAlign.CENTER);
            XWPFTableRow header = t.getRow(0);
            header.setRepeatHeader(true);
            for (int c = 0; c < table.columns().size(); c++) {
                Table.Column column = table.columns().get(c);
                cell(header.getCell(c), column.name(), true, "FFFFFF", look.primaryColor(), isNumeric(column));
            }
            for (int r = 0; r < table.rows().size(); r++) {
                XWPFTableRow row = t.getRow(r + 1);
                String fill = r % 2 == 1 ? "F2F4F7" : null;
                for (int c = 0; c < table.columns().size(); c++) {
                    Table.Column column = table.columns().get(c);
                    cell(row.getCell(c), TextFormat.cell(table.rows().get(r).get(c), column), false,
                            look.textColor(), fill, isNumeric(column));
                }
            }
            if (table.totalsRow()) {
                XWPFTableRow totals = t.getRow(rowCount - 1);
                for (int c = 0; c < table.columns().size(); c++) {
                    Table.Column column = table.columns().get(c);
                    String text = c == 0 ? "Total"
                            : isNumeric(column) && !column.format().contains("%")
                            ? TextFormat.number(table.columnTotal(c), column.format()) : "";
                    cell(totals.getCell(c), text, true, look.textColor(), "E4E8EE", isNumeric(column));
                }
            }
            docx.createParagraph();
        }

        private static boolean isNumeric(Table.Column column) {
            return column.type() == Table.ColumnType.NUMBER;
        }

        private void cell(XWPFTableCell cell, String text, boolean bold, String color, String fill,
                          boolean alignRight) {
            XWPFParagraph p = cell.getParagraphArray(0);
            p.setSpacingAfter(0);
            p.setAlignment(alignRight ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
            XWPFRun run = p.createRun();
            run.setText(text);
            run.setBold(bold);
            run.setColor(color);
            run.setFontSize(look.bodySize() - 1);
            run.setFontFamily(look.bodyFont());
            if (fill != null) {
                cell.setColor(fill);
            }
        }

        private void chart(Chart chart) {
            XWPFRun run = docx.createParagraph().createRun();
            PageSetup page = look.page();
            double textWidthPt = page.widthPt() - 2 * page.marginPt();
            int width = Units.toEMU(textWidthPt);
            int height = Units.toEMU(textWidthPt * 0.55);
            try {
                XWPFChart target = docx.createChart(run, width, height);
                XddfChartWriter.write(target, chart, look, XddfChartWriter.embedded(target, created), true);
            } catch (InvalidFormatException | IOException e) {
                warnings.add("chart '" + chart.title() + "' could not be embedded in DOCX: " + e.getMessage());
            }
            paragraph(DocxStyles.CAPTION).createRun().setText(chart.title());
        }

        private void quote(Quote quote) {
            XWPFParagraph p = paragraph(DocxStyles.QUOTE);
            p.setIndentationLeft(567);
            p.setBorderLeft(org.apache.poi.xwpf.usermodel.Borders.SINGLE);
            p.createRun().setText(quote.text());
            if (!quote.attribution().isBlank()) {
                XWPFRun attribution = p.createRun();
                attribution.addBreak();
                attribution.setText("— " + quote.attribution());
                attribution.setItalic(false);
            }
        }

        private XWPFParagraph paragraph(String style) {
            XWPFParagraph p = docx.createParagraph();
            p.setStyle(style);
            return p;
        }

        private static void fieldChar(XWPFParagraph paragraph, STFldCharType.Enum type) {
            paragraph.createRun().getCTR().addNewFldChar().setFldCharType(type);
        }
    }
}
